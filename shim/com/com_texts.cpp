// The COM object's texts (com_texts.hpp): one table of what each status means to a script,
// and the three sayings of PSH_E_UNSAFE_CHAR that depend on what the script did.

#include "com_texts.hpp"

#include <string_view>

#include "buffers.hpp"
#include "com_resolve.hpp"
#include "exchange_dn.hpp"
#include "normalise.hpp"
#include "profile_info.hpp"

namespace profshim::com {
namespace {

struct StatusWords {
    int32_t status;
    std::string_view name;
    std::string_view body;
};

constexpr StatusWords kWords[] = {
    {PSH_OK, "PSH_OK", "the ProfileInfo is safe to give to CDO's Session.Logon as it is."},
    {PSH_E_POINTER, "PSH_E_POINTER", "no string reached the library; give the ProfileInfo as a String."},
    {PSH_E_INVALIDARG, "PSH_E_INVALIDARG", "the object passed the library an invalid argument; this is a fault of profshim.dll: please report the call that caused it."},
    {PSH_E_UNEXPECTED, "PSH_E_UNEXPECTED", "an internal failure was caught inside profshim and nothing was changed; please report the input that caused it."},
    {PSH_E_INSUFFICIENT_BUFFER, "PSH_E_INSUFFICIENT_BUFFER", "a result did not fit the room the object gave it; this is a fault of profshim.dll: please report the input."},
    {PSH_E_TOO_LONG, "PSH_E_TOO_LONG", "the ProfileInfo is over 4096 characters (Len), far more than a server and a mailbox need; check that the right string is passed."},
    {PSH_E_UNKNOWN_FLAGS, "PSH_E_UNKNOWN_FLAGS", "Rewrite's flags hold a bit this version does not define; give 0, 1 (keep the DN), 2 (the exact-match form =alias) or 3."},
    {PSH_E_BAD_CHAR, "PSH_E_BAD_CHAR", "the ProfileInfo holds a character a ProfileInfo cannot carry at CheckReport(info).ErrorOffset. Where CheckReport(info).Rewritable is True, that is a line break's vbCr (of a vbCrLf, or a vbCr alone) or a tab at a line's start or end, which Rewrite and ProfileName remove (they trim tabs and spaces from both ends of every line), leaving the vbLf CDO needs. Any other character (a control character such as TAB or NUL inside a line, or a surrogate that is not half of a pair): do not take it out; it may be part of the name, and a name with a character taken out names another mailbox, or none. Fix the source: give the mailbox's alias as the directory holds it (its mailNickname)."},
    {PSH_E_NO_SEPARATOR, "PSH_E_NO_SEPARATOR", "no line feed between server and mailbox; build the ProfileInfo as server & vbLf & mailbox."},
    {PSH_E_SYNTAX, "PSH_E_SYNTAX", "too many line feeds; give server & vbLf & mailbox, or serverDN & vbLf & vbLf & \"anon\" for anonymous access."},
    {PSH_E_EMPTY_SERVER, "PSH_E_EMPTY_SERVER", "the server part, before the vbLf, is empty; give the Exchange server's name."},
    {PSH_E_BAD_SERVER, "PSH_E_BAD_SERVER", "the server part is not a host name (letters, digits, '.', '-', '_'; labels of up to 63 characters, 253 in all; ASCII only, so an internationalised host name in its xn-- form) nor a personalized server name GUID@host; give the Exchange server's name."},
    {PSH_E_EMPTY_MAILBOX, "PSH_E_EMPTY_MAILBOX", "the mailbox part, after the vbLf, is empty; give the mailbox's alias."},
    {PSH_E_BAD_MAILBOX, "PSH_E_BAD_MAILBOX", "the mailbox alias starts or ends with a space, or is over 64 UTF-16 units (Len; a character above U+FFFF counts two); give the alias exactly as the directory holds it (its mailNickname)."},
    {PSH_E_BAD_DN, "PSH_E_BAD_DN", "the mailbox's distinguished name breaks the Exchange DN grammar (/o=ORG/ou=SITE/cn=.../cn=NAME; a DN holds only ASCII characters) at CheckReport(info).ErrorOffset; copy the DN exactly from the directory (its legacyExchangeDN), or give the mailbox's alias."},
    {PSH_E_UNSAFE_CHAR, "PSH_E_UNSAFE_CHAR", "the mailbox holds a character Windows does not allow in a file name, so MAPI cannot create the profile file and the logon fails with MAPI_E_NOT_FOUND (KB Q271913). Where CheckReport(info).Rewritable is True, give CDO Rewrite(info); otherwise name a profile of your own with ProfileName(info)."},
    {PSH_E_RESERVED_NAME, "PSH_E_RESERVED_NAME", "the server or the mailbox is a Windows device name (CON, NUL, COM1, ...), which cannot be a file name; name a profile of your own with ProfileName(info)."},
};

// Resolve's own HRESULTs (com_resolve.hpp, the README's table), for Describe: Resolve's
// Err.Description says the case itself; these say what the number means.
constexpr StatusWords kResolveWords[] = {
    {kResolveNotFound, "Resolve: not found (&H80040301)", "no entry in the directory has the mailbox; check the alias or DN, and that directory names the right domain."},
    {kResolveAmbiguous, "Resolve: ambiguous (&H80040302)", "more than one entry in the directory has the mailbox, so none is chosen (that could log on to another mailbox); give the mailbox's legacyExchangeDN instead."},
    {kResolveIncomplete, "Resolve: incomplete (&H80040303)", "the mailbox's entry lacks an attribute the answer needs; try server \"keep\", or ask the directory's administrator."},
    {kResolveUnsafe, "Resolve: unsafe (&H80040304)", "the ProfileInfo built from the directory's entry would still fail CDO's logon, so none is given; name a profile of your own with ProfileName(info)."},
    {kResolveInvalid, "Resolve: invalid (&H80040305)", "info is not server & vbLf & mailbox, or is the anonymous form; CheckReport(info) says where."},
    {kResolveDirectory, "Resolve: directory (&H80040306)", "the directory could not be read or could not answer (not reached, no Negotiate bind, a bind or search failed, or directory is empty and this computer is in no domain); the Resolve's Err.Description says which."},
    {kResolveArgument, "Resolve: argument (&H80040307)", "directory, server or bind is not one Resolve takes; the Resolve's Err.Description says which."},
};

// Every status of the header's one list has words here.
constexpr bool has_words(int32_t status) {
    for (const StatusWords& entry : kWords) {
        if (entry.status == status) return true;
    }
    return false;
}
#define PSH_HAS_WORDS(name) static_assert(has_words(name), #name ": no words in kWords");
PSH_STATUS_LIST(PSH_HAS_WORDS)
#undef PSH_HAS_WORDS

// What a check adds to PSH_E_BAD_SERVER and PSH_E_BAD_MAILBOX: a space at a line's start or
// end is rewritable, and the report says so. Never said for a failed Rewrite or
// ProfileName, which have trimmed the spaces already.
constexpr std::string_view kTrimmed =
    " Where CheckReport(info).Rewritable is True, the fault is only spaces at the start or end of a line, which "
    "Rewrite trims: give CDO Rewrite(info).";

// PSH_E_BAD_CHAR from a failed Rewrite or ProfileName: they took out all they can (a line
// break's vbCr, tabs and spaces at a line's ends), so the character left is not theirs to
// take out, and neither is it the script's.
constexpr std::string_view kBadCharLeft =
    "the ProfileInfo holds a character a ProfileInfo cannot carry at CheckReport(info).ErrorOffset (a control "
    "character such as TAB or NUL inside a line, or a surrogate that is not half of a pair), and no rewrite takes "
    "it out; do not take it out by hand either: it may be part of the name, and a name with a character taken out "
    "names another mailbox, or none. Fix the source: give the mailbox's alias as the directory holds it (its "
    "mailNickname).";

// PSH_E_UNSAFE_CHAR, said for what the script did.
constexpr std::string_view kModernDn =
    "the mailbox is the DN of an Exchange 2007 or later mailbox (its ou is Exchange Administrative "
    "Group (FYDIBOHF23SPDLT)), whose last part is not the alias: a display name, or hex digits with "
    "it. So it is not rewritten, since that could log on to another mailbox or to none. Look the "
    "mailbox up in the directory (its mailNickname) and give server & vbLf & that alias, or name a "
    "profile of your own with ProfileName(info).";
constexpr std::string_view kKeptDn =
    "the DN mailbox was kept as it is (flags 1), and its '/' is not allowed in a file name, so the "
    "logon would fail with MAPI_E_NOT_FOUND (KB Q271913); leave flag 1 out to have the DN replaced "
    "by its alias, or name a profile of your own with ProfileName(info).";
constexpr std::string_view kNotRewritable =
    "the mailbox holds a character Windows does not allow in a file name (KB Q271913), and taking "
    "it out would name another mailbox; name a profile of your own with ProfileName(info), or give "
    "the mailbox's alias as the directory holds it (its mailNickname).";

// Whether a DN is one of Exchange 2007 or later (its /ou= RDN is the fixed administrative
// group, profshim.h section 6 step 3): the library answers PSH_E_UNSAFE_CHAR with
// rewritable 0 for such a DN as for one whose last RDN holds ':' or '?', so the object asks
// the engine's own DN parser, which looks at the DN's /ou= RDN (a scan for the text would
// also match it inside an alias, which is no DN). This DLL holds the engine, so the
// object asks it rather than keep a copy of the rule.
bool is_modern_dn(Text text, Range dn) {
    const DnParse parse = parse_exchange_dn(text, dn);
    return parse.fault.ok() && parse.fixed_administrative_group;
}

// `ask` of the UTF-8 text the engine reads for `units`; false for no text or one over
// PSH_MAX_INPUT.
template <class Ask>
bool ask_engine(const psh_wchar* units, int32_t length, Ask ask) noexcept {
    if (units == nullptr || length <= 0) return false;
    try {
        InputBytes bytes;
        Input input;
        return read_input(units, length, bytes, input) == PSH_OK && ask(input.text);
    } catch (...) {   // the engine throws nothing; a text is never worth a terminate
        return false;
    }
}

// `mailbox` (a mailbox part, as a report holds it) is such a DN.
bool is_modern_dn_mailbox(const psh_wchar* mailbox, int32_t length) noexcept {
    return ask_engine(mailbox, length, [](Text text) { return is_modern_dn(text, Range{0, text.size()}); });
}

// The mailbox of the ProfileInfo `info` is such a DN, as Rewrite reads it: normalised
// (CRLF, spaces at the ends of lines), then split at its line feeds.
bool is_modern_dn_info(const psh_wchar* info, int32_t length) noexcept {
    return ask_engine(info, length, [](Text raw) {
        InputBytes work;
        const Normalised normalised = normalise(raw, gsl::span<char>(work));
        if (!normalised.fault.ok()) return false;
        const Text text(work.data(), normalised.size);
        Layout layout;
        return parse_layout(text, normalised.line_feeds, layout).ok() && layout.form == PSH_FORM_DN &&
               is_modern_dn(text, layout.mailbox);
    });
}

// Pieces of ASCII or UTF-16 text joined into one new BSTR (NULL when out of memory).
class Joined {
public:
    Joined& operator<<(std::string_view piece) noexcept {
        for (const char c : piece) put(static_cast<wchar_t>(c));
        return *this;
    }
    Joined& operator<<(std::wstring_view piece) noexcept {
        for (const wchar_t c : piece) put(c);
        return *this;
    }
    BSTR bstr() const noexcept { return SysAllocStringLen(text_, size_); }

private:
    void put(wchar_t c) noexcept {
        if (size_ < kRoom) text_[size_++] = c;
    }
    static constexpr UINT kRoom = 1024; // the longest text is under 600 characters
    wchar_t text_[kRoom];
    UINT size_ = 0;
};

// "NAME: body" as a new BSTR.
BSTR said(std::string_view name, std::string_view body) noexcept {
    return (Joined() << name << ": " << body).bstr();
}

const StatusWords* words_of(int32_t status) noexcept {
    for (const StatusWords& entry : kWords) {
        if (entry.status == status) return &entry;
    }
    for (const StatusWords& entry : kResolveWords) {
        if (entry.status == status) return &entry;
    }
    return nullptr;
}

BSTR unknown(int32_t status) noexcept {
    constexpr char kHexDigits[] = "0123456789ABCDEF";
    char hex[8];
    const auto bits = static_cast<uint32_t>(status);
    for (int i = 0; i < 8; ++i) hex[i] = kHexDigits[(bits >> (28 - 4 * i)) & 0xF];
    return (Joined() << std::string_view("unknown status 0x") << std::string_view(hex, 8)).bstr();
}

} // namespace

BSTR status_text(int32_t status, const psh_wchar* mailbox, int32_t mailbox_length) noexcept {
    const StatusWords* words = words_of(status);
    if (words == nullptr) return unknown(status);
    if (status == PSH_E_UNSAFE_CHAR && is_modern_dn_mailbox(mailbox, mailbox_length)) return said(words->name, kModernDn);
    if (status == PSH_E_BAD_SERVER || status == PSH_E_BAD_MAILBOX) {
        return (Joined() << words->name << std::string_view(": ") << words->body << kTrimmed).bstr();
    }
    return said(words->name, words->body);
}

BSTR failed_call_text(int32_t status) noexcept {
    const StatusWords* words = words_of(status);
    if (words == nullptr) return unknown(status);
    return said(words->name, status == PSH_E_BAD_CHAR ? kBadCharLeft : words->body);
}

BSTR rewrite_text(int32_t status, const psh_wchar* info, int32_t length, bool kept_dn_alone) noexcept {
    if (status != PSH_E_UNSAFE_CHAR) return failed_call_text(status);
    const std::string_view name = words_of(status)->name;
    if (kept_dn_alone) return said(name, kKeptDn);
    return said(name, is_modern_dn_info(info, length) ? kModernDn : kNotRewritable);
}

BSTR argument_text(std::wstring_view member, std::wstring_view argument, VARTYPE type) noexcept {
    const std::string_view what = type == VT_NULL
        ? " is Null (a database field with no value, most often): test IsNull first, since a Null names no mailbox; "
        : " is Empty (a variable never assigned, or a misspelt name: Option Explicit finds those); ";
    const std::string_view want = argument == L"info" ? "give the ProfileInfo as a String."
                                : argument == L"flags" ? "give 0, 1, 2 or 3, or leave flags out."
                                                       : "give a status number such as &H80040209.";
    return (Joined() << std::wstring_view(kErrorSource) << std::string_view(".") << member << std::string_view(": ")
                     << argument << what << want).bstr();
}

} // namespace profshim::com
