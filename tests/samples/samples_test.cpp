// The samples file's EXPECT fields against the library, through its exports: for every
// sample of examples/profileinfo-samples.txt (the format is at the top of that file) that
// states what the library returns, call psh_check, psh_rewrite and psh_profile_name, in
// both widths (the INFO's UTF-8 and, where it is UTF-8, its UTF-16), and compare. Offsets
// in EXPECT count the bytes of the UTF-8 INFO. Run: samples_test FILE [gtest options].
//
// EXPECT is space-separated key=value; a value is a status name without its PSH_/PSH_E_
// prefix, or a quoted C-escaped result (which means PSH_OK with exactly that result):
//   check=STATUS[@OFFSET]        psh_check's status and error_offset (omitted: -1)
//   rewritable=0|1               psh_check's report.rewritable
//   rewrite="OUT"|STATUS         psh_rewrite(info, 0)
//   exact="OUT"|STATUS           psh_rewrite(info, PSH_REWRITE_EXACT)
//   keep_dn="OUT"|STATUS         psh_rewrite(info, PSH_REWRITE_KEEP_DN)
//   name="NAME"|STATUS           psh_profile_name(info, 0)

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../../tools/cli/samples.hpp"
#include "profshim.h"

namespace {

using profshim_cli::Sample;

std::string g_samples_path;

// The status's name: psh_describe's line up to ": " (the header promises the name there).
std::string status_name(int32_t status) {
    char text[1024];
    if (psh_describe(status, text, sizeof text, nullptr) != PSH_OK) return "describe failed";
    const std::string s = text;
    return s.substr(0, s.find(": "));
}

// The INFO as UTF-16, for the _w functions (profshim.h section 11.1): decoded from its UTF-8;
// nullopt when it is not UTF-8, which has no twin in the other width (section 11.6).
std::optional<std::u16string> utf16_of(const std::string& utf8) {
    std::u16string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(utf8[i + k]); };
        uint32_t c = byte(0);
        std::size_t n = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
        if (n == 0 || i + n > utf8.size()) return std::nullopt;
        if (n > 1) c &= 0x7Fu >> n;
        for (std::size_t k = 1; k < n; ++k) {
            if ((byte(k) & 0xC0) != 0x80) return std::nullopt;
            c = (c << 6) | (byte(k) & 0x3F);
        }
        if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
            return std::nullopt;
        if (c >= 0x10000) {
            out += static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
            out += static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            out += static_cast<char16_t>(c);
        }
        i += n;
    }
    return out;
}

const psh_wchar* wide(const std::u16string& w) { return reinterpret_cast<const psh_wchar*>(w.c_str()); }

// The UTF-16 offset of the character at byte `offset` of the UTF-8 `info` (-1 stays -1).
int32_t utf16_offset(const std::string& info, int32_t offset) {
    if (offset < 0) return offset;
    const auto prefix = utf16_of(info.substr(0, static_cast<std::size_t>(offset)));
    return prefix ? static_cast<int32_t>(prefix->size()) : -2;
}

int32_t length(const std::string& s) { return static_cast<int32_t>(s.size()); }

// A status name as the samples file writes it: without PSH_E_ or PSH_ ("UNSAFE_CHAR", "OK").
std::string bare(std::string name) {
    for (const char* prefix : {"PSH_E_", "PSH_"})
        if (name.starts_with(prefix)) return name.substr(std::string_view(prefix).size());
    return name;
}

// What a call returned: the status as the samples file writes it, and the result.
struct Result {
    std::string status;
    std::string text;  // when OK
};

Result result_of(int32_t status, const std::string& text) { return {bare(status_name(status)), text}; }

// psh_rewrite (or, with flags = -1, psh_profile_name) in both widths; they must agree
// (section 11.6) where the INFO is UTF-8.
Result call(const std::string& info, int64_t flags) {
    char out[4 * PSH_MAX_INPUT];
    psh_wchar out_w[4 * PSH_MAX_INPUT];
    int32_t n = 0, n_w = 0;
    const int32_t st = flags < 0 ? psh_profile_name(info.data(), length(info), 0, out, sizeof out, &n)
                                 : psh_rewrite(info.data(), length(info), static_cast<uint32_t>(flags), out, sizeof out, &n);
    const std::string text = st == PSH_OK ? std::string(out, static_cast<std::size_t>(n)) : "";
    if (const auto w = utf16_of(info)) {
        const auto w_len = static_cast<int32_t>(w->size());
        const int32_t st_w = flags < 0 ? psh_profile_name_w(wide(*w), w_len, 0, out_w, 4 * PSH_MAX_INPUT, &n_w)
                                       : psh_rewrite_w(wide(*w), w_len, static_cast<uint32_t>(flags), out_w, 4 * PSH_MAX_INPUT, &n_w);
        EXPECT_EQ(st, st_w) << "the two widths differ";
        if (st == PSH_OK && st_w == PSH_OK) {
            EXPECT_EQ(utf16_of(text), std::u16string(reinterpret_cast<const char16_t*>(out_w), static_cast<std::size_t>(n_w)))
                << "the two widths differ";
        }
    }
    return result_of(st, text);
}

// Splits EXPECT into key=value pairs; a quoted value is decoded and marked by `quoted`.
struct Field {
    std::string key, value;
    bool quoted = false;
};

std::vector<Field> fields_of(const std::string& expect) {
    std::vector<Field> fields;
    std::size_t i = 0;
    while ((i = expect.find_first_not_of(' ', i)) != std::string::npos) {
        Field f;
        const std::size_t eq = expect.find('=', i);
        if (eq == std::string::npos) {
            ADD_FAILURE() << "no '=' in EXPECT at column " << i + 1;
            break;
        }
        f.key = expect.substr(i, eq - i);
        i = eq + 1;
        std::size_t end = expect.find(' ', i);
        if (i < expect.size() && expect[i] == '"') {
            end = i + 1;
            while (end < expect.size() && expect[end] != '"') end += expect[end] == '\\' ? 2 : 1;
            profshim_cli::EscapeError e;
            f.quoted = true;
            if (end >= expect.size() || !profshim_cli::decode_c_escapes(expect.substr(i + 1, end - i - 1), f.value, e))
                ADD_FAILURE() << f.key << ": a bad quoted value";
            ++end;
        } else {
            f.value = expect.substr(i, end == std::string::npos ? std::string::npos : end - i);
        }
        fields.push_back(f);
        i = end == std::string::npos ? expect.size() : end;
    }
    return fields;
}

std::vector<Sample> read_samples() {
    std::ifstream in(g_samples_path, std::ios::binary);
    EXPECT_TRUE(in) << "cannot read " << g_samples_path;
    std::vector<Sample> samples;
    const std::string error = profshim_cli::read_samples(in, [&](const Sample& s) { samples.push_back(s); });
    EXPECT_EQ(error, "") << g_samples_path << ":" << error;
    return samples;
}

TEST(Samples, EveryExpectationHolds) {
    const std::vector<Sample> samples = read_samples();
    int checked = 0;
    for (const Sample& s : samples) {
        if (s.expect.empty()) continue;
        SCOPED_TRACE(g_samples_path + ":" + std::to_string(s.line) + " " + s.label);
        ++checked;
        psh_report r{}, r_w{};
        r.size = r_w.size = static_cast<int32_t>(sizeof(psh_report));
        const int32_t st = psh_check(s.info.data(), length(s.info), &r);
        if (const auto w = utf16_of(s.info)) {   // the same characters: the same answer, at the same one
            const int32_t st_w = psh_check_w(wide(*w), static_cast<int32_t>(w->size()), &r_w);
            EXPECT_EQ(st, st_w) << "psh_check: the two widths differ";
            EXPECT_EQ(utf16_offset(s.info, r.error_offset), r_w.error_offset) << "psh_check: the two widths differ";
        }
        for (const Field& f : fields_of(s.expect)) {
            Result got;
            if (f.key == "check") {
                const std::size_t at = f.value.find('@');
                EXPECT_EQ(bare(f.value.substr(0, at)), result_of(st, "").status) << "check";
                EXPECT_EQ(at == std::string::npos ? -1 : std::stoi(f.value.substr(at + 1)), r.error_offset) << "check offset";
                continue;
            }
            if (f.key == "rewritable") {
                EXPECT_EQ(f.value, std::to_string(r.rewritable)) << "rewritable";
                continue;
            }
            if (f.key == "rewrite") got = call(s.info, 0);
            else if (f.key == "exact") got = call(s.info, PSH_REWRITE_EXACT);
            else if (f.key == "keep_dn") got = call(s.info, PSH_REWRITE_KEEP_DN);
            else if (f.key == "name") got = call(s.info, -1);
            else {
                ADD_FAILURE() << "unknown EXPECT key '" << f.key << "'";
                continue;
            }
            EXPECT_EQ(f.quoted ? "OK" : bare(f.value), got.status) << f.key;
            if (f.quoted) {  // compared in C escapes, so a difference reads as the file writes it
                EXPECT_EQ(profshim_cli::encode_c_escapes(f.value, true), profshim_cli::encode_c_escapes(got.text, true)) << f.key;
            }
        }
    }
    EXPECT_GT(checked, 20) << "fewer samples with EXPECT fields than the file has had since 1.0";
}

}  // namespace

int main(int argc, char** argv) {
    testing::InitGoogleTest(&argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: samples_test FILE [gtest options]\n");
        return 2;
    }
    g_samples_path = argv[1];
    return RUN_ALL_TESTS();
}
