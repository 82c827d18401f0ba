// profshim in front of CDO's MAPI.Session, for programs that cannot be changed (KB Q271913
// without a recompile). COM's TreatAs (learn.microsoft.com, "CoTreatAsClass") makes
// CoCreateInstance of CDO's CLSID create our CdoSession class (profshim.idl) instead; it
// loads CDO's own in-process server, wraps the real session, and corrects Logon's
// ProfileInfo before CDO sees it. Everything else passes through untouched.
//
//   cdo_registry.cpp     profshim's own key (HKLM\SOFTWARE\profshim\Cdo, in the DLL's
//                        registry view): the mode, the log file, what install replaced;
//                        where CDO is (its CLSID from ProgID MAPI.Session, its DLL)
//   cdo_interceptor.cpp  the CdoSession object: forwards IDispatch, corrects Logon's
//                        ProfileInfo
//   cdo_log.cpp          the administrator's log of what was corrected
//   cdo_install.cpp      `regsvr32 [/u] /n /i:cdo profshim.dll`: TreatAs set and restored
#pragma once

#include "com_module.hpp"

#include "profshim.h"

#include <string>

namespace profshim::com::cdo {

inline const CLSID& kClsid = __uuidof(CdoSession);
inline constexpr wchar_t kClsidString[] = L"{58DF790E-186D-4719-8709-8AF8D9AB61BA}";
inline constexpr wchar_t kDescription[] =
    L"profshim in front of CDO's MAPI.Session: corrects Logon's ProfileInfo (KB Q271913)";
inline constexpr wchar_t kCdoProgId[] = L"MAPI.Session";

// Under HKEY_LOCAL_MACHINE, in this DLL's registry view (a 32-bit DLL's is WOW6432Node's).
inline constexpr wchar_t kProfshimKey[] = L"SOFTWARE\\profshim";
inline constexpr wchar_t kKey[] = L"SOFTWARE\\profshim\\Cdo";
// Set by the administrator (or a front-end): REG_SZ.
inline constexpr wchar_t kModeValue[] = L"Mode";    // rewrite (default) | exact | log-only
inline constexpr wchar_t kLogValue[] = L"LogFile";  // a file path; no value, no log
// Written by install, read by uninstall: what TreatAs was before.
inline constexpr wchar_t kCdoClsidValue[] = L"CdoClsid";             // REG_SZ
inline constexpr wchar_t kTreatAsExistedValue[] = L"TreatAsExisted"; // REG_DWORD 0/1
inline constexpr wchar_t kTreatAsBeforeValue[] = L"TreatAsBefore";   // REG_SZ, if it had one

enum class Mode { rewrite, exact, log_only };

// The mode set for this machine: rewrite when none is set or the value is not one of the
// three names.
Mode read_mode() noexcept;
const wchar_t* mode_name(Mode mode) noexcept;
// The log file's path, empty when none is set.
std::wstring read_log_path();

// A registry string value (REG_SZ or REG_EXPAND_SZ, expanded): ERROR_FILE_NOT_FOUND when
// the key or value is not there.
LSTATUS read_string(HKEY root, const wchar_t* key, const wchar_t* name, std::wstring& out);

// CDO as registered: the CLSID that ProgID MAPI.Session names and that class's
// InprocServer32 (the DLL path). REGDB_E_CLASSNOTREG when MAPI.Session or its server is not
// registered in this view, or when it names our own class or DLL (which would loop).
struct Cdo {
    CLSID clsid{};
    std::wstring clsid_string;
    std::wstring server;
};
HRESULT find_cdo(Cdo& out);

// Appends one line to the log file the administrator chose (none set: nothing): time,
// process, before, after and why, separated by tabs, with \ TAB CR LF in before and after
// escaped (\\ \t \r \n) so a line stays one line. A log that cannot be written changes
// nothing for the caller.
void log_line(const psh_wchar* before, int32_t before_count, const psh_wchar* after, int32_t after_count,
              const std::wstring& why);
// Writes text as UTF-8 to a file or console handle in one write; nothing for an invalid one.
void write_utf8(HANDLE handle, const std::wstring& text);

// A new CdoSession object wrapping a new real session, queried for riid.
HRESULT create_interceptor(REFIID riid, void** out) noexcept;

// regsvr32 /n /i:cdo (install) and /u /n /i:cdo (uninstall). On failure the HRESULT says
// why (REGDB_E_CLASSNOTREG: no CDO; E_ACCESSDENIED: no right to write HKLM) and the
// message is set as the thread's IErrorInfo and written to standard error if there is one.
HRESULT install(bool install_it) noexcept;

} // namespace profshim::com::cdo
