// The ProfileInfo parser (profshim.h section 5): separators, forms, parts, and the order of checks.
#include <gtest/gtest.h>

#include <string>

#include "profile_info.hpp"
#include "unit_test_support.hpp"

namespace profshim {
namespace {

using unit::view;

CheckResult check(const std::string& info, FileNameRules rules = FileNameRules::apply) {
    return check_profile_info(view(info), rules);
}

void expect_fault(const std::string& info, int32_t status, int32_t offset) {
    const CheckResult r = check(info);
    EXPECT_EQ(r.fault.status, status) << info;
    EXPECT_EQ(r.fault.offset, offset) << info;
}

TEST(ProfileInfo, Characters) {
    expect_fault(std::string("EXCH01\njd\0oe", 12), PSH_E_BAD_CHAR, 9);
    expect_fault("EXCH01\r\njdoe", PSH_E_BAD_CHAR, 6);
    expect_fault("EXCH01\n\tjdoe", PSH_E_BAD_CHAR, 7);
    expect_fault("EXCH01\njdoe\x7f", PSH_E_BAD_CHAR, 11);
    // Section 11.2: UTF-8 characters pass in an alias; ill-formed sequences and C1 controls
    // fail where they start.
    expect_fault("EXCH01\nM\xc3\xbcller", PSH_OK, -1);
    expect_fault("EXCH01\nM\xc3ller", PSH_E_BAD_CHAR, 8);          // cut short by a byte
    expect_fault("EXCH01\nM\xc3", PSH_E_BAD_CHAR, 8);              // cut short by the end
    expect_fault("EXCH01\nM\xbcller", PSH_E_BAD_CHAR, 8);          // stray continuation
    expect_fault("EXCH01\nM\xc0\xafller", PSH_E_BAD_CHAR, 8);      // overlong '/'
    expect_fault("EXCH01\nM\xe0\x80\xafx", PSH_E_BAD_CHAR, 8);     // overlong, 3 bytes
    expect_fault("EXCH01\nM\xed\xa0\x80x", PSH_E_BAD_CHAR, 8);     // an encoded surrogate
    expect_fault("EXCH01\nM\xf4\x90\x80\x80", PSH_E_BAD_CHAR, 8);  // above U+10FFFF
    expect_fault("EXCH01\nM\xf5\x80\x80\x80", PSH_E_BAD_CHAR, 8);
    expect_fault("EXCH01\nM\xc2\x85x", PSH_E_BAD_CHAR, 8);         // U+0085, a C1 control
    expect_fault("EXCH01\nM\xc2\xa0x", PSH_OK, -1);                // U+00A0 is no control
    expect_fault("EXCH01\nM\xf0\x9f\x98\x80\x7f", PSH_E_BAD_CHAR, 12);
}

TEST(ProfileInfo, NonAsciiOutsideTheAlias) {
    expect_fault("EXCH\xc3\xbc\njdoe", PSH_E_BAD_SERVER, 4);
    expect_fault("EXCH01\n/o=C\xc3\xbc/ou=N/cn=j", PSH_E_BAD_DN, 11);
    expect_fault("EXCH01\nCOM\xc2\xb9", PSH_E_RESERVED_NAME, 7);
    expect_fault("EXCH01\nlpt\xc2\xb3.txt", PSH_E_RESERVED_NAME, 7);
    expect_fault("EXCH01\nCOM\xc2\xb4", PSH_OK, -1);
    // 64 UTF-16 units: 63 ASCII and a supplementary character (2 units) is one too many.
    expect_fault("EXCH01\n" + std::string(63, 'a') + "\xf0\x9f\x98\x80", PSH_E_BAD_MAILBOX, 70);
    expect_fault("EXCH01\n" + std::string(62, 'a') + "\xf0\x9f\x98\x80", PSH_OK, -1);
    expect_fault("EXCH01\n" + std::string(64, 'a') + "\xc3\xbc", PSH_E_BAD_MAILBOX, 71);
    std::string umlauts;
    for (int i = 0; i < 64; ++i) umlauts += "\xc3\xbc";
    expect_fault("EXCH01\n" + umlauts, PSH_OK, -1);
    expect_fault("EXCH01\n" + umlauts + "x", PSH_E_BAD_MAILBOX, 7 + 128);
}

TEST(ProfileInfo, Separators) {
    expect_fault("EXCH01 jdoe", PSH_E_NO_SEPARATOR, -1);
    expect_fault("", PSH_E_NO_SEPARATOR, -1);
    expect_fault("a\nb\nc", PSH_E_SYNTAX, 3);
    expect_fault("a\n\nb", PSH_E_SYNTAX, 2);
    expect_fault("a\n\nanonx", PSH_E_SYNTAX, 2);
    expect_fault("a\n\n\nanon", PSH_E_SYNTAX, 2);
    expect_fault("a\nx\nanon", PSH_E_SYNTAX, 3);
}

TEST(ProfileInfo, FormsAndParts) {
    CheckResult r = check("EXCH01\njdoe");
    EXPECT_TRUE(r.fault.ok());
    EXPECT_EQ(r.layout.form, PSH_FORM_ALIAS);
    EXPECT_EQ(r.layout.server.begin, 0);
    EXPECT_EQ(r.layout.server.end, 6);
    EXPECT_EQ(r.layout.mailbox.begin, 7);
    EXPECT_EQ(r.layout.mailbox.end, 11);

    r = check("EXCH01\n/o=a/ou=b/cn=jdoe");
    EXPECT_EQ(r.layout.form, PSH_FORM_DN);
    EXPECT_EQ(r.fault.status, PSH_E_UNSAFE_CHAR);
    EXPECT_EQ(r.fault.offset, 7);

    r = check("EXCH01\n");
    EXPECT_EQ(r.layout.form, PSH_FORM_UNKNOWN);
    EXPECT_TRUE(r.layout.parsed);
    EXPECT_EQ(r.fault.status, PSH_E_EMPTY_MAILBOX);
    EXPECT_EQ(r.fault.offset, 7);

    r = check("/o=a/ou=b/cn=Servers/cn=EXCH01\n\nAnOn");
    EXPECT_TRUE(r.fault.ok());
    EXPECT_EQ(r.layout.form, PSH_FORM_ANONYMOUS);
    EXPECT_EQ(r.layout.mailbox.begin, 32);
    EXPECT_EQ(r.layout.mailbox.size(), 4);
}

TEST(ProfileInfo, Server) {
    expect_fault("\njdoe", PSH_E_EMPTY_SERVER, 0);
    expect_fault("exch 01\njdoe", PSH_E_BAD_SERVER, 4);
    expect_fault("COM1\njdoe", PSH_E_RESERVED_NAME, 0);
    expect_fault("nul.contoso.com\njdoe", PSH_E_RESERVED_NAME, 0);
    // The server is checked before the mailbox.
    expect_fault("exch 01\n", PSH_E_BAD_SERVER, 4);
    // Anonymous form: the server is a DN.
    expect_fault("\n\nanon", PSH_E_EMPTY_SERVER, 0);
    expect_fault("EXCH01\n\nanon", PSH_E_BAD_DN, 0);
    expect_fault("/o=a/ou=b\n\nanon", PSH_E_BAD_DN, 9);
}

TEST(ProfileInfo, AliasChecksInTheirOrder) {
    expect_fault("S\n jdoe", PSH_E_BAD_MAILBOX, 2);
    expect_fault("S\njdoe ", PSH_E_BAD_MAILBOX, 6);
    expect_fault("S\n j:doe", PSH_E_BAD_MAILBOX, 2);           // space first before unsafe
    expect_fault("S\nj:d?oe", PSH_E_UNSAFE_CHAR, 3);
    expect_fault("S\nj/doe", PSH_E_UNSAFE_CHAR, 3);
    expect_fault("S\njdoe.", PSH_E_UNSAFE_CHAR, 6);
    expect_fault("S\n" + std::string(64, 'a'), PSH_OK, -1);
    expect_fault("S\n" + std::string(65, 'a'), PSH_E_BAD_MAILBOX, 2 + 64);
    expect_fault("S\n" + std::string(70, 'a') + ":", PSH_E_UNSAFE_CHAR, 72);   // unsafe before length
    expect_fault("S\nnul", PSH_E_RESERVED_NAME, 2);
    expect_fault("S\nCon.txt", PSH_E_RESERVED_NAME, 2);
    expect_fault("S\nj doe#1", PSH_OK, -1);
}

TEST(ProfileInfo, DnMailbox) {
    expect_fault("S\n/o=a/ou=b", PSH_E_BAD_DN, 11);
    expect_fault("S\n/o=a/ou=b/cn=j:doe", PSH_E_UNSAFE_CHAR, 2);
}

TEST(ProfileInfo, SkippingFileNameRulesStillAppliesTheRest) {
    CheckResult r = check("S\nj:doe", FileNameRules::skip);
    EXPECT_TRUE(r.fault.ok());
    r = check("COM1\nnul", FileNameRules::skip);
    EXPECT_TRUE(r.fault.ok());
    r = check("S\n" + std::string(64, ':') + "x", FileNameRules::skip);
    EXPECT_EQ(r.fault.status, PSH_E_BAD_MAILBOX);
    EXPECT_EQ(r.fault.offset, 66);
    r = check("S\n/o=a/ou=b/cn=R/cn=j:doe", FileNameRules::skip);
    ASSERT_TRUE(r.fault.ok());
    EXPECT_EQ(r.layout.mailbox_name.begin, 20);   // the last RDN
    EXPECT_EQ(r.layout.mailbox_name.size(), 5);
    r = check("mail.contoso.com\njdoe", FileNameRules::skip);
    EXPECT_EQ(r.layout.server_name.size(), 4);    // the stem
}

}  // namespace
}  // namespace profshim
