// profshim's own registry key for the interceptor, where CDO is registered, and the machine's
// registry behind the Registry seam. See cdo.hpp.

#include "cdo.hpp"

#include <array>
#include <cwchar>

namespace profshim::com::cdo {
namespace {

// Win32's registry, in this DLL's view (a 32-bit DLL's is WOW6432Node's, as CDO's is).
class SystemRegistry final : public Registry {
public:
    LSTATUS read_string(HKEY root, const std::wstring& key, const wchar_t* name, std::wstring& out) override {
        // RRF_RT_REG_SZ takes a REG_EXPAND_SZ too, expanded (RRF_RT_REG_EXPAND_SZ would need
        // RRF_NOEXPAND).
        out.clear();
        DWORD bytes = 0;
        LSTATUS rc = RegGetValueW(root, key.c_str(), name, RRF_RT_REG_SZ, nullptr, nullptr, &bytes);
        if (rc != ERROR_SUCCESS) return rc;
        std::wstring text(bytes / sizeof(wchar_t) + 1, L'\0');
        bytes = static_cast<DWORD>(text.size() * sizeof(wchar_t));
        rc = RegGetValueW(root, key.c_str(), name, RRF_RT_REG_SZ, nullptr, text.data(), &bytes);
        if (rc != ERROR_SUCCESS) return rc;
        text.resize(std::wcslen(text.c_str()));
        out = std::move(text);
        return ERROR_SUCCESS;
    }
    LSTATUS read_dword(HKEY root, const std::wstring& key, const wchar_t* name, DWORD& out) override {
        DWORD bytes = sizeof out;
        return RegGetValueW(root, key.c_str(), name, RRF_RT_REG_DWORD, nullptr, &out, &bytes);
    }
    LSTATUS set_string(HKEY root, const std::wstring& key, const wchar_t* name, const std::wstring& value) override {
        const auto bytes = static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t));
        return RegSetKeyValueW(root, key.c_str(), name, REG_SZ, value.c_str(), bytes);
    }
    LSTATUS set_dword(HKEY root, const std::wstring& key, const wchar_t* name, DWORD value) override {
        return RegSetKeyValueW(root, key.c_str(), name, REG_DWORD, &value, sizeof value);
    }
    LSTATUS delete_value(HKEY root, const std::wstring& key, const wchar_t* name) override {
        const LSTATUS rc = RegDeleteKeyValueW(root, key.c_str(), name);
        return rc == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : rc;
    }
    LSTATUS delete_tree(HKEY root, const std::wstring& key) override {
        const LSTATUS rc = RegDeleteTreeW(root, key.c_str());
        if (rc != ERROR_SUCCESS && rc != ERROR_FILE_NOT_FOUND) return rc;
        const LSTATUS gone = RegDeleteKeyW(root, key.c_str()); // RegDeleteTree empties, this removes
        return gone == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : gone;
    }
    bool key_exists(HKEY root, const std::wstring& key) override {
        HKEY k = nullptr;
        if (RegOpenKeyExW(root, key.c_str(), 0, KEY_READ, &k) != ERROR_SUCCESS) return false;
        RegCloseKey(k);
        return true;
    }
    bool key_is_empty(HKEY root, const std::wstring& key) override {
        HKEY k = nullptr;
        if (RegOpenKeyExW(root, key.c_str(), 0, KEY_READ, &k) != ERROR_SUCCESS) return false;
        DWORD subkeys = 0;
        DWORD values = 0;
        const LSTATUS rc = RegQueryInfoKeyW(k, nullptr, nullptr, nullptr, &subkeys, nullptr, nullptr, &values,
                                            nullptr, nullptr, nullptr, nullptr);
        RegCloseKey(k);
        return rc == ERROR_SUCCESS && subkeys == 0 && values == 0;
    }
};

} // namespace

Registry& system_registry() noexcept {
    static SystemRegistry registry;
    return registry;
}

std::optional<Mode> mode_of(std::wstring_view name) noexcept {
    for (Mode mode : {Mode::rewrite, Mode::exact, Mode::resolve, Mode::log_only}) {
        const wchar_t* text = mode_name(mode);
        if (name.size() == std::wcslen(text) && _wcsnicmp(name.data(), text, name.size()) == 0) return mode;
    }
    return std::nullopt;
}

const wchar_t* mode_name(Mode mode) noexcept {
    switch (mode) {
    case Mode::exact: return L"exact";
    case Mode::resolve: return L"resolve";
    case Mode::log_only: return L"log-only";
    case Mode::rewrite: break;
    }
    return L"rewrite";
}

Settings read_settings(Registry& registry) {
    Settings s;
    std::wstring text;
    if (registry.read_string(HKEY_LOCAL_MACHINE, kKey, kModeValue, text) == ERROR_SUCCESS) {
        s.mode = mode_of(text).value_or(Mode::rewrite);
    }
    registry.read_string(HKEY_LOCAL_MACHINE, kKey, kLogValue, s.log);
    if (s.mode != Mode::resolve) return s;
    registry.read_string(HKEY_LOCAL_MACHINE, kKey, kDirectoryValue, s.directory);
    registry.read_string(HKEY_LOCAL_MACHINE, kKey, kServerValue, s.server);
    registry.read_string(HKEY_LOCAL_MACHINE, kKey, kBindValue, s.bind);
    s.exact = registry.read_string(HKEY_LOCAL_MACHINE, kKey, kExactValue, text) == ERROR_SUCCESS &&
              _wcsicmp(text.c_str(), L"yes") == 0;
    return s;
}

HRESULT find_cdo(Registry& registry, Cdo& out) {
    // HKEY_CLASSES_ROOT: the machine's classes and the user's, as COM itself reads them.
    // The ProgID's CLSID read as it is (CLSIDFromProgID would do the same, but needs COM
    // initialised, which regsvr32 does not do before DllInstall).
    const std::wstring progid_key = std::wstring(kCdoProgId) + L"\\CLSID";
    std::wstring named;
    if (registry.read_string(HKEY_CLASSES_ROOT, progid_key, nullptr, named) != ERROR_SUCCESS ||
        FAILED(CLSIDFromString(named.c_str(), &out.clsid)) || IsEqualCLSID(out.clsid, kClsid)) {
        return REGDB_E_CLASSNOTREG;
    }
    std::array<wchar_t, 40> text{};
    if (StringFromGUID2(out.clsid, text.data(), static_cast<int>(text.size())) == 0) return E_UNEXPECTED;
    out.clsid_string = text.data();
    const std::wstring key = L"CLSID\\" + out.clsid_string + L"\\InprocServer32";
    if (registry.read_string(HKEY_CLASSES_ROOT, key, nullptr, out.server) != ERROR_SUCCESS || out.server.empty()) {
        return REGDB_E_CLASSNOTREG;
    }
    std::array<wchar_t, MAX_PATH + 1> self{};
    const DWORD n = GetModuleFileNameW(module_handle(), self.data(), MAX_PATH);
    if (n > 0 && n < MAX_PATH && _wcsicmp(self.data(), out.server.c_str()) == 0) return REGDB_E_CLASSNOTREG;
    return S_OK;
}

} // namespace profshim::com::cdo
