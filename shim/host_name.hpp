// The server part of the authenticated form: a host name (contract 5, rule 3), or since 1.1
// a personalized server name "<mailbox GUID>@<host name>" (section 10.1).
// NetBIOS names ("EXCH01") and DNS names ("mail.contoso.com") both pass; '_' is allowed
// because real NetBIOS server names carry it.
#pragma once

#include "units.hpp"

namespace profshim {

constexpr int32_t kMaxHostLabelUnits = 63;
constexpr int32_t kMaxHostNameUnits = 253;
constexpr int32_t kGuidUnits = 36;   // 8-4-4-4-12 hex digits and dashes

constexpr bool is_host_name_unit(uint32_t u) {
    return is_ascii_alnum(u) || u == '.' || u == '-' || u == '_';
}

// Checks a non-empty server unit by unit from the left and reports the first failing unit
// as PSH_E_BAD_SERVER; then the overall length. (Empty and reserved are the caller's.)
template <CodeUnit Unit>
constexpr Fault check_host_name(const UnitView<Unit>& text, Range server) {
    int32_t label_begin = server.begin;
    for (int32_t i = server.begin; i < server.end; ++i) {
        const uint32_t u = text[i];
        if (!is_host_name_unit(u)) return fault_at(PSH_E_BAD_SERVER, i);
        if (u == '.') {
            const bool first = i == server.begin;
            const bool last = i == server.end - 1;
            if (first || last || text[i - 1] == '.') return fault_at(PSH_E_BAD_SERVER, i);
            label_begin = i + 1;
            continue;
        }
        if (u == '-') {
            const bool first_in_label = i == label_begin;
            const bool last_in_label = i == server.end - 1 || text[i + 1] == '.';
            if (first_in_label || last_in_label) return fault_at(PSH_E_BAD_SERVER, i);
        }
        if (i - label_begin == kMaxHostLabelUnits) return fault_at(PSH_E_BAD_SERVER, i);
    }
    if (server.size() > kMaxHostNameUnits) {
        return fault_at(PSH_E_BAD_SERVER, server.begin + kMaxHostNameUnits);
    }
    return no_fault();
}

// Exchange 2013 and later name a mailbox's server "<mailbox GUID>@<domain>", and CDO 1.2.1
// logs on with exactly that (section 10.1): the first 36 units a GUID in the 8-4-4-4-12
// form, the 37th an '@'.
template <CodeUnit Unit>
constexpr bool is_personalized_server_name(const UnitView<Unit>& text, Range server) {
    if (server.size() <= kGuidUnits || text[server.begin + kGuidUnits] != '@') return false;
    for (int32_t i = 0; i < kGuidUnits; ++i) {
        const uint32_t u = text[server.begin + i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? u != '-' : !is_ascii_hex_digit(u)) return false;
    }
    return true;
}

// A non-empty server: a personalized server name has the host-name rule applied to the
// units after its '@' alone (an empty host fails at the server's end); any other server is
// a host name as in 1.0.
template <CodeUnit Unit>
constexpr Fault check_server_name(const UnitView<Unit>& text, Range server) {
    if (!is_personalized_server_name(text, server)) return check_host_name(text, server);
    const Range host{server.begin + kGuidUnits + 1, server.end};
    if (host.empty()) return fault_at(PSH_E_BAD_SERVER, server.end);
    return check_host_name(text, host);
}

}  // namespace profshim
