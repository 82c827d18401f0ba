// profshim in front of CDO's MAPI.Session, for programs that cannot be changed (KB Q271913
// without a recompile). COM's TreatAs (learn.microsoft.com, "CoTreatAsClass") makes
// CoCreateInstance of CDO's CLSID create our CdoSession class (profshim.idl) instead; it
// loads CDO's own in-process server, wraps the real session, and corrects Logon's
// ProfileInfo before CDO sees it. Everything else passes through untouched.
//
//   cdo_registry.cpp     profshim's own key (HKLM\SOFTWARE\profshim\Cdo, in the DLL's
//                        registry view): the settings, what install replaced; where CDO is
//                        (its CLSID from ProgID MAPI.Session, its DLL); the Registry seam
//   cdo_settings.cpp     install's settings ("cdo;mode=resolve;directory=..."): checked,
//                        written, put back
//   cdo_interceptor.cpp  the CdoSession object: forwards IDispatch, corrects Logon's
//                        ProfileInfo
//   cdo_why.cpp          what the log says of each correction, in an administrator's words
//   cdo_log.cpp          the administrator's log of what was corrected
//   cdo_install.cpp      `regsvr32 [/u] /n /i:cdo[;settings] profshim.dll`: TreatAs set
//                        and restored, through the Registry seam
#pragma once

#include "com_module.hpp"

#include "profshim.h"

#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace profshim::com::cdo {

inline const CLSID& kClsid = __uuidof(CdoSession);
inline constexpr wchar_t kClsidString[] = L"{58DF790E-186D-4719-8709-8AF8D9AB61BA}";
inline constexpr wchar_t kDescription[] =
    L"profshim in front of CDO's MAPI.Session: corrects Logon's ProfileInfo (KB Q271913)";
inline constexpr wchar_t kCdoProgId[] = L"MAPI.Session";

// Under HKEY_LOCAL_MACHINE, in this DLL's registry view (a 32-bit DLL's is WOW6432Node's).
inline constexpr wchar_t kProfshimKey[] = L"SOFTWARE\\profshim";
inline constexpr wchar_t kKey[] = L"SOFTWARE\\profshim\\Cdo";
// The settings, REG_SZ each, written by install (cdo_settings.cpp) or by hand, read at every
// Logon, removed by uninstall.
inline constexpr wchar_t kModeValue[] = L"Mode";      // rewrite (default) | exact | resolve | log-only
inline constexpr wchar_t kLogValue[] = L"LogFile";    // a file path; no value, no log
inline constexpr wchar_t kDirectoryValue[] = L"Directory"; // resolve: ldap://host:port/baseDN
inline constexpr wchar_t kServerValue[] = L"Server";  // resolve: keep (default) | home | personalized
inline constexpr wchar_t kExactValue[] = L"Exact";    // resolve: yes | no (default)
inline constexpr wchar_t kBindValue[] = L"Bind";      // resolve: negotiate (default) | anonymous
inline constexpr const wchar_t* kSettingValues[] = {kModeValue,   kLogValue,    kDirectoryValue,
                                                    kServerValue, kExactValue, kBindValue};
// Written by install, read by uninstall: what TreatAs was before.
inline constexpr wchar_t kCdoClsidValue[] = L"CdoClsid";             // REG_SZ
inline constexpr wchar_t kTreatAsExistedValue[] = L"TreatAsExisted"; // REG_DWORD 0/1
inline constexpr wchar_t kTreatAsBeforeValue[] = L"TreatAsBefore";   // REG_SZ, if it had one

// The registry as install, uninstall and the interceptor read and write it: an interface,
// so that a test can give install one that refuses what a real machine may refuse
// (tests/cdo/install_test.cpp). Keys are paths under root; a name nullptr is the key's
// default value.
class Registry {
public:
    virtual ~Registry() = default;
    // ERROR_FILE_NOT_FOUND when the key or value is not there; a REG_EXPAND_SZ expanded.
    virtual LSTATUS read_string(HKEY root, const std::wstring& key, const wchar_t* name, std::wstring& out) = 0;
    virtual LSTATUS read_dword(HKEY root, const std::wstring& key, const wchar_t* name, DWORD& out) = 0;
    // Each creates the key, and those above it, when it is not there.
    virtual LSTATUS set_string(HKEY root, const std::wstring& key, const wchar_t* name, const std::wstring& value) = 0;
    virtual LSTATUS set_dword(HKEY root, const std::wstring& key, const wchar_t* name, DWORD value) = 0;
    // ERROR_SUCCESS when the value (or its key) was not there either.
    virtual LSTATUS delete_value(HKEY root, const std::wstring& key, const wchar_t* name) = 0;
    // The key and everything under it; ERROR_SUCCESS when it was not there.
    virtual LSTATUS delete_tree(HKEY root, const std::wstring& key) = 0;
    virtual bool key_exists(HKEY root, const std::wstring& key) = 0;
    // A key there with no subkeys and no values.
    virtual bool key_is_empty(HKEY root, const std::wstring& key) = 0;
};
// The machine's registry, in this DLL's view.
Registry& system_registry() noexcept;

enum class Mode { rewrite, exact, resolve, log_only };

// What the registry says at this Logon. An unknown Mode is rewrite; the resolve values are
// as written (empty when not there: server keep, bind negotiate).
struct Settings {
    Mode mode = Mode::rewrite;
    std::wstring log;        // the log file's path, empty for none
    std::wstring directory;  // resolve
    std::wstring server;     // resolve
    bool exact = false;      // resolve
    std::wstring bind;       // resolve
};
Settings read_settings(Registry& registry);
const wchar_t* mode_name(Mode mode) noexcept;
std::optional<Mode> mode_of(std::wstring_view name) noexcept;

// CDO as registered: the CLSID that ProgID MAPI.Session names and that class's
// InprocServer32 (the DLL path). REGDB_E_CLASSNOTREG when MAPI.Session or its server is not
// registered in this view, or when it names our own class or DLL (which would loop).
struct Cdo {
    CLSID clsid{};
    std::wstring clsid_string;
    std::wstring server;
};
HRESULT find_cdo(Registry& registry, Cdo& out);

// Appends one line to the log file at path (empty: nothing): time, process, before, after
// and why, separated by tabs, with \ TAB CR LF in before and after escaped (\\ \t \r \n)
// so a line stays one line. A log that cannot be written changes nothing for the caller.
void log_line(const std::wstring& path, const psh_wchar* before, int32_t before_count, const psh_wchar* after,
              int32_t after_count, const std::wstring& why);
// Writes text as UTF-8 to a file or console handle in one write; nothing for an invalid one.
void write_utf8(HANDLE handle, const std::wstring& text);

// A new CdoSession object wrapping a new real session, queried for riid.
HRESULT create_interceptor(REFIID riid, void** out) noexcept;

// Why the interceptor changed a ProfileInfo, or passed it on as given, in a sentence of an
// administrator's words (cdo_why.cpp), beginning with the mode. `rewrite_status` is
// psh_rewrite_w's (or with PSH_REWRITE_EXACT), `found` and `form` psh_check_w's status and
// PSH_FORM_* for the ProfileInfo as given.
std::wstring why_rewritten(Mode mode, int32_t found, int32_t form);
std::wstring why_not_rewritten(Mode mode, int32_t rewrite_status, int32_t form);
// resolve mode: hr is resolve_answer's (com_resolve.hpp), reason its words.
std::wstring why_resolved(bool exact, const std::wstring& server);
std::wstring why_not_resolved(HRESULT hr, const std::wstring& reason, size_t candidates);

// Install's settings, after "cdo" on DllInstall's command line: ";name=value" each, names
// mode, log, directory, server, exact, bind (cdo_settings.cpp). A setting not given is
// left as it is, but mode: a mode other than resolve removes the resolve settings.
struct Changes {
    std::optional<Mode> mode;
    std::optional<std::wstring> log, directory, server, exact, bind;
};
// false, with the message, when the text is not such settings or they do not go together.
bool parse_changes(std::wstring_view text, Changes& out, std::wstring& message);
// The settings values as they are, to put back (restore) if install fails after writing.
struct SettingsSnapshot {
    std::optional<std::wstring> values[std::size(kSettingValues)];
};
SettingsSnapshot snapshot_settings(Registry& registry);
LSTATUS restore_settings(Registry& registry, const SettingsSnapshot& snapshot);
LSTATUS write_changes(Registry& registry, const Changes& changes);

// regsvr32 /n /i:cdo[;settings] (install) and /u /n /i:cdo (uninstall). On failure the
// HRESULT says why (REGDB_E_CLASSNOTREG: no CDO; E_ACCESSDENIED: no right to write HKLM;
// E_INVALIDARG: settings that are not valid) and the message is set as the thread's
// IErrorInfo and written to standard error if there is one.
HRESULT install(bool install_it, std::wstring_view settings) noexcept;
// The same against any registry, the message returned rather than reported: what a
// failed install wrote is undone, so the registry is as before it. May throw
// std::bad_alloc (the one above may not).
HRESULT install(Registry& registry, bool install_it, std::wstring_view settings, std::wstring& message);

} // namespace profshim::com::cdo
