// The answers expected for data/mailboxes.ldif, shared by the LDIF tests and the tests
// against the slapd loaded with the same file: both sources must answer alike.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "answer.hpp"
#include "resolver.hpp"
#include "source.hpp"

namespace profshim::directory::test_mailboxes {

struct Case {
    const char* input;
    ServerChoice server;
    bool exact;
    const char* result;
    const char* output;    // nullptr: no output
    const char* entry_cn;  // a part of the entry's DN, nullptr: no entry
};


inline const Case kCases[] = {
    // Exchange 5.5: the DN's last RDN is the alias; the home server is EXCH55.
    {"EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe", ServerChoice::keep, false, "resolved", "EXCH01\njdoe", "CN=Jane Doe"},
    {"EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe", ServerChoice::home, false, "resolved", "EXCH55\njdoe", "CN=Jane Doe"},
    {"EXCH01\n/O=CONTOSO/OU=NYC/CN=RECIPIENTS/CN=JDOE", ServerChoice::keep, false, "resolved", "EXCH01\njdoe", "CN=Jane Doe"},
    {"EXCH01\n=jdoe", ServerChoice::keep, true, "resolved", "EXCH01\n=jdoe", "CN=Jane Doe"},
    // Exchange 2003: by alias, and by a secondary SMTP address ("smtp:" proxy).
    {"EXCH01\nasmith", ServerChoice::home, false, "resolved", "EXCH2003\nasmith", "CN=Adam Smith"},
    {"EXCH01\nadam.smith@contoso.com", ServerChoice::keep, false, "resolved", "EXCH01\nasmith", "CN=Adam Smith"},
    // Exchange 2007 and 2010 DNs (the latter's last RDN a display name and hex digits).
    {"EXCH01\n/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=bjones",
     ServerChoice::home, false, "resolved", "EXCH2007\nbjones", "CN=Bea Jones"},
    {"EXCH01\n/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=Carol White4a1",
     ServerChoice::keep, true, "resolved", "EXCH01\n=cwhite", "CN=Carol White"},
    // Exchange 2013 (the example) and 2016: the personalized server name.
    {"EXCH01\n/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f-test",
     ServerChoice::personalized, false, "resolved", "3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c@contoso.com\ntest", "CN=Test Mailbox"},
    {"EXCH01\n/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=0123456789abcdef0123456789abcdef-dgruen",
     ServerChoice::personalized, false, "resolved", "e9b5d6f1-89f1-4e02-93a1-7b3762cf2c59@fabrikam.com\ndgruen", "CN=Doerte Gruen"},
    // Exchange Online: no home server; the domain from `mail`.
    {"outlook.office365.com\neolsen", ServerChoice::personalized, false, "resolved",
     "5c3b8e2a-9f1d-4c7b-8a6e-0f2d4b6c8a1e@contoso.com\neolsen", "CN=Emile Olsen"},
    {"outlook.office365.com\neolsen", ServerChoice::home, false, "incomplete", nullptr, "CN=Emile Olsen"},
    // Migrated: the old 5.5 DN is an X500: proxy of the new mailbox.
    {"EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=fmueller", ServerChoice::personalized, false, "resolved",
     "66666666-7777-4888-9999-aaaaaaaaaaaa@contoso.com\nfmueller", "CN=Francois Mueller"},
    // Two entries answer "ghill" (one's alias, the other's account name): no guess.
    {"EXCH01\nghill", ServerChoice::keep, false, "ambiguous", nullptr, nullptr},
    // An alias legal in Exchange that fails psh_check.
    {"EXCH01\nops/alerts", ServerChoice::keep, false, "unsafe", nullptr, "CN=Ops Alerts"},
    {"EXCH01\nops-alerts@contoso.com", ServerChoice::keep, false, "unsafe", nullptr, "CN=Ops Alerts"},
    // No msExchMailboxGuid: incomplete for a personalized name only.
    {"EXCH01\nhnoguid", ServerChoice::personalized, false, "incomplete", nullptr, "CN=Hank Noguid"},
    {"EXCH01\nhnoguid", ServerChoice::keep, false, "resolved", "EXCH01\nhnoguid", "CN=Hank Noguid"},
    {"EXCH01\nnobody", ServerChoice::keep, false, "not_found", nullptr, nullptr},
    {"/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\n\nanon", ServerChoice::keep, false, "invalid", nullptr, nullptr},
    {"EXCH01 jdoe", ServerChoice::keep, false, "invalid", nullptr, nullptr},
};

// Every case against `source`. Entries' DNs are compared without regard to case (slapd
// writes "cn=" where ldifde wrote "CN=").
inline void expect_every_case(Source& source) {
    for (const auto& c : kCases) {
        const Answer a = resolve(source, c.input, Options{c.server, c.exact});
        EXPECT_STREQ(result_name(a.result), c.result) << c.input << ": " << a.reason;
        if (c.output) {
            EXPECT_EQ(a.output, c.output) << c.input;
        } else {
            EXPECT_FALSE(a.output) << c.input;
        }
        if (c.entry_cn) {
            EXPECT_TRUE(a.entry && lower_ascii(*a.entry).find(lower_ascii(c.entry_cn)) != std::string::npos) << c.input;
        } else {
            EXPECT_FALSE(a.entry) << c.input;
        }
    }
}

// The text of the DirectoryError `call` throws, or "no error".
template <class Call>
std::string directory_error_of(Call&& call) {
    try {
        call();
    } catch (const DirectoryError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace profshim::directory::test_mailboxes
