// Baseline 2: OpenLDAP's DN parser and writer, the nearest real DN library, on the DN part
// alone: ldap_str2dn + ldap_dn2str, LDAP_DN_FORMAT_DCE (the "/o=.../cn=..." syntax; an
// Exchange DN is not an RFC 4514 DN). DCE order puts the last RDN first, dn[0].
#pragma once

#include <string>

namespace bench::ldap_baseline {

struct RoundTrip {
    int rc_parse = 0;        // ldap_str2dn's result (LDAP_SUCCESS is 0)
    int rc_write = 0;        // ldap_dn2str's result
    std::string text;        // what ldap_dn2str wrote
    std::string last_rdn;    // the value of the last RDN (dn[0][0] in DCE order)
    bool ok() const { return rc_parse == 0 && rc_write == 0; }
};

// Parse and write back, keeping the answers (for the corpus check).
RoundTrip round_trip(const std::string& dn);

// The timed call: parse, write back, free both; returns the write's length (or -1).
int round_trip_timed(const char* dn);

}  // namespace bench::ldap_baseline
