#include "baseline_ldap.hpp"

#include <ldap.h>

#include <cstring>

namespace bench::ldap_baseline {

RoundTrip round_trip(const std::string& dn) {
    RoundTrip result;
    LDAPDN parsed = nullptr;
    result.rc_parse = ldap_str2dn(dn.c_str(), &parsed, LDAP_DN_FORMAT_DCE);
    if (result.rc_parse != LDAP_SUCCESS) return result;
    if (parsed != nullptr && parsed[0] != nullptr && parsed[0][0] != nullptr) {
        const berval& value = parsed[0][0]->la_value;
        result.last_rdn.assign(value.bv_val, value.bv_len);
    }
    char* written = nullptr;
    result.rc_write = ldap_dn2str(parsed, &written, LDAP_DN_FORMAT_DCE);
    if (written != nullptr) result.text = written;
    ldap_memfree(written);
    ldap_dnfree(parsed);
    return result;
}

int round_trip_timed(const char* dn) {
    LDAPDN parsed = nullptr;
    if (ldap_str2dn(dn, &parsed, LDAP_DN_FORMAT_DCE) != LDAP_SUCCESS) return -1;
    char* written = nullptr;
    int length = -1;
    if (ldap_dn2str(parsed, &written, LDAP_DN_FORMAT_DCE) == LDAP_SUCCESS && written != nullptr) {
        length = static_cast<int>(std::strlen(written));
    }
    ldap_memfree(written);
    ldap_dnfree(parsed);
    return length;
}

}  // namespace bench::ldap_baseline
