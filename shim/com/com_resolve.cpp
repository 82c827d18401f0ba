// ProfileInfo.Resolve (com_resolve.hpp): the script's arguments into the directory reader's
// settings, its Answer into a String or a raised HRESULT whose text says, in a script's
// words, what happened and what to do next. resolve_answer is the question and answer
// without the script's words, which the CDO interceptor's resolve mode asks too.

#include "com_resolve.hpp"

#include "com_dispatch.hpp"
#include "guarded.hpp"
#include "ldap_source.hpp"
#include "lookup.hpp"
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

// An empty directory is this computer's own domain: its DNS name, whose address records
// are the domain controllers'; the base is then the rootDSE's defaultNamingContext.
std::string own_domain() {
    wchar_t name[256];
    DWORD n = 256;
    if (!GetComputerNameExW(ComputerNameDnsDomain, name, &n) || n == 0) return {};
    return "ldap://" + utf8_of(name, static_cast<int>(n));
}

ResolveAnswer refused(HRESULT hr, std::wstring reason) {
    ResolveAnswer a;
    a.hr = hr;
    a.reason = std::move(reason);
    return a;
}

// The answer's failure as the script reads it.
HRESULT answer_error(const ResolveAnswer& a) {
    const std::wstring& reason = a.reason;
    switch (a.hr) {
    case kResolveNotFound:
        return fail(a.hr, L"Resolve: no entry in the directory has this mailbox (" + reason +
                          L"); check the alias or DN, and that directory names the right domain.");
    case kResolveAmbiguous: {
        std::wstring text = L"Resolve: more than one entry in the directory has this mailbox, so none is chosen "
                            L"(that could log on to another mailbox); give the mailbox's legacyExchangeDN instead. "
                            L"The entries:";
        for (const std::wstring& dn : a.candidates) text += L" " + dn + L";";
        return fail(a.hr, text);
    }
    case kResolveIncomplete:
        return fail(a.hr, L"Resolve: the mailbox's entry lacks what the answer needs (" + reason +
                          L"); try server \"keep\", or ask the directory's administrator.");
    case kResolveUnsafe:
        return fail(a.hr, L"Resolve: the ProfileInfo built from the directory would still fail CDO's logon (" +
                          reason + L"), so none is given; name a profile of your own with ProfileName(info).");
    case kResolveInvalid:
        return fail(a.hr, L"Resolve: info is not server & vbLf & mailbox (" + reason + L"); CheckReport(info) says where.");
    case kResolveArgument:
        return fail(a.hr, L"Resolve: " + reason);
    default:
        break;
    }
    return fail(kResolveDirectory, (a.unreachable ? L"Resolve: the directory could not be read: "
                                                  : L"Resolve: the directory could not answer: ") + reason);
}

HRESULT resolve_unguarded(BSTR info, BSTR directory, BSTR server, VARIANT_BOOL exact, BSTR bind, BSTR* out) {
    const auto wide = [](BSTR b) { return std::wstring(b != nullptr ? b : L"", SysStringLen(b)); };
    const ResolveAnswer a = resolve_answer(wide(info), wide(directory), wide(server), exact != VARIANT_FALSE, wide(bind));
    if (FAILED(a.hr)) return answer_error(a);
    return give_string(out, SysAllocStringLen(a.output.data(), static_cast<UINT>(a.output.size())));
}

} // namespace

bool is_directory_url(const std::wstring& directory) {
    return dir::parse_ldap_url(utf8_of(directory.data(), static_cast<int>(directory.size()))).has_value();
}

ResolveAnswer resolve_answer(const std::wstring& info, const std::wstring& directory, const std::wstring& server,
                             bool exact, const std::wstring& bind) {
    dir::Options options;
    const std::string server_name = utf8_of(server.data(), static_cast<int>(server.size()));
    const auto choice = dir::server_choice_of(server_name.empty() ? "keep" : server_name);
    if (!choice) return refused(kResolveArgument, L"server is \"" + server + L"\"; give \"keep\", \"home\" or \"personalized\".");
    options.server = *choice;
    options.exact = exact;

    dir::LdapSettings settings;
    if (bind.empty() || bind == L"negotiate") settings.bind = dir::Bind::negotiate;
    else if (bind == L"anonymous") settings.bind = dir::Bind::anonymous;
    else return refused(kResolveArgument, L"bind is \"" + bind + L"\"; give \"negotiate\" (as the calling account) or \"anonymous\".");
    // info is read before the directory: one that cannot be looked up is invalid whatever
    // the directory, and no connection is made for it (a newcomer got "the directory could
    // not be read" for a string without a line feed).
    const std::string info_utf8 = utf8_of(info.data(), static_cast<int>(info.size()));
    std::string why;
    if (!dir::parse_request(info_utf8, why)) return refused(kResolveInvalid, wide_of(why));

    settings.uri = utf8_of(directory.data(), static_cast<int>(directory.size()));
    if (settings.uri.empty()) {
        settings.uri = own_domain();
        // An empty directory is a valid argument; that there is no domain is the directory's
        // failure, as a domain controller that does not answer would be.
        if (settings.uri.empty())
            return refused(kResolveDirectory, L"no domain could be found: directory is empty, which means this "
                                              L"computer's own domain, and this computer is in none; give directory as "
                                              L"ldap://host:port/baseDN.");
    } else if (!dir::parse_ldap_url(settings.uri)) {
        return refused(kResolveArgument, L"directory \"" + directory + L"\" is not an LDAP URL; give it as ldap://host:port/baseDN (or ldaps://).");
    }

    std::unique_ptr<dir::Source> source;
    try {
        source = dir::open_ldap(settings);
    } catch (const dir::DirectoryError& e) {
        ResolveAnswer a = refused(kResolveDirectory, wide_of(e.what()));
        a.unreachable = true;
        return a;
    }
    const dir::Answer answer = dir::resolve(*source, info_utf8, options);
    ResolveAnswer a;
    a.reason = wide_of(answer.reason);
    switch (answer.result) {
    case dir::Result::resolved:
        if (answer.output) {
            a.output = wide_of(*answer.output);
            return a;
        }
        a.hr = kResolveDirectory;
        return a;
    case dir::Result::not_found: a.hr = kResolveNotFound; break;
    case dir::Result::ambiguous:
        a.hr = kResolveAmbiguous;
        for (const std::string& dn : answer.candidates) a.candidates.push_back(wide_of(dn));
        break;
    case dir::Result::incomplete: a.hr = kResolveIncomplete; break;
    case dir::Result::unsafe: a.hr = kResolveUnsafe; break;
    case dir::Result::invalid: a.hr = kResolveInvalid; break;
    case dir::Result::error: a.hr = kResolveDirectory; break;
    }
    return a;
}

HRESULT resolve(BSTR info, BSTR directory, BSTR server, VARIANT_BOOL exact, BSTR bind, BSTR* out) noexcept {
    clear_error_info();
    if (out == nullptr) return E_POINTER;
    *out = nullptr;
    return guarded([&] { return resolve_unguarded(info, directory, server, exact, bind, out); });
}

} // namespace profshim::com
