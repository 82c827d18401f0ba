// psh_profile_name, profshim.h section 7. The expected names are computed here from the
// contract's formula, with an FNV-1a 64 written in this test (checked against the published
// vectors), from keys and S/M parts written out by hand.
#include <cctype>
#include <set>

#include "check_cases.hpp"

namespace psh_abi {
namespace {

// S or M: every unit outside A-Z a-z 0-9 _ becomes '_'.
std::string sanitise(const std::string& s) {
    std::string out = s;
    for (char& c : out)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) c = '_';
    return out;
}

// Name = S "_" M "_" hash, S at most 15 units, M at most 46 - length(S).
std::string expected_name(const std::string& key, const std::string& s_raw, const std::string& m_raw) {
    const std::string s = sanitise(s_raw).substr(0, 15);
    const std::string m = sanitise(m_raw).substr(0, 46 - s.size());
    return s + "_" + m + "_" + hex16(fnv1a64(key));
}

TEST(Fnv1a64, PublishedVectors) {
    EXPECT_EQ(hex16(fnv1a64("")), "cbf29ce484222325");
    EXPECT_EQ(hex16(fnv1a64("a")), "af63dc4c8601ec8c");
    EXPECT_EQ(hex16(fnv1a64("foobar")), "85944171f73967e8");
}

struct NameCase {
    std::string rule;
    std::string info;   // the ProfileInfo given
    std::string key;    // the normalised ProfileInfo, lower case, DN kept whole
    std::string s_raw;  // S before sanitising and truncation (from the key)
    std::string m_raw;  // M before sanitising and truncation (from the key)
};

std::vector<NameCase> name_cases() {
    const std::string longsrv = "averyveryverylongservername";  // 27 units, one label
    return {
        {.rule = "7 alias", .info = "EXCH01\njdoe",
         .key = "exch01\njdoe", .s_raw = "exch01", .m_raw = "jdoe"},
        {.rule = "7 KB DN: M is its last RDN, the key keeps the DN",
         .info = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe",
         .key = "exch01\n/o=contoso/ou=nyc/cn=recipients/cn=jdoe", .s_raw = "exch01", .m_raw = "jdoe"},
        {.rule = "7 FQDN: S stops at the first '.'", .info = "exch01.contoso.com\nj.doe",
         .key = "exch01.contoso.com\nj.doe", .s_raw = "exch01", .m_raw = "j.doe"},
        {.rule = "7 normalised as rewrite steps 1-2", .info = "EXCH-01.Contoso.com\r\n  J.Doe-X \r\n",
         .key = "exch-01.contoso.com\nj.doe-x", .s_raw = "exch-01", .m_raw = "j.doe-x"},
        {.rule = "7 anonymous: S is the server DN's last RDN, M is anon",
         .info = "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH 01\r\n\r\nANON",
         .key = "/o=contoso/ou=nyc/cn=configuration/cn=servers/cn=exch 01\n\nanon", .s_raw = "exch 01",
         .m_raw = "anon"},
        {.rule = "7 unsafe units are no obstacle", .info = "EXCH01\nj:d?e*",
         .key = "exch01\nj:d?e*", .s_raw = "exch01", .m_raw = "j:d?e*"},
        {.rule = "7 '.' last is no obstacle", .info = "EXCH01\njdoe.",
         .key = "exch01\njdoe.", .s_raw = "exch01", .m_raw = "jdoe."},
        {.rule = "7 reserved names are no obstacle", .info = "NUL.contoso.com\nCON",
         .key = "nul.contoso.com\ncon", .s_raw = "nul", .m_raw = "con"},
        {.rule = "7 DN whose last RDN holds ':'", .info = "EXCH01\n/o=A/ou=B/cn=R/cn=J:Doe",
         .key = "exch01\n/o=a/ou=b/cn=r/cn=j:doe", .s_raw = "exch01", .m_raw = "j:doe"},
        {.rule = "7 DN whose last RDN is a device name", .info = "EXCH01\n/o=A/ou=B/cn=R/cn=LPT1",
         .key = "exch01\n/o=a/ou=b/cn=r/cn=lpt1", .s_raw = "exch01", .m_raw = "lpt1"},
        {.rule = "7 inner space in the alias", .info = "EXCH01\nJ Doe",
         .key = "exch01\nj doe", .s_raw = "exch01", .m_raw = "j doe"},
        {.rule = "7 other printable units", .info = "EXCH01\nJ!D#E$",
         .key = "exch01\nj!d#e$", .s_raw = "exch01", .m_raw = "j!d#e$"},
        {.rule = "7 digits and '_' kept", .info = "Srv_1\nUser_2",
         .key = "srv_1\nuser_2", .s_raw = "srv_1", .m_raw = "user_2"},
        {.rule = "7 S truncated to 15", .info = longsrv + ".contoso.com\njdoe",
         .key = longsrv + ".contoso.com\njdoe", .s_raw = longsrv, .m_raw = "jdoe"},
        {.rule = "7 S 15, M truncated to 31", .info = longsrv + "\n" + A(64),
         .key = longsrv + "\n" + A(64), .s_raw = longsrv, .m_raw = A(64)},
        {.rule = "7 S of 15 exactly", .info = "abcdefghijklmno\n" + A(40),
         .key = "abcdefghijklmno\n" + A(40), .s_raw = "abcdefghijklmno", .m_raw = A(40)},
        {.rule = "7 S of 1, M truncated to 45", .info = "x\n" + std::string(64, 'b'),
         .key = "x\n" + std::string(64, 'b'), .s_raw = "x", .m_raw = std::string(64, 'b')},
        {.rule = "7 DN last RDN of 64, M truncated to 40", .info = "EXCH01\n/o=A/ou=B/cn=" + std::string(64, 'Z'),
         .key = "exch01\n/o=a/ou=b/cn=" + std::string(64, 'z'), .s_raw = "exch01", .m_raw = std::string(64, 'z')},
        {.rule = "7 anonymous, long server RDN", .info = "/o=A/ou=B/cn=" + A(30) + "\n\nanon",
         .key = "/o=a/ou=b/cn=" + A(30) + "\n\nanon", .s_raw = A(30), .m_raw = "anon"},
        {.rule = "7 server of 253 units", .info = host_of_length(253) + "\njdoe",
         .key = host_of_length(253) + "\njdoe", .s_raw = host_of_length(253).substr(0, 50), .m_raw = "jdoe"},
        {.rule = "7 tabs and spaces around lines", .info = "\t exch01 \t\n\t jdoe \t",
         .key = "exch01\njdoe", .s_raw = "exch01", .m_raw = "jdoe"},
    };
}

template <class U>
class ProfileName : public ::testing::Test {
protected:
    void SetUp() override { PSH_REQUIRE_API(); }
};
TYPED_TEST_SUITE(ProfileName, Widths, WidthNames);

TYPED_TEST(ProfileName, Rule7_ExactNames) {
    using U = TypeParam;
    for (const auto& c : name_cases()) {
        const std::string want = expected_name(c.key, c.s_raw, c.m_raw);
        SCOPED_TRACE("rule " + c.rule + ", info " + show(c.info) + ", expected " + want);
        ASSERT_LE(want.size(), 64u);
        for (LenMode mode : kBothModes) {
            SCOPED_TRACE(mode_name(mode));
            const OutResult<U> r = call_profile_name<U>(units<U>(c.info), mode);
            EXPECT_STATUS(r.status, PSH_OK);
            EXPECT_EQ(show(r.text), show(units<U>(want)));
            EXPECT_EQ(r.out_len, static_cast<int32_t>(want.size()));
        }
    }
}

TYPED_TEST(ProfileName, Rule7_LengthLimitReached) {
    // S + M = 46 at most, so the longest name is 15 + 1 + 31 + 1 + 16 = 64 = cchProfileNameMax.
    using U = TypeParam;
    const OutResult<U> r = call_profile_name<U>(units<U>("averyveryverylongservername\n" + A(64)), LenMode::Explicit);
    ASSERT_STATUS(r.status, PSH_OK);
    EXPECT_EQ(r.text.size(), 64u);
    EXPECT_EQ(r.out_len, PSH_PROFILE_NAME_MAX);
}

// Case and the whitespace that normalisation removes give the same name.
TYPED_TEST(ProfileName, Rule7_SameNameIgnoringCaseAndWhitespace) {
    using U = TypeParam;
    const std::vector<std::vector<std::string>> groups = {
        {"exch01\njdoe", "EXCH01\nJDOE", "Exch01\nJDoe", "  exch01 \r\n jdoe \n", "\r\n\texch01\rjdoe\r\n\r\n"},
        {"exch01\n/o=contoso/ou=nyc/cn=recipients/cn=jdoe", "EXCH01\n/O=Contoso/OU=NYC/CN=Recipients/CN=JDOE",
         "EXCH01\r\n/o=CONTOSO/ou=nyc/cn=Recipients/cn=jdoe \r\n"},
        {"/o=a/ou=b/cn=c\n\nanon", "/O=A/OU=B/CN=C\r\n\r\nANON", " /o=a/ou=b/cn=c\n \n Anon\n"},
    };
    for (const auto& group : groups) {
        const OutResult<U> first = call_profile_name<U>(units<U>(group[0]), LenMode::Explicit);
        ASSERT_STATUS(first.status, PSH_OK);
        for (const auto& other : group) {
            SCOPED_TRACE(show(group[0]) + " vs " + show(other));
            const OutResult<U> r = call_profile_name<U>(units<U>(other), LenMode::NulTerminated);
            EXPECT_STATUS(r.status, PSH_OK);
            EXPECT_EQ(show(r.text), show(first.text));
        }
    }
}

// Any other difference gives another name, even where S and M come out the same.
TYPED_TEST(ProfileName, Rule7_DifferentKeysDifferentNames) {
    using U = TypeParam;
    const std::vector<std::string> inputs = {
        "exch01\njdoe",      "exch01\njdoe2",      "exch02\njdoe",        "exch01.x\njdoe",
        "exch01\nj.doe",     "exch01\nj_doe",      "exch01\nj-doe",       "exch01\nj doe",
        "exch01\nj:doe",     "exch01\n/o=a/ou=b/cn=c/cn=jdoe",          "exch01\n/o=a/ou=b/cn=d/cn=jdoe",
        "exch01.y\njdoe",    "exch01\n" + A(40) + "x", "exch01\n" + A(40) + "y", "exch01\n" + A(45),
        "/o=a/ou=b/cn=exch01\n\nanon", "/o=a/ou=c/cn=exch01\n\nanon", "exch01\nanon",
    };
    std::set<std::string> names;
    for (const auto& in : inputs) {
        const OutResult<U> r = call_profile_name<U>(units<U>(in), LenMode::Explicit);
        ASSERT_STATUS(r.status, PSH_OK) << show(in);
        EXPECT_TRUE(names.insert(show(r.text)).second) << show(in) << " gave a name already given: " << show(r.text);
    }
}

// The names are safe: only A-Z a-z 0-9 _, at most 64 units, never a device name.
TYPED_TEST(ProfileName, Rule7_NamesAreSafe) {
    using U = TypeParam;
    for (const auto& c : name_cases()) {
        const OutResult<U> r = call_profile_name<U>(units<U>(c.info), LenMode::Explicit);
        ASSERT_STATUS(r.status, PSH_OK);
        EXPECT_LE(r.text.size(), 64u);
        for (U u : r.text) {
            const uint32_t v = static_cast<uint32_t>(u);
            EXPECT_TRUE((v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9') || v == '_')
                << show(r.text);
        }
        // Such a name holds no '.', so its stem is the whole name; the 16-digit hash makes it no device name.
        Units<U> as_alias = units<U>("EXCH01\n");
        as_alias.insert(as_alias.end(), r.text.begin(), r.text.end());
        EXPECT_STATUS(call_check<U>(as_alias, LenMode::Explicit).status, PSH_OK) << "as an alias: " << show(r.text);
    }
}

TYPED_TEST(ProfileName, Rule7_Failures) {
    using U = TypeParam;
    const std::vector<std::pair<std::string, int32_t>> cases = {
        {"EXCH01", PSH_E_NO_SEPARATOR},
        {"", PSH_E_NO_SEPARATOR},
        {"a\nb\nc", PSH_E_SYNTAX},
        {"EXCH01\n\njdoe", PSH_E_SYNTAX},
        {"EXCH01\nj\tdoe", PSH_E_BAD_CHAR},
        {"EXCH01\nj\x9f", PSH_E_BAD_CHAR},   // a stray UTF-8 byte; the C1 control U+009F
        {std::string("EXCH01\nj\0doe", 12), PSH_E_BAD_CHAR},
        // Normalised as rewrite step 2 first: empty lines at the ends are dropped, and the
        // part they leave missing is named (section 11.7).
        {"\njdoe", PSH_E_EMPTY_SERVER},
        {"\n\nanon", PSH_E_EMPTY_SERVER},
        {"EXCH01\n", PSH_E_EMPTY_MAILBOX},
        {"EXCH01\r\n\r\n", PSH_E_EMPTY_MAILBOX},
        {"ex ch\njdoe", PSH_E_BAD_SERVER},
        {host_of_length(254) + "\njdoe", PSH_E_BAD_SERVER},
        {A(64) + "\njdoe", PSH_E_BAD_SERVER},
        {"EXCH01\n/o=A/ou=B", PSH_E_BAD_DN},
        {"EXCH01\n\nanon", PSH_E_BAD_DN},
        {"EXCH01\n" + A(65), PSH_E_BAD_MAILBOX},
        // The skipped checks' successors still apply (section 7, first point).
        {"EXCH01\n" + A(70) + ":", PSH_E_BAD_MAILBOX},
        {"EXCH01\n" + A(70) + ".", PSH_E_BAD_MAILBOX},
        {"con\n" + A(65), PSH_E_BAD_MAILBOX},
        {"con\n", PSH_E_EMPTY_MAILBOX},
        {"con\n/o=A", PSH_E_BAD_DN},
        {"EXCH01\n/o=A/ou=B/cn=" + A(65), PSH_E_BAD_DN},
    };
    for (const auto& [info, want] : cases) {
        SCOPED_TRACE(show(info));
        const OutResult<U> r = call_profile_name<U>(units<U>(info), LenMode::Explicit);
        EXPECT_STATUS(r.status, want);
        EXPECT_EQ(r.out_len, 0);
    }
}

// flags must be 0: every other value, PSH_REWRITE_KEEP_DN included, is PSH_E_UNKNOWN_FLAGS.
TYPED_TEST(ProfileName, Rule7_FlagsMustBeZero) {
    using U = TypeParam;
    for (uint32_t flags : {0x1u, 0x2u, 0x3u, 0x80000000u, 0xFFFFFFFFu}) {
        SCOPED_TRACE(flags);
        const OutResult<U> r = call_profile_name<U>(units<U>("EXCH01\njdoe"), LenMode::Explicit, flags);
        EXPECT_STATUS(r.status, PSH_E_UNKNOWN_FLAGS);
        EXPECT_EQ(r.out_len, 0);
        EXPECT_STATUS(call_profile_name<U>(units<U>("EXCH01"), LenMode::Explicit, flags).status, PSH_E_UNKNOWN_FLAGS);
    }
}

}  // namespace
}  // namespace psh_abi
