// What version 1.1 added (profshim.h section 10), through the export table, in both widths
// and both length modes: personalized server names (10.1, with their offsets), DN
// mailboxes of Exchange 2007 and later left in place by psh_rewrite (10.2), and
// PSH_REWRITE_EXACT (10.3).
#include <cctype>

#include "check_cases.hpp"

namespace psh_abi {
namespace {

template <class U>
class Version11 : public ::testing::Test {
protected:
    void SetUp() override { PSH_REQUIRE_API(); }
};
TYPED_TEST_SUITE(Version11, Widths, WidthNames);

// A mailbox GUID in the 8-4-4-4-12 form: 36 units, so a personalized server's '@' is at 36
// and its host starts at 37.
const std::string G = "3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c";
const std::string kFixedGroup = "Exchange Administrative Group (FYDIBOHF23SPDLT)";
// Exchange 2013 and later: 32 hex digits and '-' before the name; the alias is "test".
const std::string kDn2013 = "/o=fab/ou=" + kFixedGroup + "/cn=Recipients/cn=7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f-test";
const std::string kKb = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";

// The library is 1.2.0 now (section 11); 1.1's flag is unchanged.
TEST(Version11Version, VersionIs10200) {
    PSH_REQUIRE_API();
    EXPECT_EQ(api().version(), 10200);
    EXPECT_EQ(PSH_VERSION_NUMBER, 10200);
    EXPECT_STREQ(PSH_VERSION_STRING, "1.2.0");
    EXPECT_EQ(PSH_REWRITE_EXACT, 0x2u);
}

// 10.1: the host-name rule applies to the units after the '@' alone, offsets from the start.
TYPED_TEST(Version11, Section10_1_PersonalizedServerNames) {
    std::string not_hex_first = G + "@contoso\nx";   // a 'g' where the GUID's first digit is
    not_hex_first[0] = 'g';
    run_check_cases<TypeParam>({
        {.rule = "10.1 the issue's Exchange 2013 logon", .info = G + "@contoso.com\nadmin",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "10.1 upper-case hex digits", .info = "3F2A9C1D-7B4E-4A8F-9C21-5D6E7F8A9B0C@contoso.com\nadmin",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "10.1 a one-label host", .info = G + "@EXCH01\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "10.1 a host that is a device name: the stem holds the GUID", .info = G + "@con\njdoe",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "10.1 empty host: at the end of the server", .info = G + "@\nadmin",
         .status = PSH_E_BAD_SERVER, .error_offset = 37, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 '.' first in the host", .info = G + "@.contoso\nadmin",
         .status = PSH_E_BAD_SERVER, .error_offset = 37, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 '.' last in the host", .info = G + "@contoso.\nadmin",
         .status = PSH_E_BAD_SERVER, .error_offset = 44, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 '..' in the host", .info = G + "@contoso..com\nadmin",
         .status = PSH_E_BAD_SERVER, .error_offset = 45, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 '-' first in the host", .info = G + "@-contoso\nadmin",
         .status = PSH_E_BAD_SERVER, .error_offset = 37, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 a second '@'", .info = G + "@con@toso\nadmin",
         .status = PSH_E_BAD_SERVER, .error_offset = 40, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 64th unit of a host label", .info = G + "@" + A(64) + "\nadmin",
         .status = PSH_E_BAD_SERVER, .error_offset = 37 + 63, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 a host of 253 units", .info = G + "@" + host_of_length(253) + "\nadmin",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        {.rule = "10.1 a host of 254: the unit 253 past the host's start",
         .info = G + "@" + host_of_length(254) + "\nadmin",
         .status = PSH_E_BAD_SERVER, .error_offset = 37 + 253, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 a well-formed server, then the DN mailbox", .info = G + "@contoso.com\n/o=A/ou=B/cn=jdoe",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 49, .form = kDn, .rewritable = 1},
        {.rule = "10.1 an empty mailbox after it", .info = G + "@contoso.com\n",
         .status = PSH_E_EMPTY_MAILBOX, .error_offset = 49, .form = kUnknown, .rewritable = 0},
        // Not a GUID: checked as in 1.0, so the '@' fails.
        {.rule = "10.1 1.0 rule: jdoe@contoso", .info = "jdoe@contoso\nx",
         .status = PSH_E_BAD_SERVER, .error_offset = 4, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 1.0 rule: 35 units before the '@'", .info = G.substr(0, 35) + "@contoso\nx",
         .status = PSH_E_BAD_SERVER, .error_offset = 35, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 1.0 rule: 37 units before the '@'", .info = G + "0@contoso\nx",
         .status = PSH_E_BAD_SERVER, .error_offset = 37, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 1.0 rule: a 'g' is no hex digit", .info = not_hex_first,
         .status = PSH_E_BAD_SERVER, .error_offset = 36, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 1.0 rule: a '-' out of place", .info = "3f2a9c1d7-b4e-4a8f-9c21-5d6e7f8a9b0c@contoso\nx",
         .status = PSH_E_BAD_SERVER, .error_offset = 36, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 1.0 rule: braces", .info = "{" + G + "}@contoso\nx",
         .status = PSH_E_BAD_SERVER, .error_offset = 0, .form = kAlias, .rewritable = 0},
        {.rule = "10.1 the GUID alone is a host name", .info = G + "\nadmin",
         .status = PSH_OK, .form = kAlias, .rewritable = 1},
        // The anonymous form's server is a DN, never a personalized server name.
        {.rule = "10.1 anonymous form: the server must be a DN", .info = G + "@contoso.com\n\nanon",
         .status = PSH_E_BAD_DN, .error_offset = 0, .form = kAnon, .rewritable = 0},
    });
}

TYPED_TEST(Version11, Section10_1_RewriteAndProfileName) {
    using U = TypeParam;
    for (LenMode mode : kBothModes) {
        SCOPED_TRACE(mode_name(mode));
        const OutResult<U> rw = call_rewrite<U>(units<U>(" " + G + "@contoso.com \r\n admin\r\n"), mode);
        EXPECT_STATUS(rw.status, PSH_OK);
        EXPECT_EQ(show(rw.text), show(G + "@contoso.com\nadmin"));
        EXPECT_STATUS(call_rewrite<U>(units<U>(G + "@\nadmin"), mode).status, PSH_E_BAD_SERVER);

        // S is still the units up to the first '.' (section 7): "3f2a9c1d_7b4e_4".
        const std::string key = G + "@contoso.com\nadmin";
        const OutResult<U> name = call_profile_name<U>(units<U>(key), mode);
        EXPECT_STATUS(name.status, PSH_OK);
        EXPECT_EQ(show(name.text), show("3f2a9c1d_7b4e_4_admin_" + hex16(fnv1a64(key))));
        EXPECT_EQ(show(name.text), show(std::string("3f2a9c1d_7b4e_4_admin_774f76ed44d232dd")));
        EXPECT_STATUS(call_profile_name<U>(units<U>(G + "@\nadmin"), mode).status, PSH_E_BAD_SERVER);
    }
}

// 10.2: psh_check's status and offsets are as in 1.0; `rewritable` is 0 for such a DN.
TYPED_TEST(Version11, Section10_2_CheckOfExchange2007Dns) {
    run_check_cases<TypeParam>({
        {.rule = "10.2 Exchange 2013 DN", .info = "EX\n" + kDn2013,
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 3, .form = kDn, .rewritable = 0},
        {.rule = "10.2 Exchange 2010 DN",
         .info = "EXCH01\n/o=Contoso/ou=" + kFixedGroup + "/cn=Recipients/cn=ES1 Service832",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 7, .form = kDn, .rewritable = 0},
        {.rule = "10.2 the group in lower case",
         .info = "EX\n/o=fab/ou=exchange administrative group (fydibohf23spdlt)/cn=test",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 3, .form = kDn, .rewritable = 0},
        {.rule = "10.2 Exchange 2003 DN is rewritable",
         .info = "EX\n/o=Contoso/ou=First Administrative Group/cn=Recipients/cn=jdoe",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 3, .form = kDn, .rewritable = 1},
        {.rule = "10.2 another spelling: no space before '('",
         .info = "EX\n/o=fab/ou=Exchange Administrative Group(FYDIBOHF23SPDLT)/cn=Recipients/cn=test",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 3, .form = kDn, .rewritable = 1},
        {.rule = "10.2 another spelling: two spaces",
         .info = "EX\n/o=fab/ou=Exchange  Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=test",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 3, .form = kDn, .rewritable = 1},
        {.rule = "10.2 the group as a /cn=, not the /ou=", .info = "EX\n/o=fab/ou=NYC/cn=" + kFixedGroup + "/cn=test",
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 3, .form = kDn, .rewritable = 1},
        {.rule = "10.2 a personalized server and an Exchange 2013 DN", .info = G + "@contoso.com\n" + kDn2013,
         .status = PSH_E_UNSAFE_CHAR, .error_offset = 49, .form = kDn, .rewritable = 0},
        {.rule = "10.2 the anonymous form is not concerned",
         .info = "/o=fab/ou=" + kFixedGroup + "/cn=Servers/cn=EX1\n\nanon",
         .status = PSH_OK, .form = kAnon, .rewritable = 1},
    });
}

TYPED_TEST(Version11, Section10_2_RewriteLeavesExchange2007DnsInPlace) {
    using U = TypeParam;
    const std::string kept_cases[] = {
        "EX\n" + kDn2013,
        "EX\n/o=fab/ou=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/cn=Recipients/cn=test",
        " EX \r\n " + kDn2013 + " \r\n",   // normalised first, then kept
    };
    for (LenMode mode : kBothModes) {
        SCOPED_TRACE(mode_name(mode));
        for (const std::string& info : kept_cases) {
            SCOPED_TRACE(show(info));
            for (uint32_t flags : {0u, PSH_REWRITE_EXACT}) {
                const OutResult<U> r = call_rewrite<U>(units<U>(info), mode, flags);
                EXPECT_STATUS(r.status, PSH_E_UNSAFE_CHAR);
                EXPECT_EQ(r.out_len, 0);
            }
            psh_report report = fresh_report();
            Width<U>::check()(units<U>(info).data(), static_cast<int32_t>(info.size()), &report);
            EXPECT_EQ(report.rewritable, 0);
        }
        // Every other well-formed DN is rewritten as in 1.0.
        const OutResult<U> r2003 =
            call_rewrite<U>(units<U>("EX\n/o=Contoso/ou=First Administrative Group/cn=Recipients/cn=jdoe"), mode);
        EXPECT_STATUS(r2003.status, PSH_OK);
        EXPECT_EQ(show(r2003.text), show(std::string("EX\njdoe")));
        const OutResult<U> other = call_rewrite<U>(
            units<U>("EX\n/o=fab/ou=Exchange Administrative Group(FYDIBOHF23SPDLT)/cn=Recipients/cn=test"), mode);
        EXPECT_STATUS(other.status, PSH_OK);
        EXPECT_EQ(show(other.text), show(std::string("EX\ntest")));
        // psh_profile_name is unchanged: it names the DN whole (the key lowered).
        std::string key = "EX\n" + kDn2013;
        const OutResult<U> name = call_profile_name<U>(units<U>(key), mode);
        for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        EXPECT_STATUS(name.status, PSH_OK);
        EXPECT_EQ(show(name.text), show("ex_7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f_test_" + hex16(fnv1a64(key))));
        EXPECT_EQ(show(name.text), show(std::string("ex_7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f_test_580d26dc095b9a39")));
    }
}

// 10.3: "=" before a replaced directory name; nothing else changes.
TYPED_TEST(Version11, Section10_3_Exact) {
    using U = TypeParam;
    struct Case {
        std::string what, info;
        uint32_t flags;
        int32_t status;
        std::string out = "";  // expected output when status is PSH_OK; the failures leave it out
    };
    const std::string R63 = std::string(63, 'r');
    const std::string R64 = std::string(64, 'r');
    const Case cases[] = {
        {.what = "the KB DN", .info = kKb,
         .flags = PSH_REWRITE_EXACT, .status = PSH_OK, .out = "EXCH01\n=jdoe"},
        {.what = "the KB DN, normalised first", .info = " EXCH01\r\n" + kKb.substr(7) + " \r\n",
         .flags = PSH_REWRITE_EXACT, .status = PSH_OK, .out = "EXCH01\n=jdoe"},
        {.what = "an alias is left as it is", .info = "EXCH01\njdoe",
         .flags = PSH_REWRITE_EXACT, .status = PSH_OK, .out = "EXCH01\njdoe"},
        {.what = "an exact alias is left as it is", .info = "EXCH01\n=jdoe",
         .flags = PSH_REWRITE_EXACT, .status = PSH_OK, .out = "EXCH01\n=jdoe"},
        {.what = "the anonymous form as without the flag", .info = "/o=A/ou=B/cn=S/cn=EX1\n\nANON",
         .flags = PSH_REWRITE_EXACT, .status = PSH_OK, .out = "/o=A/ou=B/cn=S/cn=EX1\n\nanon"},
        {.what = "with KEEP_DN the flag has no effect", .info = kKb,
         .flags = PSH_REWRITE_EXACT | PSH_REWRITE_KEEP_DN, .status = PSH_E_UNSAFE_CHAR},
        {.what = "a 63-unit directory name: 64 with its '='", .info = "EX\n/o=A/ou=B/cn=" + R63,
         .flags = PSH_REWRITE_EXACT, .status = PSH_OK, .out = "EX\n=" + R63},
        {.what = "a 64-unit directory name: 65 with its '='", .info = "EX\n/o=A/ou=B/cn=" + R64,
         .flags = PSH_REWRITE_EXACT, .status = PSH_E_BAD_MAILBOX},
        {.what = "a 64-unit directory name without the flag", .info = "EX\n/o=A/ou=B/cn=" + R64,
         .flags = 0, .status = PSH_OK, .out = "EX\n" + R64},
        {.what = "an unsafe directory name stays unsafe", .info = "EX\n/o=A/ou=B/cn=R/cn=j:doe",
         .flags = PSH_REWRITE_EXACT, .status = PSH_E_UNSAFE_CHAR},
        {.what = "a personalized server", .info = G + "@contoso.com\n/o=A/ou=B/cn=jdoe",
         .flags = PSH_REWRITE_EXACT, .status = PSH_OK, .out = G + "@contoso.com\n=jdoe"},
        {.what = "a bad server still fails", .info = "EX CH\n/o=A/ou=B/cn=jdoe",
         .flags = PSH_REWRITE_EXACT, .status = PSH_E_BAD_SERVER},
        {.what = "unknown flag 0x4", .info = kKb,
         .flags = 0x4, .status = PSH_E_UNKNOWN_FLAGS},
        {.what = "unknown flags 0x6", .info = kKb,
         .flags = 0x6, .status = PSH_E_UNKNOWN_FLAGS},
        {.what = "unknown flags 0x80000002", .info = kKb,
         .flags = 0x80000002u, .status = PSH_E_UNKNOWN_FLAGS},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what + ": " + show(c.info));
        for (LenMode mode : kBothModes) {
            SCOPED_TRACE(mode_name(mode));
            const OutResult<U> r = call_rewrite<U>(units<U>(c.info), mode, c.flags);
            EXPECT_STATUS(r.status, c.status);
            if (c.status != PSH_OK) {
                EXPECT_EQ(r.out_len, 0);
                continue;
            }
            EXPECT_EQ(show(r.text), show(c.out));
            EXPECT_EQ(r.out_len, static_cast<int32_t>(c.out.size()));
            // Rewriting the result again, with the same flags, changes nothing.
            const OutResult<U> again = call_rewrite<U>(r.text, mode, c.flags);
            EXPECT_STATUS(again.status, PSH_OK);
            EXPECT_EQ(show(again.text), show(r.text));
        }
    }
    // psh_profile_name takes no flags, this one included.
    EXPECT_STATUS(call_profile_name<U>(units<U>(kKb), LenMode::Explicit, PSH_REWRITE_EXACT).status,
                  PSH_E_UNKNOWN_FLAGS);
}

// The buffer protocol (section 8) with the flag: the size query, and rewriting in place.
TYPED_TEST(Version11, Section10_3_ExactBuffers) {
    using U = TypeParam;
    const Units<U> in = units<U>(kKb);
    int32_t needed = -1;
    EXPECT_STATUS(Width<U>::rewrite()(in.data(), static_cast<int32_t>(in.size()), PSH_REWRITE_EXACT, nullptr, 0,
                                      &needed),
                  PSH_E_INSUFFICIENT_BUFFER);
    EXPECT_EQ(needed, 12);   // "EXCH01\n=jdoe"

    Units<U> buffer = in;
    buffer.push_back(U{0});
    int32_t length = -1;
    EXPECT_STATUS(Width<U>::rewrite()(buffer.data(), -1, PSH_REWRITE_EXACT, buffer.data(),
                                      static_cast<int32_t>(buffer.size()), &length),
                  PSH_OK);
    EXPECT_EQ(length, 12);
    EXPECT_EQ(show(Units<U>(buffer.begin(), buffer.begin() + length)), show(std::string("EXCH01\n=jdoe")));
    EXPECT_EQ(buffer[static_cast<size_t>(length)], U{0});
}

}  // namespace
}  // namespace psh_abi
