// profshim cdo install|uninstall|status (Windows only): profshim in front of CDO's
// MAPI.Session, for programs that cannot be changed. install and uninstall are profshim.dll's
// own `regsvr32 [/u] /n /i:cdo` (its DllInstall, which says why when it fails); install's
// --mode and --log are the values the interceptor reads at every Logon. The registry names
// are profshim.dll's (shim/com/cdo.hpp): this program sees the registry view of its own
// bitness, which is its DLL's.

#include "cli.hpp"

#include <CLI/CLI.hpp>

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <ole2.h>

#include <iostream>
#include <string>

namespace profshim_cli {

namespace {

constexpr const wchar_t* kKey = L"SOFTWARE\\profshim\\Cdo";  // shim/com/cdo.hpp
constexpr const wchar_t* kInterceptor = L"{58DF790E-186D-4719-8709-8AF8D9AB61BA}";
constexpr const char* kView = sizeof(void*) == 8 ? "64-bit" : "32-bit";

std::string g_action;
std::string g_mode;
std::string g_log;

std::wstring widen(const std::string& s) {
    if (s.empty()) return {};
    std::wstring w(s.size(), L'\0');
    const int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), w.data(), static_cast<int>(w.size()));
    w.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return w;
}

std::string narrow(const std::wstring& w) {
    if (w.empty()) return {};
    const int n = WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), nullptr, 0, nullptr, nullptr);
    std::string s(n > 0 ? static_cast<std::size_t>(n) : 0, '\0');
    WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), s.data(), n, nullptr, nullptr);
    return s;
}

// A string value (REG_EXPAND_SZ expanded), or "" when the key or value is not there.
std::wstring read(HKEY root, const std::wstring& key, const wchar_t* name) {
    wchar_t buffer[1024] = {};
    DWORD bytes = sizeof buffer - sizeof(wchar_t);
    if (RegGetValueW(root, key.c_str(), name, RRF_RT_REG_SZ, nullptr, buffer, &bytes) != ERROR_SUCCESS) return {};
    return buffer;
}

int failed(const std::string& message) {
    std::cerr << "profshim: " << message << "\n";
    return kExitNotOk;
}

std::string hex(HRESULT hr) { return status_hex(static_cast<int32_t>(hr)); }

// profshim.dll's DllInstall(install, L"cdo"): its failure is on stderr already, in its words.
int dll_install(bool install) {
    // The profshim.dll this program is linked with (&psh_version would be the import thunk
    // in this program, not the DLL).
    HMODULE dll = GetModuleHandleW(L"profshim.dll");
    using Install = HRESULT(STDAPICALLTYPE*)(BOOL, LPCWSTR);
    auto fn = dll != nullptr ? reinterpret_cast<Install>(reinterpret_cast<void*>(GetProcAddress(dll, "DllInstall")))
                             : nullptr;
    if (fn == nullptr) return failed("profshim.dll has no DllInstall");
    const HRESULT hr = fn(install ? TRUE : FALSE, L"cdo");
    if (FAILED(hr)) return kExitNotOk;  // profshim.dll said why on stderr, with hr
    return kExitOk;
}

int set_value(const wchar_t* name, const std::string& value) {
    const std::wstring w = widen(value);
    const LSTATUS rc = RegSetKeyValueW(HKEY_LOCAL_MACHINE, kKey, name, REG_SZ, w.c_str(),
                                       static_cast<DWORD>((w.size() + 1) * sizeof(wchar_t)));
    if (rc != ERROR_SUCCESS) return failed("cannot write HKLM\\SOFTWARE\\profshim\\Cdo (" + hex(HRESULT_FROM_WIN32(rc)) + ")");
    return kExitOk;
}

int status() {
    const std::wstring clsid = read(HKEY_CLASSES_ROOT, L"MAPI.Session\\CLSID", nullptr);
    if (clsid.empty()) {
        return failed(std::string("MAPI.Session is not registered in the ") + kView +
                      " registry view (CDO 1.21 is not installed for this bitness)");
    }
    const std::wstring treat_as = read(HKEY_LOCAL_MACHINE, L"Software\\Classes\\CLSID\\" + clsid + L"\\TreatAs", nullptr);
    const bool installed = _wcsicmp(treat_as.c_str(), kInterceptor) == 0;
    const std::wstring mode = read(HKEY_LOCAL_MACHINE, kKey, L"Mode");
    const std::wstring log = read(HKEY_LOCAL_MACHINE, kKey, L"LogFile");
    std::cout << "MAPI.Session  " << narrow(clsid) << " "
              << narrow(read(HKEY_CLASSES_ROOT, L"CLSID\\" + clsid + L"\\InprocServer32", nullptr)) << "\n"
              << "profshim      " << (installed ? "installed" : "not installed") << " (" << kView << " view)\n"
              << "mode          " << (mode.empty() ? "rewrite" : narrow(mode)) << "\n"
              << "log           " << (log.empty() ? "none" : narrow(log)) << "\n";
    return kExitOk;
}

int run(const CLI::App&) {
    if (g_action == "status") return status();
    if (g_action == "uninstall") {
        if (!g_mode.empty() || !g_log.empty()) return usage_error("cdo uninstall takes no --mode or --log");
        const int rc = dll_install(false);
        if (rc == kExitOk) std::cout << "uninstalled: the registry is as before install\n";
        return rc;
    }
    if (int rc = dll_install(true); rc != kExitOk) return rc;
    // Written into the key install made, so that uninstall takes them away with it.
    if (!g_mode.empty()) {
        if (int rc = set_value(L"Mode", g_mode); rc != kExitOk) return rc;
    }
    if (!g_log.empty()) {
        if (int rc = set_value(L"LogFile", given(g_log)); rc != kExitOk) return rc;
    }
    std::cout << "installed: MAPI.Session is treated as profshim's class\n";
    return status();
}

void add_options(CLI::App& command) {
    command.add_option("ACTION", g_action, "install, uninstall or status")
        ->required()
        ->check(CLI::IsMember({"install", "uninstall", "status"}));
    command.add_option("--mode", g_mode, "install: rewrite (the default), exact or log-only")
        ->type_name("MODE")
        ->check(CLI::IsMember({"rewrite", "exact", "log-only"}));
    command.add_option("--log", g_log, "install: the file that gets a line per corrected Logon")->type_name("FILE");
}

}  // namespace

extern const Command kCdoCommand{  // extern: listed in main.cpp (Windows only)
    "cdo", "profshim in front of CDO's MAPI.Session (TreatAs): install, uninstall, status",
    "install needs an elevated prompt; CDO 1.21 is 32-bit, so use the 32-bit profshim.exe.\n"
    "Exit status 1 when MAPI.Session is not registered or the registry cannot be written.\n",
    add_options, run};

}  // namespace profshim_cli
