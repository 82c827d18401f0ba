#include "describe.hpp"

#include "profshim.h"

namespace profshim {
namespace {

struct StatusText {
    int32_t status;
    std::string_view text;
};

// Each line: the code's name, then what happened and what to do about it.
constexpr StatusText kStatusTexts[] = {
    {PSH_OK, "PSH_OK: the call succeeded; use its result (from psh_check: the ProfileInfo is safe to give to CDO Session.Logon as it is)."},
    {PSH_E_POINTER, "PSH_E_POINTER: a required pointer is NULL; pass the string, and an output buffer whenever cap is above 0."},
    {PSH_E_INVALIDARG, "PSH_E_INVALIDARG: an invalid argument: cap is negative, or report->size is below sizeof(psh_report) of version 1 (36 bytes); set report->size = sizeof(psh_report)."},
    {PSH_E_UNEXPECTED, "PSH_E_UNEXPECTED: an internal failure was caught inside profshim; nothing was changed; please report the input that caused it."},
    {PSH_E_INSUFFICIENT_BUFFER, "PSH_E_INSUFFICIENT_BUFFER: the output buffer is too small; *out_len holds the length needed, so call again with cap = *out_len + 1."},
    {PSH_E_TOO_LONG, "PSH_E_TOO_LONG: the input is longer than PSH_MAX_INPUT (4096 units), or a NUL-terminated input has no NUL within 4097 units; pass the real length."},
    {PSH_E_UNKNOWN_FLAGS, "PSH_E_UNKNOWN_FLAGS: a flag bit this version of profshim does not define was set; pass 0 or the PSH_ flags of the header."},
    {PSH_E_BAD_CHAR, "PSH_E_BAD_CHAR: a control character or ill-formed UTF-8/UTF-16 at error_offset. psh_rewrite drops a line break's CR and tabs or spaces at a line's start or end (report: rewritable). Other: do not take it out; it may be part of the name; fix the source."},
    {PSH_E_NO_SEPARATOR, "PSH_E_NO_SEPARATOR: no LF between server and mailbox; build the ProfileInfo as server & vbLf & mailbox."},
    {PSH_E_SYNTAX, "PSH_E_SYNTAX: too many line feeds; use server & vbLf & mailbox, or serverDN & vbLf & vbLf & \"anon\" for anonymous access."},
    {PSH_E_EMPTY_SERVER, "PSH_E_EMPTY_SERVER: the server part before the LF is empty; give the Exchange server's name."},
    {PSH_E_BAD_SERVER, "PSH_E_BAD_SERVER: the server part is not a host name (letters, digits, '.', '-', '_'; labels of up to 63, 253 in all) nor a personalized server name GUID@host; give the Exchange server's name."},
    {PSH_E_EMPTY_MAILBOX, "PSH_E_EMPTY_MAILBOX: the mailbox part after the LF is empty; give the mailbox alias."},
    {PSH_E_BAD_MAILBOX, "PSH_E_BAD_MAILBOX: the mailbox alias starts or ends with a space or is over 64 UTF-16 units; give the alias exactly."},
    {PSH_E_BAD_DN, "PSH_E_BAD_DN: the distinguished name breaks the Exchange DN grammar (/o=ORG/ou=SITE/cn=.../cn=NAME; ASCII only); correct it, or give the mailbox alias instead."},
    {PSH_E_UNSAFE_CHAR, "PSH_E_UNSAFE_CHAR: the mailbox holds a character invalid in a Windows file name, so MAPI cannot create the profile file and the logon fails with MAPI_E_NOT_FOUND (KB Q271913); where psh_check's report says rewritable, pass psh_rewrite's result, else use psh_profile_name for a profile of your own."},
    {PSH_E_RESERVED_NAME, "PSH_E_RESERVED_NAME: the server or mailbox is a Windows device name (CON, NUL, COM1, ...), which cannot be a file name; use psh_profile_name for a profile of your own."},
};

constexpr bool has_text(int32_t status, std::string_view name) {
    for (const StatusText& entry : kStatusTexts) {
        if (entry.status == status) {
            return entry.text.substr(0, name.size()) == name && entry.text.substr(name.size(), 2) == ": ";
        }
    }
    return false;
}

// PSH_E_BAD_CHAR's text fits the VB6 test's buffer (tests/vb6: cap 255 units, the NUL in it).
constexpr bool bad_char_fits_255() {
    for (const StatusText& entry : kStatusTexts) {
        if (entry.status == PSH_E_BAD_CHAR) return entry.text.size() < 255;
    }
    return false;
}
static_assert(bad_char_fits_255(), "PSH_E_BAD_CHAR's text does not fit the 255 units tests/vb6 gives it");

// Every status of the header's one list has a text here, and it starts with the name.
#define PSH_HAS_TEXT(name) static_assert(has_text(name, #name), #name ": no text in kStatusTexts");
PSH_STATUS_LIST(PSH_HAS_TEXT)
#undef PSH_HAS_TEXT

}  // namespace

std::string_view describe_status(int32_t status, UnknownStatusText& scratch) {
    for (const StatusText& entry : kStatusTexts) {
        if (entry.status == status) return entry.text;
    }
    constexpr std::string_view kPrefix = "unknown status 0x";
    constexpr char kHexDigits[] = "0123456789ABCDEF";
    std::size_t size = 0;
    for (const char c : kPrefix) scratch[size++] = c;
    const auto bits = static_cast<uint32_t>(status);
    for (int shift = 28; shift >= 0; shift -= 4) scratch[size++] = kHexDigits[(bits >> shift) & 0xF];
    return std::string_view(scratch.data(), size);
}

}  // namespace profshim
