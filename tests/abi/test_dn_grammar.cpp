// profshim.h section 5, rule 6: the Exchange DN grammar. Every DN runs in both places a DN can
// stand: as the mailbox of the authenticated form ("EXCH01\n" + DN: a well-formed one is
// PSH_E_UNSAFE_CHAR at its first '/', rule 4) and as the server of the anonymous form
// (DN + "\n\nanon": a well-formed one is PSH_OK, rule 3). A broken one is PSH_E_BAD_DN at the
// first unit where the parse fails, or at the end of the part where it ends too soon.
#include "check_cases.hpp"

namespace psh_abi {
namespace {

struct DnCase {
    std::string note;
    std::string dn;
    int32_t fault;       // offset of the fault from the DN's first unit; -1 for a well-formed DN
    int32_t mailbox_rw;  // rewritable as a mailbox (a well-formed DN with a safe last RDN, or whitespace)
    int32_t anon_rw;     // rewritable as the anonymous server
};

std::string cns(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "/cn=c";
    return s;
}

std::vector<DnCase> well_formed() {
    return {
        {"KB Q271913 DN", "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe", -1, 1, 1},
        {"one /cn=", "/o=A/ou=B/cn=C", -1, 1, 1},
        {"types in upper case", "/O=A/OU=B/CN=C", -1, 1, 1},
        {"types in mixed case", "/o=A/oU=B/Cn=C/cN=D", -1, 1, 1},
        {"inner spaces", "/o=A B/ou=B C/cn=C D", -1, 1, 1},
        {"every teletex unit", "/o=a Z09!\"%&\\()*+,-.:<=>?@[]_|/ou=B/cn=C", -1, 1, 1},
        {"'=' as an RDN", "/o==/ou==/cn==", -1, 1, 1},
        {"'.' as an RDN", "/o=./ou=./cn=x", -1, 1, 1},
        {"RDN of 64 units", "/o=" + A(64) + "/ou=B/cn=C", -1, 1, 1},
        {"last RDN of 64 units", "/o=A/ou=B/cn=" + A(64), -1, 1, 1},
        {"RDNs of 256 units in all", "/o=" + A(64) + "/ou=" + A(64) + "/cn=" + A(64) + "/cn=" + A(64), -1, 1, 1},
        {"fourteen /cn=", "/o=a/ou=b" + cns(14), -1, 1, 1},
        {"three /cn=", "/o=A/ou=B/cn=C/cn=D/cn=E", -1, 1, 1},
        {"last RDN ends in '.'", "/o=A/ou=B/cn=jdoe.", -1, 0, 1},
        {"last RDN holds ':'", "/o=A/ou=B/cn=j:doe", -1, 0, 1},
        {"last RDN holds '*'", "/o=A/ou=B/cn=j*", -1, 0, 1},
        {"last RDN holds '\"'", "/o=A/ou=B/cn=\"q\"", -1, 0, 1},
        {"last RDN is a device name", "/o=A/ou=B/cn=nul.txt", -1, 0, 1},
    };
}

std::vector<DnCase> broken() {
    std::vector<DnCase> v = {
        // Ends too soon: the fault is at the end of the part.
        {"ends after /", "/", 1, 0, 0},
        {"ends after /o", "/o", 2, 0, 0},
        {"ends after /o= (empty RDN)", "/o=", 3, 0, 0},
        {"ends after o RDN", "/o=A", 4, 0, 0},
        {"ends after /", "/o=A/", 5, 0, 0},
        {"ends after /o", "/o=A/o", 6, 0, 0},
        {"ends after /ou", "/o=A/ou", 7, 0, 0},
        {"ends after /ou= (empty RDN)", "/o=A/ou=", 8, 0, 0},
        {"ends without /cn=", "/o=A/ou=B", 9, 0, 0},
        {"ends after /", "/o=A/ou=B/", 10, 0, 0},
        {"ends after /c", "/o=A/ou=B/c", 11, 0, 0},
        {"ends after /cn", "/o=A/ou=B/cn", 12, 0, 0},
        {"ends after /cn= (empty RDN)", "/o=A/ou=B/cn=", 13, 0, 0},
        {"ends after a 2nd /", "/o=A/ou=B/cn=C/", 15, 0, 0},
        {"ends after a 2nd /c", "/o=A/ou=B/cn=C/c", 16, 0, 0},
        {"ends after a 2nd /cn=", "/o=A/ou=B/cn=C/cn=", 18, 0, 0},
        // Wrong type letters.
        {"x for o", "/x=A/ou=B/cn=C", 1, 0, 0},
        {"oo", "/oo=A/ou=B/cn=C", 2, 0, 0},
        {"ou first", "/ou=A/ou=B/cn=C", 2, 0, 0},
        {"':' for '='", "/o:A/ou=B/cn=C", 2, 0, 0},
        {"u for ou", "/o=A/u=B/cn=C", 5, 0, 0},
        {"o for ou", "/o=A/o=B/cn=C", 6, 0, 0},
        {"ox for ou", "/o=A/ox=B/cn=C", 6, 0, 0},
        {"xn for cn", "/o=A/ou=B/xn=C", 10, 0, 0},
        {"ou for cn", "/o=A/ou=B/ou=C", 10, 0, 0},
        {"dc for cn", "/o=A/ou=B/dc=C", 10, 0, 0},
        {"c for cn", "/o=A/ou=B/c=C", 11, 0, 0},
        {"cx for cn", "/o=A/ou=B/cx=C", 11, 0, 0},
        {"cnn for cn", "/o=A/ou=B/cnn=C", 12, 0, 0},
        {"ou after cn", "/o=A/ou=B/cn=C/ou=D", 15, 0, 0},
        {"o after cn", "/o=A/ou=B/cn=C/o=D", 15, 0, 0},
        {"'//'", "/o=A/ou=B/cn=C//cn=D", 15, 0, 0},
        // Empty RDN: fails where it should start.
        {"empty o RDN", "/o=/ou=B/cn=C", 3, 0, 0},
        {"empty ou RDN", "/o=A/ou=/cn=C", 8, 0, 0},
        {"empty cn RDN in the middle", "/o=A/ou=B/cn=/cn=C", 13, 0, 0},
        // A unit outside the teletex set.
        {"'#' in o", "/o=Con#toso/ou=B/cn=C", 6, 0, 0},
        {"'{' in ou", "/o=A/ou=N{Y/cn=C", 9, 0, 0},
        // Spaces at the ends of an RDN.
        {"space first in o", "/o= A/ou=B/cn=C", 3, 0, 0},
        {"space last in o", "/o=A /ou=B/cn=C", 4, 0, 0},
        {"space last in ou", "/o=A/ou=B /cn=C", 9, 0, 0},
        {"RDN of one space", "/o=A/ou= /cn=C", 8, 0, 0},
        {"space first in cn", "/o=A/ou=B/cn= C", 13, 0, 0},
        {"cn of one space (trimmed, still empty)", "/o=A/ou=B/cn= ", 13, 0, 0},
        {"space last at the end (trimmed by rewrite)", "/o=A/ou=B/cn=C ", 14, 1, 1},
        {"two spaces last: the last unit", "/o=A/ou=B/cn=C  ", 15, 1, 1},
        {"two spaces first: the first unit", "/o=  A/ou=B/cn=C", 3, 0, 0},
        // The 65th unit of one RDN.
        {"o RDN of 65", "/o=" + A(65) + "/ou=B/cn=C", 67, 0, 0},
        {"ou RDN of 100", "/o=A/ou=" + A(100) + "/cn=C", 72, 0, 0},
        {"last RDN of 65", "/o=A/ou=B/cn=" + A(65), 77, 0, 0},
        // Several faults in one RDN: the leftmost.
        {"space first before 65th", "/o=A/ou=B/cn= " + A(70), 13, 0, 0},
        {"65th before '#'", "/o=A/ou=B/cn=" + A(70) + "#", 77, 0, 0},
        {"'#' before 65th", "/o=A/ou=B/cn=" + A(10) + "#" + A(60), 23, 0, 0},
        {"'#' before space last", "/o=A/ou=B/cn=a#b ", 14, 0, 0},
        {"65th before space last", "/o=A/ou=B/cn=" + A(70) + " ", 77, 0, 0},
        {"'#' after an inner space", "/o=A/ou=B/cn=a #", 15, 0, 0},
        // The 257th RDN unit of the whole DN.
        {"257th unit: a 5th RDN after 4 x 64", "/o=" + A(64) + "/ou=" + A(64) + "/cn=" + A(64) + "/cn=" + A(64) + "/cn=b",
         275, 0, 0},
        {"257th unit: 5th unit of the last RDN",
         "/o=" + A(64) + "/ou=" + A(64) + "/cn=" + A(64) + "/cn=" + A(60) + "/cn=" + A(10), 275, 0, 0},
        {"257th unit before a 65th and a '#'",
         "/o=" + A(64) + "/ou=" + A(64) + "/cn=" + A(64) + "/cn=" + A(63) + "/cn=" + A(10) + "#" + A(59), 275, 0, 0},
        {"empty RDN after 256 units", "/o=" + A(64) + "/ou=" + A(64) + "/cn=" + A(64) + "/cn=" + A(64) + "/cn=",
         275, 0, 0},
        // A 15th /cn= fails at its '/'.
        {"fifteen /cn=", "/o=a/ou=b" + cns(15), 79, 0, 0},
        {"fifteenth /cn= with a bad RDN", "/o=a/ou=b" + cns(14) + "/cn=#", 79, 0, 0},
        {"fifteenth /cn= with an empty RDN", "/o=a/ou=b" + cns(14) + "/cn=", 79, 0, 0},
        // After fourteen /cn= the grammar wants the end of the part: any '/' is where it fails.
        {"'/' after fourteen /cn=", "/o=a/ou=b" + cns(14) + "/", 79, 0, 0},
        {"'/c' after fourteen /cn=", "/o=a/ou=b" + cns(14) + "/c", 79, 0, 0},
        {"'/ou=' after fourteen /cn=", "/o=a/ou=b" + cns(14) + "/ou=c", 79, 0, 0},
    };
    for (char c : std::string("#$';^{}~`"))
        v.push_back({std::string("non-teletex '") + c + "'", std::string("/o=A/ou=B/cn=j") + c + "doe", 14, 0, 0});
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
