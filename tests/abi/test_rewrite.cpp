// psh_rewrite, contract section 6: characters (CR and TAB accepted), line normalisation, DN
// mailbox to its last RDN unless PSH_REWRITE_KEEP_DN, anon in lower case, then psh_check.
// Also: output never longer than input, rewrite(rewrite(x)) == rewrite(x), and the result
// passes psh_check.
#include "check_cases.hpp"

namespace psh_abi {
namespace {

struct RewriteCase {
    std::string rule;
    std::string info;
    uint32_t flags;
    int32_t status;
    std::string out;  // expected output when status is PSH_OK
};

const std::string kKbDn = "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
const std::string kServerDn = "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01";

std::vector<RewriteCase> rewrite_cases() {
    const uint32_t KEEP = PSH_REWRITE_KEEP_DN;
    return {
        // Already safe: unchanged.
        {"6 safe input unchanged", "EXCH01\njdoe", 0, PSH_OK, "EXCH01\njdoe"},
        {"6 case kept", "Exch01.Contoso.com\nJDoe", 0, PSH_OK, "Exch01.Contoso.com\nJDoe"},
        {"6 safe anonymous unchanged", kServerDn + "\n\nanon", 0, PSH_OK, kServerDn + "\n\nanon"},
        // Step 3: the KB Q271913 DN becomes its last RDN.
        {"6.3 KB DN -> last RDN", "EXCH01\n" + kKbDn, 0, PSH_OK, "EXCH01\njdoe"},
        {"6.3 DN with several /cn=", "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=Sub/cn=jdoe", 0, PSH_OK,
         "EXCH01\njdoe"},
        {"6.3 DN in upper case, RDN case kept", "EXCH01\n/O=Contoso/OU=NYC/CN=Recipients/CN=JDoe", 0, PSH_OK,
         "EXCH01\nJDoe"},
        {"6.3 last RDN with an inner space", "EXCH01\n/o=A/ou=B/cn=R/cn=j doe", 0, PSH_OK, "EXCH01\nj doe"},
        {"6.3 last RDN of 64", "EXCH01\n/o=A/ou=B/cn=" + A(64), 0, PSH_OK, "EXCH01\n" + A(64)},
        {"6.3 DN with a trailing space", "EXCH01\n/o=A/ou=B/cn=R/cn=jdoe  ", 0, PSH_OK, "EXCH01\njdoe"},
        {"6.3 DN + CRLF + trailing newline", "EXCH01\r\n" + kKbDn + "\r\n", 0, PSH_OK, "EXCH01\njdoe"},
        // Step 2: CR, LF, whitespace around lines, empty lines at the ends.
        {"6.2 CRLF", "EXCH01\r\njdoe", 0, PSH_OK, "EXCH01\njdoe"},
        {"6.2 lone CR", "EXCH01\rjdoe", 0, PSH_OK, "EXCH01\njdoe"},
        {"6.2 trailing LF", "EXCH01\njdoe\n", 0, PSH_OK, "EXCH01\njdoe"},
        {"6.2 trailing CRLF", "EXCH01\njdoe\r\n", 0, PSH_OK, "EXCH01\njdoe"},
        {"6.2 trailing CR", "EXCH01\njdoe\r", 0, PSH_OK, "EXCH01\njdoe"},
        {"6.2 several trailing newlines", "EXCH01\njdoe\n\r\n\n\r", 0, PSH_OK, "EXCH01\njdoe"},
        {"6.2 leading newlines", "\n\r\n\rEXCH01\njdoe", 0, PSH_OK, "EXCH01\njdoe"},
        {"6.2 spaces and tabs around lines", "  EXCH01 \t\n\t jdoe  ", 0, PSH_OK, "EXCH01\njdoe"},
        {"6.2 blank lines with whitespace at the ends", " \t \n EXCH01\njdoe\n \t\n", 0, PSH_OK, "EXCH01\njdoe"},
        {"6.2 CR CR LF: lone CR then CRLF", "EXCH01\njdoe\r\r\n", 0, PSH_OK, "EXCH01\njdoe"},
        // Anonymous form: the empty middle line stays, anon in lower case.
        {"6.3 ANON -> anon", kServerDn + "\n\nANON", 0, PSH_OK, kServerDn + "\n\nanon"},
        {"6.2/6.3 anonymous, CRLF and trailing newline", kServerDn + "\r\n\r\nAnon\r\n", 0, PSH_OK,
         kServerDn + "\n\nanon"},
        {"6.2 anonymous, whitespace-only middle line", "/o=A/ou=B/cn=C\n \t \nanon", 0, PSH_OK,
         "/o=A/ou=B/cn=C\n\nanon"},
        {"6.2 anonymous, spaces around anon", " /o=A/ou=B/cn=C \n\n  aNoN\t", 0, PSH_OK, "/o=A/ou=B/cn=C\n\nanon"},
        // KEEP_DN.
        {"6.3 KEEP_DN, alias", "EXCH01\r\njdoe", KEEP, PSH_OK, "EXCH01\njdoe"},
        {"6.3 KEEP_DN, DN mailbox", "EXCH01\n" + kKbDn, KEEP, PSH_E_UNSAFE_CHAR, ""},
        {"6.3 KEEP_DN, anonymous with anon", kServerDn + "\r\n\r\nanon", KEEP, PSH_OK, kServerDn + "\n\nanon"},
        // Step 4: what cannot be made safe.
        {"6 DN whose last RDN holds ':'", "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe", 0, PSH_E_UNSAFE_CHAR, ""},
        {"6 DN whose last RDN holds '?'", "EXCH01\n/o=A/ou=B/cn=R/cn=jd?oe", 0, PSH_E_UNSAFE_CHAR, ""},
        {"6 DN whose last RDN ends in '.'", "EXCH01\n/o=A/ou=B/cn=R/cn=jdoe.", 0, PSH_E_UNSAFE_CHAR, ""},
        {"6 DN whose last RDN is a device name", "EXCH01\n/o=A/ou=B/cn=R/cn=Con", 0, PSH_E_RESERVED_NAME, ""},
        {"6 DN whose last RDN is nul.txt", "EXCH01\n/o=A/ou=B/cn=R/cn=nul.txt", 0, PSH_E_RESERVED_NAME, ""},
        {"6 broken DN stays and fails", "EXCH01\n/o=A/ou=B", 0, PSH_E_BAD_DN, ""},
        {"6 broken DN, space inside an RDN end", "EXCH01\n/o=A /ou=B/cn=C", 0, PSH_E_BAD_DN, ""},
        {"6.1/6.4 TAB inside a line", "EXCH01\nj\tdoe", 0, PSH_E_BAD_CHAR, ""},
        {"6.1 DEL", "EXCH01\njdoe\x7f", 0, PSH_E_BAD_CHAR, ""},
        {"6.1 0x01", "\x01" "EXCH01\njdoe", 0, PSH_E_BAD_CHAR, ""},
        {"6.1 non-ASCII", "EXCH01\nj\xf6rg", 0, PSH_E_BAD_CHAR, ""},
        {"6.1 NUL with explicit length", std::string("EXCH01\nj\0doe", 12), 0, PSH_E_BAD_CHAR, ""},
        {"6.2 CR inside a line splits it", "EXCH01\nj\rdoe", 0, PSH_E_SYNTAX, ""},
        {"6.2 empty middle line, authenticated", "EXCH01\n\njdoe", 0, PSH_E_SYNTAX, ""},
        {"6.2 empty middle line of spaces", "EXCH01\n  \njdoe", 0, PSH_E_SYNTAX, ""},
        {"6.2 only newlines", "\r\n\n", 0, PSH_E_NO_SEPARATOR, ""},
        {"6.2 empty", "", 0, PSH_E_NO_SEPARATOR, ""},
        {"6.2 only spaces", "   \t ", 0, PSH_E_NO_SEPARATOR, ""},
        {"6.2 mailbox only whitespace", "EXCH01\n  \t", 0, PSH_E_NO_SEPARATOR, ""},
        {"6.4 inner space in server", "EX CH\njdoe", 0, PSH_E_BAD_SERVER, ""},
        {"6.2 empty first line dropped: no separator left", "\njdoe", 0, PSH_E_NO_SEPARATOR, ""},
        {"6.2 empty mailbox line dropped", "EXCH01\n", 0, PSH_E_NO_SEPARATOR, ""},
        {"6.2 anonymous without server: leading empty lines dropped", "\n\nanon", 0, PSH_E_NO_SEPARATOR, ""},
        {"6.4 empty server after trimming", "  \t\njdoe", 0, PSH_E_NO_SEPARATOR, ""},
        {"6.4 unsafe alias", "EXCH01\nj:doe", 0, PSH_E_UNSAFE_CHAR, ""},
        {"6.4 reserved alias", "EXCH01\nCOM1", 0, PSH_E_RESERVED_NAME, ""},
        {"6.4 reserved server", "nul\njdoe", 0, PSH_E_RESERVED_NAME, ""},
        {"6.4 alias of 65", "EXCH01\n" + A(65), 0, PSH_E_BAD_MAILBOX, ""},
        {"6.4 DN whose last RDN is 65 units", "EXCH01\n/o=A/ou=B/cn=" + A(65), 0, PSH_E_BAD_DN, ""},
        {"6.4 anonymous, host name as server", "EXCH01\n\nanon", 0, PSH_E_BAD_DN, ""},
        // Unknown flags (the flag check comes before the input is looked at).
        {"6 flag 0x4", "EXCH01\njdoe", 0x4, PSH_E_UNKNOWN_FLAGS, ""},
        {"6 flags 0x7", "EXCH01\njdoe", 0x7, PSH_E_UNKNOWN_FLAGS, ""},
        {"6 flag 0x80000000", "EXCH01\njdoe", 0x80000000u, PSH_E_UNKNOWN_FLAGS, ""},
        {"6 all flags", "EXCH01\njdoe", 0xFFFFFFFFu, PSH_E_UNKNOWN_FLAGS, ""},
        {"6 unknown flag with bad input", "EXCH01", 0x10, PSH_E_UNKNOWN_FLAGS, ""},
    };
}

template <class U>
class Rewrite : public ::testing::Test {
protected:
    void SetUp() override { PSH_REQUIRE_API(); }
};
TYPED_TEST_SUITE(Rewrite, Widths, WidthNames);

TYPED_TEST(Rewrite, Rule6_Examples) {
    using U = TypeParam;
    for (const auto& c : rewrite_cases()) {
        SCOPED_TRACE("rule " + c.rule + ", info " + show(c.info) + ", flags " + std::to_string(c.flags));
        for (LenMode mode : kBothModes) {
            if (mode == LenMode::NulTerminated && c.info.find('\0') != std::string::npos) continue;
            SCOPED_TRACE(mode_name(mode));
            const OutResult<U> r = call_rewrite<U>(units<U>(c.info), mode, c.flags);
            EXPECT_STATUS(r.status, c.status);
            if (c.status == PSH_OK) {
                EXPECT_EQ(show(r.text), show(units<U>(c.out)));
                EXPECT_EQ(r.out_len, static_cast<int32_t>(c.out.size()));
            } else {
                EXPECT_EQ(r.out_len, 0) << "section 8: any other failure sets *out_len = 0";
            }
        }
    }
}

// Section 6: "the output is never longer than the input, and rewrite(rewrite(x)) = rewrite(x)";
// step 4: the result passes psh_check. Over every example and both flag values.
TYPED_TEST(Rewrite, Rule6_NotLongerIdempotentAndChecked) {
    using U = TypeParam;
    int successes = 0;
    for (const auto& c : rewrite_cases()) {
        for (uint32_t flags : {0u, static_cast<uint32_t>(PSH_REWRITE_KEEP_DN)}) {
            const Units<U> in = units<U>(c.info);
            const OutResult<U> once = call_rewrite<U>(in, LenMode::Explicit, flags);
            if (once.status != PSH_OK) continue;
            ++successes;
            SCOPED_TRACE(show(c.info) + " -> " + show(once.text) + ", flags " + std::to_string(flags));
            EXPECT_LE(once.text.size(), in.size());
            const OutResult<U> twice = call_rewrite<U>(once.text, LenMode::Explicit, flags);
            EXPECT_STATUS(twice.status, PSH_OK);
            EXPECT_EQ(show(twice.text), show(once.text));
            const CheckResult chk = call_check<U>(once.text, LenMode::Explicit);
            EXPECT_STATUS(chk.status, PSH_OK);
        }
    }
    EXPECT_GT(successes, 20);
}

// Section 6 step 3 opens with "Unless PSH_REWRITE_KEEP_DN (0x1) is set:", and the sentence
// on anon stands inside that step (the header's step 3 reads the same: "Unless
// PSH_REWRITE_KEEP_DN: ...; in the anonymous form "anon" is written in lower case"). So with
// KEEP_DN the whole step is skipped and an upper-case ANON stays; it passes psh_check anyway.
TYPED_TEST(Rewrite, Rule6_KeepDnSkipsAllOfStep3) {
    using U = TypeParam;
    const OutResult<U> r = call_rewrite<U>(units<U>(kServerDn + "\r\n\r\nANON "), LenMode::Explicit, PSH_REWRITE_KEEP_DN);
    EXPECT_STATUS(r.status, PSH_OK);
    EXPECT_EQ(show(r.text), show(units<U>(kServerDn + "\n\nANON")));
}

}  // namespace
}  // namespace psh_abi
