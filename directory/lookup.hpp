// From a ProfileInfo to the directory search that finds its mailbox (issue 19, "Finding the
// mailbox"; domain.md "The directory"). The mailbox part is looked up whatever psh_check
// says of it: fixing bad strings is the point.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace profshim::directory {

enum class LookupKind {
    dn,     // "/o=...": legacyExchangeDN, or an X500: proxy kept by a migration (KB 909271)
    smtp,   // holds '@': an SMTP proxy address
    alias,  // anything else, one leading '=' (KB Q193643's exact match) removed: an alias
            // (mailNickname) or an account name (sAMAccountName)
};

struct Lookup {
    LookupKind kind = LookupKind::alias;
    std::string value;  // what is compared, as given (not escaped)
};

// A ProfileInfo split at its separator: "server\nmailbox".
struct Request {
    std::string server;
    std::string mailbox;
    Lookup lookup;
};

// Splits `info` at its one LF; the server and the mailbox lose the spaces, tabs and CRs at
// their ends (as psh_rewrite step 2 does). nullopt, with `why` set, for the inputs that are
// "invalid": no LF, more than one (so the anonymous form "serverDN\n\nanon" too), or an
// empty mailbox (nothing to look up).
std::optional<Request> parse_request(std::string_view info, std::string& why);

// The filter of `lookup` (RFC 4515), each value escaped by escape_filter_value:
//   dn:    (|(legacyExchangeDN=X)(proxyAddresses=X500:X))
//   smtp:  (proxyAddresses=smtp:X)   (Active Directory compares it without regard to case)
//   alias: (|(mailNickname=X)(sAMAccountName=X))
std::string filter_of(const Lookup& lookup);

}  // namespace profshim::directory
