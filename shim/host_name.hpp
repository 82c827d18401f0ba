// The server part of the authenticated form (profshim.h section 5, rule 3): a host name, or
// since 1.1 a personalized server name "<mailbox GUID>@<host name>" (section 10.1).
// NetBIOS names ("EXCH01") and DNS names ("mail.contoso.com") both pass; '_' is allowed
// because real NetBIOS server names carry it.
#pragma once

#include "text.hpp"

namespace profshim {

// What the rule finds of a server or a host: a fault, or the stem, its bytes before the
// first '.' (all of them when there is none), which a profile name shows and which must not
// be a device name. The host-name rule passes every byte, so it finds the stem on the way.
struct ServerName {
    Fault fault;
    Range stem;
};

// A non-empty server: PSH_E_BAD_SERVER at the first failing byte from the left, then for
// the length. A personalized server name has the host-name rule applied to the bytes
// after its '@' alone, and an empty host there fails at the server's end. (Empty and
// reserved servers are the caller's.)
ServerName check_server_name(Text text, Range server);

// The host-name rule on a non-empty `host`.
ServerName check_host_name(Text text, Range host);

// Exchange 2013 and later name a mailbox's server "<mailbox GUID>@<domain>", and CDO 1.2.1
// logs on with exactly that: the first 36 bytes a GUID in the 8-4-4-4-12 form, the 37th '@'.
bool is_personalized_server_name(Text text, Range server);

}  // namespace profshim
