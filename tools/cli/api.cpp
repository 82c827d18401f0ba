#include "api.hpp"

#include <cctype>
#include <cstdio>
#include <vector>

namespace profshim_cli {

namespace {

// The length to pass: the exact count, or PSH_MAX_INPUT + 1 for anything longer (the
// library then says PSH_E_TOO_LONG without reading it).
int32_t unit_count(std::string_view info) {
    return info.size() > static_cast<std::size_t>(PSH_MAX_INPUT)
               ? PSH_MAX_INPUT + 1
               : static_cast<int32_t>(info.size());
}

const char* units(std::string_view info) { return info.data() != nullptr ? info.data() : ""; }

// The buffer protocol of the header: call with out = NULL, cap = 0 to learn the length L,
// then with cap = L + 1. `call(out, cap, &len)` wraps one psh_* function.
template <class Call>
Text with_buffer(Call call) {
    int32_t need = 0;
    int32_t status = call(nullptr, 0, &need);
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (status == PSH_OK) return {PSH_OK, {}};  // only an empty result fits cap 0 (never, by the contract)
        if (status != PSH_E_INSUFFICIENT_BUFFER) return {status, {}};
        if (need < 0 || need > 16 * PSH_MAX_INPUT) return {PSH_E_UNEXPECTED, {}};
        std::vector<char> buf(static_cast<std::size_t>(need) + 1, '\0');
        int32_t got = 0;
        status = call(buf.data(), need + 1, &got);
        if (status == PSH_OK) {
            if (got < 0 || got > need) return {PSH_E_UNEXPECTED, {}};
            return {PSH_OK, std::string(buf.data(), static_cast<std::size_t>(got))};
        }
        need = got;
    }
    return {PSH_E_UNEXPECTED, {}};
}

struct Named {
    int32_t status;
    const char* name;
};

constexpr Named kNames[] = {
    {PSH_OK, "PSH_OK"},
    {PSH_E_POINTER, "PSH_E_POINTER"},
    {PSH_E_INVALIDARG, "PSH_E_INVALIDARG"},
    {PSH_E_UNEXPECTED, "PSH_E_UNEXPECTED"},
    {PSH_E_INSUFFICIENT_BUFFER, "PSH_E_INSUFFICIENT_BUFFER"},
    {PSH_E_TOO_LONG, "PSH_E_TOO_LONG"},
    {PSH_E_UNKNOWN_FLAGS, "PSH_E_UNKNOWN_FLAGS"},
    {PSH_E_BAD_CHAR, "PSH_E_BAD_CHAR"},
    {PSH_E_NO_SEPARATOR, "PSH_E_NO_SEPARATOR"},
    {PSH_E_SYNTAX, "PSH_E_SYNTAX"},
    {PSH_E_EMPTY_SERVER, "PSH_E_EMPTY_SERVER"},
    {PSH_E_BAD_SERVER, "PSH_E_BAD_SERVER"},
    {PSH_E_EMPTY_MAILBOX, "PSH_E_EMPTY_MAILBOX"},
    {PSH_E_BAD_MAILBOX, "PSH_E_BAD_MAILBOX"},
    {PSH_E_BAD_DN, "PSH_E_BAD_DN"},
    {PSH_E_UNSAFE_CHAR, "PSH_E_UNSAFE_CHAR"},
    {PSH_E_RESERVED_NAME, "PSH_E_RESERVED_NAME"},
};

std::string upper(std::string_view s) {
    std::string r(s);
    for (char& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return r;
}

}  // namespace

Check check(std::string_view info) {
    Check c;
    c.report.size = static_cast<int32_t>(sizeof(psh_report));
    c.status = psh_check(units(info), unit_count(info), &c.report);
    return c;
}

Text rewrite(std::string_view info, uint32_t flags) {
    return with_buffer([&](char* out, int32_t cap, int32_t* len) {
        return psh_rewrite(units(info), unit_count(info), flags, out, cap, len);
    });
}

Text profile_name(std::string_view info) {
    return with_buffer([&](char* out, int32_t cap, int32_t* len) {
        return psh_profile_name(units(info), unit_count(info), 0, out, cap, len);
    });
}

std::string describe(int32_t status) {
    Text t = with_buffer([&](char* out, int32_t cap, int32_t* len) {
        return psh_describe(status, out, cap, len);
    });
    if (t.status == PSH_OK) return t.text;
    return status_label(status) + " (psh_describe failed with " + status_hex(t.status) + ")";
}

const char* status_name(int32_t status) {
    for (const auto& n : kNames)
        if (n.status == status) return n.name;
    return nullptr;
}

std::string status_hex(int32_t status) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", static_cast<unsigned>(static_cast<uint32_t>(status)));
    return buf;
}

std::string status_label(int32_t status) {
    const char* n = status_name(status);
    return n != nullptr ? std::string(n) : status_hex(status);
}

bool parse_status_name(std::string_view name, int32_t& status) {
    const std::string u = upper(name);
    for (const auto& n : kNames) {
        const std::string_view full = n.name;  // PSH_OK, PSH_E_...
        const std::string_view no_psh = full.substr(4);  // OK, E_...
        const std::string_view bare = no_psh.starts_with("E_") ? no_psh.substr(2) : no_psh;
        if (u == full || u == no_psh || u == bare) {
            status = n.status;
            return true;
        }
    }
    return false;
}

const char* form_name(int32_t form) {
    switch (form) {
        case PSH_FORM_UNKNOWN: return "unknown";
        case PSH_FORM_ALIAS: return "alias";
        case PSH_FORM_DN: return "dn";
        case PSH_FORM_ANONYMOUS: return "anonymous";
        default: return "?";
    }
}

std::string version_string(int32_t number) {
    return std::to_string(number / 10000) + "." + std::to_string(number / 100 % 100) + "." +
           std::to_string(number % 100);
}

}  // namespace profshim_cli
