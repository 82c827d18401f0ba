// RFC 4515 section 3: a value inside a search filter, escaped so that no byte of it can end
// the filter's item or add one. Every value the directory reader puts in a filter goes
// through escape_filter_value.
#pragma once

#include <string>
#include <string_view>

namespace profshim::directory {

// The LDAP library's own escaper where it has one (OpenLDAP's
// ldap_bv2escaped_filter_value); on Windows, whose wldap32 exports no such function for
// bytes, escape_filter_value_rfc4515 below.
std::string escape_filter_value(std::string_view value);

// Ours: every byte OpenLDAP escapes ("\\" and two upper-case hex digits (as OpenLDAP writes them) for NUL and the other
// C0 controls, '(' ')' '*' '\\', DEL and every byte >= 0x80), so both give the same filter;
// the unit tests compare the two on every byte value.
std::string escape_filter_value_rfc4515(std::string_view value);

}  // namespace profshim::directory
