// wldap32.dll loaded at run time (wldap32_api.hpp).
#include "wldap32_api.hpp"

#include "source.hpp"

namespace profshim::directory {

namespace {

std::string utf8(const wchar_t* text) {
    const int n = WideCharToMultiByte(CP_UTF8, 0, text, -1, nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(n > 0 ? n - 1 : 0), '\0');
    if (n > 1) WideCharToMultiByte(CP_UTF8, 0, text, -1, out.data(), n, nullptr, nullptr);
    return out;
}

// From the system directory only, never the current or the application's folder.
// LOAD_LIBRARY_SEARCH_SYSTEM32 is unknown to Windows 7 without KB2533623 (the call then
// fails with ERROR_INVALID_PARAMETER): there the system directory's full path is given.
HMODULE load_from_system(const wchar_t* file) {
    HMODULE dll = LoadLibraryExW(file, nullptr, LOAD_LIBRARY_SEARCH_SYSTEM32);
    if (dll != nullptr || GetLastError() != ERROR_INVALID_PARAMETER) return dll;
    wchar_t folder[MAX_PATH];
    const UINT n = GetSystemDirectoryW(folder, MAX_PATH);
    if (n == 0 || n >= MAX_PATH) return nullptr;
    return LoadLibraryW((std::wstring(folder, n) + L"\\" + file).c_str());
}

// A FARPROC as the member's own type (through void (*)(), which GCC's
// -Wcast-function-type allows).
template <class Function>
bool take(HMODULE dll, const char* name, Function& slot, std::string& missing) {
    const FARPROC found = GetProcAddress(dll, name);
    slot = reinterpret_cast<Function>(reinterpret_cast<void (*)()>(found));
    if (found == nullptr && missing.empty()) missing = name;
    return found != nullptr;
}

}  // namespace

std::string load_wldap32(const wchar_t* file, Wldap32& out) {
    out = Wldap32{};
    HMODULE dll = load_from_system(file);
    if (dll == nullptr) {
        const DWORD error = GetLastError();
        return utf8(file) + " could not be loaded from the system directory (Windows error " +
               std::to_string(error) + "), so the directory cannot be read";
    }
    std::string missing;
#define PSH_TAKE(name) take(dll, #name, out.name, missing)
    PSH_TAKE(ldap_sslinitW);
    PSH_TAKE(ldap_set_optionW);
    PSH_TAKE(ldap_connect);
    PSH_TAKE(ldap_start_tls_sW);
    PSH_TAKE(ldap_bind_sW);
    PSH_TAKE(ldap_simple_bind_sW);
    PSH_TAKE(ldap_search_ext_sW);
    PSH_TAKE(ldap_first_entry);
    PSH_TAKE(ldap_next_entry);
    PSH_TAKE(ldap_get_dnW);
    PSH_TAKE(ldap_get_values_lenW);
    PSH_TAKE(ldap_value_free_len);
    PSH_TAKE(ldap_memfreeW);
    PSH_TAKE(ldap_msgfree);
    PSH_TAKE(ldap_unbind_s);
    PSH_TAKE(ldap_err2stringW);
    PSH_TAKE(LdapGetLastError);
#undef PSH_TAKE
    if (missing.empty()) return {};
    out = Wldap32{};
    FreeLibrary(dll);
    return utf8(file) + " has no function " + missing + ", so the directory cannot be read";
}

const Wldap32& wldap32() {
    struct Loaded {
        Wldap32 api{};
        std::string error;
    };
    // Once for the process (a function's static is initialised thread-safely); the DLL stays
    // loaded until the process ends, as every connection's functions come from it.
    static const Loaded loaded = [] {
        Loaded l;
        l.error = load_wldap32(L"wldap32.dll", l.api);
        return l;
    }();
    if (!loaded.error.empty()) throw DirectoryError(loaded.error);
    return loaded.api;
}

}  // namespace profshim::directory
