// abi_support.hpp - what every ABI test shares: the loaded library's function table, the
// two widths (char and psh_wchar) behind one template, unit strings, and calls that place
// inputs and outputs against guard pages.
//
// profshim.h is included for its types and constants only: no test calls a profshim
// function by its linked name; all calls go through pointers from the export table.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "guarded_memory.hpp"
#include "library_loader.hpp"
#include "profshim.h"

namespace psh_abi {

// ---- The function table -------------------------------------------------------------------
// The pointer types come from the header's own declarations (decltype does not use the
// functions, so nothing is linked), calling convention included.
struct Api {
    decltype(&::psh_version) version = nullptr;
    decltype(&::psh_check) check = nullptr;
    decltype(&::psh_check_w) check_w = nullptr;
    decltype(&::psh_rewrite) rewrite = nullptr;
    decltype(&::psh_rewrite_w) rewrite_w = nullptr;
    decltype(&::psh_profile_name) profile_name = nullptr;
    decltype(&::psh_profile_name_w) profile_name_w = nullptr;
    decltype(&::psh_describe) describe = nullptr;
    decltype(&::psh_describe_w) describe_w = nullptr;
    bool complete() const {
        return version && check && check_w && rewrite && rewrite_w && profile_name &&
               profile_name_w && describe && describe_w;
    }
};

// The names the tests bind (each must be listed in exports.def).
const std::vector<std::string>& bound_names();
// The names of the generated exports file (${PROFSHIM_EXPORTS_FILE}, made from exports.def).
const std::vector<std::string>& listed_exports();

const Api& api();
const LibraryLoader& library();

// Finds the library path: --profshim-library=PATH or a bare PATH argument left over after
// GoogleTest took its flags, else the PROFSHIM_LIBRARY environment variable, else the
// platform's file name (libprofshim.so.1 / profshim.dll) on the loader's search path.
std::string library_path_from(int argc, char** argv);
// Loads it and binds the table. Returns false (with a message) if it cannot be loaded; a
// missing export is not a load failure: the Exports tests report it, by name.
bool load_library(const std::string& path, std::string* error);
// The main() of every ABI test executable.
int abi_main(int argc, char** argv);

// Every test fixture calls this first: no call through a null pointer.
#define PSH_REQUIRE_API()                                                                 \
    do {                                                                                  \
        ASSERT_TRUE(::psh_abi::api().complete())                                          \
            << "profshim is not loaded, or an export is missing (see Exports tests)";     \
    } while (0)

// ---- Status names, from profshim.h section 3 ------------------------------------------------
struct StatusName {
    int32_t value;
    const char* name;
};
const std::vector<StatusName>& contract_statuses();
std::string status_name(int32_t status);  // "PSH_E_BAD_DN" or "0x12345678"

// Compares statuses by name, so that a failure reads "PSH_E_BAD_DN" vs "PSH_E_SYNTAX".
#define EXPECT_STATUS(actual, expected) \
    EXPECT_EQ(::psh_abi::status_name(actual), ::psh_abi::status_name(expected))
#define ASSERT_STATUS(actual, expected) \
    ASSERT_EQ(::psh_abi::status_name(actual), ::psh_abi::status_name(expected))

// ---- Units ----------------------------------------------------------------------------------
template <class U>
using Units = std::vector<U>;

// Widens (or copies) each byte of `s` to one unit: ASCII test strings in either width.
template <class U>
Units<U> units(std::string_view s) {
    Units<U> out;
    out.reserve(s.size());
    for (const char c : s) out.push_back(static_cast<U>(static_cast<unsigned char>(c)));
    return out;
}

// A printable rendering of a unit string, for failure messages.
template <class U>
std::string show(const Units<U>& s) {
    std::string out = "\"";
    for (U u : s) {
        const uint32_t c = static_cast<uint32_t>(u);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c >= 0x20 && c < 0x7F) out += static_cast<char>(c);
        else {
            char buf[16];
            std::snprintf(buf, sizeof buf, c > 0xFF ? "\\u%04X" : "\\x%02X", static_cast<unsigned>(c));
            out += buf;
        }
    }
    out += "\"";
    if (s.size() <= 80) return out;
    std::string counted = "(";
    counted += std::to_string(s.size());
    counted += " units) ";
    counted += out;
    return counted;
}
inline std::string show(std::string_view s) { return show(units<char>(s)); }

inline std::string repeat(char c, size_t n) { return std::string(n, c); }

// ---- The two widths ---------------------------------------------------------------------------
template <class U>
struct Width;

template <>
struct Width<char> {
    static constexpr const char* name = "narrow";
    static auto check() { return api().check; }
    static auto rewrite() { return api().rewrite; }
    static auto profile_name() { return api().profile_name; }
    static auto describe() { return api().describe; }
};

template <>
struct Width<psh_wchar> {
    static constexpr const char* name = "wide";
    static auto check() { return api().check_w; }
    static auto rewrite() { return api().rewrite_w; }
    static auto profile_name() { return api().profile_name_w; }
    static auto describe() { return api().describe_w; }
};

using Widths = ::testing::Types<char, psh_wchar>;
struct WidthNames {
    template <class T>
    static std::string GetName(int) {
        return std::is_same_v<T, char> ? "narrow" : "wide";
    }
};

// ---- Calls ------------------------------------------------------------------------------------
// How `info` is passed: its length explicitly (len = size, no NUL after it), or NUL-terminated
// (len = -1). In both cases the input ends right before a guard page.
enum class LenMode { Explicit, NulTerminated };
inline const char* mode_name(LenMode m) { return m == LenMode::Explicit ? "len=size" : "len=-1"; }
constexpr LenMode kBothModes[] = {LenMode::Explicit, LenMode::NulTerminated};

inline psh_report fresh_report() {
    psh_report r;
    std::memset(&r, 0x5A, sizeof r);  // every field must be written: start from garbage
    r.size = static_cast<int32_t>(sizeof(psh_report));
    return r;
}

struct CheckResult {
    int32_t status = 0;
    int32_t status_without_report = 0;  // the same call with report = NULL
    psh_report report{};
};

template <class U>
CheckResult call_check(const Units<U>& in, LenMode mode) {
    CheckResult res;
    GuardedUnits<U> g(in, mode == LenMode::NulTerminated);
    const int32_t len = mode == LenMode::Explicit ? static_cast<int32_t>(in.size()) : -1;
    res.report = fresh_report();
    res.status = Width<U>::check()(g.data(), len, &res.report);
    res.status_without_report = Width<U>::check()(g.data(), len, nullptr);
    return res;
}

// What a call of an output function gave.
template <class U>
struct OutResult {
    int32_t status = 0;
    int32_t out_len = 0;
    Units<U> text;  // the units before the first NUL, when the call succeeded
};

// One call of psh_rewrite / psh_profile_name (same shape).
template <class U>
using InfoOutFn = int32_t(PSH_CALL*)(const U*, int32_t, uint32_t, U*, int32_t, int32_t*);

template <class U>
OutResult<U> call_info_out(InfoOutFn<U> fn, const Units<U>& in, LenMode mode, uint32_t flags,
                           int32_t cap = 8192) {
    OutResult<U> res;
    GuardedUnits<U> g(in, mode == LenMode::NulTerminated);
    const int32_t len = mode == LenMode::Explicit ? static_cast<int32_t>(in.size()) : -1;
    GuardedUnits<U> out(static_cast<size_t>(cap));
    for (size_t i = 0; i < out.size(); ++i) out.data()[i] = static_cast<U>(0x41);
    res.out_len = 0x5A5A5A5A;
    res.status = fn(g.data(), len, flags, out.data(), cap, &res.out_len);
    if (res.status == PSH_OK) {
        for (size_t i = 0; i < out.size() && out.data()[i] != 0; ++i) res.text.push_back(out.data()[i]);
    }
    return res;
}

template <class U>
OutResult<U> call_rewrite(const Units<U>& in, LenMode mode, uint32_t flags = 0) {
    return call_info_out<U>(Width<U>::rewrite(), in, mode, flags);
}
template <class U>
OutResult<U> call_profile_name(const Units<U>& in, LenMode mode, uint32_t flags = 0) {
    return call_info_out<U>(Width<U>::profile_name(), in, mode, flags);
}
template <class U>
OutResult<U> call_describe(int32_t status, int32_t cap = 4096) {
    OutResult<U> res;
    GuardedUnits<U> out(static_cast<size_t>(cap));
    res.out_len = 0x5A5A5A5A;
    res.status = Width<U>::describe()(status, out.data(), cap, &res.out_len);
    if (res.status == PSH_OK)
        for (size_t i = 0; i < out.size() && out.data()[i] != 0; ++i) res.text.push_back(out.data()[i]);
    return res;
}

// ---- An independent FNV-1a 64 (profshim.h section 7) -----------------------------------------
inline uint64_t fnv1a64(std::string_view key) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : key) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}
inline std::string hex16(uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

}  // namespace psh_abi
