// ProfileInfo.Resolve (com_resolve.hpp): the script's arguments into the directory reader's
// settings, its Answer into a String or a raised HRESULT whose text says, in a script's
// words, what happened and what to do next.

#include "com_resolve.hpp"

#include "com_dispatch.hpp"
#include "guarded.hpp"
#include "ldap_source.hpp"
#include "resolver.hpp"

#include <memory>
#include <string>

namespace profshim::com {
namespace {

namespace dir = profshim::directory;

// The directory reader speaks UTF-8; a script, UTF-16.
std::string utf8_of(const wchar_t* text, int units) {
    if (units <= 0) return {};
    const int n = WideCharToMultiByte(CP_UTF8, 0, text, units, nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<size_t>(n), '\0');
    WideCharToMultiByte(CP_UTF8, 0, text, units, out.data(), n, nullptr, nullptr);
    return out;
}
std::string utf8_of(BSTR text) { return utf8_of(text, static_cast<int>(SysStringLen(text))); }

std::wstring wide_of(const std::string& utf8) {
    if (utf8.empty()) return {};
    const int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring out(static_cast<size_t>(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), n);
    return out;
}

HRESULT fail(HRESULT hr, const std::wstring& text) {
    return raise(hr, __uuidof(IProfileInfo2), SysAllocStringLen(text.data(), static_cast<UINT>(text.size())));
}

HRESULT argument_error(const std::wstring& text) {
    return fail(kResolveArgument, L"Resolve: " + text);
}

// An empty directory is this computer's own domain: its DNS name, whose address records
// are the domain controllers'; the base is then the rootDSE's defaultNamingContext.
std::string own_domain() {
    wchar_t name[256];
    DWORD n = 256;
    if (!GetComputerNameExW(ComputerNameDnsDomain, name, &n) || n == 0) return {};
    return "ldap://" + utf8_of(name, static_cast<int>(n));
}

// The answer's failure as the script reads it.
HRESULT answer_error(const dir::Answer& a) {
    const std::wstring reason = wide_of(a.reason);
    switch (a.result) {
    case dir::Result::not_found:
        return fail(kResolveNotFound, L"Resolve: no entry in the directory has this mailbox (" + reason +
                                      L"); check the alias or DN, and that directory names the right domain.");
    case dir::Result::ambiguous: {
        std::wstring text = L"Resolve: more than one entry in the directory has this mailbox, so none is chosen "
                            L"(that could log on to another mailbox); give the mailbox's legacyExchangeDN instead. "
                            L"The entries:";
        for (const std::string& dn : a.candidates) text += L" " + wide_of(dn) + L";";
        return fail(kResolveAmbiguous, text);
    }
    case dir::Result::incomplete:
        return fail(kResolveIncomplete, L"Resolve: the mailbox's entry lacks what the answer needs (" + reason +
                                        L"); try server \"keep\", or ask the directory's administrator.");
    case dir::Result::unsafe:
        return fail(kResolveUnsafe, L"Resolve: the ProfileInfo built from the directory would still fail CDO's logon (" +
                                    reason + L"), so none is given; name a profile of your own with ProfileName(info).");
    case dir::Result::invalid:
        return fail(kResolveInvalid, L"Resolve: info is not server & vbLf & mailbox (" + reason +
                                     L"); CheckReport(info) says where.");
    case dir::Result::error:
    case dir::Result::resolved:
        break;
    }
    return fail(kResolveDirectory, L"Resolve: the directory could not answer: " + reason);
}

HRESULT resolve_unguarded(BSTR info, BSTR directory, BSTR server, VARIANT_BOOL exact, BSTR bind, BSTR* out) {
    dir::Options options;
    const std::string server_name = utf8_of(server);
    const auto choice = dir::server_choice_of(server_name.empty() ? "keep" : server_name);
    if (!choice) return argument_error(L"server is \"" + wide_of(server_name) + L"\"; give \"keep\", \"home\" or \"personalized\".");
    options.server = *choice;
    options.exact = exact != VARIANT_FALSE;

    dir::LdapSettings settings;
    const std::string bind_name = utf8_of(bind);
    if (bind_name.empty() || bind_name == "negotiate") settings.bind = dir::Bind::negotiate;
    else if (bind_name == "anonymous") settings.bind = dir::Bind::anonymous;
    else return argument_error(L"bind is \"" + wide_of(bind_name) + L"\"; give \"negotiate\" (as the calling account) or \"anonymous\".");
    settings.uri = utf8_of(directory);
    if (settings.uri.empty()) {
        settings.uri = own_domain();
        // An empty directory is a valid argument; that there is no domain is the directory's
        // failure, as a domain controller that does not answer would be.
        if (settings.uri.empty())
            return fail(kResolveDirectory, L"Resolve: no domain could be found: directory is empty, which means this "
                                           L"computer's own domain, and this computer is in none; give directory as "
                                           L"ldap://host:port/baseDN.");
    } else if (!dir::parse_ldap_url(settings.uri)) {
        return argument_error(L"directory \"" + wide_of(settings.uri) + L"\" is not an LDAP URL; give it as ldap://host:port/baseDN (or ldaps://).");
    }

    std::unique_ptr<dir::Source> source;
    try {
        source = dir::open_ldap(settings);
    } catch (const dir::DirectoryError& e) {
        return fail(kResolveDirectory, L"Resolve: the directory could not be read: " + wide_of(e.what()));
    }
    const dir::Answer a = dir::resolve(*source, utf8_of(info), options);
    if (a.result != dir::Result::resolved || !a.output) return answer_error(a);
    const std::wstring text = wide_of(*a.output);
    return give_string(out, SysAllocStringLen(text.data(), static_cast<UINT>(text.size())));
}

} // namespace

HRESULT resolve(BSTR info, BSTR directory, BSTR server, VARIANT_BOOL exact, BSTR bind, BSTR* out) noexcept {
    clear_error_info();
    if (out == nullptr) return E_POINTER;
    *out = nullptr;
    return guarded([&] { return resolve_unguarded(info, directory, server, exact, bind, out); });
}

} // namespace profshim::com
