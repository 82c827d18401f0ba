// The directory reader without a server: lookup rules, RFC 4515 escaping (ours against
// OpenLDAP's), the GUID layout, the answer builder, and the LDIF source on the test data.
#include <gtest/gtest.h>

#include <fstream>

#include <profshim.h>

#include "answer.hpp"
#include "filter_escape.hpp"
#include "guid.hpp"
#if PROFSHIM_DIRECTORY_HAVE_LDIF
#include "ldif_source.hpp"
#endif
#include "lookup.hpp"
#include "resolver.hpp"
#include "test_mailboxes.hpp"

namespace profshim::directory {
namespace {

#if PROFSHIM_DIRECTORY_OPENLDAP
TEST(FilterEscape, OursMatchesOpenLdapOnEveryByte) {
    std::string all;
    for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
    EXPECT_EQ(escape_filter_value_rfc4515(all), escape_filter_value(all));
    for (int c = 0; c < 256; ++c) {
        const std::string one(1, static_cast<char>(c));
        EXPECT_EQ(escape_filter_value_rfc4515(one), escape_filter_value(one)) << "byte " << c;
    }
    EXPECT_EQ(escape_filter_value(""), "");
}
#endif

TEST(FilterEscape, MetacharactersCannotEndTheItem) {
    EXPECT_EQ(escape_filter_value("a*b"), "a\\2Ab");
    EXPECT_EQ(escape_filter_value("x)(mail=*"), "x\\29\\28mail=\\2A");
    EXPECT_EQ(escape_filter_value("back\\slash"), "back\\5Cslash");
    EXPECT_EQ(escape_filter_value(std::string("nul\0x", 5)), "nul\\00x");
    EXPECT_EQ(escape_filter_value("Müller"), "M\\C3\\BCller");
}

TEST(Lookup, TheThreeFilters) {
    std::string why;
    auto dn = parse_request("EXCH01\n/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=x", why);
    ASSERT_TRUE(dn);
    EXPECT_EQ(dn->lookup.kind, LookupKind::dn);
    EXPECT_EQ(filter_of(dn->lookup),
              "(|(legacyExchangeDN=/o=Contoso/ou=Exchange Administrative Group \\28FYDIBOHF23SPDLT\\29/cn=Recipients/cn=x)"
              "(proxyAddresses=X500:/o=Contoso/ou=Exchange Administrative Group \\28FYDIBOHF23SPDLT\\29/cn=Recipients/cn=x))");
    auto smtp = parse_request("EXCH01\njdoe@contoso.com", why);
    ASSERT_TRUE(smtp);
    EXPECT_EQ(filter_of(smtp->lookup), "(proxyAddresses=smtp:jdoe@contoso.com)");
    auto alias = parse_request(" EXCH01 \r\n=jdoe\r", why);
    ASSERT_TRUE(alias);
    EXPECT_EQ(alias->server, "EXCH01");
    EXPECT_EQ(filter_of(alias->lookup), "(|(mailNickname=jdoe)(sAMAccountName=jdoe))");
    auto star = parse_request("EXCH01\n*", why);
    ASSERT_TRUE(star);
    EXPECT_EQ(filter_of(star->lookup), "(|(mailNickname=\\2A)(sAMAccountName=\\2A))");
}

TEST(Lookup, InvalidInputs) {
    std::string why;
    EXPECT_FALSE(parse_request("EXCH01 jdoe", why));
    EXPECT_EQ(why, "no LF between server and mailbox");
    EXPECT_FALSE(parse_request("/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\n\nanon", why));
    EXPECT_FALSE(parse_request("a\nb\nc", why));
    EXPECT_FALSE(parse_request("EXCH01\n", why));
    EXPECT_FALSE(parse_request("EXCH01\n=", why));
    // Bad, but its separators parse: looked up anyway (fixing bad strings is the point).
    EXPECT_TRUE(parse_request("\njdoe", why));
    EXPECT_TRUE(parse_request("EXCH01\nj\tdoe", why));
}

TEST(Guid, WindowsLayoutAsInDomainDoc) {
    const unsigned char bytes[16] = {0x1d, 0x9c, 0x2a, 0x3f, 0x4e, 0x7b, 0x8f, 0x4a,
                                     0x9c, 0x21, 0x5d, 0x6e, 0x7f, 0x8a, 0x9b, 0x0c};
    EXPECT_EQ(guid_text(std::string_view(reinterpret_cast<const char*>(bytes), 16)),
              "3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c");
    EXPECT_FALSE(guid_text("short"));
    EXPECT_FALSE(guid_text(std::string(17, 'x')));
}

Entry test_entry() {
    Entry e;
    e.dn = "CN=Test Mailbox,OU=Users,DC=contoso,DC=com";
    e.mail_nickname = {"test"};
    e.home_server_name = {"/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=EXCH2013"};
    const unsigned char bytes[16] = {0x1d, 0x9c, 0x2a, 0x3f, 0x4e, 0x7b, 0x8f, 0x4a,
                                     0x9c, 0x21, 0x5d, 0x6e, 0x7f, 0x8a, 0x9b, 0x0c};
    e.mailbox_guid = {std::string(reinterpret_cast<const char*>(bytes), 16)};
    e.proxy_addresses = {"smtp:test@other.example", "SMTP:test@contoso.com"};
    e.mail = {"test@mail.example"};
    return e;
}

Answer build(const Entry& entry, ServerChoice server, bool exact = false, std::string_view info = "EXCH01\ntest") {
    std::string why;
    const auto request = parse_request(info, why);
    Answer answer;
    build_answer(*request, entry, Options{server, exact}, answer);
    return answer;
}

TEST(Answer, KeepHomePersonalizedExact) {
    const Entry e = test_entry();
    Answer keep = build(e, ServerChoice::keep);
    EXPECT_EQ(keep.result, Result::resolved);
    EXPECT_EQ(keep.output, "EXCH01\ntest");
    EXPECT_EQ(keep.entry, e.dn);
    EXPECT_EQ(keep.status, PSH_OK);
    EXPECT_EQ(build(e, ServerChoice::keep, true).output, "EXCH01\n=test");
    EXPECT_EQ(build(e, ServerChoice::home).output, "EXCH2013\ntest");
    Answer personalized = build(e, ServerChoice::personalized);
    EXPECT_EQ(personalized.output, "3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c@contoso.com\ntest");
    ASSERT_EQ(personalized.evidence.size(), 3u);
    EXPECT_EQ(personalized.evidence[1].value, "3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c");
    EXPECT_EQ(personalized.evidence[2].value, "SMTP:test@contoso.com");
}

TEST(Answer, PrimaryFromMailWithoutAnUpperCaseSmtpProxy) {
    Entry e = test_entry();
    e.proxy_addresses = {"smtp:test@other.example"};
    EXPECT_EQ(build(e, ServerChoice::personalized).output, "3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c@mail.example\ntest");
    e.mail.clear();
    const Answer a = build(e, ServerChoice::personalized);
    EXPECT_EQ(a.result, Result::incomplete);
    EXPECT_NE(a.reason.find("primary SMTP"), std::string::npos);
    EXPECT_FALSE(a.output);
}

TEST(Answer, IncompleteNamesTheAttribute) {
    Entry e = test_entry();
    e.mailbox_guid.clear();
    Answer a = build(e, ServerChoice::personalized);
    EXPECT_EQ(a.result, Result::incomplete);
    EXPECT_NE(a.reason.find("msExchMailboxGuid"), std::string::npos);
    e.mailbox_guid = {"0123456789"};
    EXPECT_NE(build(e, ServerChoice::personalized).reason.find("10 bytes, not 16"), std::string::npos);
    e.home_server_name.clear();
    EXPECT_NE(build(e, ServerChoice::home).reason.find("msExchHomeServerName"), std::string::npos);
    e.mail_nickname.clear();
    EXPECT_NE(build(e, ServerChoice::keep).reason.find("mailNickname"), std::string::npos);
}

TEST(Answer, UnsafeIsNeverHandedOut) {
    Entry e = test_entry();
    e.mail_nickname = {"ops/alerts"};
    const Answer a = build(e, ServerChoice::keep);
    EXPECT_EQ(a.result, Result::unsafe);
    EXPECT_EQ(a.status, PSH_E_UNSAFE_CHAR);
    EXPECT_EQ(a.reason, "the ProfileInfo built from the entry is not safe for CDO's logon: PSH_E_UNSAFE_CHAR");
    EXPECT_FALSE(a.output);
    EXPECT_EQ(a.entry, e.dn);
    // The server as given must pass too.
    e.mail_nickname = {"test"};
    EXPECT_EQ(build(e, ServerChoice::keep, false, "\ntest").status, PSH_E_EMPTY_SERVER);
}

#if PROFSHIM_DIRECTORY_HAVE_LDIF
// The LDIF source on the test data: every era, through resolve.
class LdifTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { source_ = open_ldif(PROFSHIM_TEST_LDIF).release(); }
    static void TearDownTestSuite() { delete source_; }
    static Source* source_;
};
Source* LdifTest::source_ = nullptr;

TEST_F(LdifTest, EveryCase) { test_mailboxes::expect_every_case(*source_); }

TEST_F(LdifTest, AmbiguousListsBothAndGuessesNothing) {
    const Answer a = resolve(*source_, "EXCH01\nghill", Options{});
    EXPECT_EQ(a.result, Result::ambiguous);
    ASSERT_EQ(a.candidates.size(), 2u);
    EXPECT_EQ(a.candidates[0], "CN=Gail Hill,OU=Users,DC=contoso,DC=com");
    EXPECT_EQ(a.candidates[1], "CN=Greg Hill,OU=Users,DC=contoso,DC=com");
    EXPECT_FALSE(a.output);
    EXPECT_FALSE(a.entry);
}

TEST_F(LdifTest, FilterMetacharactersMatchNothing) {
    const std::string mailboxes[] = {"*", "j*", "x)(mailNickname=*", "jdoe\\", std::string("jdoe\0", 5)};
    for (const std::string& mailbox : mailboxes) {
        const Answer a = resolve(*source_, "EXCH01\n" + mailbox, Options{});
        EXPECT_EQ(a.result, Result::not_found) << mailbox;
    }
}

TEST_F(LdifTest, LongDnIsNotFound) {
    std::string dn = "/o=Contoso/ou=NYC/cn=Recipients/cn=";
    dn += std::string(4096 - dn.size(), 'x');
    const Answer a = resolve(*source_, "EXCH01\n" + dn, Options{});
    EXPECT_EQ(a.result, Result::not_found);
}

// A malformed file: the error names the file and the line.
std::string ldif_error(const std::string& text) {
    const std::string path = ::testing::TempDir() + "/malformed.ldif";
    std::ofstream(path, std::ios::binary) << text;
    return test_mailboxes::directory_error_of([&] { open_ldif(path); });
}

TEST(LdifMalformed, ErrorNamesTheLine) {
    EXPECT_NE(ldif_error("dn: cn=a\nmailNickname: a\n\n# c\ndn: cn=b\nno colon here\n").find("malformed.ldif:6: not 'attribute: value'"),
              std::string::npos);
    // Folded lines count: the bad line is the 5th physical line.
    EXPECT_NE(ldif_error("dn: cn=a,\n dc=x\nmail: a@\n b\nmsExchMailboxGuid:: !!!!\n").find(":5: a base64 value"),
              std::string::npos);
    EXPECT_NE(ldif_error("\n\nmailNickname: a\n").find(":3: a record that does not start with dn:"), std::string::npos);
    EXPECT_NE(ldif_error("dn: cn=a\nmail:< file:///etc/passwd\n").find(":2: a value given by URL"), std::string::npos);
    EXPECT_NE(ldif_error("dn: cn=a\nchangetype: delete\n").find(":2: a change record"), std::string::npos);
    EXPECT_NE(test_mailboxes::directory_error_of([] { open_ldif(::testing::TempDir() + "/no-such.ldif"); })
                  .find("cannot read"), std::string::npos);
}

#endif  // PROFSHIM_DIRECTORY_HAVE_LDIF

}  // namespace
}  // namespace profshim::directory
