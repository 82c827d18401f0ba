// psh_rewrite, profshim.h section 6: characters (CR and TAB accepted), line normalisation, DN
// mailbox to its last RDN unless PSH_REWRITE_KEEP_DN, anon in lower case, then psh_check.
// Also: output never longer than input, rewrite(rewrite(x)) == rewrite(x), and the result
// passes psh_check.
#include "check_cases.hpp"

namespace psh_abi {
namespace {

struct RewriteCase {
    std::string rule;
    std::string info;
    uint32_t flags = 0;
    int32_t status;
    std::string out = "";  // expected output when status is PSH_OK; the failures leave it out
};

const std::string kKbDn = "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
const std::string kServerDn = "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01";

std::vector<RewriteCase> rewrite_cases() {
    const uint32_t KEEP = PSH_REWRITE_KEEP_DN;
    return {
        // Already safe: unchanged.
        {.rule = "6 safe input unchanged", .info = "EXCH01\njdoe", .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6 case kept", .info = "Exch01.Contoso.com\nJDoe",
         .status = PSH_OK, .out = "Exch01.Contoso.com\nJDoe"},
        {.rule = "6 safe anonymous unchanged", .info = kServerDn + "\n\nanon",
         .status = PSH_OK, .out = kServerDn + "\n\nanon"},
        // Step 3: the KB Q271913 DN becomes its last RDN.
        {.rule = "6.3 KB DN -> last RDN", .info = "EXCH01\n" + kKbDn, .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.3 DN with several /cn=", .info = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=Sub/cn=jdoe",
         .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.3 DN in upper case, RDN case kept", .info = "EXCH01\n/O=Contoso/OU=NYC/CN=Recipients/CN=JDoe",
         .status = PSH_OK, .out = "EXCH01\nJDoe"},
        {.rule = "6.3 last RDN with an inner space", .info = "EXCH01\n/o=A/ou=B/cn=R/cn=j doe",
         .status = PSH_OK, .out = "EXCH01\nj doe"},
        {.rule = "6.3 last RDN of 64", .info = "EXCH01\n/o=A/ou=B/cn=" + A(64),
         .status = PSH_OK, .out = "EXCH01\n" + A(64)},
        {.rule = "6.3 DN with a trailing space", .info = "EXCH01\n/o=A/ou=B/cn=R/cn=jdoe  ",
         .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.3 DN + CRLF + trailing newline", .info = "EXCH01\r\n" + kKbDn + "\r\n",
         .status = PSH_OK, .out = "EXCH01\njdoe"},
        // Step 2: CR, LF, whitespace around lines, empty lines at the ends.
        {.rule = "6.2 CRLF", .info = "EXCH01\r\njdoe", .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.2 lone CR", .info = "EXCH01\rjdoe", .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.2 trailing LF", .info = "EXCH01\njdoe\n", .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.2 trailing CRLF", .info = "EXCH01\njdoe\r\n", .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.2 trailing CR", .info = "EXCH01\njdoe\r", .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.2 several trailing newlines", .info = "EXCH01\njdoe\n\r\n\n\r",
         .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.2 leading newlines", .info = "\n\r\n\rEXCH01\njdoe", .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.2 spaces and tabs around lines", .info = "  EXCH01 \t\n\t jdoe  ",
         .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.2 blank lines with whitespace at the ends", .info = " \t \n EXCH01\njdoe\n \t\n",
         .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.2 CR CR LF: lone CR then CRLF", .info = "EXCH01\njdoe\r\r\n",
         .status = PSH_OK, .out = "EXCH01\njdoe"},
        // Anonymous form: the empty middle line stays, anon in lower case.
        {.rule = "6.3 ANON -> anon", .info = kServerDn + "\n\nANON", .status = PSH_OK, .out = kServerDn + "\n\nanon"},
        {.rule = "6.2/6.3 anonymous, CRLF and trailing newline", .info = kServerDn + "\r\n\r\nAnon\r\n",
         .status = PSH_OK, .out = kServerDn + "\n\nanon"},
        {.rule = "6.2 anonymous, whitespace-only middle line", .info = "/o=A/ou=B/cn=C\n \t \nanon",
         .status = PSH_OK, .out = "/o=A/ou=B/cn=C\n\nanon"},
        {.rule = "6.2 anonymous, spaces around anon", .info = " /o=A/ou=B/cn=C \n\n  aNoN\t",
         .status = PSH_OK, .out = "/o=A/ou=B/cn=C\n\nanon"},
        // KEEP_DN.
        {.rule = "6.3 KEEP_DN, alias", .info = "EXCH01\r\njdoe", .flags = KEEP,
         .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.rule = "6.3 KEEP_DN, DN mailbox", .info = "EXCH01\n" + kKbDn, .flags = KEEP, .status = PSH_E_UNSAFE_CHAR},
        {.rule = "6.3 KEEP_DN, anonymous with anon", .info = kServerDn + "\r\n\r\nanon", .flags = KEEP,
         .status = PSH_OK, .out = kServerDn + "\n\nanon"},
        // Step 4: what cannot be made safe.
        {.rule = "6 DN whose last RDN holds ':'", .info = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe",
         .status = PSH_E_UNSAFE_CHAR},
        {.rule = "6 DN whose last RDN holds '?'", .info = "EXCH01\n/o=A/ou=B/cn=R/cn=jd?oe",
         .status = PSH_E_UNSAFE_CHAR},
        {.rule = "6 DN whose last RDN ends in '.'", .info = "EXCH01\n/o=A/ou=B/cn=R/cn=jdoe.",
         .status = PSH_E_UNSAFE_CHAR},
        {.rule = "6 DN whose last RDN is a device name", .info = "EXCH01\n/o=A/ou=B/cn=R/cn=Con",
         .status = PSH_E_RESERVED_NAME},
        {.rule = "6 DN whose last RDN is nul.txt", .info = "EXCH01\n/o=A/ou=B/cn=R/cn=nul.txt",
         .status = PSH_E_RESERVED_NAME},
        {.rule = "6 broken DN stays and fails", .info = "EXCH01\n/o=A/ou=B", .status = PSH_E_BAD_DN},
        {.rule = "6 broken DN, space inside an RDN end", .info = "EXCH01\n/o=A /ou=B/cn=C", .status = PSH_E_BAD_DN},
        {.rule = "6.1/6.4 TAB inside a line", .info = "EXCH01\nj\tdoe", .status = PSH_E_BAD_CHAR},
        {.rule = "6.1 DEL", .info = "EXCH01\njdoe\x7f", .status = PSH_E_BAD_CHAR},
        {.rule = "6.1 0x01", .info = "\x01" "EXCH01\njdoe", .status = PSH_E_BAD_CHAR},
        {.rule = "6.1 0x85: a stray UTF-8 byte, the C1 control U+0085", .info = "EXCH01\nj\x85rg", .status = PSH_E_BAD_CHAR},
        {.rule = "6.1 NUL with explicit length", .info = std::string("EXCH01\nj\0doe", 12), .status = PSH_E_BAD_CHAR},
        {.rule = "6.2 CR inside a line splits it", .info = "EXCH01\nj\rdoe", .status = PSH_E_SYNTAX},
        {.rule = "6.2 empty middle line, authenticated", .info = "EXCH01\n\njdoe", .status = PSH_E_SYNTAX},
        {.rule = "6.2 empty middle line of spaces", .info = "EXCH01\n  \njdoe", .status = PSH_E_SYNTAX},
        {.rule = "6.2 only newlines", .info = "\r\n\n", .status = PSH_E_NO_SEPARATOR},
        {.rule = "6.2 empty", .info = "", .status = PSH_E_NO_SEPARATOR},
        {.rule = "6.2 only spaces", .info = "   \t ", .status = PSH_E_NO_SEPARATOR},
        {.rule = "11.7 mailbox only whitespace", .info = "EXCH01\n  \t", .status = PSH_E_EMPTY_MAILBOX},
        {.rule = "6.4 inner space in server", .info = "EX CH\njdoe", .status = PSH_E_BAD_SERVER},
        {.rule = "11.7 empty first line dropped: the server is named", .info = "\njdoe", .status = PSH_E_EMPTY_SERVER},
        {.rule = "11.7 empty mailbox line dropped: the mailbox is named", .info = "EXCH01\n", .status = PSH_E_EMPTY_MAILBOX},
        {.rule = "11.7 empty lines dropped after a CRLF", .info = "EXCH01\r\n\r\n", .status = PSH_E_EMPTY_MAILBOX},
        {.rule = "11.7 dropped on both sides: the mailbox first", .info = "\nEXCH01\n", .status = PSH_E_EMPTY_MAILBOX},
        {.rule = "11.7 never had a line break", .info = " EXCH01 ", .status = PSH_E_NO_SEPARATOR},
        {.rule = "11.7 a TAB is still found first", .info = "EX\tCH01\n", .status = PSH_E_BAD_CHAR},
        {.rule = "11.7 anonymous without server: leading empty lines dropped", .info = "\n\nanon",
         .status = PSH_E_EMPTY_SERVER},
        {.rule = "11.7 empty server after trimming", .info = "  \t\njdoe", .status = PSH_E_EMPTY_SERVER},
        {.rule = "6.4 unsafe alias", .info = "EXCH01\nj:doe", .status = PSH_E_UNSAFE_CHAR},
        {.rule = "6.4 reserved alias", .info = "EXCH01\nCOM1", .status = PSH_E_RESERVED_NAME},
        {.rule = "6.4 reserved server", .info = "nul\njdoe", .status = PSH_E_RESERVED_NAME},
        {.rule = "6.4 alias of 65", .info = "EXCH01\n" + A(65), .status = PSH_E_BAD_MAILBOX},
        {.rule = "6.4 DN whose last RDN is 65 units", .info = "EXCH01\n/o=A/ou=B/cn=" + A(65), .status = PSH_E_BAD_DN},
        {.rule = "6.4 anonymous, host name as server", .info = "EXCH01\n\nanon", .status = PSH_E_BAD_DN},
        // Unknown flags (the flag check comes before the input is looked at).
        {.rule = "6 flag 0x4", .info = "EXCH01\njdoe", .flags = 0x4, .status = PSH_E_UNKNOWN_FLAGS},
        {.rule = "6 flags 0x7", .info = "EXCH01\njdoe", .flags = 0x7, .status = PSH_E_UNKNOWN_FLAGS},
        {.rule = "6 flag 0x80000000", .info = "EXCH01\njdoe", .flags = 0x80000000u, .status = PSH_E_UNKNOWN_FLAGS},
        {.rule = "6 all flags", .info = "EXCH01\njdoe", .flags = 0xFFFFFFFFu, .status = PSH_E_UNKNOWN_FLAGS},
        {.rule = "6 unknown flag with bad input", .info = "EXCH01", .flags = 0x10, .status = PSH_E_UNKNOWN_FLAGS},
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
