// psh_check, profshim.h section 5, rules 1 to 5 (rule 6, the DN grammar, is in
// test_dn_grammar.cpp). Every case runs in both widths and both length modes, and compares
// every field of the report.
#include "check_cases.hpp"

namespace psh_abi {
namespace {

template <class U>
class Check : public ::testing::Test {
protected:
    void SetUp() override { PSH_REQUIRE_API(); }
};
TYPED_TEST_SUITE(Check, Widths, WidthNames);

const std::string M = "EXCH01\n";  // an authenticated-form prefix: the mailbox starts at 7

TYPED_TEST(Check, Valid_AllFieldsFilled) {
    run_check_cases<TypeParam>({
        {.rule = "5 valid alias", .info = "EXCH01\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5 valid alias, FQDN server", .info = "exch01.contoso.com\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5 valid, '_' and '-' in server", .info = "exch_01.contoso-corp.com\nj.doe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5 valid, digits only", .info = "1\n2",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5 valid anonymous", .info = "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\n\nanon",
         .status = PSH_OK, .form = kAnon, .rewritable = 1},
        {.rule = "5.2 anonymous, anon in any case",
         .info = "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\n\nAnOn",
         .status = PSH_OK, .form = kAnon, .rewritable = 1},
        {.rule = "5.4 alias 'anon' in the authenticated form", .info = "EXCH01\nanon",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
    });
}

// Rule 1: the first unit that is neither LF nor 0x20-0x7E. Nothing is parsed yet.
TYPED_TEST(Check, Rule1_Characters) {
    run_check_cases<TypeParam>({
        {.rule = "5.1 CR", .info = "EXCH01\r\njdoe",
         .status = PSH_E_BAD_CHAR, .error_offset = 6, .form = kUnknown, .rewritable = 1},
        {.rule = "5.1 lone CR", .info = "EXCH01\rjdoe",
         .status = PSH_E_BAD_CHAR, .error_offset = 6, .form = kUnknown, .rewritable = 1},
        {.rule = "5.1 trailing CR", .info = "EXCH01\njdoe\r",
         .status = PSH_E_BAD_CHAR, .error_offset = 11, .form = kUnknown, .rewritable = 1},
        {.rule = "5.1 TAB before the mailbox", .info = "EXCH01\n\tjdoe",
         .status = PSH_E_BAD_CHAR, .error_offset = 7, .form = kUnknown, .rewritable = 1},
        {.rule = "5.1 TAB inside a line", .info = "EXCH01\nj\tdoe",
         .status = PSH_E_BAD_CHAR, .error_offset = 8, .form = kUnknown, .rewritable = 0},
        {.rule = "5.1 DEL 0x7F", .info = "EXCH01\nj\x7f",
         .status = PSH_E_BAD_CHAR, .error_offset = 8, .form = kUnknown, .rewritable = 0},
        {.rule = "5.1 0x01 first", .info = "\x01",
         .status = PSH_E_BAD_CHAR, .error_offset = 0, .form = kUnknown, .rewritable = 0},
        {.rule = "5.1 0x1F", .info = "EXCH01\nj\x1f",
         .status = PSH_E_BAD_CHAR, .error_offset = 8, .form = kUnknown, .rewritable = 0},
        // 0x80 and 0x9F: a stray UTF-8 continuation byte, and as a UTF-16 unit the C1
        // controls U+0080 and U+009F (section 11.2); test_unicode.cpp has the rest of 11.2.
        {.rule = "5.1 0x80", .info = "EXCH01\nj\x80",
         .status = PSH_E_BAD_CHAR, .error_offset = 8, .form = kUnknown, .rewritable = 0},
        {.rule = "5.1 0x9F", .info = "EXCH01\njos\x9f",
         .status = PSH_E_BAD_CHAR, .error_offset = 10, .form = kUnknown, .rewritable = 0},
        {.rule = "5.1 before a server fault", .info = "a b\x1f\nc",
         .status = PSH_E_BAD_CHAR, .error_offset = 3, .form = kUnknown, .rewritable = 0},
        {.rule = "5.1 before a separator fault", .info = "a\nb\nc\x01",
         .status = PSH_E_BAD_CHAR, .error_offset = 5, .form = kUnknown, .rewritable = 0},
        {.rule = "5.1 before a missing separator", .info = "abc\x02",
         .status = PSH_E_BAD_CHAR, .error_offset = 3, .form = kUnknown, .rewritable = 0},
        {.rule = "5.1 NUL with explicit length", .info = std::string("EXCH01\nj\0doe", 12),
         .status = PSH_E_BAD_CHAR, .error_offset = 8, .form = kUnknown, .rewritable = 0},
        {.rule = "5.1 NUL first with explicit length", .info = std::string("\0EXCH01\njdoe", 12),
         .status = PSH_E_BAD_CHAR, .error_offset = 0, .form = kUnknown, .rewritable = 0},
    });
}

// Rule 1 in the wide width: code units above 0xFF whose low byte is a valid host-name unit
// ('A', LF, space, '/', ...). A library that narrowed units by truncation would accept them
// in the server; section 11.3 makes each PSH_E_BAD_SERVER at its unit, and a lone surrogate
// is PSH_E_BAD_CHAR (11.2). In the alias the characters pass.
TEST(CheckWide, Rule1_UnitsAbove0xFF) {
    PSH_REQUIRE_API();
    const psh_wchar units_above[] = {0x0141, 0x010A, 0x0120, 0x012F, 0x0100, 0x00E9, 0xD800, 0xDC00, 0xFEFF, 0xFFFF};
    for (psh_wchar b : units_above) {
        const bool surrogate = b >= 0xD800 && b <= 0xDFFF;
        Units<psh_wchar> in = units<psh_wchar>("EXCH01\njdoe");
        in.insert(in.begin() + 1, b);  // "E?XCH01\njdoe"
        SCOPED_TRACE(show(in));
        for (LenMode mode : kBothModes) {
            SCOPED_TRACE(mode_name(mode));
            const CheckResult r = call_check<psh_wchar>(in, mode);
            EXPECT_STATUS(r.status, surrogate ? PSH_E_BAD_CHAR : PSH_E_BAD_SERVER);
            EXPECT_EQ(r.report.error_offset, 1);
            EXPECT_EQ(r.report.server_offset, surrogate ? -1 : 0);
            EXPECT_EQ(r.report.rewritable, 0);
            EXPECT_STATUS(call_rewrite<psh_wchar>(in, mode).status, r.status);
            EXPECT_STATUS(call_profile_name<psh_wchar>(in, mode).status, r.status);
        }
        Units<psh_wchar> alias = units<psh_wchar>("EXCH01\njdoe");
        alias.insert(alias.begin() + 8, b);  // "EXCH01\nj?doe"
        for (LenMode mode : kBothModes) {
            SCOPED_TRACE(mode_name(mode));
            const CheckResult r = call_check<psh_wchar>(alias, mode);
            EXPECT_STATUS(r.status, surrogate ? PSH_E_BAD_CHAR : PSH_OK);
            EXPECT_EQ(r.report.error_offset, surrogate ? 8 : -1);
        }
    }
}

// Rule 2: separators.
TYPED_TEST(Check, Rule2_Separators) {
    run_check_cases<TypeParam>({
        {.rule = "5.2 no LF", .info = "EXCH01",
         .status = PSH_E_NO_SEPARATOR, .form = kUnknown, .rewritable = 0},
        {.rule = "5.2 no LF, space", .info = "EXCH01 jdoe",
         .status = PSH_E_NO_SEPARATOR, .form = kUnknown, .rewritable = 0},
        {.rule = "5.2 empty input", .info = "",
         .status = PSH_E_NO_SEPARATOR, .form = kUnknown, .rewritable = 0},
        {.rule = "5.2 two LFs apart", .info = "a\nb\nc",
         .status = PSH_E_SYNTAX, .error_offset = 3, .form = kUnknown, .rewritable = 0},
        {.rule = "5.2 trailing LF", .info = "EXCH01\njdoe\n",
         .status = PSH_E_SYNTAX, .error_offset = 11, .form = kUnknown, .rewritable = 1},
        {.rule = "5.2 leading LF", .info = "\nEXCH01\njdoe",
         .status = PSH_E_SYNTAX, .error_offset = 7, .form = kUnknown, .rewritable = 1},
        {.rule = "5.2 two LFs then not anon", .info = "a\n\nanonx",
         .status = PSH_E_SYNTAX, .error_offset = 2, .form = kUnknown, .rewritable = 0},
        {.rule = "5.2 two LFs then ano", .info = "a\n\nano",
         .status = PSH_E_SYNTAX, .error_offset = 2, .form = kUnknown, .rewritable = 0},
        {.rule = "5.2 two LFs then jdoe", .info = "EXCH01\n\njdoe",
         .status = PSH_E_SYNTAX, .error_offset = 7, .form = kUnknown, .rewritable = 0},
        {.rule = "5.2 two LFs then nothing", .info = "a\n\n",
         .status = PSH_E_SYNTAX, .error_offset = 2, .form = kUnknown, .rewritable = 0},
        {.rule = "5.2 three LFs side by side", .info = "a\n\n\nanon",
         .status = PSH_E_SYNTAX, .error_offset = 2, .form = kUnknown, .rewritable = 0},
        {.rule = "5.2 three LFs, anon first", .info = "a\nb\n\nanon",
         .status = PSH_E_SYNTAX, .error_offset = 3, .form = kUnknown, .rewritable = 0},
        {.rule = "5.2 LF LF only", .info = "\n\n",
         .status = PSH_E_SYNTAX, .error_offset = 1, .form = kUnknown, .rewritable = 0},
        {.rule = "5.2 anon then LF", .info = "/o=A/ou=B/cn=C\n\nanon\n",
         .status = PSH_E_SYNTAX, .error_offset = 15, .form = kUnknown, .rewritable = 1},
        {.rule = "5.2 space before anon", .info = "/o=A/ou=B/cn=C\n\n anon",
         .status = PSH_E_SYNTAX, .error_offset = 15, .form = kUnknown, .rewritable = 1},
        {.rule = "5.2 anon with a space inside", .info = "/o=A/ou=B/cn=C\n\nan on",
         .status = PSH_E_SYNTAX, .error_offset = 15, .form = kUnknown, .rewritable = 0},
        {.rule = "5.2 one LF only: both parts empty", .info = "\n",
         .status = PSH_E_EMPTY_SERVER, .error_offset = 0, .form = kUnknown, .rewritable = 0},
    });
}

// Rule 3: the server of the authenticated form.
TYPED_TEST(Check, Rule3_ServerEmpty) {
    run_check_cases<TypeParam>({
        {.rule = "5.3 empty server, alias", .info = "\njdoe",
         .status = PSH_E_EMPTY_SERVER, .error_offset = 0, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 empty server, DN", .info = "\n/o=A/ou=B/cn=C",
         .status = PSH_E_EMPTY_SERVER, .error_offset = 0, .form = kDn, .rewritable = 0},
        {.rule = "5.3 empty server, anonymous", .info = "\n\nanon",
         .status = PSH_E_EMPTY_SERVER, .error_offset = 0, .form = kAnon, .rewritable = 0},
        {.rule = "5.3 empty server, leading spaces", .info = "   \njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 0, .form = kAlias, .rewritable = 0},
    });
}

TYPED_TEST(Check, Rule3_ServerUnits) {
    run_check_cases<TypeParam>({
        {.rule = "5.3 space", .info = "EX CH\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 2, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 trailing space", .info = "EXCH01 \njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 6, .form = kAlias, .rewritable = 1},
        {.rule = "5.3 '!'", .info = "exch!\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 4, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '/'", .info = "exch/01\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 4, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 ':'", .info = "ex:ch\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 2, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '$'", .info = "conin$\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 5, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '@'", .info = "jdoe@exch\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 4, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '\\'", .info = "\\\\exch\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 0, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 DN as server, alias mailbox", .info = "/o=A/ou=B/cn=C\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 0, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 first fault wins", .info = "a!b c\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 1, .form = kAlias, .rewritable = 0},
    });
}

TYPED_TEST(Check, Rule3_ServerDotsAndHyphens) {
    run_check_cases<TypeParam>({
        {.rule = "5.3 '.' first", .info = ".exch\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 0, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '.' alone", .info = ".\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 0, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '.' last", .info = "exch.\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 4, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '.' after '.'", .info = "ex..ch\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 3, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '-' first", .info = "-exch\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 0, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '-' alone", .info = "-\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 0, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '-' last", .info = "exch-\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 4, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '-' first in 2nd label", .info = "ex.-ch\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 3, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '-' last in 1st label", .info = "ex-.ch\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 2, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '-' alone in a label", .info = "ex.-.ch\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 3, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 '-' inside labels is fine", .info = "a-b.c--d\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.3 '_' first is fine", .info = "_exch\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.3 leftmost of '.'-last and bad unit", .info = "a!.\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 1, .form = kAlias, .rewritable = 0},
    });
}

TYPED_TEST(Check, Rule3_ServerLabelAndTotalLength) {
    const std::string h253 = host_of_length(253);
    const std::string h254 = host_of_length(254);
    ASSERT_EQ(h253.size(), 253u);
    ASSERT_EQ(h254.size(), 254u);
    std::string h300_bad = host_of_length(300);
    h300_bad[280] = '!';  // a unit fault past 253: the unit scan comes before the 253 limit
    ASSERT_NE(h300_bad[279], '.');
    const std::string long_last_label = A(63) + "." + A(63) + "." + A(63) + "." + A(64);  // 256 units
    run_check_cases<TypeParam>({
        {.rule = "5.3 label of 63", .info = A(63) + "\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.3 64th unit of a label", .info = A(64) + "\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 63, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 64th unit of 2nd label", .info = "x." + A(64) + "\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 65, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 63 then 63", .info = "x." + A(63) + ".y\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.3 64th unit before a bad unit", .info = A(64) + "!\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 63, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 bad unit before 64th", .info = A(10) + "!" + A(60) + "\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 10, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 64th unit is a last '-'", .info = A(63) + "-\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 63, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 253 units", .info = h253 + "\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.3 254 units: unit 253 past start", .info = h254 + "\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 253, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 unit scan before 253 limit", .info = h300_bad + "\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 280, .form = kAlias, .rewritable = 0},
        {.rule = "5.3 64th label unit past 253", .info = long_last_label + "\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 255, .form = kAlias, .rewritable = 0},
    });
}

TYPED_TEST(Check, Rule3_ServerReservedStem) {
    std::vector<CheckCase> cases = {
        {.rule = "5.3/5.5 nul.contoso.com", .info = "nul.contoso.com\njdoe",
         .status = PSH_E_RESERVED_NAME, .error_offset = 0, .form = kAlias, .rewritable = 0},
        {.rule = "5.3/5.5 CON", .info = "CON\njdoe",
         .status = PSH_E_RESERVED_NAME, .error_offset = 0, .form = kAlias, .rewritable = 0},
        {.rule = "5.3/5.5 Prn", .info = "Prn\njdoe",
         .status = PSH_E_RESERVED_NAME, .error_offset = 0, .form = kAlias, .rewritable = 0},
        {.rule = "5.3/5.5 aux.x", .info = "aux.x\njdoe",
         .status = PSH_E_RESERVED_NAME, .error_offset = 0, .form = kAlias, .rewritable = 0},
        {.rule = "5.3/5.5 reserved before mailbox empty", .info = "con\n",
         .status = PSH_E_RESERVED_NAME, .error_offset = 0, .form = kUnknown, .rewritable = 0},
        {.rule = "5.3/5.5 reserved before bad DN", .info = "con\n/o=A",
         .status = PSH_E_RESERVED_NAME, .error_offset = 0, .form = kDn, .rewritable = 0},
        {.rule = "5.3/5.5 host rules before reserved", .info = "con..x\njdoe",
         .status = PSH_E_BAD_SERVER, .error_offset = 4, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 com10 is not reserved", .info = "com10\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 con-1 is not reserved", .info = "con-1\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 nul_x is not reserved", .info = "nul_x.y\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 lpt is not reserved", .info = "lpt\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 connect is not reserved", .info = "connect\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 x.con: stem x", .info = "x.con\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
    };
    for (int d = 0; d <= 9; ++d) {
        const std::string c(1, static_cast<char>('0' + d));
        cases.push_back({.rule = "5.5 COM" + c, .info = "COM" + c + "\njdoe",
                         .status = PSH_E_RESERVED_NAME, .error_offset = 0, .form = kAlias, .rewritable = 0});
        cases.push_back({.rule = "5.5 lpt" + c + ".x", .info = "lpt" + c + ".contoso\njdoe",
                         .status = PSH_E_RESERVED_NAME, .error_offset = 0, .form = kAlias, .rewritable = 0});
    }
    run_check_cases<TypeParam>(cases);
}

// Rule 3, anonymous form: the server is a DN (more DN faults in test_dn_grammar.cpp).
TYPED_TEST(Check, Rule3_AnonymousServer) {
    run_check_cases<TypeParam>({
        {.rule = "5.3 anonymous, host name as server", .info = "EXCH01\n\nanon",
         .status = PSH_E_BAD_DN, .error_offset = 0, .form = kAnon, .rewritable = 0},
        {.rule = "5.3 anonymous, DN too short", .info = "/o=A/ou=B\n\nanon",
         .status = PSH_E_BAD_DN, .error_offset = 9, .form = kAnon, .rewritable = 0},
        {.rule = "5.3 anonymous, CRLF", .info = "/o=A/ou=B/cn=C\r\n\r\nanon",
         .status = PSH_E_BAD_CHAR, .error_offset = 14, .form = kUnknown, .rewritable = 1},
    });
}

// Rule 4: the mailbox.
TYPED_TEST(Check, Rule4_MailboxEmptyAndDn) {
    const std::string kb = "/o=Contoso/ou=NYC/cn=Recipients/cn=";
    run_check_cases<TypeParam>({
        {.rule = "5.4 empty mailbox: offset is the input's length", .info = "EXCH01\n",
         .status = PSH_E_EMPTY_MAILBOX, .error_offset = 7, .form = kUnknown, .rewritable = 0},
        {.rule = "5.4 empty mailbox, server FQDN", .info = "exch01.contoso.com\n",
         .status = PSH_E_EMPTY_MAILBOX, .error_offset = 19, .form = kUnknown, .rewritable = 0},
        {.rule = "5.4 KB Q271913 DN: UNSAFE_CHAR at its first '/'", .info = M + kb + "jdoe",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 7, .form = kDn, .rewritable = 1},
        {.rule = "5.4 DN, last RDN with ':'", .info = M + kb + "j:doe",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 7, .form = kDn, .rewritable = 0},
        {.rule = "5.4 DN, last RDN reserved", .info = M + kb + "con",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 7, .form = kDn, .rewritable = 0},
        {.rule = "5.4 DN, last RDN ends in '.'", .info = M + kb + "jdoe.",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 7, .form = kDn, .rewritable = 0},
        {.rule = "5.4 DN, last RDN with '?'", .info = M + kb + "jd?oe",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 7, .form = kDn, .rewritable = 0},
        {.rule = "5.4 DN, last RDN with inner space", .info = M + kb + "j doe",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 7, .form = kDn, .rewritable = 1},
        {.rule = "5.4 bad DN: ends too soon", .info = M + "/o=A/ou=B",
         .status = PSH_E_BAD_DN, .error_offset = 16, .form = kDn, .rewritable = 0},
        {.rule = "5.4 bad DN: '/' alone", .info = M + "/",
         .status = PSH_E_BAD_DN, .error_offset = 8, .form = kDn, .rewritable = 0},
        {.rule = "5.4 bad DN, trailing space (rewrite trims it)", .info = M + "/o=A/ou=B/cn=C ",
         .status = PSH_E_BAD_DN, .error_offset = 21, .form = kDn, .rewritable = 1},
    });
}

TYPED_TEST(Check, Rule4_AliasSpacesAndUnsafeUnits) {
    std::vector<CheckCase> cases = {
        {.rule = "5.4 space first", .info = M + " jdoe",
         .status = PSH_E_BAD_MAILBOX, .error_offset = 7, .form = kAlias, .rewritable = 1},
        {.rule = "5.4 space last", .info = M + "jdoe ",
         .status = PSH_E_BAD_MAILBOX, .error_offset = 11, .form = kAlias, .rewritable = 1},
        {.rule = "5.4 space only", .info = M + " ",
         .status = PSH_E_BAD_MAILBOX, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 two spaces", .info = M + "  ",
         .status = PSH_E_BAD_MAILBOX, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 two spaces last: the last unit", .info = M + "jdoe  ",
         .status = PSH_E_BAD_MAILBOX, .error_offset = 12, .form = kAlias, .rewritable = 1},
        {.rule = "5.4 inner space is fine", .info = M + "j doe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.4 space first before unsafe unit", .info = M + " j:doe",
         .status = PSH_E_BAD_MAILBOX, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 space last before unsafe unit", .info = M + "j:doe ",
         .status = PSH_E_BAD_MAILBOX, .error_offset = 12, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 '/' inside an alias", .info = M + "j/doe",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 8, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 first unsafe unit", .info = M + "j?d:oe",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 8, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 '.' last", .info = M + "jdoe.",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 11, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 '.' alone", .info = M + ".",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 unsafe unit before '.' last", .info = M + "jdoe:.",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 11, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 '.' inside is fine", .info = M + "j.doe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.4 '.' first is fine", .info = M + ".jdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.4 teletex-only units are fine", .info = M + "j!%&()+,-=@[]_doe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.4 other printable units are fine", .info = M + "j#$';^{}~`doe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
    };
    for (char c : std::string("<>:\"\\|?*"))
        cases.push_back({.rule = std::string("5.4 unsafe '") + c + "'", .info = M + "j" + c + "doe",
                         .status = PSH_E_UNSAFE_CHAR, .error_offset = 8, .form = kAlias, .rewritable = 0});
    for (char c : std::string("<>:\"\\|?*"))
        cases.push_back({.rule = std::string("5.4 unsafe '") + c + "' alone", .info = M + c,
                         .status = PSH_E_UNSAFE_CHAR, .error_offset = 7, .form = kAlias, .rewritable = 0});
    run_check_cases<TypeParam>(cases);
}

TYPED_TEST(Check, Rule4_AliasLength) {
    run_check_cases<TypeParam>({
        {.rule = "5.4 alias of 64", .info = M + A(64),
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.4 alias of 65: its 65th unit", .info = M + A(65),
         .status = PSH_E_BAD_MAILBOX, .error_offset = 71, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 alias of 200", .info = M + A(200),
         .status = PSH_E_BAD_MAILBOX, .error_offset = 71, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 '.' last before length", .info = M + A(70) + ".",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 77, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 unsafe unit before length", .info = M + A(68) + ":" + A(3),
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 75, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 space last before length", .info = M + A(70) + " ",
         .status = PSH_E_BAD_MAILBOX, .error_offset = 77, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 length before reserved stem", .info = M + "con." + A(61),
         .status = PSH_E_BAD_MAILBOX, .error_offset = 71, .form = kAlias, .rewritable = 0},
    });
}

TYPED_TEST(Check, Rule4_AliasReservedStem) {
    std::vector<CheckCase> cases = {
        {.rule = "5.5 con", .info = M + "con",
         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 CON", .info = M + "CON",
         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 PRN", .info = M + "PRN",
         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 Aux", .info = M + "Aux",
         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 nul.txt: stem nul", .info = M + "nul.txt",
         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 NUL.TXT", .info = M + "NUL.TXT",
         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 CLOCK$", .info = M + "CLOCK$",
         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 clock$", .info = M + "clock$",
         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 CONIN$", .info = M + "CONIN$",
         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 Conout$.log", .info = M + "Conout$.log",
         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 prn.x.y", .info = M + "prn.x.y",
         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 reserved after a long server", .info = "exch01.contoso.com\nlpt1",
         .status = PSH_E_RESERVED_NAME, .error_offset = 19, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 '.' last before reserved", .info = M + "con.",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 10, .form = kAlias, .rewritable = 0},
        {.rule = "5.4 unsafe unit before reserved", .info = M + "con:",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 10, .form = kAlias, .rewritable = 0},
        {.rule = "5.5 com10", .info = M + "com10",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 com1a", .info = M + "com1a",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 clock", .info = M + "clock",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 conin", .info = M + "conin",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 con_x", .info = M + "con_x",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 xcon", .info = M + "xcon",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 conx.txt", .info = M + "conx.txt",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 '.con': the stem is empty", .info = M + ".con",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "5.5 'con .txt': stem 'con '", .info = M + "con .txt",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
    };
    for (int d = 0; d <= 9; ++d) {
        const char c = static_cast<char>('0' + d);
        cases.push_back({.rule = std::string("5.5 COM") + c, .info = M + "COM" + c,
                         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0});
        cases.push_back({.rule = std::string("5.5 com") + c + ".txt", .info = M + "com" + c + ".txt",
                         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0});
        cases.push_back({.rule = std::string("5.5 LPT") + c, .info = M + "LPT" + c,
                         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0});
        cases.push_back({.rule = std::string("5.5 lPt") + c, .info = M + "lPt" + c,
                         .status = PSH_E_RESERVED_NAME, .error_offset = 7, .form = kAlias, .rewritable = 0});
    }
    run_check_cases<TypeParam>(cases);
}

// Order across parts: the server is checked before the mailbox.
TYPED_TEST(Check, Order_ServerBeforeMailbox) {
    run_check_cases<TypeParam>({
        {.rule = "5 server fault before mailbox fault", .info = "ex ch\nj:doe",
         .status = PSH_E_BAD_SERVER, .error_offset = 2, .form = kAlias, .rewritable = 0},
        {.rule = "5 empty server before empty mailbox", .info = "\n",
         .status = PSH_E_EMPTY_SERVER, .error_offset = 0, .form = kUnknown, .rewritable = 0},
        {.rule = "5 empty server before bad DN", .info = "\n/o=A",
         .status = PSH_E_EMPTY_SERVER, .error_offset = 0, .form = kDn, .rewritable = 0},
        {.rule = "5 reserved server before reserved alias", .info = "aux\ncon",
         .status = PSH_E_RESERVED_NAME, .error_offset = 0, .form = kAlias, .rewritable = 0},
    });
}

// The report: NULL is allowed; a short size is E_INVALIDARG and leaves it untouched; a
// longer one (a later caller) is accepted and nothing past the 36 version 1 bytes is written.
TYPED_TEST(Check, Report_SizeRules) {
    using U = TypeParam;
    // The input, NUL-terminated, inside a buffer long enough for any length the calls give.
    Units<U> in = units<U>("EXCH01\n/o=A/ou=B/cn=C/cn=jdoe");
    in.push_back(0);
    in.resize(PSH_MAX_INPUT + 1, static_cast<U>('a'));
    GuardedUnits<U> g(in, false);

    for (int32_t size : {35, 0, -1, 1, 4, 32, INT32_MIN}) {
        SCOPED_TRACE("report->size = " + std::to_string(size));
        unsigned char raw[sizeof(psh_report)];
        std::memset(raw, 0xA5, sizeof raw);
        psh_report r;
        std::memcpy(&r, raw, sizeof r);
        r.size = size;
        unsigned char before[sizeof(psh_report)];
        std::memcpy(before, &r, sizeof r);
        EXPECT_STATUS(Width<U>::check()(g.data(), -1, &r), PSH_E_INVALIDARG);
        EXPECT_EQ(std::memcmp(before, &r, sizeof r), 0) << "a report with a bad size must be left untouched";
        // A NULL info is still E_POINTER first, report untouched.
        EXPECT_STATUS(Width<U>::check()(nullptr, -1, &r), PSH_E_POINTER);
        EXPECT_EQ(std::memcmp(before, &r, sizeof r), 0);
        // The size is checked before the length (section 4: cap/report size, then length).
        EXPECT_STATUS(Width<U>::check()(g.data(), PSH_MAX_INPUT + 1, &r), PSH_E_INVALIDARG);
        EXPECT_EQ(std::memcmp(before, &r, sizeof r), 0);
    }

    // A larger report, as a caller built against a later version passes.
    struct Bigger {
        psh_report v1;
        unsigned char later[64];
    };
    for (int32_t extra : {0, 4, 64}) {
        Bigger b;
        std::memset(&b, 0xA5, sizeof b);
        b.v1.size = static_cast<int32_t>(sizeof(psh_report)) + extra;
        const int32_t st = Width<U>::check()(g.data(), -1, &b.v1);
        EXPECT_STATUS(st, PSH_E_UNSAFE_CHAR);
        EXPECT_EQ(b.v1.size, static_cast<int32_t>(sizeof(psh_report)) + extra);
        EXPECT_STATUS(b.v1.status, PSH_E_UNSAFE_CHAR);
        EXPECT_EQ(b.v1.form, PSH_FORM_DN);
        EXPECT_EQ(b.v1.error_offset, 7);
        EXPECT_EQ(b.v1.rewritable, 1);
        for (size_t i = 0; i < sizeof b.later; ++i)
            ASSERT_EQ(b.later[i], 0xA5) << "byte " << 36 + i << " past the version 1 report was written";
    }
}

// "Whenever size is valid, the library fills every version 1 field, whatever it returns."
TYPED_TEST(Check, Report_FilledOnArgumentErrors) {
    using U = TypeParam;
    // NULL info with a valid report: status E_POINTER, nothing parsed.
    psh_report r = fresh_report();
    EXPECT_STATUS(Width<U>::check()(nullptr, -1, &r), PSH_E_POINTER);
    expect_report(r, PSH_E_POINTER, kUnknown, ExpectedParts{}, -1, 0);
    r = fresh_report();
    EXPECT_STATUS(Width<U>::check()(nullptr, 5, &r), PSH_E_POINTER);
    expect_report(r, PSH_E_POINTER, kUnknown, ExpectedParts{}, -1, 0);
    EXPECT_STATUS(Width<U>::check()(nullptr, -1, nullptr), PSH_E_POINTER);

    // Too long: error offset -1, not rewritable.
    const Units<U> big(PSH_MAX_INPUT + 1, static_cast<U>('a'));
    GuardedUnits<U> g(big, false);
    r = fresh_report();
    EXPECT_STATUS(Width<U>::check()(g.data(), PSH_MAX_INPUT + 1, &r), PSH_E_TOO_LONG);
    expect_report(r, PSH_E_TOO_LONG, kUnknown, ExpectedParts{}, -1, 0);
    r = fresh_report();
    EXPECT_STATUS(Width<U>::check()(g.data(), -1, &r), PSH_E_TOO_LONG);
    expect_report(r, PSH_E_TOO_LONG, kUnknown, ExpectedParts{}, -1, 0);
}

}  // namespace
}  // namespace psh_abi
