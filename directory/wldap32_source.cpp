// The live directory through the system's wldap32.dll (Windows; nothing is shipped), loaded
// at run time (wldap32_api.hpp). The W functions throughout: values travel as UTF-8 on the
// wire and as UTF-16 here. Server certificates are verified by wldap32 against the Windows
// certificate store (so there is no CA file option). Negotiate binds as the calling account
// (a service's own identity).
#include <cstdlib>
#include <cstring>  // _stricmp
#include <memory>

#include "ldap_source.hpp"
#include "live_source.hpp"
#include "wldap32_api.hpp"

namespace profshim::directory {

namespace {

std::wstring wide(const std::string& utf8) {
    if (utf8.empty()) return {};
    const int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring out(static_cast<std::size_t>(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), n);
    return out;
}

std::string narrow(const wchar_t* utf16) {
    if (utf16 == nullptr || *utf16 == L'\0') return {};
    const int n = WideCharToMultiByte(CP_UTF8, 0, utf16, -1, nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(n > 0 ? n - 1 : 0), '\0');
    WideCharToMultiByte(CP_UTF8, 0, utf16, -1, out.data(), n, nullptr, nullptr);
    return out;
}

std::string text_of(const Wldap32& api, ULONG rc) { return narrow(api.ldap_err2stringW(rc)); }

// The deleters hold their function from the table, which outlives every connection.
struct MessageFree {
    decltype(Wldap32::ldap_msgfree) msgfree;
    void operator()(LDAPMessage* message) const { msgfree(message); }
};
using Message = std::unique_ptr<LDAPMessage, MessageFree>;

struct Unbind {
    decltype(Wldap32::ldap_unbind_s) unbind_s;
    void operator()(LDAP* ld) const { unbind_s(ld); }
};
using Connection = std::unique_ptr<LDAP, Unbind>;

bool connection_lost(ULONG rc) {
    return rc == LDAP_SERVER_DOWN || rc == LDAP_TIMEOUT || rc == LDAP_CONNECT_ERROR;
}

std::vector<std::string> values(const Wldap32& api, LDAP* ld, LDAPMessage* entry, const std::wstring& attribute) {
    std::vector<std::string> out;
    berval** list = api.ldap_get_values_lenW(ld, entry, const_cast<PWSTR>(attribute.c_str()));
    if (list == nullptr) return out;
    for (berval** v = list; *v != nullptr; ++v) out.emplace_back((*v)->bv_val, (*v)->bv_len);
    api.ldap_value_free_len(list);
    return out;
}

struct Search {
    ULONG rc;
    Message result;
};

Search run_search(const Wldap32& api, LDAP* ld, const std::string& base, ULONG scope, const std::string& filter,
              const std::vector<std::wstring>& names, int seconds, ULONG size_limit) {
    std::vector<PWSTR> attributes;
    for (const auto& name : names) attributes.push_back(const_cast<PWSTR>(name.c_str()));
    attributes.push_back(nullptr);
    std::wstring wbase = wide(base), wfilter = wide(filter);
    l_timeval limit{seconds, 0};
    LDAPMessage* raw = nullptr;
    const ULONG rc = api.ldap_search_ext_sW(ld, const_cast<PWSTR>(wbase.c_str()), scope,
                                        const_cast<PWSTR>(wfilter.c_str()), attributes.data(), 0, nullptr,
                                        nullptr, &limit, size_limit, &raw);
    return {rc, Message(raw, MessageFree{api.ldap_msgfree})};
}

class Wldap32Source final : public LiveSource {
public:
    Wldap32Source(const Wldap32& api, Connection ld, std::string base, int seconds)
        : LiveSource(std::move(base), seconds), api_(api), ld_(std::move(ld)) {
        for (const char* name : kEntryAttributes) names_.push_back(wide(name));
    }

private:
    std::vector<Entry> search(const std::string& filter, std::optional<Failure>& failure) override {
        Search s = run_search(api_, ld_.get(), base(), LDAP_SCOPE_SUBTREE, filter, names_, seconds(),
                              static_cast<ULONG>(kMaxEntriesPerLookup));
        std::vector<Entry> found;
        if (s.rc != LDAP_SUCCESS && s.rc != LDAP_SIZELIMIT_EXCEEDED) {
            failure = Failure{text_of(api_, s.rc), connection_lost(s.rc)};
            return found;
        }
        for (LDAPMessage* e = api_.ldap_first_entry(ld_.get(), s.result.get()); e != nullptr;
             e = api_.ldap_next_entry(ld_.get(), e)) {
            Entry entry;
            if (PWSTR dn = api_.ldap_get_dnW(ld_.get(), e)) {
                entry.dn = narrow(dn);
                api_.ldap_memfreeW(dn);
            }
            for (std::size_t i = 0; i < names_.size(); ++i)
                *values_of(entry, kEntryAttributes[i]) = values(api_, ld_.get(), e, names_[i]);
            found.push_back(std::move(entry));
        }
        return found;
    }

    const Wldap32& api_;
    Connection ld_;
    std::vector<std::wstring> names_;
};

// The rootDSE: where the base comes from, and which SASL mechanisms a Negotiate bind could
// use. `rc` is the search's; the values are empty when it failed or the entry is not there.
struct RootDse {
    ULONG rc = LDAP_SUCCESS;
    bool found = false;
    std::vector<std::string> default_naming_context, naming_contexts, sasl_mechanisms;
};

RootDse read_root_dse(const Wldap32& api, LDAP* ld, int seconds) {
    const std::vector<std::wstring> names = {L"defaultNamingContext", L"namingContexts", L"supportedSASLMechanisms"};
    Search s = run_search(api, ld, "", LDAP_SCOPE_BASE, "(objectClass=*)", names, seconds, 1);
    RootDse root;
    root.rc = s.rc;
    if (s.rc != LDAP_SUCCESS) return root;
    LDAPMessage* entry = api.ldap_first_entry(ld, s.result.get());
    if (entry == nullptr) return root;
    root.found = true;
    root.default_naming_context = values(api, ld, entry, names[0]);
    root.naming_contexts = values(api, ld, entry, names[1]);
    root.sasl_mechanisms = values(api, ld, entry, names[2]);
    return root;
}

std::string base_of(const Wldap32& api, const RootDse& root) {
    if (root.rc != LDAP_SUCCESS) throw DirectoryError("cannot read the rootDSE for the base DN: " + text_of(api, root.rc));
    if (!root.found) throw DirectoryError("the rootDSE is not readable: give a base DN");
    if (!root.default_naming_context.empty()) return root.default_naming_context.front();
    if (root.naming_contexts.size() == 1) return root.naming_contexts.front();
    throw DirectoryError("the rootDSE names no defaultNamingContext: give a base DN");
}

// Negotiate (Kerberos, else NTLM, as the calling account) is the SASL mechanism GSS-SPNEGO, or
// GSSAPI (Kerberos): a directory that lists neither in supportedSASLMechanisms cannot take it.
// Checked before the bind, which then is not tried: a refused bind says less, and Wine 8's
// wldap32 crashes on its way through another mechanism's prompts (it reads the NULL
// credentials that mean the calling account's).
bool offers_negotiate(const std::vector<std::string>& mechanisms) {
    for (const std::string& m : mechanisms)
        if (_stricmp(m.c_str(), "GSS-SPNEGO") == 0 || _stricmp(m.c_str(), "GSSAPI") == 0) return true;
    return false;
}

std::string no_negotiate_text(const std::string& where, const std::vector<std::string>& mechanisms) {
    std::string offered;
    for (const std::string& m : mechanisms) offered += (offered.empty() ? "" : ", ") + m;
    return "the directory at " + where + " takes no Negotiate bind as the calling account (SASL GSS-SPNEGO or "
           "GSSAPI, which Active Directory offers); it offers " +
           (offered.empty() ? std::string("no SASL mechanism") : "SASL " + offered) + "; bind anonymously instead";
}

}  // namespace

std::unique_ptr<Source> open_ldap(const LdapSettings& settings) {
    const auto url = parse_ldap_url(settings.uri);
    if (!url) throw DirectoryError("'" + settings.uri + "' is not an ldap:// or ldaps:// URL");
    const bool ldaps = url->scheme == "ldaps";
    if (settings.start_tls && ldaps) throw DirectoryError("StartTLS is for ldap:// URLs; ldaps:// is TLS already");
    if (!settings.ca_file.empty())
        throw DirectoryError("a CA file is not used on Windows: wldap32 verifies the server with the certificate store");
    if (settings.bind == Bind::simple && !ldaps && !settings.start_tls)
        throw DirectoryError("a simple bind sends its password: it needs ldaps:// or StartTLS");

    // wldap32 takes "host" and a port, not a URL.
    std::string host = url->host_port;
    ULONG port = ldaps ? LDAP_SSL_PORT : LDAP_PORT;
    if (const auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos) {
        port = static_cast<ULONG>(std::strtoul(host.c_str() + colon + 1, nullptr, 10));
        host.erase(colon);
    }
    const Wldap32& api = wldap32();  // loads wldap32.dll at the first connection
    std::wstring whost = wide(host);
    Connection ld(api.ldap_sslinitW(const_cast<PWSTR>(whost.c_str()), port, ldaps ? 1 : 0),
                  Unbind{api.ldap_unbind_s});
    if (!ld) throw DirectoryError("'" + settings.uri + "': " + text_of(api, api.LdapGetLastError()));

    ULONG version = LDAP_VERSION3;
    api.ldap_set_optionW(ld.get(), LDAP_OPT_PROTOCOL_VERSION, &version);
    api.ldap_set_optionW(ld.get(), LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    ULONG seconds = static_cast<ULONG>(settings.time_limit_seconds);
    api.ldap_set_optionW(ld.get(), LDAP_OPT_TIMELIMIT, &seconds);
    // A server that cannot be reached is said to be that, whichever step first finds it out:
    // Wine's ldap_connect does not connect, so there it is the rootDSE read (or the bind).
    const std::string& where = url->host_port;
    const auto unreachable = [&](ULONG rc) { return DirectoryError("cannot connect to " + where + ": " + text_of(api, rc)); };
    l_timeval limit{settings.time_limit_seconds, 0};
    if (const ULONG rc = api.ldap_connect(ld.get(), &limit); rc != LDAP_SUCCESS) throw unreachable(rc);
    if (settings.start_tls) {
        ULONG server_rc = 0;
        if (const ULONG rc = api.ldap_start_tls_sW(ld.get(), &server_rc, nullptr, nullptr, nullptr); rc != LDAP_SUCCESS)
            throw connection_lost(rc) ? unreachable(rc) : DirectoryError("StartTLS with " + where + " failed: " + text_of(api, rc));
    }
    // The rootDSE, read before the bind (LDAPv3 lets anyone read it): the first exchange with
    // the server, and what it offers for a Negotiate bind.
    const RootDse root = read_root_dse(api, ld.get(), settings.time_limit_seconds);
    if (connection_lost(root.rc)) throw unreachable(root.rc);
    if (settings.bind == Bind::negotiate) {
        if (root.found && !offers_negotiate(root.sasl_mechanisms))
            throw DirectoryError(no_negotiate_text(where, root.sasl_mechanisms));
        // NULL credentials: the calling account's own.
        if (const ULONG rc = api.ldap_bind_sW(ld.get(), nullptr, nullptr, LDAP_AUTH_NEGOTIATE); rc != LDAP_SUCCESS)
            throw connection_lost(rc) ? unreachable(rc)
                                      : DirectoryError("the Negotiate bind as the calling account failed: " + text_of(api, rc));
    } else if (settings.bind == Bind::simple) {
        std::wstring dn = wide(settings.bind_dn), password = wide(settings.password);
        if (const ULONG rc = api.ldap_simple_bind_sW(ld.get(), const_cast<PWSTR>(dn.c_str()),
                                                     const_cast<PWSTR>(password.c_str()));
            rc != LDAP_SUCCESS)
            throw connection_lost(rc) ? unreachable(rc)
                                      : DirectoryError("the simple bind as '" + settings.bind_dn + "' failed: " + text_of(api, rc));
    }
    std::string base = !settings.base.empty() ? settings.base : url->dn;
    // A directory that shows its rootDSE only after the bind is read again.
    if (base.empty())
        base = base_of(api, root.found ? root : read_root_dse(api, ld.get(), settings.time_limit_seconds));
    return std::make_unique<Wldap32Source>(api, std::move(ld), std::move(base), settings.time_limit_seconds);
}

}  // namespace profshim::directory
