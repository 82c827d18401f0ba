// Section 11 (version 1.2, Unicode text): every rule in both widths and both length modes,
// offsets included. A case is written once as characters (a UTF-32 string); the byte
// functions get its UTF-8, the _w functions its UTF-16, and every expected offset is given
// as a character index and turned into the units of the width called (bytes, UTF-16 units).
// A few cases also state their offsets as plain numbers, so that the conversion is not the
// only witness. Ill-formed input, which has no twin in the other width (11.6), is tested
// per width with raw units. Then 11.6 as a property over generated strings of characters,
// random bytes and random units.
#include <random>

#include "check_cases.hpp"

namespace psh_abi {
namespace {

// ---- Encoding, written here from RFC 3629 and RFC 2781 -----------------------------------

template <class U>
Units<U> encode(std::u32string_view text) {
    Units<U> out;
    for (const char32_t c : text) {
        const uint32_t v = c;
        if constexpr (std::is_same_v<U, char>) {
            const auto put = [&](uint32_t byte) { out.push_back(static_cast<char>(static_cast<unsigned char>(byte))); };
            if (v < 0x80) {
                put(v);
            } else if (v < 0x800) {
                put(0xC0 | (v >> 6)); put(0x80 | (v & 0x3F));
            } else if (v < 0x10000) {
                put(0xE0 | (v >> 12)); put(0x80 | ((v >> 6) & 0x3F)); put(0x80 | (v & 0x3F));
            } else {
                put(0xF0 | (v >> 18)); put(0x80 | ((v >> 12) & 0x3F)); put(0x80 | ((v >> 6) & 0x3F));
                put(0x80 | (v & 0x3F));
            }
        } else {
            if (v < 0x10000) {
                out.push_back(static_cast<psh_wchar>(v));
            } else {
                out.push_back(static_cast<psh_wchar>(0xD800 + ((v - 0x10000) >> 10)));
                out.push_back(static_cast<psh_wchar>(0xDC00 + ((v - 0x10000) & 0x3FF)));
            }
        }
    }
    return out;
}

// The units of the first `characters` characters of `text`: the offset of character
// `characters` in width U.
template <class U>
int32_t units_before(std::u32string_view text, int32_t characters) {
    if (characters < 0) return characters;
    return static_cast<int32_t>(encode<U>(text.substr(0, static_cast<size_t>(characters))).size());
}

// Decodes well-formed units back to characters (what the library wrote).
template <class U>
std::u32string decode(const Units<U>& units) {
    std::u32string out;
    for (size_t i = 0; i < units.size();) {
        uint32_t v = static_cast<uint32_t>(units[i]) & (std::is_same_v<U, char> ? 0xFFu : 0xFFFFu);
        if constexpr (std::is_same_v<U, char>) {
            const int n = v < 0x80 ? 1 : v < 0xE0 ? 2 : v < 0xF0 ? 3 : 4;
            if (n > 1) v &= 0x7Fu >> n;
            for (int k = 1; k < n && i + static_cast<size_t>(k) < units.size(); ++k) {
                v = (v << 6) | (static_cast<unsigned char>(units[i + static_cast<size_t>(k)]) & 0x3Fu);
            }
            i += static_cast<size_t>(n);
        } else {
            if (v >= 0xD800 && v <= 0xDBFF && i + 1 < units.size()) {
                v = 0x10000 + ((v - 0xD800) << 10) + (static_cast<uint32_t>(units[i + 1]) - 0xDC00);
                ++i;
            }
            ++i;
        }
        out.push_back(static_cast<char32_t>(v));
    }
    return out;
}

std::string utf8(std::u32string_view text) {
    const Units<char> bytes = encode<char>(text);
    return std::string(bytes.begin(), bytes.end());
}

// ---- One case of psh_check, in characters ---------------------------------------------------

struct UnicodeCase {
    std::string rule;
    std::u32string info;
    int32_t status;
    int32_t error_char = -1;   // the character at fault (or the end), as a character index
    int32_t form;
    int32_t rewritable;
};

template <class U>
void run_unicode_case(const UnicodeCase& c) {
    SCOPED_TRACE("section " + c.rule + ", info " + show(encode<psh_wchar>(c.info)) + ", " + Width<U>::name);
    const Units<U> in = encode<U>(c.info);
    ExpectedParts parts;
    if (separators_parsed(c.status)) {
        const size_t lf = c.info.find(U'\n');
        const int32_t lf_at = units_before<U>(c.info, static_cast<int32_t>(lf));
        parts.server_offset = 0;
        parts.server_length = lf_at;
        parts.mailbox_offset = lf_at + (c.form == PSH_FORM_ANONYMOUS ? 2 : 1);
        parts.mailbox_length = static_cast<int32_t>(in.size()) - parts.mailbox_offset;
    }
    const int32_t error_offset = units_before<U>(c.info, c.error_char);
    for (LenMode mode : kBothModes) {
        if (mode == LenMode::NulTerminated && c.info.find(U'\0') != std::u32string::npos) continue;
        SCOPED_TRACE(mode_name(mode));
        const CheckResult res = call_check<U>(in, mode);
        EXPECT_STATUS(res.status, c.status);
        EXPECT_STATUS(res.status_without_report, c.status);
        expect_report(res.report, c.status, c.form, parts, error_offset, c.rewritable);
        EXPECT_EQ(res.report.rewritable, call_rewrite<U>(in, mode, 0).status == PSH_OK ? 1 : 0);
    }
}

template <class U>
class Unicode : public ::testing::Test {
protected:
    void SetUp() override { PSH_REQUIRE_API(); }
};
TYPED_TEST_SUITE(Unicode, Widths, WidthNames);

const std::u32string M = U"EXCH01\n";   // the alias starts at character 7
const std::u32string kDnPrefix = U"/o=Contoso/ou=NYC/cn=Recipients/cn=";
const std::u32string kServerDnPrefix = U"/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=";

std::u32string times(std::u32string_view s, int n) {
    std::u32string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// 11.2: which characters pass rule 1, and where the controls fail.
TYPED_TEST(Unicode, Section11_2_Characters) {
    const std::vector<UnicodeCase> cases = {
        {"11.2 German display name", M + U"J\u00fcrgen M\u00fcller", PSH_OK, -1, kAlias, 1},
        {"11.2 Polish display name", M + U"\u0141ukasz \u017b\u00f3\u0142ty", PSH_OK, -1, kAlias, 1},
        {"11.2 Chinese display name", M + U"\u5f20\u4f1f", PSH_OK, -1, kAlias, 1},
        {"11.2 supplementary plane", M + U"\U0001F600x\U00020000", PSH_OK, -1, kAlias, 1},
        {"11.2 U+FEFF is no control", M + U"\ufeffjdoe", PSH_OK, -1, kAlias, 1},
        {"11.2 no-break space last is no ASCII space", M + U"jdoe\u00a0", PSH_OK, -1, kAlias, 1},
        {"11.2 narrow no-break space first", M + U"\u202fjdoe", PSH_OK, -1, kAlias, 1},
        {"11.2 U+FFFF is a scalar value", M + U"j\uffff", PSH_OK, -1, kAlias, 1},
        {"11.2 C1 control U+0080", M + U"\u00fc\u0080", PSH_E_BAD_CHAR, 8, kUnknown, 0},
        {"11.2 C1 control U+0085", M + U"\u00fc\u0085x", PSH_E_BAD_CHAR, 8, kUnknown, 0},
        {"11.2 C1 control U+009F", U"\u5f20\n\u009f", PSH_E_BAD_CHAR, 2, kUnknown, 0},
        {"11.2 DEL after non-ASCII", M + U"\U0001F600\u007f", PSH_E_BAD_CHAR, 8, kUnknown, 0},
        {"11.2 CR keeps its 1.1 answer", M + U"\u00fc\r", PSH_E_BAD_CHAR, 8, kUnknown, 1},
        {"11.2 TAB keeps its 1.1 answer", M + U"\u00fc\tx", PSH_E_BAD_CHAR, 8, kUnknown, 0},
        {"11.2 NUL keeps its 1.1 answer", M + U"\u00fc" + std::u32string(1, U'\0') + U"x", PSH_E_BAD_CHAR, 8,
         kUnknown, 0},
        {"11.2 a control before a server fault", U"\u00fc\x01\njdoe", PSH_E_BAD_CHAR, 1, kUnknown, 0},
    };
    for (const auto& c : cases) run_unicode_case<TypeParam>(c);
}

// 11.3: the server and DNs stay ASCII; the alias rules keep their kind; the limit is 64
// UTF-16 units in both widths; the superscript device names.
TYPED_TEST(Unicode, Section11_3_WhereNonAsciiMayStand) {
    const std::u32string guid = U"3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c@";
    std::vector<UnicodeCase> cases = {
        {"11.3 server", U"EXCH\u00fc01\njdoe", PSH_E_BAD_SERVER, 4, kAlias, 0},
        {"11.3 server, first unit", U"\u5f20\njdoe", PSH_E_BAD_SERVER, 0, kAlias, 0},
        {"11.3 server, supplementary", U"exch\U0001F600.contoso.com\njdoe", PSH_E_BAD_SERVER, 4, kAlias, 0},
        {"11.3 server, an internationalised name", U"m\u00fcller.de\njdoe", PSH_E_BAD_SERVER, 1, kAlias, 0},
        {"11.3 server, its xn-- form passes", U"xn--mller-kva.de\nj\u00fcrgen", PSH_OK, -1, kAlias, 1},
        {"11.3 personalized server's host", guid + U"cont\u00f6so.com\njdoe", PSH_E_BAD_SERVER, 41, kAlias, 0},
        {"11.3 DN mailbox", M + kDnPrefix + U"j\u00fcrgen", PSH_E_BAD_DN, 7 + 36, kDn, 0},
        {"11.3 DN mailbox, /o=", M + U"/o=M\u00fcller/ou=A/cn=b", PSH_E_BAD_DN, 11, kDn, 0},
        {"11.3 anonymous server DN", kServerDnPrefix + U"EXCH\u00fc\n\nanon", PSH_E_BAD_DN, 53, kAnon, 0},
        {"11.3 alias, ':' is still unsafe", M + U"J\u00fcrgen:M\u00fcller", PSH_E_UNSAFE_CHAR, 13, kAlias, 0},
        {"11.3 alias, '.' last", M + U"\u5f20\u4f1f.", PSH_E_UNSAFE_CHAR, 9, kAlias, 0},
        {"11.3 alias, ASCII space first", M + U" \u00fc", PSH_E_BAD_MAILBOX, 7, kAlias, 1},
        {"11.3 alias, ASCII space last", M + U"\u00fc ", PSH_E_BAD_MAILBOX, 8, kAlias, 1},
        {"11.3 alias, 64 two-byte characters", M + times(U"\u00fc", 64), PSH_OK, -1, kAlias, 1},
        {"11.3 alias, the 65th unit", M + times(U"\u00fc", 64) + U"x", PSH_E_BAD_MAILBOX, 71, kAlias, 0},
        {"11.3 alias, 64 three-byte characters", M + times(U"\u5f20", 64), PSH_OK, -1, kAlias, 1},
        {"11.3 alias, 63 units and a supplementary character", M + times(U"a", 63) + U"\U0001F600",
         PSH_E_BAD_MAILBOX, 70, kAlias, 0},
        {"11.3 alias, 62 units and a supplementary character", M + times(U"a", 62) + U"\U0001F600", PSH_OK, -1,
         kAlias, 1},
        {"11.3 alias, 32 supplementary characters", M + times(U"\U0001F600", 32), PSH_OK, -1, kAlias, 1},
        {"11.3 alias, 32 supplementary characters and one", M + times(U"\U0001F600", 33), PSH_E_BAD_MAILBOX, 39,
         kAlias, 0},
        {"11.3 COM with superscript four is no device", M + U"COM\u2074", PSH_OK, -1, kAlias, 1},
        {"11.3 COM1 and a superscript", M + U"COM\u00b9x", PSH_OK, -1, kAlias, 1},
        {"11.3 'com\u00b9' in the server is a bad server first", U"COM\u00b9\njdoe", PSH_E_BAD_SERVER, 3, kAlias, 0},
    };
    for (const char32_t superscript : {U'\u00b9', U'\u00b2', U'\u00b3'}) {
        for (const std::u32string device : {U"COM", U"LPT", U"com", U"Lpt"}) {
            cases.push_back({"11.3 device name", M + device + superscript, PSH_E_RESERVED_NAME, 7, kAlias, 0});
            cases.push_back({"11.3 device name, stem", M + device + superscript + U".txt", PSH_E_RESERVED_NAME, 7,
                             kAlias, 0});
        }
    }
    for (const auto& c : cases) run_unicode_case<TypeParam>(c);
}

// The offsets above, as plain numbers in each width, for the cases where they differ.
TEST(Unicode, Section11_1_OffsetsCountTheCallersUnits) {
    PSH_REQUIRE_API();
    const std::u32string info = M + times(U"\u00fc", 64) + U"x";
    for (LenMode mode : kBothModes) {
        const CheckResult n = call_check<char>(encode<char>(info), mode);
        EXPECT_EQ(n.report.error_offset, 7 + 128);
        EXPECT_EQ(n.report.mailbox_length, 129);
        const CheckResult w = call_check<psh_wchar>(encode<psh_wchar>(info), mode);
        EXPECT_EQ(w.report.error_offset, 71);
        EXPECT_EQ(w.report.mailbox_length, 65);
        const std::u32string server = U"\u5f20\u4f1f\u00fc\njdoe";
        const CheckResult ns = call_check<char>(encode<char>(server), mode);
        EXPECT_EQ(ns.report.server_length, 8);
        EXPECT_EQ(ns.report.mailbox_offset, 9);
        const CheckResult ws = call_check<psh_wchar>(encode<psh_wchar>(server), mode);
        EXPECT_EQ(ws.report.server_length, 3);
        EXPECT_EQ(ws.report.mailbox_offset, 4);
        const std::u32string emoji = M + times(U"\U0001F600", 33);
        EXPECT_EQ(call_check<char>(encode<char>(emoji), mode).report.error_offset, 7 + 128);
        EXPECT_EQ(call_check<psh_wchar>(encode<psh_wchar>(emoji), mode).report.error_offset, 7 + 64);
    }
}

// 11.2, ill-formed UTF-8: PSH_E_BAD_CHAR where the sequence starts, in all three functions.
TEST(Unicode, Section11_2_IllFormedUtf8) {
    PSH_REQUIRE_API();
    const std::vector<std::pair<std::string, int32_t>> cases = {
        {"EXCH01\nj\xe9", 8},                      // Latin-1, not UTF-8
        {"EXCH01\njos\xe9 x", 10},                 // cut short by a byte that cannot continue it
        {"EXCH01\nj\xc3", 8},                      // cut short by the end
        {"EXCH01\nj\xe5\xbc", 8},                  // three bytes cut short
        {"EXCH01\nj\xf0\x9f\x98", 8},              // four bytes cut short
        {"EXCH01\nj\x80", 8},                      // a stray continuation byte
        {"EXCH01\n\xc3\xbc\xbc", 9},               // one continuation byte too many
        {"EXCH01\nj\xc0\xaf", 8},                  // overlong '/'
        {"EXCH01\nj\xc1\xbf", 8},                  // overlong
        {"EXCH01\nj\xe0\x9f\xbf", 8},              // overlong, three bytes
        {"EXCH01\nj\xf0\x8f\xbf\xbf", 8},          // overlong, four bytes
        {"EXCH01\nj\xed\xa0\x80", 8},              // U+D800 encoded
        {"EXCH01\nj\xed\xbf\xbf", 8},              // U+DFFF encoded
        {"EXCH01\nj\xf4\x90\x80\x80", 8},          // U+110000
        {"EXCH01\nj\xf5\x80\x80\x80", 8},
        {"EXCH01\nj\xff", 8},
        {"EXCH01\nj\xc2\x85", 8},                  // well-formed, but U+0085 is a C1 control
        {"\xc3\xbc\xe9\njdoe", 2},                 // in the server, before its own fault
        {"EXCH01\ncom\xb9", 10},                   // COM and a Latin-1 superscript one
    };
    for (const auto& [info, offset] : cases) {
        SCOPED_TRACE(show(info));
        for (LenMode mode : kBothModes) {
            SCOPED_TRACE(mode_name(mode));
            const CheckResult r = call_check<char>(units<char>(info), mode);
            EXPECT_STATUS(r.status, PSH_E_BAD_CHAR);
            EXPECT_EQ(r.report.error_offset, offset);
            EXPECT_EQ(r.report.server_offset, -1);
            EXPECT_STATUS(call_rewrite<char>(units<char>(info), mode).status, PSH_E_BAD_CHAR);
            EXPECT_STATUS(call_profile_name<char>(units<char>(info), mode).status, PSH_E_BAD_CHAR);
        }
    }
    // U+D7FF, U+E000 and U+10FFFF are the edges that pass.
    for (const std::string ok : {"EXCH01\nj\xed\x9f\xbf", "EXCH01\nj\xee\x80\x80", "EXCH01\nj\xf4\x8f\xbf\xbf",
                                 "EXCH01\nj\xc2\xa0"}) {
        EXPECT_STATUS(call_check<char>(units<char>(ok), LenMode::Explicit).status, PSH_OK) << show(ok);
    }
}

// 11.2, ill-formed UTF-16: a lone or reversed surrogate is PSH_E_BAD_CHAR at it.
TEST(Unicode, Section11_2_IllFormedUtf16) {
    PSH_REQUIRE_API();
    const auto with = [](std::initializer_list<psh_wchar> tail) {
        Units<psh_wchar> in = units<psh_wchar>("EXCH01\nj");
        in.insert(in.end(), tail);
        return in;
    };
    const std::vector<std::pair<Units<psh_wchar>, int32_t>> cases = {
        {with({0xD800}), 8},                       // a high surrogate at the end
        {with({0xD83D, 'x'}), 8},                  // a high surrogate before ASCII
        {with({0xDE00, 'x'}), 8},                  // a lone low surrogate
        {with({0xDE00, 0xD83D}), 8},               // reversed
        {with({0xD83D, 0xDE00, 0xDE00}), 10},      // a pair, then a lone low one
        {with({0xD83D, 0xD83D, 0xDE00}), 8},       // high, high, low: the first is lone
        {with({0x00FC, 0x0085}), 9},               // a C1 control
    };
    for (const auto& [in, offset] : cases) {
        SCOPED_TRACE(show(in));
        for (LenMode mode : kBothModes) {
            SCOPED_TRACE(mode_name(mode));
            const CheckResult r = call_check<psh_wchar>(in, mode);
            EXPECT_STATUS(r.status, PSH_E_BAD_CHAR);
            EXPECT_EQ(r.report.error_offset, offset);
            EXPECT_STATUS(call_rewrite<psh_wchar>(in, mode).status, PSH_E_BAD_CHAR);
            EXPECT_STATUS(call_profile_name<psh_wchar>(in, mode).status, PSH_E_BAD_CHAR);
        }
    }
    // A lone surrogate in the server is rule 1's, before the server's rule.
    Units<psh_wchar> server = units<psh_wchar>("EXCH\njdoe");
    server.insert(server.begin() + 2, psh_wchar{0xDC00});
    EXPECT_EQ(call_check<psh_wchar>(server, LenMode::NulTerminated).report.error_offset, 2);
    EXPECT_STATUS(call_check<psh_wchar>(server, LenMode::NulTerminated).status, PSH_E_BAD_CHAR);
}

// 11.4: psh_rewrite writes in the caller's encoding; lengths in its units.
TYPED_TEST(Unicode, Section11_4_Rewrite) {
    using U = TypeParam;
    const std::vector<std::tuple<std::u32string, uint32_t, int32_t, std::u32string>> cases = {
        {U"  EXCH01 \r\n\tJ\u00fcrgen M\u00fcller \r\n", 0, PSH_OK, U"EXCH01\nJ\u00fcrgen M\u00fcller"},
        {U"EXCH01\r\n\u5f20\u4f1f\U0001F600", 0, PSH_OK, U"EXCH01\n\u5f20\u4f1f\U0001F600"},
        {U"EXCH01\n\u00a0jdoe\u00a0 ", 0, PSH_OK, U"EXCH01\n\u00a0jdoe\u00a0"},   // only ASCII blanks trimmed
        {U"EXCH01\n" + kDnPrefix + U"jdoe", PSH_REWRITE_EXACT, PSH_OK, U"EXCH01\n=jdoe"},
        {U"EXCH01\n" + kDnPrefix + U"j\u00fcrgen", 0, PSH_E_BAD_DN, U""},
        {U"EXCH01\nCOM\u00b2", 0, PSH_E_RESERVED_NAME, U""},
        {U"\u00fcber\n", 0, PSH_E_EMPTY_MAILBOX, U""},   // 11.7, before the server's own fault
        {U"\r\n\u00fcber", 0, PSH_E_EMPTY_SERVER, U""},
    };
    for (const auto& [info, flags, status, out] : cases) {
        SCOPED_TRACE(show(encode<psh_wchar>(info)));
        for (LenMode mode : kBothModes) {
            SCOPED_TRACE(mode_name(mode));
            const OutResult<U> r = call_rewrite<U>(encode<U>(info), mode, flags);
            EXPECT_STATUS(r.status, status);
            if (status != PSH_OK) continue;
            EXPECT_EQ(show(r.text), show(encode<U>(out)));
            EXPECT_EQ(r.out_len, static_cast<int32_t>(encode<U>(out).size()));
            // Section 8 in the caller's units: exactly room enough, and one unit short.
            const Units<U> in = encode<U>(info);
            const auto len = static_cast<int32_t>(in.size());
            Units<U> buffer(encode<U>(out).size() + 1, U{0x41});
            int32_t n = -1;
            EXPECT_STATUS(Width<U>::rewrite()(in.data(), len, flags, buffer.data(), static_cast<int32_t>(buffer.size()), &n), PSH_OK);
            EXPECT_EQ(n, r.out_len);
            EXPECT_STATUS(Width<U>::rewrite()(in.data(), len, flags, buffer.data(), r.out_len, &n),
                          PSH_E_INSUFFICIENT_BUFFER);
            EXPECT_EQ(n, r.out_len);
            // In place.
            Units<U> place = in;
            place.push_back(U{0});
            EXPECT_STATUS(Width<U>::rewrite()(place.data(), len, flags, place.data(), len + 1, &n), PSH_OK);
            EXPECT_EQ(show(Units<U>(place.begin(), place.begin() + n)), show(encode<U>(out)));
        }
    }
}

// 11.5: the key is UTF-8; each character outside A-Z a-z 0-9 _ is one '_' in S and M.
TYPED_TEST(Unicode, Section11_5_ProfileNames) {
    using U = TypeParam;
    const auto expected = [](std::string sm, std::u32string normalised) {
        std::string key = utf8(normalised);
        for (char& c : key) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        return sm + hex16(fnv1a64(key));
    };
    const std::vector<std::tuple<std::u32string, std::string>> cases = {
        // The contract's own example (11.5), hash included.
        {U"EXCH01\nJ\u00fcrgen M\u00fcller", "exch01_j_rgen_m_ller_11b98e8f60d3af74"},
        {U"EXCH01\nJ\u00fcrgen M\u00fcller", expected("exch01_j_rgen_m_ller_", U"EXCH01\nJ\u00fcrgen M\u00fcller")},
        {U" EXCH01\r\nJ\u00dcRGEN\r\n", expected("exch01_j_rgen_", U"EXCH01\nJ\u00dcRGEN")},   // \u00dc is not folded
        {U"EXCH01\n\u5f20\u4f1f", expected("exch01____", U"EXCH01\n\u5f20\u4f1f")},
        {U"EXCH01\n\U0001F600a", expected("exch01__a_", U"EXCH01\n\U0001F600a")},
        {U"EXCH01\nCOM\u00b9", expected("exch01_com__", U"EXCH01\nCOM\u00b9")},   // the file rules are skipped
        {U"EXCH01\nJ\u00fcrgen:M\u00fcller", expected("exch01_j_rgen_m_ller_", U"EXCH01\nJ\u00fcrgen:M\u00fcller")},
        // M keeps 46 - 6 = 40 characters, whatever their units.
        {M + times(U"\u00fc", 50), expected("exch01_" + std::string(40, '_') + "_", M + times(U"\u00fc", 50))},
        {M + times(U"\U0001F600", 30), expected("exch01_" + std::string(30, '_') + "_", M + times(U"\U0001F600", 30))},
    };
    for (const auto& [info, name] : cases) {
        SCOPED_TRACE(show(encode<psh_wchar>(info)));
        for (LenMode mode : kBothModes) {
            const OutResult<U> r = call_profile_name<U>(encode<U>(info), mode);
            EXPECT_STATUS(r.status, PSH_OK) << mode_name(mode);
            EXPECT_EQ(show(r.text), show(units<U>(name))) << mode_name(mode);
        }
    }
    // \u00fc and \u00dc differ: no character outside ASCII is case-folded (11.3).
    EXPECT_NE(show(call_profile_name<U>(encode<U>(M + U"\u00fc"), LenMode::Explicit).text),
              show(call_profile_name<U>(encode<U>(M + U"\u00dc"), LenMode::Explicit).text));
    // Over 64 UTF-16 units is still PSH_E_BAD_MAILBOX here.
    EXPECT_STATUS(call_profile_name<U>(encode<U>(M + times(U"\U0001F600", 33)), LenMode::Explicit).status,
                  PSH_E_BAD_MAILBOX);
}

// Section 4 with the widest UTF-8: 4096 units of three-byte characters are 12,288 bytes
// inside the library, and still no more than PSH_MAX_INPUT units for the caller.
TYPED_TEST(Unicode, Section11_1_LongestInputs) {
    using U = TypeParam;
    const std::u32string longest = times(U"\u5f20", 4000) + U"\n" + times(U"\u4f1f", 95);
    const Units<U> in = encode<U>(longest);
    if constexpr (std::is_same_v<U, psh_wchar>) {
        ASSERT_EQ(in.size(), 4096u);
        for (LenMode mode : kBothModes) {
            const CheckResult r = call_check<U>(in, mode);
            EXPECT_STATUS(r.status, PSH_E_BAD_SERVER);
            EXPECT_EQ(r.report.mailbox_offset, 4001);
            EXPECT_EQ(r.report.mailbox_length, 95);
            EXPECT_STATUS(call_rewrite<U>(in, mode).status, PSH_E_BAD_SERVER);
            EXPECT_STATUS(call_profile_name<U>(in, mode).status, PSH_E_BAD_SERVER);
        }
        Units<U> longer = in;
        longer.push_back(psh_wchar{0x4f1f});
        EXPECT_STATUS(call_check<U>(longer, LenMode::Explicit).status, PSH_E_TOO_LONG);
        EXPECT_STATUS(call_check<U>(longer, LenMode::NulTerminated).status, PSH_E_TOO_LONG);
        // 2048 surrogate pairs: 4096 units, 8192 bytes.
        const Units<U> pairs = encode<U>(U"EXCH01\n" + times(U"\U0001F600", 2044) + U"xx");
        ASSERT_EQ(pairs.size(), 4097u);
        EXPECT_STATUS(call_check<U>(pairs, LenMode::Explicit).status, PSH_E_TOO_LONG);
        const Units<U> fits(pairs.begin(), pairs.end() - 1);
        EXPECT_STATUS(call_rewrite<U>(fits, LenMode::NulTerminated).status, PSH_E_BAD_MAILBOX);
    } else {
        EXPECT_STATUS(call_check<U>(in, LenMode::Explicit).status, PSH_E_TOO_LONG);   // 12,286 bytes
        const Units<U> fits = encode<U>(times(U"\u5f20", 1300) + U"\n" + times(U"\u4f1f", 65));
        ASSERT_LE(fits.size(), 4096u);
        for (LenMode mode : kBothModes) {
            const CheckResult r = call_check<U>(fits, mode);
            EXPECT_STATUS(r.status, PSH_E_BAD_SERVER);
            EXPECT_EQ(r.report.mailbox_offset, 3901);
        }
    }
}

// 11.7 through both widths and both modes, and psh_check's own answers beside them.
TYPED_TEST(Unicode, Section11_7_EmptyPartsNamed) {
    using U = TypeParam;
    const std::vector<std::tuple<std::string, int32_t>> cases = {
        {"EXCH01\n", PSH_E_EMPTY_MAILBOX}, {"EXCH01\r\n\r\n", PSH_E_EMPTY_MAILBOX},
        {"\njdoe", PSH_E_EMPTY_SERVER},    {"\r\n jdoe", PSH_E_EMPTY_SERVER},
        {"EXCH01", PSH_E_NO_SEPARATOR},    {"  EXCH01\t", PSH_E_NO_SEPARATOR},
        {"\n", PSH_E_NO_SEPARATOR},       {"\r\n\r\n", PSH_E_NO_SEPARATOR},
    };
    for (const auto& [info, status] : cases) {
        SCOPED_TRACE(show(info));
        for (LenMode mode : kBothModes) {
            EXPECT_STATUS(call_rewrite<U>(units<U>(info), mode).status, status) << mode_name(mode);
            EXPECT_STATUS(call_profile_name<U>(units<U>(info), mode).status, status) << mode_name(mode);
        }
    }
    EXPECT_STATUS(call_check<U>(units<U>("EXCH01\n"), LenMode::Explicit).status, PSH_E_EMPTY_MAILBOX);
    EXPECT_STATUS(call_check<U>(units<U>("\njdoe"), LenMode::Explicit).status, PSH_E_EMPTY_SERVER);
}

// ---- 11.6: the equivalence of widths, as a property ------------------------------------------

class CharacterGenerator {
public:
    explicit CharacterGenerator(uint32_t seed) : rng_(seed) {}
    uint32_t below(uint32_t n) { return static_cast<uint32_t>(rng_() % n); }

    // A string of characters shaped like a ProfileInfo often enough to reach every rule.
    std::u32string next() {
        static const std::u32string pieces[] = {
            U"EXCH01", U"mail.contoso.com", U"/o=Contoso/ou=NYC/cn=Recipients/cn=", U"anon", U"\n", U"\n", U"\n",
            U"\r\n", U"COM", U"LPT", U"jdoe", U" ", U".", U":", U"\n\nanon",
            U"/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=",
            U"3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c@contoso.com"};
        if (below(10) < 6) return profile_info();
        std::u32string s;
        const uint32_t parts = 1 + below(8);
        for (uint32_t p = 0; p < parts; ++p) {
            if (below(3) == 0) {
                s += pieces[below(static_cast<uint32_t>(std::size(pieces)))];
            } else {
                const uint32_t run = 1 + below(below(10) == 0 ? 70 : 6);
                for (uint32_t k = 0; k < run; ++k) s.push_back(character());
            }
        }
        return s;
    }

    // server, line break, mailbox: most pass rule 1, and many pass psh_check.
    std::u32string profile_info() {
        static const std::u32string servers[] = {U"EXCH01", U"mail.contoso.com", U"ex-01.corp",
                                                 U"3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c@contoso.com",
                                                 U"/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01"};
        static const std::u32string mailboxes[] = {U"", U"", U"", U"/o=Contoso/ou=NYC/cn=Recipients/cn=",
                                                   U"/o=Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=",
                                                   U"COM", U"lpt"};
        static const std::u32string breaks[] = {U"\n", U"\n", U"\r\n", U"\n\n"};
        std::u32string s = servers[below(static_cast<uint32_t>(std::size(servers)))];
        if (below(8) == 0) s.insert(below(static_cast<uint32_t>(s.size() + 1)), 1, character());
        s += breaks[below(static_cast<uint32_t>(std::size(breaks)))];
        s += mailboxes[below(static_cast<uint32_t>(std::size(mailboxes)))];
        const uint32_t run = 1 + below(below(6) == 0 ? 72 : 12);
        for (uint32_t k = 0; k < run; ++k) s.push_back(below(15) == 0 ? character() : alias_character());
        if (below(6) == 0) s += below(2) ? U" " : U"\r\n";
        if (below(6) == 0) s.insert(0, U" ");
        return s;
    }

    // A character that passes rule 1, ASCII and not.
    char32_t alias_character() {
        for (;;) {
            const char32_t c = character();
            if (c >= 0x20 && c != 0x7F && (c < 0x80 || c > 0x9F)) return c;
        }
    }

    char32_t character() {
        switch (below(10)) {
            case 0: case 1: case 2: return static_cast<char32_t>(0x20 + below(0x5F));   // printable ASCII
            case 3: return static_cast<char32_t>(0xA0 + below(0x60));                   // Latin-1
            case 4: return static_cast<char32_t>(0x4E00 + below(0x5200));               // CJK
            case 5: return static_cast<char32_t>(0x10000 + below(0x100000));            // supplementary planes
            case 6: {                                                                   // controls
                static const char32_t controls[] = {0x00, 0x09, 0x0D, 0x1F, 0x7F, 0x80, 0x85, 0x9F};
                return controls[below(std::size(controls))];
            }
            case 7: {
                static const char32_t special[] = {0xFEFF, 0x00A0, 0x202F, 0x00B9, 0x00B2, 0x00B3, 0xFFFD,
                                                   0xD7FF, 0xE000, 0xFFFF, 0x10FFFF, 0x0141, 0x00FC, 0x00DC};
                return special[below(std::size(special))];
            }
            default: return static_cast<char32_t>(0x100 + below(0xD700));               // the rest of the BMP
        }
    }

    std::mt19937& rng() { return rng_; }

private:
    std::mt19937 rng_;
};

// The character index of the unit at `offset` of `units` (-1 stays -1).
template <class U>
int32_t character_at(const std::u32string& text, int32_t offset) {
    if (offset < 0) return offset;
    int32_t units = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (units == offset) return static_cast<int32_t>(i);
        units += static_cast<int32_t>(encode<U>(std::u32string(1, text[i])).size());
        if (units > offset) return -1000;   // inside a character: never a valid answer
    }
    return units == offset ? static_cast<int32_t>(text.size()) : -2000;
}

TEST(Unicode, Section11_6_WidthsAreEquivalent) {
    PSH_REQUIRE_API();
    CharacterGenerator gen(20261206u);
    int ok = 0, named = 0, rewritten = 0;
    for (int i = 0; i < 3000; ++i) {
        const std::u32string text = gen.next();
        const Units<char> narrow = encode<char>(text);
        const Units<psh_wchar> wide = encode<psh_wchar>(text);
        SCOPED_TRACE(show(wide));
        const LenMode mode = text.find(U'\0') == std::u32string::npos && i % 2 ? LenMode::NulTerminated : LenMode::Explicit;
        const CheckResult n = call_check<char>(narrow, mode);
        const CheckResult w = call_check<psh_wchar>(wide, mode);
        EXPECT_STATUS(n.status, w.status);
        EXPECT_STATUS(w.status_without_report, w.status);
        EXPECT_EQ(n.report.form, w.report.form);
        EXPECT_EQ(n.report.rewritable, w.report.rewritable);
        EXPECT_EQ(character_at<char>(text, n.report.error_offset), character_at<psh_wchar>(text, w.report.error_offset));
        EXPECT_EQ(character_at<char>(text, n.report.server_offset), character_at<psh_wchar>(text, w.report.server_offset));
        EXPECT_EQ(character_at<char>(text, n.report.mailbox_offset), character_at<psh_wchar>(text, w.report.mailbox_offset));
        EXPECT_EQ(character_at<char>(text, n.report.mailbox_offset + n.report.mailbox_length),
                  character_at<psh_wchar>(text, w.report.mailbox_offset + w.report.mailbox_length));
        ok += n.status == PSH_OK;
        for (uint32_t flags : {0u, PSH_REWRITE_KEEP_DN, PSH_REWRITE_EXACT}) {
            const OutResult<char> rn = call_rewrite<char>(narrow, mode, flags);
            const OutResult<psh_wchar> rw = call_rewrite<psh_wchar>(wide, mode, flags);
            EXPECT_STATUS(rn.status, rw.status);
            EXPECT_TRUE(decode(rn.text) == decode(rw.text)) << show(rw.text);
            rewritten += rn.status == PSH_OK;
        }
        const OutResult<char> pn = call_profile_name<char>(narrow, mode);
        const OutResult<psh_wchar> pw = call_profile_name<psh_wchar>(wide, mode);
        EXPECT_STATUS(pn.status, pw.status);
        EXPECT_EQ(show(pn.text), show(pw.text));
        named += pn.status == PSH_OK;
        if (::testing::Test::HasFailure()) {
            ADD_FAILURE() << "stopping at generated string " << i;
            return;
        }
    }
    // The generator reaches both sides of the rules.
    EXPECT_GT(ok, 100);
    EXPECT_GT(named, 300);
    EXPECT_GT(rewritten, 600);
}

// 11.6 where the _w boundary takes its short cuts (shim/buffers.hpp): it reads UTF-16 a
// block of 8, 16 or 32 units at a time, the last block overlapping the one before; psh_check
// without a report stops reading at the first control other than LF; and a rewrite whose
// result is its input hands back the caller's own units. So a control, a character outside
// ASCII and a lone surrogate go at every position of inputs of every length up to three
// blocks, and each answer must be the byte function's (and the same with a report or
// without).
TEST(Unicode, Section11_6_EveryPositionOfABlock) {
    PSH_REQUIRE_API();
    const std::u32string fillers[] = {U"j", U"\u00FC", U"\u5F20", U"\U0001F600"};
    const char32_t inserted[] = {U'\r', U'\0', 0x85, U'\u00FC', U'\u5F20', U'\n'};
    int checked = 0;
    for (int32_t length = 1; length <= 72; ++length) {
        for (const std::u32string& filler : fillers) {
            // An alias of `length` characters, the filler's at every third position.
            std::u32string alias;
            for (int32_t k = 0; k < length; ++k) alias += k % 3 == 2 ? filler : std::u32string(1, U'a' + k % 26);
            for (int32_t at = -1; at <= static_cast<int32_t>(alias.size()); ++at) {
                for (const char32_t c : inserted) {
                    std::u32string text = U"EXCH01\n" + alias;
                    if (at >= 0) text.insert(text.begin() + 7 + at, c);
                    const Units<char> narrow = encode<char>(text);
                    const Units<psh_wchar> wide = encode<psh_wchar>(text);
                    SCOPED_TRACE(show(wide));
                    const CheckResult n = call_check<char>(narrow, LenMode::Explicit);
                    const CheckResult w = call_check<psh_wchar>(wide, LenMode::Explicit);
                    EXPECT_STATUS(w.status, n.status);
                    EXPECT_STATUS(w.status_without_report, w.status);
                    EXPECT_STATUS(n.status_without_report, n.status);
                    EXPECT_EQ(character_at<char>(text, n.report.error_offset),
                              character_at<psh_wchar>(text, w.report.error_offset));
                    EXPECT_EQ(n.report.rewritable, w.report.rewritable);
                    const OutResult<char> rn = call_rewrite<char>(narrow, LenMode::Explicit, 0);
                    const OutResult<psh_wchar> rw = call_rewrite<psh_wchar>(wide, LenMode::Explicit, 0);
                    EXPECT_STATUS(rw.status, rn.status);
                    EXPECT_TRUE(decode(rn.text) == decode(rw.text)) << show(rw.text);
                    EXPECT_EQ(rw.out_len, static_cast<int32_t>(rw.text.size()));
                    ++checked;
                    if (at < 0) break;   // nothing inserted: once
                }
                if (::testing::Test::HasFailure()) return;
            }
        }
    }
    // A lone surrogate, and a control after characters outside ASCII, at every position.
    for (int32_t length = 1; length <= 72; ++length) {
        for (int32_t at = 0; at < length; ++at) {
            for (const psh_wchar raw : {psh_wchar{0xD800}, psh_wchar{0xDC00}, psh_wchar{0x000D}}) {
                Units<psh_wchar> wide = encode<psh_wchar>(U"EXCH01\n" + times(U"\u00FC", length));
                wide[static_cast<size_t>(7 + at)] = raw;
                SCOPED_TRACE(show(wide));
                const CheckResult w = call_check<psh_wchar>(wide, LenMode::Explicit);
                EXPECT_STATUS(w.status, PSH_E_BAD_CHAR);
                EXPECT_STATUS(w.status_without_report, PSH_E_BAD_CHAR);
                EXPECT_EQ(w.report.error_offset, 7 + at);
                if (raw != 0x000D) {
                    EXPECT_STATUS(call_rewrite<psh_wchar>(wide, LenMode::Explicit, 0).status, PSH_E_BAD_CHAR);
                }
                ++checked;
            }
            if (::testing::Test::HasFailure()) return;
        }
    }
    EXPECT_GT(checked, 40000);
}

// The first unit rule 1 refuses in raw units, written here from section 11.2: where a
// well-formed character does not start, or a control starts (LF aside; CR and TAB too when
// `rewrite_step_1`). -1 when none.
template <class U>
int32_t first_refused(const Units<U>& in, bool rewrite_step_1) {
    const auto control = [&](uint32_t c) {
        if (c == '\n' || (rewrite_step_1 && (c == '\r' || c == '\t'))) return false;
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    };
    for (size_t i = 0; i < in.size();) {
        uint32_t c = 0;
        size_t n = 1;
        if constexpr (std::is_same_v<U, char>) {
            const uint32_t b = static_cast<unsigned char>(in[i]);
            uint32_t min = 0;
            if (b < 0x80) { c = b; }
            else if (b >= 0xC0 && b < 0xE0) { n = 2; c = b & 0x1F; min = 0x80; }
            else if (b >= 0xE0 && b < 0xF0) { n = 3; c = b & 0x0F; min = 0x800; }
            else if (b >= 0xF0 && b < 0xF8) { n = 4; c = b & 0x07; min = 0x10000; }
            else return static_cast<int32_t>(i);
            if (i + n > in.size()) return static_cast<int32_t>(i);
            for (size_t k = 1; k < n; ++k) {
                const uint32_t cont = static_cast<unsigned char>(in[i + k]);
                if ((cont & 0xC0) != 0x80) return static_cast<int32_t>(i);
                c = (c << 6) | (cont & 0x3F);
            }
            if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return static_cast<int32_t>(i);
        } else {
            c = in[i];
            if (c >= 0xDC00 && c <= 0xDFFF) return static_cast<int32_t>(i);
            if (c >= 0xD800 && c <= 0xDBFF) {
                if (i + 1 >= in.size() || in[i + 1] < 0xDC00 || in[i + 1] > 0xDFFF) return static_cast<int32_t>(i);
                n = 2;
                c = 0x10000;
            }
        }
        if (control(c)) return static_cast<int32_t>(i);
        i += n;
    }
    return -1;
}

template <class U>
void random_units_fail_at_the_first_refused(CharacterGenerator& gen) {
    int refused = 0;
    for (int i = 0; i < 3000; ++i) {
        // A string of characters with a few raw units put in: bytes 0x80-0xFF, or surrogates.
        Units<U> in = encode<U>(gen.next());
        const uint32_t edits = 1 + gen.below(3);
        for (uint32_t e = 0; e < edits; ++e) {
            const auto pos = static_cast<long>(gen.below(static_cast<uint32_t>(in.size() + 1)));
            const uint32_t raw = std::is_same_v<U, char> ? 0x80 + gen.below(0x80) : 0xD800 + gen.below(0x800);
            if (gen.below(4) == 0) in.insert(in.begin() + pos, static_cast<U>(gen.below(0x100)));
            else in.insert(in.begin() + pos, static_cast<U>(raw));
        }
        if (in.size() > PSH_MAX_INPUT) continue;
        SCOPED_TRACE(show(in));
        const CheckResult r = call_check<U>(in, LenMode::Explicit);
        EXPECT_STATUS(r.status_without_report, r.status);
        const int32_t bad = first_refused(in, false);
        if (bad >= 0) {
            EXPECT_STATUS(r.status, PSH_E_BAD_CHAR);
            EXPECT_EQ(r.report.error_offset, bad);
            ++refused;
        } else {
            EXPECT_NE(r.status, PSH_E_BAD_CHAR);
        }
        const int32_t bad_for_rewrite = first_refused(in, true);
        if (bad_for_rewrite >= 0) {
            EXPECT_STATUS(call_rewrite<U>(in, LenMode::Explicit).status, PSH_E_BAD_CHAR);
            EXPECT_STATUS(call_profile_name<U>(in, LenMode::Explicit).status, PSH_E_BAD_CHAR);
        }
        if (::testing::Test::HasFailure()) {
            ADD_FAILURE() << "stopping at generated input " << i;
            return;
        }
    }
    EXPECT_GT(refused, 1500);
}

TEST(Unicode, Section11_2_RandomBytesFailAtTheFirstRefusedByte) {
    PSH_REQUIRE_API();
    CharacterGenerator gen(7u);
    random_units_fail_at_the_first_refused<char>(gen);
}

TEST(Unicode, Section11_2_RandomUnitsFailAtTheFirstRefusedUnit) {
    PSH_REQUIRE_API();
    CharacterGenerator gen(11u);
    random_units_fail_at_the_first_refused<psh_wchar>(gen);
}

}  // namespace
}  // namespace psh_abi
