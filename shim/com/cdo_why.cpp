// The log's "why" column: what the interceptor did with a ProfileInfo and why, in a sentence
// an administrator reads without the C API at hand (psh_describe's texts speak of
// functions and flags). Each begins with the mode. See cdo.hpp.

#include "cdo.hpp"

#include "com_resolve.hpp"

#include <array>
#include <cwchar>

namespace profshim::com::cdo {
namespace {

std::wstring hex(int32_t status) {
    std::array<wchar_t, 16> text{};
    std::swprintf(text.data(), text.size(), L"0x%08lX", static_cast<unsigned long>(static_cast<uint32_t>(status)));
    return text.data();
}

// What is wrong with a ProfileInfo, as psh_check_w found it (profshim.h section 5).
std::wstring problem(int32_t status, int32_t form) {
    switch (status) {
    case PSH_E_BAD_CHAR: return L"it holds a control character (a CR, TAB or NUL, say) or broken UTF-16";
    case PSH_E_NO_SEPARATOR: return L"it has no line break (vbLf) between the server and the mailbox";
    case PSH_E_SYNTAX: return L"it has more line breaks than server, line break, mailbox allows";
    case PSH_E_EMPTY_SERVER: return L"its server part is empty";
    case PSH_E_BAD_SERVER: return L"its server part is not a host name";
    case PSH_E_EMPTY_MAILBOX: return L"its mailbox part is empty";
    case PSH_E_BAD_MAILBOX: return L"its alias has a space at an end or is longer than 64 characters";
    case PSH_E_BAD_DN: return L"its mailbox starts with '/' but is not an Exchange DN";
    case PSH_E_UNSAFE_CHAR:
        return form == PSH_FORM_DN ? L"the mailbox is an Exchange DN, whose '/' CDO 1.21 cannot use in the "
                                     L"profile it makes (KB Q271913)"
                                   : L"it holds a character Windows does not allow in a file name, which CDO 1.21 "
                                     L"cannot use in the profile it makes (KB Q271913)";
    case PSH_E_RESERVED_NAME: return L"a part of it is a Windows device name (CON, NUL, COM1, ...)";
    case PSH_E_TOO_LONG: return L"it is longer than 4096 characters";
    default: break;
    }
    return L"profshim could not read it (status " + hex(status) + L")";
}

std::wstring prefix(Mode mode) { return std::wstring(mode_name(mode)) + L": "; }

} // namespace

std::wstring why_rewritten(Mode mode, int32_t found, int32_t form) {
    std::wstring what;
    if (found == PSH_OK) {
        what = L"the separators and spaces were tidied into the standard form; the server and mailbox are the same";
    } else if (found == PSH_E_UNSAFE_CHAR && form == PSH_FORM_DN) {
        what = mode == Mode::exact
                   ? L"the mailbox was an Exchange DN, which CDO 1.21 cannot log on with (KB Q271913); its last RDN, "
                     L"the alias, was given as =alias, which matches only that mailbox (KB Q193643)"
                   : L"the mailbox was an Exchange DN, which CDO 1.21 cannot log on with (KB Q271913); its last RDN, "
                     L"the alias, was given instead";
    } else {
        what = problem(found, form) + L", so CDO 1.21 would fail to log on; profshim's safe form of it was given";
    }
    if (mode == Mode::log_only) return prefix(mode) + L"not changed, as this mode says; rewrite would change it: " + what;
    return prefix(mode) + what;
}

std::wstring why_not_rewritten(Mode mode, int32_t rewrite_status, int32_t form) {
    std::wstring what;
    if (rewrite_status == PSH_E_UNSAFE_CHAR && form == PSH_FORM_DN) {
        what = L"the mailbox is an Exchange 2007 or later DN, whose last RDN is not the alias (profshim.h section "
               L"10.2), so profshim has no safe form of it without the directory (mode resolve asks it)";
    } else {
        what = problem(rewrite_status, form) + L", and profshim has no safe form of it";
    }
    return prefix(mode) + L"passed on as given: " + what;
}

std::wstring why_resolved(bool exact, const std::wstring& server) {
    std::wstring text = prefix(Mode::resolve) + L"the directory has one entry with this mailbox; its alias was given";
    if (exact) text += L" as =alias, which matches only that mailbox (KB Q193643)";
    if (server == L"home") text += L", with the mailbox's home server from the directory";
    else if (server == L"personalized") text += L", with the mailbox's personalized server name (Exchange 2013 and later)";
    else text += L", with the server as given";
    return text;
}

std::wstring why_not_resolved(HRESULT hr, const std::wstring& reason, size_t candidates) {
    std::wstring what;
    switch (hr) {
    case kResolveNotFound: what = L"no entry in the directory has this mailbox (" + reason + L")"; break;
    case kResolveAmbiguous:
        what = std::to_wstring(candidates) +
               L" entries in the directory have this mailbox, and choosing one could log on to another mailbox";
        break;
    case kResolveIncomplete: what = L"the mailbox's entry in the directory lacks what the answer needs (" + reason + L")"; break;
    case kResolveUnsafe: what = L"the answer built from the directory would still fail CDO's logon (" + reason + L")"; break;
    case kResolveInvalid: what = L"it is not server, line break, mailbox (" + reason + L")"; break;
    case kResolveDirectory: what = L"the directory could not answer (" + reason + L")"; break;
    case kResolveArgument:
        what = std::wstring(L"the resolve settings in HKLM\\") + kKey + L" cannot be used: " + reason;
        break;
    default: what = L"profshim failed asking the directory (" + hex(hr) + L")"; break;
    }
    return prefix(Mode::resolve) + L"passed on as given: " + what;
}

} // namespace profshim::com::cdo
