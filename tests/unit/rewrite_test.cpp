// Normalisation, rewriting and profile names (contract 6 and 7), and FNV-1a.
#include <gtest/gtest.h>

#include <array>
#include <string>

#include "fnv1a.hpp"
#include "normalise.hpp"
#include "profile_name.hpp"
#include "rewrite.hpp"
#include "unit_test_support.hpp"

namespace profshim {
namespace {

using unit::view;

std::string normalised(const std::string& info) {
    std::array<char, PSH_MAX_INPUT> work{};
    const Normalised n = normalise(view(info), gsl::span<char>(work));
    EXPECT_TRUE(n.fault.ok()) << info;
    return std::string(work.data(), static_cast<std::size_t>(n.size));
}

TEST(Normalise, LineBreaksWhitespaceAndEmptyLines) {
    EXPECT_EQ(normalised("EXCH01\r\njdoe"), "EXCH01\njdoe");
    EXPECT_EQ(normalised("EXCH01\rjdoe"), "EXCH01\njdoe");
    EXPECT_EQ(normalised("EXCH01\njdoe\r\n"), "EXCH01\njdoe");
    EXPECT_EQ(normalised("\r\n\n  EXCH01 \t\n\t jdoe  \n\n \n"), "EXCH01\njdoe");
    EXPECT_EQ(normalised("dn\r\n \r\nanon\r\n"), "dn\n\nanon");
    EXPECT_EQ(normalised("a\n\r\rb"), "a\n\n\nb");
    EXPECT_EQ(normalised("j\tdoe"), "j\tdoe");   // a TAB inside a line stays
    EXPECT_EQ(normalised(""), "");
    EXPECT_EQ(normalised(" \r\n\t"), "");
}

TEST(Normalise, RejectsWhatCannotBeNormalised) {
    std::array<char, 16> work{};
    const std::string info("a\nb\0", 4);
    const Normalised n = normalise(view(info), gsl::span<char>(work));
    EXPECT_EQ(n.fault.status, PSH_E_BAD_CHAR);
    EXPECT_EQ(n.fault.offset, 3);
}


std::string rewritten(const std::string& info, uint32_t flags = 0) {
    std::array<char, PSH_MAX_INPUT> work{};
    const Written r = rewrite_profile_info(view(info), flags, gsl::span<char>(work));
    if (r.status != PSH_OK) return "status " + std::to_string(r.status);
    return std::string(work.data(), static_cast<std::size_t>(r.size));
}

TEST(Rewrite, TheKbCaseBecomesTheDirectoryName) {
    EXPECT_EQ(rewritten("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"), "EXCH01\njdoe");
    EXPECT_EQ(rewritten("EXCH01\r\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe\r\n"), "EXCH01\njdoe");
    EXPECT_EQ(rewritten("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe", PSH_REWRITE_KEEP_DN),
              "status " + std::to_string(PSH_E_UNSAFE_CHAR));
    EXPECT_EQ(rewritten("EXCH01\n/o=C/ou=N/cn=R/cn=j:doe"), "status " + std::to_string(PSH_E_UNSAFE_CHAR));
    EXPECT_EQ(rewritten("EXCH01\n/o=C/ou=N/cn=R/cn=nul"), "status " + std::to_string(PSH_E_RESERVED_NAME));
    EXPECT_EQ(rewritten("EXCH01\n/o=C/ou=N"), "status " + std::to_string(PSH_E_BAD_DN));
}

// Since 1.1 (profshim.h section 10.2): Exchange 2007 and later did not make the last RDN
// from the alias, so such a DN stays and fails as the KB Q271913 case.
TEST(Rewrite, DnsOfExchange2007AndLaterStay) {
    const std::string unsafe = "status " + std::to_string(PSH_E_UNSAFE_CHAR);
    const std::string dn = "/o=fab/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=";
    EXPECT_EQ(rewritten("EX\n" + dn + "7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f-test"), unsafe);
    EXPECT_EQ(rewritten("EX\n" + dn + "test", PSH_REWRITE_EXACT), unsafe);
    EXPECT_EQ(rewritten("EX\n/o=fab/ou=First Administrative Group/cn=Recipients/cn=test"), "EX\ntest");
}

// Since 1.1 (profshim.h section 10.3): "=" before the directory name, and nothing else.
TEST(Rewrite, ExactWritesAnEqualsSignBeforeTheDirectoryName) {
    const std::string kb = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
    EXPECT_EQ(rewritten(kb, PSH_REWRITE_EXACT), "EXCH01\n=jdoe");
    EXPECT_EQ(rewritten(" EXCH01\r\n" + kb.substr(7) + " \r\n", PSH_REWRITE_EXACT), "EXCH01\n=jdoe");
    EXPECT_EQ(rewritten("EXCH01\n=jdoe", PSH_REWRITE_EXACT), "EXCH01\n=jdoe");
    EXPECT_EQ(rewritten("EXCH01\njdoe", PSH_REWRITE_EXACT), "EXCH01\njdoe");
    EXPECT_EQ(rewritten(kb, PSH_REWRITE_EXACT | PSH_REWRITE_KEEP_DN), "status " + std::to_string(PSH_E_UNSAFE_CHAR));
    EXPECT_EQ(rewritten("EX\n/o=A/ou=B/cn=" + std::string(63, 'r'), PSH_REWRITE_EXACT), "EX\n=" + std::string(63, 'r'));
    EXPECT_EQ(rewritten("EX\n/o=A/ou=B/cn=" + std::string(64, 'r'), PSH_REWRITE_EXACT),
              "status " + std::to_string(PSH_E_BAD_MAILBOX));
}

TEST(Rewrite, AnonymousFormIsLowered) {
    const std::string dn = "/o=C/ou=N/cn=Configuration/cn=Servers/cn=EXCH01";
    EXPECT_EQ(rewritten(dn + "\r\n\r\nANON\r\n"), dn + "\n\nanon");
    EXPECT_EQ(rewritten(dn + "\n\nANON", PSH_REWRITE_KEEP_DN), dn + "\n\nANON");
}

TEST(Rewrite, IsIdempotentAndNeverLonger) {
    for (const std::string info : {"EXCH01\n/o=C/ou=N/cn=R/cn=jdoe", " EXCH01 \r\n jdoe \r\n",
                                   "/o=C/ou=N/cn=S\r\n\r\nAnon", "EXCH01\njdoe"}) {
        const std::string once = rewritten(info);
        ASSERT_EQ(once.rfind("status", 0), std::string::npos) << info;
        EXPECT_LE(once.size(), info.size());
        EXPECT_EQ(rewritten(once), once);
    }
}

std::string name_of(const std::string& info) {
    std::array<char, PSH_MAX_INPUT> work{};
    std::array<char, PSH_PROFILE_NAME_MAX> out{};
    const Written r = make_profile_name(view(info), gsl::span<char>(work), gsl::span<char>(out));
    if (r.status != PSH_OK) return "status " + std::to_string(r.status);
    return std::string(out.data(), static_cast<std::size_t>(r.size));
}

std::string hex(uint64_t h) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
    return buffer;
}

TEST(Fnv1a, PublishedVectors) {
    EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
    EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
    EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(ProfileName, ShapeAndHash) {
    EXPECT_EQ(name_of("EXCH01\njdoe"), "exch01_jdoe_" + hex(fnv1a64("exch01\njdoe")));
    EXPECT_EQ(name_of("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"),
              "exch01_jdoe_" + hex(fnv1a64("exch01\n/o=contoso/ou=nyc/cn=recipients/cn=jdoe")));
    EXPECT_EQ(name_of("mail.contoso.com\nj.doe:x"),
              "mail_j_doe_x_" + hex(fnv1a64("mail.contoso.com\nj.doe:x")));
    EXPECT_EQ(name_of("/o=C/ou=N/cn=Servers/cn=EXCH-01\n\nANON"),
              "exch_01_anon_" + hex(fnv1a64("/o=c/ou=n/cn=servers/cn=exch-01\n\nanon")));
    EXPECT_EQ(name_of("COM1\nnul"), "com1_nul_" + hex(fnv1a64("com1\nnul")));
}

TEST(ProfileName, CaseAndWhitespaceDoNotMatterAnythingElseDoes) {
    EXPECT_EQ(name_of("EXCH01\nJDoe"), name_of(" exch01\r\njdoe \r\n"));
    EXPECT_NE(name_of("EXCH01\nj:doe"), name_of("EXCH01\nj?doe"));
    EXPECT_NE(name_of("EXCH01\n/o=C/ou=N/cn=R/cn=jdoe"), name_of("EXCH01\njdoe"));
}

TEST(ProfileName, TruncatesServerTo15AndMailboxToTheRest) {
    const std::string server(40, 's');
    const std::string alias(64, 'm');
    const std::string name = name_of(server + "\n" + alias);
    EXPECT_EQ(name.size(), 64u);
    EXPECT_EQ(name.substr(0, 16), std::string(15, 's') + "_");
    EXPECT_EQ(name.substr(16, 31), std::string(31, 'm'));
    EXPECT_EQ(name[47], '_');
}

TEST(ProfileName, StillRejectsWhatIsNotAProfileInfo) {
    EXPECT_EQ(name_of("EXCH01"), "status " + std::to_string(PSH_E_NO_SEPARATOR));
    EXPECT_EQ(name_of("EXCH01\nj\tdoe"), "status " + std::to_string(PSH_E_BAD_CHAR));
    EXPECT_EQ(name_of("EXCH01\n/o=C"), "status " + std::to_string(PSH_E_BAD_DN));
    EXPECT_EQ(name_of("S\n" + std::string(65, 'a')), "status " + std::to_string(PSH_E_BAD_MAILBOX));
}

}  // namespace
}  // namespace profshim
