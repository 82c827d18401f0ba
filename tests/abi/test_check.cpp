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
        {"5 valid alias", "EXCH01\njdoe", PSH_OK, -1, kAlias, 1},
        {"5 valid alias, FQDN server", "exch01.contoso.com\njdoe", PSH_OK, -1, kAlias, 1},
        {"5 valid, '_' and '-' in server", "exch_01.contoso-corp.com\nj.doe", PSH_OK, -1, kAlias, 1},
        {"5 valid, digits only", "1\n2", PSH_OK, -1, kAlias, 1},
        {"5 valid anonymous", "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\n\nanon", PSH_OK, -1,
         kAnon, 1},
        {"5.2 anonymous, anon in any case", "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\n\nAnOn",
         PSH_OK, -1, kAnon, 1},
        {"5.4 alias 'anon' in the authenticated form", "EXCH01\nanon", PSH_OK, -1, kAlias, 1},
    });
}

// Rule 1: the first unit that is neither LF nor 0x20-0x7E. Nothing is parsed yet.
TYPED_TEST(Check, Rule1_Characters) {
    run_check_cases<TypeParam>({
        {"5.1 CR", "EXCH01\r\njdoe", PSH_E_BAD_CHAR, 6, kUnknown, 1},
        {"5.1 lone CR", "EXCH01\rjdoe", PSH_E_BAD_CHAR, 6, kUnknown, 1},
        {"5.1 trailing CR", "EXCH01\njdoe\r", PSH_E_BAD_CHAR, 11, kUnknown, 1},
        {"5.1 TAB before the mailbox", "EXCH01\n\tjdoe", PSH_E_BAD_CHAR, 7, kUnknown, 1},
        {"5.1 TAB inside a line", "EXCH01\nj\tdoe", PSH_E_BAD_CHAR, 8, kUnknown, 0},
        {"5.1 DEL 0x7F", "EXCH01\nj\x7f", PSH_E_BAD_CHAR, 8, kUnknown, 0},
        {"5.1 0x01 first", "\x01", PSH_E_BAD_CHAR, 0, kUnknown, 0},
        {"5.1 0x1F", "EXCH01\nj\x1f", PSH_E_BAD_CHAR, 8, kUnknown, 0},
        {"5.1 0x80", "EXCH01\nj\x80", PSH_E_BAD_CHAR, 8, kUnknown, 0},
        {"5.1 0xFF", "EXCH01\nj\xff", PSH_E_BAD_CHAR, 8, kUnknown, 0},
        {"5.1 0xE9 (Latin-1 e-acute)", "EXCH01\njos\xe9", PSH_E_BAD_CHAR, 10, kUnknown, 0},
        {"5.1 before a server fault", "a b\x1f\nc", PSH_E_BAD_CHAR, 3, kUnknown, 0},
        {"5.1 before a separator fault", "a\nb\nc\x01", PSH_E_BAD_CHAR, 5, kUnknown, 0},
        {"5.1 before a missing separator", "abc\x02", PSH_E_BAD_CHAR, 3, kUnknown, 0},
        {"5.1 NUL with explicit length", std::string("EXCH01\nj\0doe", 12), PSH_E_BAD_CHAR, 8, kUnknown, 0},
        {"5.1 NUL first with explicit length", std::string("\0EXCH01\njdoe", 12), PSH_E_BAD_CHAR, 0, kUnknown,
         0},
    });
}

// Rule 1 in the wide width: code units above 0xFF, chosen so that their low byte is a valid
// unit ('A', LF, space, '/'): a library that narrows units by truncation would accept them.
TEST(CheckWide, Rule1_UnitsAbove0xFF) {
    PSH_REQUIRE_API();
    const psh_wchar bad[] = {0x0141, 0x010A, 0x0120, 0x012F, 0x0100, 0x00E9, 0xD800, 0xDC00, 0xFEFF, 0xFFFF};
    for (psh_wchar b : bad) {
        Units<psh_wchar> in = units<psh_wchar>("EXCH01\njdoe");
        in.insert(in.begin() + 8, b);  // "EXCH01\nj?doe"
        SCOPED_TRACE(show(in));
        for (LenMode mode : kBothModes) {
            SCOPED_TRACE(mode_name(mode));
            const CheckResult r = call_check<psh_wchar>(in, mode);
            EXPECT_STATUS(r.status, PSH_E_BAD_CHAR);
            EXPECT_EQ(r.report.error_offset, 8);
            EXPECT_EQ(r.report.form, PSH_FORM_UNKNOWN);
            EXPECT_EQ(r.report.server_offset, -1);
            EXPECT_EQ(r.report.rewritable, 0);
            EXPECT_STATUS(call_rewrite<psh_wchar>(in, mode).status, PSH_E_BAD_CHAR);
            EXPECT_STATUS(call_profile_name<psh_wchar>(in, mode).status, PSH_E_BAD_CHAR);
        }
    }
}

// Rule 2: separators.
TYPED_TEST(Check, Rule2_Separators) {
    run_check_cases<TypeParam>({
        {"5.2 no LF", "EXCH01", PSH_E_NO_SEPARATOR, -1, kUnknown, 0},
        {"5.2 no LF, space", "EXCH01 jdoe", PSH_E_NO_SEPARATOR, -1, kUnknown, 0},
        {"5.2 empty input", "", PSH_E_NO_SEPARATOR, -1, kUnknown, 0},
        {"5.2 two LFs apart", "a\nb\nc", PSH_E_SYNTAX, 3, kUnknown, 0},
        {"5.2 trailing LF", "EXCH01\njdoe\n", PSH_E_SYNTAX, 11, kUnknown, 1},
        {"5.2 leading LF", "\nEXCH01\njdoe", PSH_E_SYNTAX, 7, kUnknown, 1},
        {"5.2 two LFs then not anon", "a\n\nanonx", PSH_E_SYNTAX, 2, kUnknown, 0},
        {"5.2 two LFs then ano", "a\n\nano", PSH_E_SYNTAX, 2, kUnknown, 0},
        {"5.2 two LFs then jdoe", "EXCH01\n\njdoe", PSH_E_SYNTAX, 7, kUnknown, 0},
        {"5.2 two LFs then nothing", "a\n\n", PSH_E_SYNTAX, 2, kUnknown, 0},
        {"5.2 three LFs side by side", "a\n\n\nanon", PSH_E_SYNTAX, 2, kUnknown, 0},
        {"5.2 three LFs, anon first", "a\nb\n\nanon", PSH_E_SYNTAX, 3, kUnknown, 0},
        {"5.2 LF LF only", "\n\n", PSH_E_SYNTAX, 1, kUnknown, 0},
        {"5.2 anon then LF", "/o=A/ou=B/cn=C\n\nanon\n", PSH_E_SYNTAX, 15, kUnknown, 1},
        {"5.2 space before anon", "/o=A/ou=B/cn=C\n\n anon", PSH_E_SYNTAX, 15, kUnknown, 1},
        {"5.2 anon with a space inside", "/o=A/ou=B/cn=C\n\nan on", PSH_E_SYNTAX, 15, kUnknown, 0},
        {"5.2 one LF only: both parts empty", "\n", PSH_E_EMPTY_SERVER, 0, kUnknown, 0},
    });
}

// Rule 3: the server of the authenticated form.
TYPED_TEST(Check, Rule3_ServerEmpty) {
    run_check_cases<TypeParam>({
        {"5.3 empty server, alias", "\njdoe", PSH_E_EMPTY_SERVER, 0, kAlias, 0},
        {"5.3 empty server, DN", "\n/o=A/ou=B/cn=C", PSH_E_EMPTY_SERVER, 0, kDn, 0},
        {"5.3 empty server, anonymous", "\n\nanon", PSH_E_EMPTY_SERVER, 0, kAnon, 0},
        {"5.3 empty server, leading spaces", "   \njdoe", PSH_E_BAD_SERVER, 0, kAlias, 0},
    });
}

TYPED_TEST(Check, Rule3_ServerUnits) {
    run_check_cases<TypeParam>({
        {"5.3 space", "EX CH\njdoe", PSH_E_BAD_SERVER, 2, kAlias, 0},
        {"5.3 trailing space", "EXCH01 \njdoe", PSH_E_BAD_SERVER, 6, kAlias, 1},
        {"5.3 '!'", "exch!\njdoe", PSH_E_BAD_SERVER, 4, kAlias, 0},
        {"5.3 '/'", "exch/01\njdoe", PSH_E_BAD_SERVER, 4, kAlias, 0},
        {"5.3 ':'", "ex:ch\njdoe", PSH_E_BAD_SERVER, 2, kAlias, 0},
        {"5.3 '$'", "conin$\njdoe", PSH_E_BAD_SERVER, 5, kAlias, 0},
        {"5.3 '@'", "jdoe@exch\njdoe", PSH_E_BAD_SERVER, 4, kAlias, 0},
        {"5.3 '\\'", "\\\\exch\njdoe", PSH_E_BAD_SERVER, 0, kAlias, 0},
        {"5.3 DN as server, alias mailbox", "/o=A/ou=B/cn=C\njdoe", PSH_E_BAD_SERVER, 0, kAlias, 0},
        {"5.3 first fault wins", "a!b c\njdoe", PSH_E_BAD_SERVER, 1, kAlias, 0},
    });
}

TYPED_TEST(Check, Rule3_ServerDotsAndHyphens) {
    run_check_cases<TypeParam>({
        {"5.3 '.' first", ".exch\njdoe", PSH_E_BAD_SERVER, 0, kAlias, 0},
        {"5.3 '.' alone", ".\njdoe", PSH_E_BAD_SERVER, 0, kAlias, 0},
        {"5.3 '.' last", "exch.\njdoe", PSH_E_BAD_SERVER, 4, kAlias, 0},
        {"5.3 '.' after '.'", "ex..ch\njdoe", PSH_E_BAD_SERVER, 3, kAlias, 0},
        {"5.3 '-' first", "-exch\njdoe", PSH_E_BAD_SERVER, 0, kAlias, 0},
        {"5.3 '-' alone", "-\njdoe", PSH_E_BAD_SERVER, 0, kAlias, 0},
        {"5.3 '-' last", "exch-\njdoe", PSH_E_BAD_SERVER, 4, kAlias, 0},
        {"5.3 '-' first in 2nd label", "ex.-ch\njdoe", PSH_E_BAD_SERVER, 3, kAlias, 0},
        {"5.3 '-' last in 1st label", "ex-.ch\njdoe", PSH_E_BAD_SERVER, 2, kAlias, 0},
        {"5.3 '-' alone in a label", "ex.-.ch\njdoe", PSH_E_BAD_SERVER, 3, kAlias, 0},
        {"5.3 '-' inside labels is fine", "a-b.c--d\njdoe", PSH_OK, -1, kAlias, 1},
        {"5.3 '_' first is fine", "_exch\njdoe", PSH_OK, -1, kAlias, 1},
        {"5.3 leftmost of '.'-last and bad unit", "a!.\njdoe", PSH_E_BAD_SERVER, 1, kAlias, 0},
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
        {"5.3 label of 63", A(63) + "\njdoe", PSH_OK, -1, kAlias, 1},
        {"5.3 64th unit of a label", A(64) + "\njdoe", PSH_E_BAD_SERVER, 63, kAlias, 0},
        {"5.3 64th unit of 2nd label", "x." + A(64) + "\njdoe", PSH_E_BAD_SERVER, 65, kAlias, 0},
        {"5.3 63 then 63", "x." + A(63) + ".y\njdoe", PSH_OK, -1, kAlias, 1},
        {"5.3 64th unit before a bad unit", A(64) + "!\njdoe", PSH_E_BAD_SERVER, 63, kAlias, 0},
        {"5.3 bad unit before 64th", A(10) + "!" + A(60) + "\njdoe", PSH_E_BAD_SERVER, 10, kAlias, 0},
        {"5.3 64th unit is a last '-'", A(63) + "-\njdoe", PSH_E_BAD_SERVER, 63, kAlias, 0},
        {"5.3 253 units", h253 + "\njdoe", PSH_OK, -1, kAlias, 1},
        {"5.3 254 units: unit 253 past start", h254 + "\njdoe", PSH_E_BAD_SERVER, 253, kAlias, 0},
        {"5.3 unit scan before 253 limit", h300_bad + "\njdoe", PSH_E_BAD_SERVER, 280, kAlias, 0},
        {"5.3 64th label unit past 253", long_last_label + "\njdoe", PSH_E_BAD_SERVER, 255, kAlias, 0},
    });
}

TYPED_TEST(Check, Rule3_ServerReservedStem) {
    std::vector<CheckCase> cases = {
        {"5.3/5.5 nul.contoso.com", "nul.contoso.com\njdoe", PSH_E_RESERVED_NAME, 0, kAlias, 0},
        {"5.3/5.5 CON", "CON\njdoe", PSH_E_RESERVED_NAME, 0, kAlias, 0},
        {"5.3/5.5 Prn", "Prn\njdoe", PSH_E_RESERVED_NAME, 0, kAlias, 0},
        {"5.3/5.5 aux.x", "aux.x\njdoe", PSH_E_RESERVED_NAME, 0, kAlias, 0},
        {"5.3/5.5 reserved before mailbox empty", "con\n", PSH_E_RESERVED_NAME, 0, kUnknown, 0},
        {"5.3/5.5 reserved before bad DN", "con\n/o=A", PSH_E_RESERVED_NAME, 0, kDn, 0},
        {"5.3/5.5 host rules before reserved", "con..x\njdoe", PSH_E_BAD_SERVER, 4, kAlias, 0},
        {"5.5 com10 is not reserved", "com10\njdoe", PSH_OK, -1, kAlias, 1},
        {"5.5 con-1 is not reserved", "con-1\njdoe", PSH_OK, -1, kAlias, 1},
        {"5.5 nul_x is not reserved", "nul_x.y\njdoe", PSH_OK, -1, kAlias, 1},
        {"5.5 lpt is not reserved", "lpt\njdoe", PSH_OK, -1, kAlias, 1},
        {"5.5 connect is not reserved", "connect\njdoe", PSH_OK, -1, kAlias, 1},
        {"5.5 x.con: stem x", "x.con\njdoe", PSH_OK, -1, kAlias, 1},
    };
    for (int d = 0; d <= 9; ++d) {
        const std::string c(1, static_cast<char>('0' + d));
        cases.push_back({"5.5 COM" + c, "COM" + c + "\njdoe", PSH_E_RESERVED_NAME, 0, kAlias, 0});
        cases.push_back({"5.5 lpt" + c + ".x", "lpt" + c + ".contoso\njdoe", PSH_E_RESERVED_NAME, 0, kAlias, 0});
    }
    run_check_cases<TypeParam>(cases);
}

// Rule 3, anonymous form: the server is a DN (more DN faults in test_dn_grammar.cpp).
TYPED_TEST(Check, Rule3_AnonymousServer) {
    run_check_cases<TypeParam>({
        {"5.3 anonymous, host name as server", "EXCH01\n\nanon", PSH_E_BAD_DN, 0, kAnon, 0},
        {"5.3 anonymous, DN too short", "/o=A/ou=B\n\nanon", PSH_E_BAD_DN, 9, kAnon, 0},
        {"5.3 anonymous, CRLF", "/o=A/ou=B/cn=C\r\n\r\nanon", PSH_E_BAD_CHAR, 14, kUnknown, 1},
    });
}

// Rule 4: the mailbox.
TYPED_TEST(Check, Rule4_MailboxEmptyAndDn) {
    const std::string kb = "/o=Contoso/ou=NYC/cn=Recipients/cn=";
    run_check_cases<TypeParam>({
        {"5.4 empty mailbox: offset is the input's length", "EXCH01\n", PSH_E_EMPTY_MAILBOX, 7, kUnknown, 0},
        {"5.4 empty mailbox, server FQDN", "exch01.contoso.com\n", PSH_E_EMPTY_MAILBOX, 19, kUnknown, 0},
        {"5.4 KB Q271913 DN: UNSAFE_CHAR at its first '/'", M + kb + "jdoe", PSH_E_UNSAFE_CHAR, 7, kDn, 1},
        {"5.4 DN, last RDN with ':'", M + kb + "j:doe", PSH_E_UNSAFE_CHAR, 7, kDn, 0},
        {"5.4 DN, last RDN reserved", M + kb + "con", PSH_E_UNSAFE_CHAR, 7, kDn, 0},
        {"5.4 DN, last RDN ends in '.'", M + kb + "jdoe.", PSH_E_UNSAFE_CHAR, 7, kDn, 0},
        {"5.4 DN, last RDN with '?'", M + kb + "jd?oe", PSH_E_UNSAFE_CHAR, 7, kDn, 0},
        {"5.4 DN, last RDN with inner space", M + kb + "j doe", PSH_E_UNSAFE_CHAR, 7, kDn, 1},
        {"5.4 bad DN: ends too soon", M + "/o=A/ou=B", PSH_E_BAD_DN, 16, kDn, 0},
        {"5.4 bad DN: '/' alone", M + "/", PSH_E_BAD_DN, 8, kDn, 0},
        {"5.4 bad DN, trailing space (rewrite trims it)", M + "/o=A/ou=B/cn=C ", PSH_E_BAD_DN, 21, kDn, 1},
    });
}

TYPED_TEST(Check, Rule4_AliasSpacesAndUnsafeUnits) {
    std::vector<CheckCase> cases = {
        {"5.4 space first", M + " jdoe", PSH_E_BAD_MAILBOX, 7, kAlias, 1},
        {"5.4 space last", M + "jdoe ", PSH_E_BAD_MAILBOX, 11, kAlias, 1},
        {"5.4 space only", M + " ", PSH_E_BAD_MAILBOX, 7, kAlias, 0},
        {"5.4 two spaces", M + "  ", PSH_E_BAD_MAILBOX, 7, kAlias, 0},
        {"5.4 two spaces last: the last unit", M + "jdoe  ", PSH_E_BAD_MAILBOX, 12, kAlias, 1},
        {"5.4 inner space is fine", M + "j doe", PSH_OK, -1, kAlias, 1},
        {"5.4 space first before unsafe unit", M + " j:doe", PSH_E_BAD_MAILBOX, 7, kAlias, 0},
        {"5.4 space last before unsafe unit", M + "j:doe ", PSH_E_BAD_MAILBOX, 12, kAlias, 0},
        {"5.4 '/' inside an alias", M + "j/doe", PSH_E_UNSAFE_CHAR, 8, kAlias, 0},
        {"5.4 first unsafe unit", M + "j?d:oe", PSH_E_UNSAFE_CHAR, 8, kAlias, 0},
        {"5.4 '.' last", M + "jdoe.", PSH_E_UNSAFE_CHAR, 11, kAlias, 0},
        {"5.4 '.' alone", M + ".", PSH_E_UNSAFE_CHAR, 7, kAlias, 0},
        {"5.4 unsafe unit before '.' last", M + "jdoe:.", PSH_E_UNSAFE_CHAR, 11, kAlias, 0},
        {"5.4 '.' inside is fine", M + "j.doe", PSH_OK, -1, kAlias, 1},
        {"5.4 '.' first is fine", M + ".jdoe", PSH_OK, -1, kAlias, 1},
        {"5.4 teletex-only units are fine", M + "j!%&()+,-=@[]_doe", PSH_OK, -1, kAlias, 1},
        {"5.4 other printable units are fine", M + "j#$';^{}~`doe", PSH_OK, -1, kAlias, 1},
    };
    for (char c : std::string("<>:\"\\|?*"))
        cases.push_back({std::string("5.4 unsafe '") + c + "'", M + "j" + c + "doe", PSH_E_UNSAFE_CHAR, 8, kAlias, 0});
    for (char c : std::string("<>:\"\\|?*"))
        cases.push_back({std::string("5.4 unsafe '") + c + "' alone", M + c, PSH_E_UNSAFE_CHAR, 7, kAlias, 0});
    run_check_cases<TypeParam>(cases);
}

TYPED_TEST(Check, Rule4_AliasLength) {
    run_check_cases<TypeParam>({
        {"5.4 alias of 64", M + A(64), PSH_OK, -1, kAlias, 1},
        {"5.4 alias of 65: its 65th unit", M + A(65), PSH_E_BAD_MAILBOX, 71, kAlias, 0},
        {"5.4 alias of 200", M + A(200), PSH_E_BAD_MAILBOX, 71, kAlias, 0},
        {"5.4 '.' last before length", M + A(70) + ".", PSH_E_UNSAFE_CHAR, 77, kAlias, 0},
        {"5.4 unsafe unit before length", M + A(68) + ":" + A(3), PSH_E_UNSAFE_CHAR, 75, kAlias, 0},
        {"5.4 space last before length", M + A(70) + " ", PSH_E_BAD_MAILBOX, 77, kAlias, 0},
        {"5.4 length before reserved stem", M + "con." + A(61), PSH_E_BAD_MAILBOX, 71, kAlias, 0},
    });
}

TYPED_TEST(Check, Rule4_AliasReservedStem) {
    std::vector<CheckCase> cases = {
        {"5.5 con", M + "con", PSH_E_RESERVED_NAME, 7, kAlias, 0},
        {"5.5 CON", M + "CON", PSH_E_RESERVED_NAME, 7, kAlias, 0},
        {"5.5 PRN", M + "PRN", PSH_E_RESERVED_NAME, 7, kAlias, 0},
        {"5.5 Aux", M + "Aux", PSH_E_RESERVED_NAME, 7, kAlias, 0},
        {"5.5 nul.txt: stem nul", M + "nul.txt", PSH_E_RESERVED_NAME, 7, kAlias, 0},
        {"5.5 NUL.TXT", M + "NUL.TXT", PSH_E_RESERVED_NAME, 7, kAlias, 0},
        {"5.5 CLOCK$", M + "CLOCK$", PSH_E_RESERVED_NAME, 7, kAlias, 0},
        {"5.5 clock$", M + "clock$", PSH_E_RESERVED_NAME, 7, kAlias, 0},
        {"5.5 CONIN$", M + "CONIN$", PSH_E_RESERVED_NAME, 7, kAlias, 0},
        {"5.5 Conout$.log", M + "Conout$.log", PSH_E_RESERVED_NAME, 7, kAlias, 0},
        {"5.5 prn.x.y", M + "prn.x.y", PSH_E_RESERVED_NAME, 7, kAlias, 0},
        {"5.5 reserved after a long server", "exch01.contoso.com\nlpt1", PSH_E_RESERVED_NAME, 19, kAlias, 0},
        {"5.4 '.' last before reserved", M + "con.", PSH_E_UNSAFE_CHAR, 10, kAlias, 0},
        {"5.4 unsafe unit before reserved", M + "con:", PSH_E_UNSAFE_CHAR, 10, kAlias, 0},
        {"5.5 com10", M + "com10", PSH_OK, -1, kAlias, 1},
        {"5.5 com1a", M + "com1a", PSH_OK, -1, kAlias, 1},
        {"5.5 clock", M + "clock", PSH_OK, -1, kAlias, 1},
        {"5.5 conin", M + "conin", PSH_OK, -1, kAlias, 1},
        {"5.5 con_x", M + "con_x", PSH_OK, -1, kAlias, 1},
        {"5.5 xcon", M + "xcon", PSH_OK, -1, kAlias, 1},
        {"5.5 conx.txt", M + "conx.txt", PSH_OK, -1, kAlias, 1},
        {"5.5 '.con': the stem is empty", M + ".con", PSH_OK, -1, kAlias, 1},
        {"5.5 'con .txt': stem 'con '", M + "con .txt", PSH_OK, -1, kAlias, 1},
        {"5.5 com\u00b9 is outside ASCII", M + "com\xb9", PSH_E_BAD_CHAR, 10, kUnknown, 0},
    };
    for (int d = 0; d <= 9; ++d) {
        const char c = static_cast<char>('0' + d);
        cases.push_back({std::string("5.5 COM") + c, M + "COM" + c, PSH_E_RESERVED_NAME, 7, kAlias, 0});
        cases.push_back({std::string("5.5 com") + c + ".txt", M + "com" + c + ".txt", PSH_E_RESERVED_NAME, 7, kAlias, 0});
        cases.push_back({std::string("5.5 LPT") + c, M + "LPT" + c, PSH_E_RESERVED_NAME, 7, kAlias, 0});
        cases.push_back({std::string("5.5 lPt") + c, M + "lPt" + c, PSH_E_RESERVED_NAME, 7, kAlias, 0});
    }
    run_check_cases<TypeParam>(cases);
}

// Order across parts: the server is checked before the mailbox.
TYPED_TEST(Check, Order_ServerBeforeMailbox) {
    run_check_cases<TypeParam>({
        {"5 server fault before mailbox fault", "ex ch\nj:doe", PSH_E_BAD_SERVER, 2, kAlias, 0},
        {"5 empty server before empty mailbox", "\n", PSH_E_EMPTY_SERVER, 0, kUnknown, 0},
        {"5 empty server before bad DN", "\n/o=A", PSH_E_EMPTY_SERVER, 0, kDn, 0},
        {"5 reserved server before reserved alias", "aux\ncon", PSH_E_RESERVED_NAME, 0, kAlias, 0},
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
