// `regsvr32 /n /i:cdo[;settings] profshim.dll` and `regsvr32 /u /n /i:cdo profshim.dll`:
// profshim in front of CDO's MAPI.Session, and out again. See cdo.hpp. Every read and
// write goes through the Registry seam (cdo.hpp), so that a test can refuse them.
//
// Install, in this DLL's registry view of HKEY_LOCAL_MACHINE (CDO 1.21 is 32-bit only, so
// the x86 DLL and the 32-bit view are the ones that matter):
//   Software\Classes\CLSID\{CdoSession}            (default) description
//     InprocServer32                               (default) this DLL; ThreadingModel as CDO's
//   Software\Classes\CLSID\{CDO's CLSID}\TreatAs   (default) {CdoSession}
//   SOFTWARE\profshim\Cdo                          what TreatAs was before (kTreatAs*), CDO's
//                                                  CLSID, which keys install created; the
//                                                  settings given (cdo_settings.cpp)
// CDO's CLSID is the one ProgID MAPI.Session names (never a CLSID written here). Installing
// again only writes our class key again; the record of what was replaced stays the first
// one. Uninstall puts TreatAs back as it was (no key, a key without a value, or the other
// class it named), removes our class key and the record, and the keys install created, so
// the registry is as before install. Uninstall leaves a TreatAs that names another class by
// then (someone else's since) as it is.
//
// Failures: REGDB_E_CLASSNOTREG when MAPI.Session is not registered in this view (install;
// uninstall when nothing is installed either), E_ACCESSDENIED when this account may not
// write HKLM (an elevated prompt is needed), E_INVALIDARG for settings that are not valid
// (nothing written), with a message as the thread's IErrorInfo and on standard error. A
// failed install undoes what it wrote, the settings it replaced put back.

#include "cdo.hpp"

#include "com_dispatch.hpp"

#include <array>
#include <cwchar>
#include <string>

namespace profshim::com::cdo {
namespace {

// kCreatedKeysValue: which keys install made, so uninstall removes them and no others.
constexpr wchar_t kCreatedKeysValue[] = L"CreatedKeys"; // REG_DWORD: bit 0 ...\Cdo, bit 1 ...\profshim
constexpr DWORD kCreatedCdoKey = 1;
constexpr DWORD kCreatedRootKey = 2;
constexpr const wchar_t* kView = sizeof(void*) == 8 ? L"64-bit" : L"32-bit";

std::wstring class_key(const std::wstring& clsid) { return L"Software\\Classes\\CLSID\\" + clsid; }

DWORD read_dword(Registry& registry, const wchar_t* key, const wchar_t* name) {
    DWORD value = 0;
    return registry.read_dword(HKEY_LOCAL_MACHINE, key, name, value) == ERROR_SUCCESS ? value : 0;
}

struct Failure {
    HRESULT hr = S_OK;
    std::wstring message;
};

Failure registry_failure(LSTATUS rc, const std::wstring& what) {
    if (rc == ERROR_ACCESS_DENIED) {
        return {E_ACCESSDENIED, what + L": this account may not write HKEY_LOCAL_MACHINE; run it "
                                       L"from an elevated (administrator) prompt"};
    }
    return {HRESULT_FROM_WIN32(rc), what + L": the registry refused it"};
}

Failure no_cdo() {
    return {REGDB_E_CLASSNOTREG,
            std::wstring(L"MAPI.Session is not registered in the ") + kView +
                L" registry view (CDO 1.21 is not installed for this bitness); nothing was changed"};
}

// Our class, in front of CDO's: its ThreadingModel is CDO's, since the real session is
// created in the caller's apartment as CDO's own class would be.
LSTATUS write_our_class(Registry& registry, const Cdo& cdo) {
    std::array<wchar_t, MAX_PATH + 1> path{};
    const DWORD n = GetModuleFileNameW(module_handle(), path.data(), MAX_PATH);
    if (n == 0 || n >= MAX_PATH) return ERROR_BAD_PATHNAME;
    const std::wstring key = class_key(kClsidString);
    LSTATUS rc = registry.set_string(HKEY_LOCAL_MACHINE, key, nullptr, kDescription);
    if (rc == ERROR_SUCCESS) rc = registry.set_string(HKEY_LOCAL_MACHINE, key + L"\\InprocServer32", nullptr, path.data());
    std::wstring model;
    const std::wstring cdo_server_key = L"CLSID\\" + cdo.clsid_string + L"\\InprocServer32";
    if (rc == ERROR_SUCCESS &&
        registry.read_string(HKEY_CLASSES_ROOT, cdo_server_key, L"ThreadingModel", model) == ERROR_SUCCESS) {
        rc = registry.set_string(HKEY_LOCAL_MACHINE, key + L"\\InprocServer32", L"ThreadingModel", model);
    }
    return rc;
}

// Puts TreatAs back as the record says (if it still names us) and removes our class key, the
// record, the settings and the keys install created.
Failure remove(Registry& registry, const std::wstring& cdo_clsid) {
    const std::wstring treat_as = class_key(cdo_clsid) + L"\\TreatAs";
    std::wstring current;
    LSTATUS rc = ERROR_SUCCESS;
    if (registry.read_string(HKEY_LOCAL_MACHINE, treat_as, nullptr, current) == ERROR_SUCCESS &&
        _wcsicmp(current.c_str(), kClsidString) == 0) {
        std::wstring before;
        if (read_dword(registry, kKey, kTreatAsExistedValue) == 0) {
            rc = registry.delete_tree(HKEY_LOCAL_MACHINE, treat_as);
        } else if (registry.read_string(HKEY_LOCAL_MACHINE, kKey, kTreatAsBeforeValue, before) == ERROR_SUCCESS) {
            rc = registry.set_string(HKEY_LOCAL_MACHINE, treat_as, nullptr, before);
        } else {
            rc = registry.delete_value(HKEY_LOCAL_MACHINE, treat_as, nullptr);
        }
        if (rc != ERROR_SUCCESS) return registry_failure(rc, L"cannot restore " + treat_as);
    }
    if (rc = registry.delete_tree(HKEY_LOCAL_MACHINE, class_key(kClsidString)); rc != ERROR_SUCCESS) {
        return registry_failure(rc, L"cannot remove " + class_key(kClsidString));
    }
    const DWORD created = read_dword(registry, kKey, kCreatedKeysValue);
    if ((created & kCreatedCdoKey) != 0) {
        rc = registry.delete_tree(HKEY_LOCAL_MACHINE, kKey);
    } else {
        for (const wchar_t* name : {kCdoClsidValue, kTreatAsExistedValue, kTreatAsBeforeValue, kCreatedKeysValue}) {
            if (const LSTATUS value_rc = registry.delete_value(HKEY_LOCAL_MACHINE, kKey, name); value_rc != ERROR_SUCCESS) rc = value_rc;
        }
        for (const wchar_t* name : kSettingValues) {
            if (const LSTATUS value_rc = registry.delete_value(HKEY_LOCAL_MACHINE, kKey, name); value_rc != ERROR_SUCCESS) rc = value_rc;
        }
    }
    if (rc == ERROR_SUCCESS && (created & kCreatedRootKey) != 0 && registry.key_is_empty(HKEY_LOCAL_MACHINE, kProfshimKey)) {
        rc = registry.delete_tree(HKEY_LOCAL_MACHINE, kProfshimKey);
    }
    if (rc != ERROR_SUCCESS) return registry_failure(rc, std::wstring(L"cannot remove HKLM\\") + kKey);
    return {};
}

// Installed already: our class, the settings given and TreatAs written again; the record
// of what was replaced stays as it is. On failure the settings are put back as they were.
Failure add_again(Registry& registry, const Cdo& cdo, const Changes& changes) {
    const std::wstring treat_as = class_key(cdo.clsid_string) + L"\\TreatAs";
    const SettingsSnapshot settings = snapshot_settings(registry);
    LSTATUS rc = write_changes(registry, changes);
    if (rc != ERROR_SUCCESS) {
        restore_settings(registry, settings);
        return registry_failure(rc, std::wstring(L"cannot write HKLM\\") + kKey);
    }
    rc = write_our_class(registry, cdo);
    if (rc == ERROR_SUCCESS) rc = registry.set_string(HKEY_LOCAL_MACHINE, treat_as, nullptr, kClsidString);
    if (rc != ERROR_SUCCESS) {
        restore_settings(registry, settings);
        return registry_failure(rc, L"cannot write " + treat_as);
    }
    return {};
}

Failure add(Registry& registry, const Changes& changes) {
    Cdo cdo;
    if (FAILED(find_cdo(registry, cdo))) return no_cdo();
    const std::wstring treat_as = class_key(cdo.clsid_string) + L"\\TreatAs";
    std::wstring recorded;
    if (registry.read_string(HKEY_LOCAL_MACHINE, kKey, kCdoClsidValue, recorded) == ERROR_SUCCESS) {
        if (_wcsicmp(recorded.c_str(), cdo.clsid_string.c_str()) != 0) {
            return {E_UNEXPECTED, L"profshim is installed in front of another MAPI.Session class (" + recorded +
                                      L"): uninstall it first"};
        }
        return add_again(registry, cdo, changes);
    }

    // The record first, so that whatever follows can be undone by remove().
    const bool root_existed = registry.key_exists(HKEY_LOCAL_MACHINE, kProfshimKey);
    const bool key_existed = registry.key_exists(HKEY_LOCAL_MACHINE, kKey);
    const SettingsSnapshot settings = snapshot_settings(registry); // set by hand before install
    std::wstring before;
    const bool had_value = registry.read_string(HKEY_LOCAL_MACHINE, treat_as, nullptr, before) == ERROR_SUCCESS;
    // A TreatAs naming us without a record (left by hand) is taken as no TreatAs.
    const bool ours_unrecorded = had_value && _wcsicmp(before.c_str(), kClsidString) == 0;
    const bool existed = registry.key_exists(HKEY_LOCAL_MACHINE, treat_as) && !ours_unrecorded;
    const DWORD created = (key_existed ? 0 : kCreatedCdoKey) | (root_existed ? 0 : kCreatedRootKey);
    LSTATUS rc = registry.set_dword(HKEY_LOCAL_MACHINE, kKey, kCreatedKeysValue, created);
    if (rc != ERROR_SUCCESS) return registry_failure(rc, std::wstring(L"cannot write HKLM\\") + kKey); // nothing written
    std::wstring what = std::wstring(L"cannot write HKLM\\") + kKey;
    rc = registry.set_dword(HKEY_LOCAL_MACHINE, kKey, kTreatAsExistedValue, existed ? 1 : 0);
    if (rc == ERROR_SUCCESS && had_value && !ours_unrecorded) rc = registry.set_string(HKEY_LOCAL_MACHINE, kKey, kTreatAsBeforeValue, before);
    if (rc == ERROR_SUCCESS) rc = registry.set_string(HKEY_LOCAL_MACHINE, kKey, kCdoClsidValue, cdo.clsid_string);
    if (rc == ERROR_SUCCESS) rc = write_changes(registry, changes);
    if (rc == ERROR_SUCCESS) {
        what = L"cannot write " + class_key(kClsidString);
        rc = write_our_class(registry, cdo);
    }
    if (rc == ERROR_SUCCESS) {
        what = L"cannot write " + treat_as;
        rc = registry.set_string(HKEY_LOCAL_MACHINE, treat_as, nullptr, kClsidString);
    }
    if (rc != ERROR_SUCCESS) {
        // Nothing half done: what was written goes, the settings there before come back.
        remove(registry, cdo.clsid_string);
        if (key_existed) restore_settings(registry, settings);
        return registry_failure(rc, what);
    }
    return {};
}

Failure take_away(Registry& registry) {
    std::wstring recorded;
    if (registry.read_string(HKEY_LOCAL_MACHINE, kKey, kCdoClsidValue, recorded) != ERROR_SUCCESS) {
        Cdo cdo;
        if (FAILED(find_cdo(registry, cdo))) return no_cdo();
        return {}; // not installed: nothing to do
    }
    return remove(registry, recorded);
}

// The message for whoever ran regsvr32 or a front-end: the thread's IErrorInfo, and
// standard error when the process has one.
void report(const Failure& failure, bool install_it) {
    std::array<wchar_t, 32> code{};
    std::swprintf(code.data(), code.size(), L" (0x%08lX)", static_cast<unsigned long>(failure.hr));
    const std::wstring text = std::wstring(L"profshim: cdo ") + (install_it ? L"install" : L"uninstall") +
                              L" failed: " + failure.message + code.data();
    set_error_info(GUID_NULL, L"profshim.dll", text.c_str());
    write_utf8(GetStdHandle(STD_ERROR_HANDLE), text + L"\r\n");
}

} // namespace

HRESULT install(Registry& registry, bool install_it, std::wstring_view settings, std::wstring& message) {
    Changes changes;
    if (!parse_changes(settings, changes, message)) return E_INVALIDARG;
    if (!install_it && !settings.empty()) {
        message = L"uninstall takes no settings (it removes them all)";
        return E_INVALIDARG;
    }
    const Failure failure = install_it ? add(registry, changes) : take_away(registry);
    message = failure.message;
    return failure.hr;
}

HRESULT install(bool install_it, std::wstring_view settings) noexcept {
    try {
        std::wstring message;
        const HRESULT hr = install(system_registry(), install_it, settings, message);
        if (FAILED(hr)) report({hr, message}, install_it);
        return hr;
    } catch (...) {
        return E_OUTOFMEMORY; // std::wstring could not grow
    }
}

} // namespace profshim::com::cdo
