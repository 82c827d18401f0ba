// Registration: what `regsvr32 profshim.dll`, `regsvr32 /u profshim.dll` and
// `regsvr32 /n /i:user profshim.dll` call.
//
//   DllRegisterServer              the machine's classes, HKLM\Software\Classes (what HKCR
//                                  shows every account, an IIS application pool's too);
//                                  needs an elevated prompt, and without one fails with
//                                  E_ACCESSDENIED (0x80070005): no silent fallback to
//                                  the current user, whom a service would not see
//   DllUnregisterServer            removes the machine's keys
//   DllInstall(TRUE/FALSE, "user") the current user's classes, HKCU\Software\Classes
//                                  (regsvr32 [/u] /n /i:user): no elevation needed, seen by
//                                  that user's programs only; "machine" or nothing is the
//                                  machine's, as DllRegisterServer
//
// Under a classes root, registration writes:
//   CLSID\{00A130E7-...}                   (default) description
//     InprocServer32                       (default) this DLL's full path, ThreadingModel Both
//     ProgID                               ProfShim.ProfileInfo.1
//     VersionIndependentProgID             ProfShim.ProfileInfo
//     TypeLib                              {3713F1FA-...}
//     Version                              1.0
//   ProfShim.ProfileInfo                   (default) description; CLSID; CurVer
//   ProfShim.ProfileInfo.1                 (default) description; CLSID
//   TypeLib\{3713F1FA-...}\1.0             (default) the library's help string
//     0\win64 (win32 for the x86 DLL)      (default) this DLL's path (TYPELIB resource 1)
//     FLAGS                                0
//     HELPDIR                              this DLL's folder
//   Interface\{IID}, for IProfileInfo, IProfileInfo2 and IProfileInfoReport
//                                          (default) the name; ProxyStubClsid32 the
//                                          Automation marshaler; TypeLib {3713F1FA-...}, 1.0
// These are the keys RegisterTypeLib would write for the type library, written here under
// the chosen root (RegisterTypeLib always writes the machine's). A registration that fails
// half way removes what it wrote.
//
// Unregistration removes those keys from its root. A ProgID or Interface key goes only if
// it names this CLSID or type library (it may be someone else's); the TypeLib key keeps
// the other bitness's DLL (0\win32 beside 0\win64) if that one is registered too. On 64-bit
// Windows the CLSID keys of 32-bit and 64-bit code are apart (WoW64 registry views) but the
// ProgID keys are shared, so they stay while the other bitness's DLL is registered: the
// x86 and x64 DLLs may be registered side by side.

#include "cdo.hpp"
#include "com_module.hpp"

#include "guarded.hpp"

#include <olectl.h>

#include <array>
#include <cwchar>

namespace profshim::com {
namespace {

constexpr const wchar_t* kClassesPath = L"Software\\Classes";
// The Automation marshaler (PSOAInterface): cross-apartment calls use the type library.
constexpr const wchar_t* kAutomationMarshaler = L"{00020424-0000-0000-C000-000000000046}";
constexpr const wchar_t* kPlatform = sizeof(void*) == 8 ? L"win64" : L"win32";
constexpr const wchar_t* kTypeLibHelp = L"profshim: check and rewrite CDO ProfileInfo strings (KB Q271913)";

struct InterfaceEntry {
    const wchar_t* iid;
    const wchar_t* name;
};
constexpr std::array<InterfaceEntry, 3> kInterfaces{{
    {L"{FC860B51-8363-4DC5-A1EE-542BD731AFC3}", L"IProfileInfo"},
    {L"{0750A5CB-4786-48A7-B2F7-9923569746FC}", L"IProfileInfo2"},
    {L"{5E69BFB4-B5D2-4731-814D-A43547F0CFDB}", L"IProfileInfoReport"},
}};

using Path = std::array<wchar_t, MAX_PATH + 1>;
using KeyName = std::array<wchar_t, 160>;

LSTATUS set_string(HKEY root, const wchar_t* key, const wchar_t* name, const wchar_t* value) noexcept {
    HKEY k = nullptr;
    LSTATUS rc = RegCreateKeyExW(root, key, 0, nullptr, REG_OPTION_NON_VOLATILE, KEY_SET_VALUE,
                                 nullptr, &k, nullptr);
    if (rc != ERROR_SUCCESS) return rc;
    const auto bytes = static_cast<DWORD>((std::wcslen(value) + 1) * sizeof(wchar_t));
    rc = RegSetValueExW(k, name, 0, REG_SZ, reinterpret_cast<const BYTE*>(value), bytes);
    RegCloseKey(k);
    return rc;
}

// The key's default value, if it is a string that equals `expected`.
bool value_is(HKEY root, const wchar_t* key, const wchar_t* expected) noexcept {
    std::array<wchar_t, 64> buffer{};
    DWORD bytes = static_cast<DWORD>((buffer.size() - 1) * sizeof(wchar_t));
    DWORD type = 0;
    if (RegGetValueW(root, key, nullptr, RRF_RT_REG_SZ, &type, buffer.data(), &bytes) != ERROR_SUCCESS) {
        return false;
    }
    return _wcsicmp(buffer.data(), expected) == 0;
}

// a\b\c\d, as many parts as given.
void join(KeyName& out, const wchar_t* a, const wchar_t* b = nullptr, const wchar_t* c = nullptr,
          const wchar_t* d = nullptr) noexcept {
    std::swprintf(out.data(), out.size(), L"%ls%ls%ls%ls%ls%ls%ls", a, b ? L"\\" : L"", b ? b : L"",
                  c ? L"\\" : L"", c ? c : L"", d ? L"\\" : L"", d ? d : L"");
}

LSTATUS delete_tree(HKEY root, const wchar_t* key) noexcept {
    const LSTATUS rc = RegDeleteTreeW(root, key);
    return rc == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : rc;
}

// Whether `key` exists and has subkeys.
bool has_subkeys(HKEY root, const wchar_t* key) noexcept {
    HKEY k = nullptr;
    if (RegOpenKeyExW(root, key, 0, KEY_READ, &k) != ERROR_SUCCESS) return false;
    DWORD subkeys = 0;
    const LSTATUS rc = RegQueryInfoKeyW(k, nullptr, nullptr, nullptr, &subkeys, nullptr, nullptr,
                                        nullptr, nullptr, nullptr, nullptr, nullptr);
    RegCloseKey(k);
    return rc == ERROR_SUCCESS && subkeys > 0;
}

// Whether the other registry view of `root` (the 64-bit one from this 32-bit DLL, the
// 32-bit one from the 64-bit DLL) still registers this CLSID. On 32-bit Windows the flag
// is ignored and the one view is seen, whose CLSID key the caller has just removed.
bool other_view_registered(HKEY root) noexcept {
#ifdef _WIN64
    constexpr REGSAM kOtherView = KEY_WOW64_32KEY;
#else
    constexpr REGSAM kOtherView = KEY_WOW64_64KEY;
#endif
    KeyName key{};
    join(key, kClassesPath, L"CLSID", kClsidString, L"InprocServer32");
    HKEY k = nullptr;
    if (RegOpenKeyExW(root, key.data(), 0, KEY_READ | kOtherView, &k) != ERROR_SUCCESS) return false;
    RegCloseKey(k);
    return true;
}

// Removes this object's keys under one classes root (`root`\Software\Classes). ERROR_SUCCESS
// when none is left. A ProgID or Interface key goes only if it names this CLSID or type
// library, unless `ours` says it was written just now (undoing a registration that failed
// half way, perhaps before its CLSID value); a ProgID key never while the other bitness's
// DLL is registered (the two share it).
LSTATUS unregister_under(HKEY root, HKEY classes, bool ours = false) noexcept {
    LSTATUS result = ERROR_SUCCESS;
    const auto remove = [&](const wchar_t* key) {
        if (LSTATUS rc = delete_tree(classes, key); rc != ERROR_SUCCESS) result = rc;
    };
    KeyName key{};
    join(key, L"CLSID", kClsidString);
    remove(key.data());
    const bool shared_progid_in_use = other_view_registered(root);
    for (const wchar_t* progid : {kProgIdVersioned, kProgId}) {
        join(key, progid, L"CLSID");
        if (!shared_progid_in_use && (ours || value_is(classes, key.data(), kClsidString))) remove(progid);
    }
    for (const InterfaceEntry& entry : kInterfaces) {
        join(key, L"Interface", entry.iid, L"TypeLib");
        KeyName interface_key{};
        join(interface_key, L"Interface", entry.iid);
        if (ours || value_is(classes, key.data(), kLibidString)) remove(interface_key.data());
    }
    // This bitness's DLL; the whole type library once no DLL of it is left.
    join(key, L"TypeLib", kLibidString, kTypeLibVersion, L"0");
    KeyName platform_key{};
    join(platform_key, key.data(), kPlatform);
    remove(platform_key.data());
    if (!has_subkeys(classes, key.data())) {
        join(key, L"TypeLib", kLibidString);
        remove(key.data());
    }
    return result;
}

LSTATUS register_under(HKEY classes) noexcept {
    Path path{};
    const DWORD n = GetModuleFileNameW(module_handle(), path.data(), MAX_PATH);
    if (n == 0 || n >= MAX_PATH) return ERROR_BAD_PATHNAME;
    Path folder = path;
    if (wchar_t* slash = std::wcsrchr(folder.data(), L'\\'); slash != nullptr) *slash = L'\0';

    KeyName clsid_key{};
    KeyName key{};
    join(clsid_key, L"CLSID", kClsidString);
    LSTATUS rc = set_string(classes, clsid_key.data(), nullptr, kDescription);
    const auto set = [&](const wchar_t* value_name, const wchar_t* value) {
        if (rc == ERROR_SUCCESS) rc = set_string(classes, key.data(), value_name, value);
    };
    join(key, clsid_key.data(), L"InprocServer32");
    set(nullptr, path.data());
    set(L"ThreadingModel", L"Both");
    join(key, clsid_key.data(), L"ProgID");
    set(nullptr, kProgIdVersioned);
    join(key, clsid_key.data(), L"VersionIndependentProgID");
    set(nullptr, kProgId);
    join(key, clsid_key.data(), L"TypeLib");
    set(nullptr, kLibidString);
    join(key, clsid_key.data(), L"Version");
    set(nullptr, kTypeLibVersion);

    for (const wchar_t* progid : {kProgIdVersioned, kProgId}) {
        join(key, progid);
        set(nullptr, kDescription);
        join(key, progid, L"CLSID");
        set(nullptr, kClsidString);
    }
    join(key, kProgId, L"CurVer");
    set(nullptr, kProgIdVersioned);

    join(key, L"TypeLib", kLibidString, kTypeLibVersion);
    set(nullptr, kTypeLibHelp);
    join(key, L"TypeLib", kLibidString, kTypeLibVersion, L"FLAGS");
    set(nullptr, L"0");
    join(key, L"TypeLib", kLibidString, kTypeLibVersion, L"HELPDIR");
    set(nullptr, folder.data());
    join(key, L"TypeLib", kLibidString, kTypeLibVersion, L"0");
    KeyName platform_key{};
    join(platform_key, key.data(), kPlatform);
    key = platform_key;
    set(nullptr, path.data());

    for (const InterfaceEntry& entry : kInterfaces) {
        join(key, L"Interface", entry.iid);
        set(nullptr, entry.name);
        join(key, L"Interface", entry.iid, L"ProxyStubClsid32");
        set(nullptr, kAutomationMarshaler);
        join(key, L"Interface", entry.iid, L"TypeLib");
        set(nullptr, kLibidString);
        set(L"Version", kTypeLibVersion);
    }
    return rc;
}

// Registers under root\Software\Classes, or says why not: E_ACCESSDENIED when this
// account may not write there.
HRESULT register_classes(HKEY root) noexcept {
    HKEY classes = nullptr;
    LSTATUS rc = RegCreateKeyExW(root, kClassesPath, 0, nullptr, REG_OPTION_NON_VOLATILE,
                                 KEY_READ | KEY_WRITE, nullptr, &classes, nullptr);
    if (rc != ERROR_SUCCESS) return HRESULT_FROM_WIN32(rc);
    rc = register_under(classes);
    if (rc != ERROR_SUCCESS) unregister_under(root, classes, true); // nothing half done
    RegCloseKey(classes);
    return rc == ERROR_SUCCESS ? S_OK : HRESULT_FROM_WIN32(rc);
}

HRESULT unregister_classes(HKEY root) noexcept {
    HKEY classes = nullptr;
    LSTATUS rc = RegOpenKeyExW(root, kClassesPath, 0, KEY_READ | KEY_WRITE, &classes);
    if (rc == ERROR_FILE_NOT_FOUND) return S_OK; // nothing there to remove
    if (rc != ERROR_SUCCESS) {
        // Not allowed to write there: fine if nothing of ours is there.
        KeyName key{};
        join(key, kClassesPath, L"CLSID", kClsidString);
        HKEY probe = nullptr;
        if (RegOpenKeyExW(root, key.data(), 0, KEY_READ, &probe) != ERROR_SUCCESS) return S_OK;
        RegCloseKey(probe);
        return HRESULT_FROM_WIN32(rc);
    }
    rc = unregister_under(root, classes);
    RegCloseKey(classes);
    return rc == ERROR_SUCCESS ? S_OK : HRESULT_FROM_WIN32(rc);
}

// DllInstall's command line: "user" is the current user's classes, "machine" or nothing
// the machine's, "cdo" (or "cdo;mode=...;...", its settings) profshim in front of CDO's
// MAPI.Session (cdo.hpp); anything else
// is refused (E_INVALIDARG), registering nothing.
HRESULT install(BOOL install_it, LPCWSTR command_line) noexcept {
    HKEY root = nullptr;
    if (command_line == nullptr || command_line[0] == L'\0' || _wcsicmp(command_line, L"machine") == 0) {
        root = HKEY_LOCAL_MACHINE;
    } else if (_wcsicmp(command_line, L"user") == 0) {
        root = HKEY_CURRENT_USER;
    } else if (_wcsnicmp(command_line, L"cdo", 3) == 0 && (command_line[3] == L'\0' || command_line[3] == L';')) {
        // cdo_install.cpp: TreatAs on CDO's class; ";name=value" settings after it (cdo.hpp)
        return cdo::install(install_it != FALSE, command_line + 3);
    } else {
        return E_INVALIDARG;
    }
    return install_it ? register_classes(root) : unregister_classes(root);
}

} // namespace
} // namespace profshim::com

// ---- exports (exports.def: PRIVATE) ------------------------------------------------
// Each is `return guarded(...);`, as the C exports are (tools/check_boundary.py).

using profshim::guarded;

STDAPI DllRegisterServer(void) {
    return guarded([] { return profshim::com::register_classes(HKEY_LOCAL_MACHINE); });
}

STDAPI DllUnregisterServer(void) {
    return guarded([] { return profshim::com::unregister_classes(HKEY_LOCAL_MACHINE); });
}

STDAPI DllInstall(BOOL install, LPCWSTR command_line) {
    return guarded([&] { return profshim::com::install(install, command_line); });
}
