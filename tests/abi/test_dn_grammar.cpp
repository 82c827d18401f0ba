// profshim.h section 5, rule 6: the Exchange DN grammar. Every DN runs in both places a DN can
// stand: as the mailbox of the authenticated form ("EXCH01\n" + DN: a well-formed one is
// PSH_E_UNSAFE_CHAR at its first '/', rule 4) and as the server of the anonymous form
// (DN + "\n\nanon": a well-formed one is PSH_OK, rule 3). A broken one is PSH_E_BAD_DN at the
// first unit where the parse fails, or at the end of the part where it ends too soon.
#include "check_cases.hpp"

namespace psh_abi {
namespace {

// The tables leave out the fields that keep their defaults.
struct DnCase {
    std::string note;
    std::string dn;
    int32_t fault = -1;      // offset of the fault from the DN's first unit; -1 for a well-formed DN
    int32_t mailbox_rw = 0;  // rewritable as a mailbox (a well-formed DN with a safe last RDN, or whitespace)
    int32_t anon_rw = 0;     // rewritable as the anonymous server
};

std::string cns(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "/cn=c";
    return s;
}

std::vector<DnCase> well_formed() {
    return {
        {.note = "KB Q271913 DN", .dn = "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe", .mailbox_rw = 1, .anon_rw = 1},
        {.note = "one /cn=", .dn = "/o=A/ou=B/cn=C", .mailbox_rw = 1, .anon_rw = 1},
        {.note = "types in upper case", .dn = "/O=A/OU=B/CN=C", .mailbox_rw = 1, .anon_rw = 1},
        {.note = "types in mixed case", .dn = "/o=A/oU=B/Cn=C/cN=D", .mailbox_rw = 1, .anon_rw = 1},
        {.note = "inner spaces", .dn = "/o=A B/ou=B C/cn=C D", .mailbox_rw = 1, .anon_rw = 1},
        {.note = "every teletex unit", .dn = "/o=a Z09!\"%&\\()*+,-.:<=>?@[]_|/ou=B/cn=C",
         .mailbox_rw = 1, .anon_rw = 1},
        {.note = "'=' as an RDN", .dn = "/o==/ou==/cn==", .mailbox_rw = 1, .anon_rw = 1},
        {.note = "'.' as an RDN", .dn = "/o=./ou=./cn=x", .mailbox_rw = 1, .anon_rw = 1},
        {.note = "RDN of 64 units", .dn = "/o=" + A(64) + "/ou=B/cn=C", .mailbox_rw = 1, .anon_rw = 1},
        {.note = "last RDN of 64 units", .dn = "/o=A/ou=B/cn=" + A(64), .mailbox_rw = 1, .anon_rw = 1},
        {.note = "RDNs of 256 units in all", .dn = "/o=" + A(64) + "/ou=" + A(64) + "/cn=" + A(64) + "/cn=" + A(64),
         .mailbox_rw = 1, .anon_rw = 1},
        {.note = "fourteen /cn=", .dn = "/o=a/ou=b" + cns(14), .mailbox_rw = 1, .anon_rw = 1},
        {.note = "three /cn=", .dn = "/o=A/ou=B/cn=C/cn=D/cn=E", .mailbox_rw = 1, .anon_rw = 1},
        {.note = "last RDN ends in '.'", .dn = "/o=A/ou=B/cn=jdoe.", .anon_rw = 1},
        {.note = "last RDN holds ':'", .dn = "/o=A/ou=B/cn=j:doe", .anon_rw = 1},
        {.note = "last RDN holds '*'", .dn = "/o=A/ou=B/cn=j*", .anon_rw = 1},
        {.note = "last RDN holds '\"'", .dn = "/o=A/ou=B/cn=\"q\"", .anon_rw = 1},
        {.note = "last RDN is a device name", .dn = "/o=A/ou=B/cn=nul.txt", .anon_rw = 1},
    };
}

std::vector<DnCase> broken() {
    std::vector<DnCase> v = {
        // Ends too soon: the fault is at the end of the part.
        {.note = "ends after /", .dn = "/", .fault = 1},
        {.note = "ends after /o", .dn = "/o", .fault = 2},
        {.note = "ends after /o= (empty RDN)", .dn = "/o=", .fault = 3},
        {.note = "ends after o RDN", .dn = "/o=A", .fault = 4},
        {.note = "ends after /", .dn = "/o=A/", .fault = 5},
        {.note = "ends after /o", .dn = "/o=A/o", .fault = 6},
        {.note = "ends after /ou", .dn = "/o=A/ou", .fault = 7},
        {.note = "ends after /ou= (empty RDN)", .dn = "/o=A/ou=", .fault = 8},
        {.note = "ends without /cn=", .dn = "/o=A/ou=B", .fault = 9},
        {.note = "ends after /", .dn = "/o=A/ou=B/", .fault = 10},
        {.note = "ends after /c", .dn = "/o=A/ou=B/c", .fault = 11},
        {.note = "ends after /cn", .dn = "/o=A/ou=B/cn", .fault = 12},
        {.note = "ends after /cn= (empty RDN)", .dn = "/o=A/ou=B/cn=", .fault = 13},
        {.note = "ends after a 2nd /", .dn = "/o=A/ou=B/cn=C/", .fault = 15},
        {.note = "ends after a 2nd /c", .dn = "/o=A/ou=B/cn=C/c", .fault = 16},
        {.note = "ends after a 2nd /cn=", .dn = "/o=A/ou=B/cn=C/cn=", .fault = 18},
        // Wrong type letters.
        {.note = "x for o", .dn = "/x=A/ou=B/cn=C", .fault = 1},
        {.note = "oo", .dn = "/oo=A/ou=B/cn=C", .fault = 2},
        {.note = "ou first", .dn = "/ou=A/ou=B/cn=C", .fault = 2},
        {.note = "':' for '='", .dn = "/o:A/ou=B/cn=C", .fault = 2},
        {.note = "u for ou", .dn = "/o=A/u=B/cn=C", .fault = 5},
        {.note = "o for ou", .dn = "/o=A/o=B/cn=C", .fault = 6},
        {.note = "ox for ou", .dn = "/o=A/ox=B/cn=C", .fault = 6},
        {.note = "xn for cn", .dn = "/o=A/ou=B/xn=C", .fault = 10},
        {.note = "ou for cn", .dn = "/o=A/ou=B/ou=C", .fault = 10},
        {.note = "dc for cn", .dn = "/o=A/ou=B/dc=C", .fault = 10},
        {.note = "c for cn", .dn = "/o=A/ou=B/c=C", .fault = 11},
        {.note = "cx for cn", .dn = "/o=A/ou=B/cx=C", .fault = 11},
        {.note = "cnn for cn", .dn = "/o=A/ou=B/cnn=C", .fault = 12},
        {.note = "ou after cn", .dn = "/o=A/ou=B/cn=C/ou=D", .fault = 15},
        {.note = "o after cn", .dn = "/o=A/ou=B/cn=C/o=D", .fault = 15},
        {.note = "'//'", .dn = "/o=A/ou=B/cn=C//cn=D", .fault = 15},
        // Empty RDN: fails where it should start.
        {.note = "empty o RDN", .dn = "/o=/ou=B/cn=C", .fault = 3},
        {.note = "empty ou RDN", .dn = "/o=A/ou=/cn=C", .fault = 8},
        {.note = "empty cn RDN in the middle", .dn = "/o=A/ou=B/cn=/cn=C", .fault = 13},
        // A unit outside the teletex set.
        {.note = "'#' in o", .dn = "/o=Con#toso/ou=B/cn=C", .fault = 6},
        {.note = "'{' in ou", .dn = "/o=A/ou=N{Y/cn=C", .fault = 9},
        // Spaces at the ends of an RDN.
        {.note = "space first in o", .dn = "/o= A/ou=B/cn=C", .fault = 3},
        {.note = "space last in o", .dn = "/o=A /ou=B/cn=C", .fault = 4},
        {.note = "space last in ou", .dn = "/o=A/ou=B /cn=C", .fault = 9},
        {.note = "RDN of one space", .dn = "/o=A/ou= /cn=C", .fault = 8},
        {.note = "space first in cn", .dn = "/o=A/ou=B/cn= C", .fault = 13},
        {.note = "cn of one space (trimmed, still empty)", .dn = "/o=A/ou=B/cn= ", .fault = 13},
        {.note = "space last at the end (trimmed by rewrite)", .dn = "/o=A/ou=B/cn=C ",
         .fault = 14, .mailbox_rw = 1, .anon_rw = 1},
        {.note = "two spaces last: the last unit", .dn = "/o=A/ou=B/cn=C  ",
         .fault = 15, .mailbox_rw = 1, .anon_rw = 1},
        {.note = "two spaces first: the first unit", .dn = "/o=  A/ou=B/cn=C", .fault = 3},
        // The 65th unit of one RDN.
        {.note = "o RDN of 65", .dn = "/o=" + A(65) + "/ou=B/cn=C", .fault = 67},
        {.note = "ou RDN of 100", .dn = "/o=A/ou=" + A(100) + "/cn=C", .fault = 72},
        {.note = "last RDN of 65", .dn = "/o=A/ou=B/cn=" + A(65), .fault = 77},
        // Several faults in one RDN: the leftmost.
        {.note = "space first before 65th", .dn = "/o=A/ou=B/cn= " + A(70), .fault = 13},
        {.note = "65th before '#'", .dn = "/o=A/ou=B/cn=" + A(70) + "#", .fault = 77},
        {.note = "'#' before 65th", .dn = "/o=A/ou=B/cn=" + A(10) + "#" + A(60), .fault = 23},
        {.note = "'#' before space last", .dn = "/o=A/ou=B/cn=a#b ", .fault = 14},
        {.note = "65th before space last", .dn = "/o=A/ou=B/cn=" + A(70) + " ", .fault = 77},
        {.note = "'#' after an inner space", .dn = "/o=A/ou=B/cn=a #", .fault = 15},
        // The 257th RDN unit of the whole DN.
        {.note = "257th unit: a 5th RDN after 4 x 64",
         .dn = "/o=" + A(64) + "/ou=" + A(64) + "/cn=" + A(64) + "/cn=" + A(64) + "/cn=b",
         .fault = 275},
        {.note = "257th unit: 5th unit of the last RDN",
         .dn = "/o=" + A(64) + "/ou=" + A(64) + "/cn=" + A(64) + "/cn=" + A(60) + "/cn=" + A(10),
         .fault = 275},
        {.note = "257th unit before a 65th and a '#'",
         .dn = "/o=" + A(64) + "/ou=" + A(64) + "/cn=" + A(64) + "/cn=" + A(63) + "/cn=" + A(10) + "#" + A(59),
         .fault = 275},
        {.note = "empty RDN after 256 units",
         .dn = "/o=" + A(64) + "/ou=" + A(64) + "/cn=" + A(64) + "/cn=" + A(64) + "/cn=",
         .fault = 275},
        // A 15th /cn= fails at its '/'.
        {.note = "fifteen /cn=", .dn = "/o=a/ou=b" + cns(15), .fault = 79},
        {.note = "fifteenth /cn= with a bad RDN", .dn = "/o=a/ou=b" + cns(14) + "/cn=#", .fault = 79},
        {.note = "fifteenth /cn= with an empty RDN", .dn = "/o=a/ou=b" + cns(14) + "/cn=", .fault = 79},
        // After fourteen /cn= the grammar wants the end of the part: any '/' is where it fails.
        {.note = "'/' after fourteen /cn=", .dn = "/o=a/ou=b" + cns(14) + "/", .fault = 79},
        {.note = "'/c' after fourteen /cn=", .dn = "/o=a/ou=b" + cns(14) + "/c", .fault = 79},
        {.note = "'/ou=' after fourteen /cn=", .dn = "/o=a/ou=b" + cns(14) + "/ou=c", .fault = 79},
    };
    for (char c : std::string("#$';^{}~`"))
        v.push_back({.note = std::string("non-teletex '") + c + "'", .dn = std::string("/o=A/ou=B/cn=j") + c + "doe",
                     .fault = 14});
    return v;
}

template <class U>
class DnGrammar : public ::testing::Test {
protected:
    void SetUp() override { PSH_REQUIRE_API(); }
};
TYPED_TEST_SUITE(DnGrammar, Widths, WidthNames);

const std::string kMailboxPrefix = "EXCH01\n";
const int32_t kMailboxAt = 7;

TYPED_TEST(DnGrammar, Rule6_AsMailbox) {
    std::vector<CheckCase> cases;
    for (const auto& d : well_formed())
        cases.push_back({.rule = "5.4/5.6 well-formed DN mailbox (" + d.note + ")", .info = kMailboxPrefix + d.dn,
                         .status = PSH_E_UNSAFE_CHAR, .error_offset = kMailboxAt, .form = kDn,
                         .rewritable = d.mailbox_rw});
    for (const auto& d : broken())
        cases.push_back({.rule = "5.6 " + d.note, .info = kMailboxPrefix + d.dn,
                         .status = PSH_E_BAD_DN, .error_offset = kMailboxAt + d.fault, .form = kDn,
                         .rewritable = d.mailbox_rw});
    run_check_cases<TypeParam>(cases);
}

TYPED_TEST(DnGrammar, Rule6_AsAnonymousServer) {
    std::vector<CheckCase> cases;
    for (const auto& d : well_formed())
        cases.push_back({.rule = "5.3/5.6 well-formed server DN (" + d.note + ")", .info = d.dn + "\n\nanon",
                         .status = PSH_OK, .form = kAnon, .rewritable = d.anon_rw});
    for (const auto& d : broken())
        cases.push_back({.rule = "5.6 " + d.note, .info = d.dn + "\n\nanon",
                         .status = PSH_E_BAD_DN, .error_offset = d.fault, .form = kAnon, .rewritable = d.anon_rw});
    // Only here can a DN not start with '/' (a mailbox without '/' is an alias).
    cases.push_back({.rule = "5.6 no leading '/'", .info = "o=A/ou=B/cn=C\n\nanon",
                     .status = PSH_E_BAD_DN, .error_offset = 0, .form = kAnon, .rewritable = 0});
    cases.push_back({.rule = "5.6 space before '/' (trimmed by rewrite)", .info = " /o=A/ou=B/cn=C\n\nanon",
                     .status = PSH_E_BAD_DN, .error_offset = 0, .form = kAnon, .rewritable = 1});
    cases.push_back({.rule = "5.6 'x' before '/'", .info = "x/o=A/ou=B/cn=C\n\nANON",
                     .status = PSH_E_BAD_DN, .error_offset = 0, .form = kAnon, .rewritable = 0});
    run_check_cases<TypeParam>(cases);
}

// psh_rewrite and psh_profile_name apply the same grammar (sections 6 step 4 and 7): a broken
// DN is PSH_E_BAD_DN there too, unless whitespace normalisation repairs it.
TYPED_TEST(DnGrammar, Rule6_RewriteAndProfileNameAgree) {
    using U = TypeParam;
    for (const auto& d : broken()) {
        for (const std::string& info : {kMailboxPrefix + d.dn, d.dn + "\n\nanon"}) {
            SCOPED_TRACE(d.note + ": " + show(info));
            const Units<U> in = units<U>(info);
            const int32_t want = d.mailbox_rw ? PSH_OK : PSH_E_BAD_DN;
            EXPECT_STATUS(call_rewrite<U>(in, LenMode::Explicit).status, want);
            EXPECT_STATUS(call_profile_name<U>(in, LenMode::Explicit).status, want);
        }
    }
    for (const auto& d : well_formed()) {
        for (const std::string& info : {kMailboxPrefix + d.dn, d.dn + "\n\nanon"}) {
            SCOPED_TRACE(d.note + ": " + show(info));
            EXPECT_STATUS(call_profile_name<U>(units<U>(info), LenMode::Explicit).status, PSH_OK);
        }
    }
}

}  // namespace
}  // namespace psh_abi
