// The CLI's words for each status (issue 21). psh_describe speaks C (psh_rewrite, the
// header's flags) and may advise the very call that failed; a CLI user has the commands
// check, rewrite, name (and resolve), so these texts name those, and a command's failure is
// never answered with that same command. The status codes are the library's, unchanged.
// The texts are the bindings' (bindings/python/src/profshim/_texts.py, shim/com/com_texts.cpp)
// in the CLI's terms.

#include <algorithm>

#include "cli.hpp"

namespace profshim_cli {

namespace {

// The /ou= RDN of every legacyExchangeDN that Exchange 2007 and later make (profshim.h
// section 6 step 3: "exactly that text, in any ASCII case"). The library answers such a DN
// PSH_E_UNSAFE_CHAR, not rewritable, as it does a DN whose last RDN holds ':' or '?'; the
// text tells the two apart. A DN's RDN holds no '/', so this can only be its /ou= RDN.
constexpr std::string_view kModernOu = "/ou=exchange administrative group (fydibohf23spdlt)/";

constexpr const char* kInternal = "an internal fault of profshim, not of your input; please report the command and its input.";

const char* words(int32_t status) {
    switch (status) {
    case PSH_OK: return "the ProfileInfo is safe to give to CDO's Session.Logon as it is.";
    case PSH_E_TOO_LONG:
        return "the ProfileInfo is over 4096 characters, far more than a server and a mailbox need; check that the right string is given.";
    case PSH_E_NO_SEPARATOR: return "no line feed between server and mailbox; write SERVER\\nMAILBOX.";
    case PSH_E_SYNTAX: return "too many line feeds; give SERVER\\nMAILBOX, or SERVERDN\\n\\nanon for anonymous access.";
    case PSH_E_EMPTY_SERVER: return "the server part, before the line feed, is empty; give the Exchange server's name.";
    case PSH_E_BAD_SERVER:
        return "the server part is not a host name (letters, digits, '.', '-', '_'; labels of up to 63 characters, 253 in all) "
               "nor a personalized server name GUID@host; give the Exchange server's name.";
    case PSH_E_EMPTY_MAILBOX:
        return "the mailbox part, after the line feed, is empty; give the alias exactly as the directory holds it (its mailNickname).";
    case PSH_E_BAD_MAILBOX:
        return "the mailbox alias starts or ends with a space, or is over 64 characters (UTF-16 units); give the alias exactly as "
               "the directory holds it (its mailNickname).";
    case PSH_E_BAD_DN:
        return "the mailbox's distinguished name breaks the Exchange DN grammar (/o=ORG/ou=SITE/cn=.../cn=NAME; a DN holds only "
               "ASCII characters); copy the DN "
               "exactly from the directory (its legacyExchangeDN), or give the mailbox's alias.";
    default: return kInternal;  // POINTER, INVALIDARG, INSUFFICIENT_BUFFER, UNKNOWN_FLAGS, UNEXPECTED
    }
}

// BAD_CHAR from check: what rewrite cleans comes first, since the report says rewritable
// for it; then every other character, which may be part of the name.
constexpr const char* kBadChar = "a character a ProfileInfo cannot carry. ";
constexpr const char* kCleaned =
    "Where this says rewritable, that is a line break's CR (of a CRLF, or a CR alone) or a tab at a line's start or end, "
    "which profshim rewrite and profshim name remove (they trim tabs and spaces from both ends of every line), leaving the "
    "line feed CDO needs. ";
constexpr const char* kNotCleaned =
    "Any other character (a control character such as TAB or NUL inside a line, or text that is not valid UTF-8: a file "
    "saved in an ANSI code page, so save it as UTF-8 or UTF-16): do not take it out; it may be part of the name, and a name "
    "with a letter taken out names another mailbox, or none. Fix the source: give the mailbox's alias as the directory "
    "holds it (its mailNickname; profshim resolve finds it).";
// BAD_SERVER and BAD_MAILBOX from check: a space at a line's start or end is rewritable, and
// check says so; never said by rewrite or name, which have trimmed the spaces already.
constexpr const char* kTrimmed =
    " Where this says rewritable, the fault is only spaces at the start or end of a line, which profshim rewrite trims.";
constexpr const char* kUnsafe =
    "the mailbox holds a character Windows does not allow in a file name, so MAPI cannot create the profile file and the logon "
    "fails with MAPI_E_NOT_FOUND (KB Q271913). ";
constexpr const char* kModernDn =
    "the mailbox is the DN of an Exchange 2007 or later mailbox (its ou is Exchange Administrative Group (FYDIBOHF23SPDLT)), "
    "whose last part is not the alias, so it is not rewritten: that could log on to another mailbox or none. Look the mailbox "
    "up in the directory with profshim resolve and give SERVER\\nALIAS";
constexpr const char* kKeptDn =
    "the DN mailbox was kept as it is (--keep-dn), and its '/' is not allowed in a file name (KB Q271913); leave --keep-dn "
    "out to have it replaced by its alias, or use profshim name.";
constexpr const char* kNotRewritable =
    "the mailbox holds a character Windows does not allow in a file name (KB Q271913), and taking it out would name another "
    "mailbox; use profshim name, or give the alias from the directory (mailNickname).";
constexpr const char* kReserved =
    "the server or the mailbox is a Windows device name (CON, NUL, COM1, COM¹, ...), which cannot be a file name";

std::string body(int32_t status, std::string_view info, std::string_view by, bool kept_dn_alone) {
    const bool named = by == "name";  // its failure is not answered with profshim name
    switch (status) {
    case PSH_E_BAD_CHAR: return std::string(kBadChar) + (by == "check" ? kCleaned : "") + kNotCleaned;
    case PSH_E_BAD_SERVER:
    case PSH_E_BAD_MAILBOX: return std::string(words(status)) + (by == "check" ? kTrimmed : "");
    case PSH_E_RESERVED_NAME:
        return std::string(kReserved) + (named ? "; give the alias exactly as the directory holds it (its mailNickname)."
                                               : "; name a profile of your own with profshim name.");
    case PSH_E_UNSAFE_CHAR:
        if (is_modern_dn(info)) return std::string(kModernDn) + (named ? "." : ", or name a profile of your own with profshim name.");
        if (by == "rewrite") return kept_dn_alone ? kKeptDn : kNotRewritable;
        return std::string(kUnsafe) + (named ? "Give the alias from the directory (mailNickname)."
                                             : "Where this says rewritable, give CDO what profshim rewrite prints; otherwise name "
                                               "a profile of your own with profshim name.");
    default: return words(status);
    }
}

}  // namespace

bool is_modern_dn(std::string_view info) {
    std::string lower(info);
    std::ranges::transform(lower, lower.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    return lower.find(kModernOu) != std::string::npos;
}

const char* status_symbol(int32_t status) {
#define PSH_CLI_NAME(n) \
    if (status == n) return #n;
    PSH_STATUS_LIST(PSH_CLI_NAME)
#undef PSH_CLI_NAME
    return nullptr;
}

std::string said(int32_t status, std::string_view info, std::string_view by, bool kept_dn_alone) {
    const char* symbol = status_symbol(status);
    return (symbol != nullptr ? std::string(symbol) : status_hex(status)) + ": " + body(status, info, by, kept_dn_alone);
}

}  // namespace profshim_cli
