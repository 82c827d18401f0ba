// One directory entry: the DN and the few attributes an answer reads (the issue's "what the
// answer needs"; domain.md "The directory"). Every source fills this and nothing more, so the
// live directory and an LDIF export answer from the same fields.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace profshim::directory {

struct Entry {
    std::string dn;
    std::vector<std::string> mail_nickname;     // mailNickname: the alias, every Exchange version
    std::vector<std::string> sam_account_name;  // sAMAccountName: the account name
    std::vector<std::string> legacy_exchange_dn;  // legacyExchangeDN
    std::vector<std::string> proxy_addresses;   // proxyAddresses: "SMTP:" primary, "smtp:", "X500:"
    std::vector<std::string> mail;              // mail: the primary address when no "SMTP:" proxy
    std::vector<std::string> home_server_name;  // msExchHomeServerName: ".../cn=Servers/cn=EXCH01"
    std::vector<std::string> mailbox_guid;      // msExchMailboxGuid: 16 bytes, Windows GUID layout
};

// The attribute names a source asks for, in the order of Entry's fields.
inline constexpr const char* kEntryAttributes[] = {
    "mailNickname", "sAMAccountName", "legacyExchangeDN", "proxyAddresses",
    "mail", "msExchHomeServerName", "msExchMailboxGuid"};

// The field that holds `attribute` (compared without regard to ASCII case, as LDAP names
// are), or nullptr for an attribute the answer does not read.
std::vector<std::string>* values_of(Entry& entry, std::string_view attribute);

// ASCII case-insensitive equality and lower-casing: LDAP attribute names, and the values of
// the attributes looked up, which Active Directory compares without regard to case.
bool equal_ignoring_case(std::string_view a, std::string_view b);
std::string lower_ascii(std::string_view text);

}  // namespace profshim::directory
