// profshim's own registry key for the interceptor and where CDO is registered. See cdo.hpp.

#include "cdo.hpp"

#include <array>
#include <cwchar>

namespace profshim::com::cdo {

LSTATUS read_string(HKEY root, const wchar_t* key, const wchar_t* name, std::wstring& out) {
    // RRF_RT_REG_SZ takes a REG_EXPAND_SZ too, expanded (RRF_RT_REG_EXPAND_SZ would need
    // RRF_NOEXPAND).
    out.clear();
    DWORD bytes = 0;
    LSTATUS rc = RegGetValueW(root, key, name, RRF_RT_REG_SZ, nullptr, nullptr, &bytes);
    if (rc != ERROR_SUCCESS) return rc;
    std::wstring text(bytes / sizeof(wchar_t) + 1, L'\0');
    bytes = static_cast<DWORD>(text.size() * sizeof(wchar_t));
    rc = RegGetValueW(root, key, name, RRF_RT_REG_SZ, nullptr, text.data(), &bytes);
    if (rc != ERROR_SUCCESS) return rc;
    text.resize(std::wcslen(text.c_str()));
    out = std::move(text);
    return ERROR_SUCCESS;
}

Mode read_mode() noexcept {
    try {
        std::wstring mode;
        if (read_string(HKEY_LOCAL_MACHINE, kKey, kModeValue, mode) != ERROR_SUCCESS) return Mode::rewrite;
        if (_wcsicmp(mode.c_str(), L"exact") == 0) return Mode::exact;
        if (_wcsicmp(mode.c_str(), L"log-only") == 0) return Mode::log_only;
        return Mode::rewrite;
    } catch (...) {
        return Mode::rewrite;
    }
}

const wchar_t* mode_name(Mode mode) noexcept {
    switch (mode) {
    case Mode::exact: return L"exact";
    case Mode::log_only: return L"log-only";
    case Mode::rewrite: break;
    }
    return L"rewrite";
}

std::wstring read_log_path() {
    std::wstring path;
    read_string(HKEY_LOCAL_MACHINE, kKey, kLogValue, path);
    return path;
}

HRESULT find_cdo(Cdo& out) {
    // HKEY_CLASSES_ROOT: the machine's classes and the user's, as COM itself reads them.
    // The ProgID's CLSID read as it is (CLSIDFromProgID would do the same, but needs COM
    // initialised, which regsvr32 does not do before DllInstall).
    const std::wstring progid_key = std::wstring(kCdoProgId) + L"\\CLSID";
    std::wstring named;
    if (read_string(HKEY_CLASSES_ROOT, progid_key.c_str(), nullptr, named) != ERROR_SUCCESS ||
        FAILED(CLSIDFromString(named.c_str(), &out.clsid)) || IsEqualCLSID(out.clsid, kClsid)) {
        return REGDB_E_CLASSNOTREG;
    }
    std::array<wchar_t, 40> text{};
    if (StringFromGUID2(out.clsid, text.data(), static_cast<int>(text.size())) == 0) return E_UNEXPECTED;
    out.clsid_string = text.data();
    const std::wstring key = L"CLSID\\" + out.clsid_string + L"\\InprocServer32";
    if (read_string(HKEY_CLASSES_ROOT, key.c_str(), nullptr, out.server) != ERROR_SUCCESS ||
        out.server.empty()) {
        return REGDB_E_CLASSNOTREG;
    }
    std::array<wchar_t, MAX_PATH + 1> self{};
    const DWORD n = GetModuleFileNameW(module_handle(), self.data(), MAX_PATH);
    if (n > 0 && n < MAX_PATH && _wcsicmp(self.data(), out.server.c_str()) == 0) return REGDB_E_CLASSNOTREG;
    return S_OK;
}

} // namespace profshim::com::cdo
