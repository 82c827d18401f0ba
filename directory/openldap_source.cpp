// The live directory through OpenLDAP's libldap (Linux): ldap_initialize, StartTLS or
// ldaps:// with the certificate demanded, ldap_sasl_bind_s (simple), ldap_search_ext_s.
#include <memory>

#include <ldap.h>

#include "ldap_source.hpp"
#include "live_source.hpp"
#include "openldap_guards.hpp"

namespace profshim::directory {

namespace {

struct MessageFree {
    void operator()(LDAPMessage* message) const { ldap_msgfree(message); }
};
using Message = std::unique_ptr<LDAPMessage, MessageFree>;

struct Unbind {
    void operator()(LDAP* ld) const;
};
using Connection = std::unique_ptr<LDAP, Unbind>;

void Unbind::operator()(LDAP* ld) const {
    NoSigpipe no_sigpipe;  // the unbind request is written to the socket too
    ldap_unbind_ext_s(ld, nullptr, nullptr);
}

// A result code after which the connection is gone: libldap would otherwise open a new
// one, unbound, on the next call.
bool connection_lost(int rc) {
    return rc == LDAP_SERVER_DOWN || rc == LDAP_TIMEOUT || rc == LDAP_CONNECT_ERROR;
}

std::string text_of(LDAP* ld, int rc) {
    std::string text = ldap_err2string(rc);
    char* diagnostic = nullptr;
    if (ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diagnostic) == LDAP_OPT_SUCCESS && diagnostic != nullptr) {
        if (*diagnostic != '\0') text += std::string(" (") + diagnostic + ")";
        ldap_memfree(diagnostic);
    }
    return text;
}

void set(LDAP* ld, int option, const void* value, const char* what) {
    if (ldap_set_option(ld, option, value) != LDAP_OPT_SUCCESS)
        throw DirectoryError(std::string("cannot set the LDAP option ") + what);
}

// The values of one attribute of one entry, raw bytes (msExchMailboxGuid is binary).
std::vector<std::string> values(LDAP* ld, LDAPMessage* entry, const char* attribute) {
    std::vector<std::string> out;
    berval** list = ldap_get_values_len(ld, entry, attribute);
    if (list == nullptr) return out;
    for (berval** v = list; *v != nullptr; ++v) out.emplace_back((*v)->bv_val, (*v)->bv_len);
    ldap_value_free_len(list);
    return out;
}

class OpenLdapSource final : public LiveSource {
public:
    OpenLdapSource(std::unique_ptr<Watchdog> watchdog, Connection ld, std::string base, int seconds)
        : LiveSource(std::move(base), seconds), watchdog_(std::move(watchdog)), ld_(std::move(ld)) {}

private:
    std::vector<Entry> search(const std::string& filter, std::optional<Failure>& failure) override {
        NoSigpipe no_sigpipe;
        std::vector<char*> attributes;
        for (const char* name : kEntryAttributes) attributes.push_back(const_cast<char*>(name));
        attributes.push_back(nullptr);
        timeval limit{seconds(), 0};
        LDAPMessage* raw = nullptr;
        const int rc = ldap_search_ext_s(ld_.get(), base().c_str(), LDAP_SCOPE_SUBTREE, filter.c_str(),
                                         attributes.data(), 0, nullptr, nullptr, &limit,
                                         kMaxEntriesPerLookup, &raw);
        Message result(raw);
        std::vector<Entry> found;
        if (rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED) {
            failure = Failure{text_of(ld_.get(), rc), connection_lost(rc)};
            return found;
        }
        for (LDAPMessage* e = ldap_first_entry(ld_.get(), result.get()); e != nullptr;
             e = ldap_next_entry(ld_.get(), e)) {
            Entry entry;
            if (char* dn = ldap_get_dn(ld_.get(), e)) {
                entry.dn = dn;
                ldap_memfree(dn);
            }
            for (const char* name : kEntryAttributes) *values_of(entry, name) = values(ld_.get(), e, name);
            found.push_back(std::move(entry));
        }
        return found;
    }

    std::unique_ptr<Watchdog> watchdog_;  // before ld_: the connection's callback points to it
    Connection ld_;
};

// The rootDSE's defaultNamingContext (Active Directory), else its one namingContexts value
// (slapd and others publish only that).
std::string default_base(LDAP* ld, int seconds) {
    char default_nc[] = "defaultNamingContext";
    char naming_contexts[] = "namingContexts";
    char* attributes[] = {default_nc, naming_contexts, nullptr};
    timeval limit{seconds, 0};
    LDAPMessage* raw = nullptr;
    const int rc = ldap_search_ext_s(ld, "", LDAP_SCOPE_BASE, "(objectClass=*)", attributes, 0, nullptr,
                                     nullptr, &limit, 1, &raw);
    Message result(raw);
    if (rc != LDAP_SUCCESS) throw DirectoryError("cannot read the rootDSE for the base DN: " + text_of(ld, rc));
    LDAPMessage* root = ldap_first_entry(ld, result.get());
    if (root == nullptr) throw DirectoryError("the rootDSE is not readable: give --base");
    const auto defaults = values(ld, root, default_nc);
    if (!defaults.empty()) return defaults.front();
    const auto contexts = values(ld, root, naming_contexts);
    if (contexts.size() == 1) return contexts.front();
    throw DirectoryError("the rootDSE names no defaultNamingContext (and not exactly one namingContexts): give --base");
}

}  // namespace

std::unique_ptr<Source> open_ldap(const LdapSettings& settings) {
    NoSigpipe no_sigpipe;
    const auto url = parse_ldap_url(settings.uri);
    if (!url) throw DirectoryError("'" + settings.uri + "' is not an ldap:// or ldaps:// URL");
    if (settings.start_tls && url->scheme == "ldaps")
        throw DirectoryError("StartTLS is for ldap:// URLs; ldaps:// is TLS already");
    if (settings.bind == Bind::negotiate)
        throw DirectoryError("a Negotiate bind is available on Windows only; use a simple bind over TLS");
    const bool tls = settings.start_tls || url->scheme == "ldaps";
    if (settings.bind == Bind::simple && !tls)
        throw DirectoryError("a simple bind sends its password: it needs ldaps:// or StartTLS");

    auto watchdog = std::make_unique<Watchdog>();  // outlives `ld`, whose callback it is
    LDAP* raw = nullptr;
    const std::string server = url->scheme + "://" + url->host_port;
    if (const int rc = ldap_initialize(&raw, server.c_str()); rc != LDAP_SUCCESS)
        throw DirectoryError("'" + settings.uri + "': " + ldap_err2string(rc));
    Connection ld(raw);

    const int version = LDAP_VERSION3;
    set(ld.get(), LDAP_OPT_PROTOCOL_VERSION, &version, "LDAP_OPT_PROTOCOL_VERSION");
    set(ld.get(), LDAP_OPT_REFERRALS, LDAP_OPT_OFF, "LDAP_OPT_REFERRALS");
    const timeval limit{settings.time_limit_seconds, 0};
    set(ld.get(), LDAP_OPT_NETWORK_TIMEOUT, &limit, "LDAP_OPT_NETWORK_TIMEOUT");
    set(ld.get(), LDAP_OPT_TIMEOUT, &limit, "LDAP_OPT_TIMEOUT");
    set(ld.get(), LDAP_OPT_TIMELIMIT, &settings.time_limit_seconds, "LDAP_OPT_TIMELIMIT");
    set(ld.get(), LDAP_OPT_CONNECT_CB, watchdog->callback(), "LDAP_OPT_CONNECT_CB");
    // The server's certificate is demanded and verified (and its name checked), whatever
    // ldap.conf says; a CA file replaces the system's trust store.
    const int demand = LDAP_OPT_X_TLS_DEMAND;
    set(ld.get(), LDAP_OPT_X_TLS_REQUIRE_CERT, &demand, "LDAP_OPT_X_TLS_REQUIRE_CERT");
    if (!settings.ca_file.empty())
        set(ld.get(), LDAP_OPT_X_TLS_CACERTFILE, settings.ca_file.c_str(), "LDAP_OPT_X_TLS_CACERTFILE");
    const int is_server = 0;
    set(ld.get(), LDAP_OPT_X_TLS_NEWCTX, &is_server, "LDAP_OPT_X_TLS_NEWCTX (the TLS settings)");

    const Watchdog::Armed armed(*watchdog, settings.time_limit_seconds);
    // Connect now, so that an unreachable server or a refused certificate is an error of
    // the run's start rather than of its first lookup.
    if (const int rc = ldap_connect(ld.get()); rc != LDAP_SUCCESS)
        throw DirectoryError("cannot connect to " + server + ": " + text_of(ld.get(), rc));
    if (settings.start_tls) {
        if (const int rc = ldap_start_tls_s(ld.get(), nullptr, nullptr); rc != LDAP_SUCCESS)
            throw DirectoryError("StartTLS with " + server + " failed: " + text_of(ld.get(), rc));
    }
    if (settings.bind == Bind::simple) {
        berval password{static_cast<ber_len_t>(settings.password.size()), const_cast<char*>(settings.password.data())};
        const int rc = ldap_sasl_bind_s(ld.get(), settings.bind_dn.c_str(), LDAP_SASL_SIMPLE, &password,
                                        nullptr, nullptr, nullptr);
        if (rc != LDAP_SUCCESS)
            throw DirectoryError("the simple bind as '" + settings.bind_dn + "' failed: " + text_of(ld.get(), rc));
    }
    std::string base = !settings.base.empty() ? settings.base : url->dn;
    if (base.empty()) base = default_base(ld.get(), settings.time_limit_seconds);
    return std::make_unique<OpenLdapSource>(std::move(watchdog), std::move(ld), std::move(base),
                                            settings.time_limit_seconds);
}

}  // namespace profshim::directory
