// A live directory as a Source: OpenLDAP's libldap on Linux (openldap_source.cpp), the
// system's wldap32.dll on Windows (wldap32_source.cpp). Read-only: one bind, then searches.
// One connection serves the whole run; once it is lost (the server stopped, or a search
// outlived the time limit) every later lookup fails at once with the same clear error,
// rather than reconnecting under another identity or hanging.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "source.hpp"

namespace profshim::directory {

enum class Bind {
    anonymous,  // no bind (LDAPv3)
    simple,     // bind_dn and password; only over TLS (ldaps:// or start_tls)
    negotiate,  // Windows only: Negotiate (Kerberos/NTLM) as the calling account
};

struct LdapSettings {
    std::string uri;          // ldap://host[:port][/baseDN] or ldaps://...
    std::string base;         // empty: the URI's DN, else the rootDSE's defaultNamingContext
    Bind bind = Bind::anonymous;
    std::string bind_dn;
    std::string password;     // from read_password, never from the command line
    bool start_tls = false;   // StartTLS (RFC 4513 section 3) on an ldap:// connection
    std::string ca_file;      // PEM CA certificates to verify the server with; empty: the
                              // system's (Windows: always the certificate store)
    int time_limit_seconds = 30;  // per search; and for setting up the connection as a whole
                                  // (connect, TLS handshake, StartTLS, bind, the rootDSE)
};

// The environment variable a simple bind's password may come from.
inline constexpr const char* kPasswordVariable = "PROFSHIM_LDAP_PASSWORD";

// The password for a simple bind: the first line of `file` when given (without its line
// end), else the environment variable kPasswordVariable. Throws DirectoryError when the
// file cannot be read or neither gives one.
std::string read_password(const std::string& file);

// The parts of an LDAP URL (RFC 4516) the reader uses: "ldap://host:389/dc=x" ->
// {"ldap", "host:389", "dc=x"} (the DN %-decoded). nullopt when the scheme is not ldap or
// ldaps or the host is missing.
struct LdapUrl {
    std::string scheme;
    std::string host_port;
    std::string dn;
};
std::optional<LdapUrl> parse_ldap_url(const std::string& uri);

// Connects, sets up TLS, binds, and finds the base. Throws DirectoryError.
std::unique_ptr<Source> open_ldap(const LdapSettings& settings);

}  // namespace profshim::directory
