// The live directory through the system's wldap32.dll (Windows; nothing is shipped), loaded
// at run time (wldap32_api.hpp). The W functions throughout: values travel as UTF-8 on the
// wire and as UTF-16 here. Server certificates are verified by wldap32 against the Windows
// certificate store (so there is no CA file option). Negotiate binds as the calling account
// (a service's own identity).
#include <cstdlib>
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

std::string default_base(const Wldap32& api, LDAP* ld, int seconds) {
    const std::vector<std::wstring> names = {L"defaultNamingContext", L"namingContexts"};
    Search s = run_search(api, ld, "", LDAP_SCOPE_BASE, "(objectClass=*)", names, seconds, 1);
    if (s.rc != LDAP_SUCCESS) throw DirectoryError("cannot read the rootDSE for the base DN: " + text_of(api, s.rc));
    LDAPMessage* root = api.ldap_first_entry(ld, s.result.get());
    if (root == nullptr) throw DirectoryError("the rootDSE is not readable: give a base DN");
    const auto defaults = values(api, ld, root, names[0]);
    if (!defaults.empty()) return defaults.front();
    const auto contexts = values(api, ld, root, names[1]);
    if (contexts.size() == 1) return contexts.front();
    throw DirectoryError("the rootDSE names no defaultNamingContext: give a base DN");
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
    l_timeval limit{settings.time_limit_seconds, 0};
    if (const ULONG rc = api.ldap_connect(ld.get(), &limit); rc != LDAP_SUCCESS)
        throw DirectoryError("cannot connect to " + url->host_port + ": " + text_of(api, rc));
    if (settings.start_tls) {
        ULONG server_rc = 0;
        if (const ULONG rc = api.ldap_start_tls_sW(ld.get(), &server_rc, nullptr, nullptr, nullptr); rc != LDAP_SUCCESS)
            throw DirectoryError("StartTLS with " + url->host_port + " failed: " + text_of(api, rc));
    }
    if (settings.bind == Bind::negotiate) {
        // NULL credentials: the calling account's own.
        if (const ULONG rc = api.ldap_bind_sW(ld.get(), nullptr, nullptr, LDAP_AUTH_NEGOTIATE); rc != LDAP_SUCCESS)
            throw DirectoryError("the Negotiate bind as the calling account failed: " + text_of(api, rc));
    } else if (settings.bind == Bind::simple) {
        std::wstring dn = wide(settings.bind_dn), password = wide(settings.password);
        if (const ULONG rc = api.ldap_simple_bind_sW(ld.get(), const_cast<PWSTR>(dn.c_str()),
                                                     const_cast<PWSTR>(password.c_str()));
            rc != LDAP_SUCCESS)
            throw DirectoryError("the simple bind as '" + settings.bind_dn + "' failed: " + text_of(api, rc));
    }
    std::string base = !settings.base.empty() ? settings.base : url->dn;
    if (base.empty()) base = default_base(api, ld.get(), settings.time_limit_seconds);
    return std::make_unique<Wldap32Source>(api, std::move(ld), std::move(base), settings.time_limit_seconds);
}

}  // namespace profshim::directory
