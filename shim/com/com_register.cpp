// DllRegisterServer / DllUnregisterServer: what `regsvr32 profshim.dll` and
// `regsvr32 /u profshim.dll` call.
//
// Registration writes, under a classes root:
//   CLSID\{00A130E7-...}                   (default) description
//     InprocServer32                       (default) this DLL's full path, ThreadingModel Both
//     ProgID                               ProfShim.ProfileInfo.1
//     VersionIndependentProgID             ProfShim.ProfileInfo
//   ProfShim.ProfileInfo                   (default) description; CLSID; CurVer
//   ProfShim.ProfileInfo.1                 (default) description; CLSID
// The root is the machine's, HKLM\Software\Classes (what HKCR shows to everyone), and
// where that is refused (not elevated), the current user's, HKCU\Software\Classes (HKCR
// shows it to that user only). A registration that fails half way removes what it wrote.
//
// Unregistration removes those keys from both roots, so nothing is left whichever one was
// used; a ProgID key is removed only if it names this CLSID (it may be someone else's),
// and only if the other bitness's DLL is not registered: on 64-bit Windows the CLSID keys
// of 32-bit and 64-bit code are apart (WoW64 registry views) but the ProgID keys are
// shared, and the x86 and x64 DLLs may be registered side by side.

#include "com_module.hpp"

#include <olectl.h>

#include <array>
#include <cwchar>

namespace profshim::com {
namespace {

// The machine's classes first, then the current user's.
constexpr size_t kRootCount = 2;
constexpr const wchar_t* kClassesPath = L"Software\\Classes";
HKEY root_key(size_t i) noexcept { return i == 0 ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER; }

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

// The key's default value or its named value, if it is a string that equals `expected`.
bool value_is(HKEY root, const wchar_t* key, const wchar_t* expected) noexcept {
    std::array<wchar_t, 64> buffer{};
    DWORD bytes = static_cast<DWORD>((buffer.size() - 1) * sizeof(wchar_t));
    DWORD type = 0;
    if (RegGetValueW(root, key, nullptr, RRF_RT_REG_SZ, &type, buffer.data(), &bytes) != ERROR_SUCCESS) {
        return false;
    }
    return _wcsicmp(buffer.data(), expected) == 0;
}

// `prefix` + `a` (+ `b`), into `out`.
void join(std::array<wchar_t, 128>& out, const wchar_t* a, const wchar_t* b = nullptr) noexcept {
    std::swprintf(out.data(), out.size(), b != nullptr ? L"%ls\\%ls" : L"%ls", a, b);
}

LSTATUS delete_tree(HKEY root, const wchar_t* key) noexcept {
    const LSTATUS rc = RegDeleteTreeW(root, key);
    return rc == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : rc;
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
    std::array<wchar_t, 128> key{};
    std::swprintf(key.data(), key.size(), L"%ls\\CLSID\\%ls\\InprocServer32", kClassesPath, kClsidString);
    HKEY k = nullptr;
    if (RegOpenKeyExW(root, key.data(), 0, KEY_READ | kOtherView, &k) != ERROR_SUCCESS) return false;
    RegCloseKey(k);
    return true;
}

// Removes this object's keys under one classes root (`root`\Software\Classes). ERROR_SUCCESS
// when none is left. A ProgID key goes only if it names this CLSID, unless `ours` says it
// was written just now (undoing a registration that failed half way, perhaps before its
// CLSID value), and never while the other bitness's DLL is registered (it shares them).
LSTATUS unregister_under(HKEY root, HKEY classes, bool ours = false) noexcept {
    LSTATUS result = ERROR_SUCCESS;
    std::array<wchar_t, 128> key{};
    join(key, L"CLSID", kClsidString);
    if (LSTATUS rc = delete_tree(classes, key.data()); rc != ERROR_SUCCESS) result = rc;
    if (other_view_registered(root)) return result;
    for (const wchar_t* progid : {kProgIdVersioned, kProgId}) {
        join(key, progid, L"CLSID");
        if (ours || value_is(classes, key.data(), kClsidString)) {
            if (LSTATUS rc = delete_tree(classes, progid); rc != ERROR_SUCCESS) result = rc;
        }
    }
    return result;
}

LSTATUS register_under(HKEY classes) noexcept {
    std::array<wchar_t, MAX_PATH + 1> path{};
    const DWORD n = GetModuleFileNameW(module_handle(), path.data(), MAX_PATH);
    if (n == 0 || n >= MAX_PATH) return ERROR_BAD_PATHNAME;

    std::array<wchar_t, 128> clsid_key{};
    std::array<wchar_t, 128> key{};
    join(clsid_key, L"CLSID", kClsidString);
    LSTATUS rc = set_string(classes, clsid_key.data(), nullptr, kDescription);
    if (rc != ERROR_SUCCESS) return rc;

    join(key, clsid_key.data(), L"InprocServer32");
    if ((rc = set_string(classes, key.data(), nullptr, path.data())) != ERROR_SUCCESS) return rc;
    if ((rc = set_string(classes, key.data(), L"ThreadingModel", L"Both")) != ERROR_SUCCESS) return rc;
    join(key, clsid_key.data(), L"ProgID");
    if ((rc = set_string(classes, key.data(), nullptr, kProgIdVersioned)) != ERROR_SUCCESS) return rc;
    join(key, clsid_key.data(), L"VersionIndependentProgID");
    if ((rc = set_string(classes, key.data(), nullptr, kProgId)) != ERROR_SUCCESS) return rc;

    for (const wchar_t* progid : {kProgIdVersioned, kProgId}) {
        if ((rc = set_string(classes, progid, nullptr, kDescription)) != ERROR_SUCCESS) return rc;
        join(key, progid, L"CLSID");
        if ((rc = set_string(classes, key.data(), nullptr, kClsidString)) != ERROR_SUCCESS) return rc;
    }
    join(key, kProgId, L"CurVer");
    return set_string(classes, key.data(), nullptr, kProgIdVersioned);
}

HKEY open_classes(size_t i, REGSAM access) noexcept {
    HKEY k = nullptr;
    const LSTATUS rc = RegCreateKeyExW(root_key(i), kClassesPath, 0, nullptr, REG_OPTION_NON_VOLATILE,
                                       access, nullptr, &k, nullptr);
    return rc == ERROR_SUCCESS ? k : nullptr;
}

} // namespace
} // namespace profshim::com

// ---- exports (exports.def: PRIVATE) ------------------------------------------------

STDAPI DllRegisterServer(void) {
    using namespace profshim::com;
    LSTATUS last = ERROR_ACCESS_DENIED;
    for (size_t i = 0; i < kRootCount; ++i) {
        HKEY classes = open_classes(i, KEY_READ | KEY_WRITE);
        if (classes == nullptr) continue; // refused: try the current user's
        last = register_under(classes);
        if (last != ERROR_SUCCESS) unregister_under(root_key(i), classes, true); // nothing half done
        RegCloseKey(classes);
        if (last == ERROR_SUCCESS) return S_OK;
        if (last != ERROR_ACCESS_DENIED) break;
    }
    return last == ERROR_ACCESS_DENIED ? SELFREG_E_CLASS : HRESULT_FROM_WIN32(last);
}

STDAPI DllUnregisterServer(void) {
    using namespace profshim::com;
    HRESULT result = S_OK;
    for (size_t i = 0; i < kRootCount; ++i) {
        HKEY classes = nullptr;
        const LSTATUS open = RegOpenKeyExW(root_key(i), kClassesPath, 0, KEY_READ | KEY_WRITE, &classes);
        if (open == ERROR_FILE_NOT_FOUND) continue;
        if (open != ERROR_SUCCESS) {
            // Not allowed to write there: fine if nothing of ours is there.
            if (RegOpenKeyExW(root_key(i), kClassesPath, 0, KEY_READ, &classes) != ERROR_SUCCESS) continue;
            std::array<wchar_t, 128> key{};
            join(key, L"CLSID", kClsidString);
            HKEY probe = nullptr;
            if (RegOpenKeyExW(classes, key.data(), 0, KEY_READ, &probe) == ERROR_SUCCESS) {
                RegCloseKey(probe);
                result = SELFREG_E_CLASS;
            }
            RegCloseKey(classes);
            continue;
        }
        if (unregister_under(root_key(i), classes) != ERROR_SUCCESS) result = SELFREG_E_CLASS;
        RegCloseKey(classes);
    }
    return result;
}
