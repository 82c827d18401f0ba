// profshim cdo install|uninstall|status (Windows only): profshim in front of CDO's
// MAPI.Session, for programs that cannot be changed. install and uninstall are profshim.dll's
// own `regsvr32 [/u] /n /i:cdo[;settings]` (its DllInstall, which checks the settings,
// writes them with the rest or nothing, and says why when it fails); install's --mode,
// --log and resolve's --directory, --server, --exact, --bind are the values the interceptor
// reads at every Logon. The registry names are profshim.dll's (shim/com/cdo.hpp): this
// program sees the registry view of its own bitness, which is its DLL's.

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
std::string g_directory;
std::string g_server;
bool g_exact = false;
std::string g_bind;

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

// profshim.dll's DllInstall(install, L"cdo" + settings): its failure is on stderr already,
// in its words; settings it refuses (E_INVALIDARG) are a usage error.
int dll_install(bool install, const std::wstring& settings) {
    // The profshim.dll this program is linked with (&psh_version would be the import thunk
    // in this program, not the DLL).
    HMODULE dll = GetModuleHandleW(L"profshim.dll");
    using Install = HRESULT(STDAPICALLTYPE*)(BOOL, LPCWSTR);
    auto fn = dll != nullptr ? reinterpret_cast<Install>(reinterpret_cast<void*>(GetProcAddress(dll, "DllInstall")))
                             : nullptr;
    if (fn == nullptr) return failed("profshim.dll has no DllInstall");
    const std::wstring command_line = L"cdo" + settings;
    const HRESULT hr = fn(install ? TRUE : FALSE, command_line.c_str());
    if (hr == E_INVALIDARG) return kExitUsage;  // profshim.dll said why on stderr
    if (FAILED(hr)) return kExitNotOk;          // profshim.dll said why on stderr, with hr
    return kExitOk;
}

// install's options as DllInstall's settings (shim/com/cdo_settings.cpp): ";name=value" each.
std::wstring settings() {
    std::wstring text;
    const auto add = [&](const wchar_t* name, const std::string& value) {
        if (!value.empty()) text += std::wstring(L";") + name + L"=" + widen(value);
    };
    add(L"mode", g_mode);
    add(L"log", g_log.empty() ? g_log : given(g_log));
    add(L"directory", g_directory);
    add(L"server", g_server);
    add(L"exact", g_exact ? "yes" : "");
    add(L"bind", g_bind);
    return text;
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
    const auto or_default = [](const std::wstring& value, const char* fallback) {
        return value.empty() ? std::string(fallback) : narrow(value);
    };
    std::cout << "MAPI.Session  " << narrow(clsid) << " "
              << narrow(read(HKEY_CLASSES_ROOT, L"CLSID\\" + clsid + L"\\InprocServer32", nullptr)) << "\n"
              << "profshim      " << (installed ? "installed" : "not installed") << " (" << kView << " view)\n"
              << "mode          " << or_default(mode, "rewrite") << "\n";
    if (_wcsicmp(mode.c_str(), L"resolve") == 0) {
        std::cout << "directory     " << or_default(read(HKEY_LOCAL_MACHINE, kKey, L"Directory"), "none") << "\n"
                  << "server        " << or_default(read(HKEY_LOCAL_MACHINE, kKey, L"Server"), "keep") << "\n"
                  << "exact         " << or_default(read(HKEY_LOCAL_MACHINE, kKey, L"Exact"), "no") << "\n"
                  << "bind          " << or_default(read(HKEY_LOCAL_MACHINE, kKey, L"Bind"), "negotiate") << "\n";
    }
    std::cout << "log           " << or_default(log, "none") << "\n";
    return kExitOk;
}

int run(const CLI::App&) {
    if (g_action == "status") return status();
    for (const std::string* value : {&g_log, &g_directory}) {
        if (value->find(';') != std::string::npos) return usage_error("cdo install: a ';' separates settings, so no value may hold one");
    }
    const std::wstring given_settings = settings();
    if (g_action == "uninstall") {
        if (!given_settings.empty()) return usage_error("cdo uninstall takes no settings (it removes them all)");
        const int rc = dll_install(false, {});
        if (rc == kExitOk) std::cout << "uninstalled: the registry is as before install\n";
        return rc;
    }
    // The settings go with install, into the key install made, so that a refused one
    // leaves nothing written and uninstall takes them all away.
    if (int rc = dll_install(true, given_settings); rc != kExitOk) return rc;
    std::cout << "installed: MAPI.Session is treated as profshim's class\n";
    return status();
}

void add_options(CLI::App& command) {
    command.add_option("ACTION", g_action, "install, uninstall or status")
        ->required()
        ->check(CLI::IsMember({"install", "uninstall", "status"}));
    command.add_option("--mode", g_mode, "install: rewrite (the default), exact, resolve or log-only")
        ->type_name("MODE")
        ->check(CLI::IsMember({"rewrite", "exact", "resolve", "log-only"}));
    command.add_option("--log", g_log, "install: the file that gets a line per corrected Logon")->type_name("FILE");
    command.add_option("--directory", g_directory, "install, resolve: the directory to ask, ldap://host:port/baseDN")
        ->type_name("URL");
    command.add_option("--server", g_server, "install, resolve: keep (the default), home or personalized")
        ->type_name("SERVER")
        ->check(CLI::IsMember({"keep", "home", "personalized"}));
    command.add_flag("--exact", g_exact, "install, resolve: the mailbox as =alias");
    command.add_option("--bind", g_bind, "install, resolve: negotiate (the default, as the calling account) or anonymous")
        ->type_name("BIND")
        ->check(CLI::IsMember({"negotiate", "anonymous"}));
}

}  // namespace

extern const Command kCdoCommand{  // extern: listed in main.cpp (Windows only)
    "cdo", "profshim in front of CDO's MAPI.Session (TreatAs): install, uninstall, status",
    "install needs an elevated prompt; CDO 1.21 is 32-bit, so use the 32-bit profshim.exe.\n"
    "resolve asks --directory at each Logon, as ProfileInfo.Resolve does, and passes the\n"
    "ProfileInfo as given when it cannot answer. Settings profshim.dll refuses are exit status 2.\n"
    "Exit status 1 when MAPI.Session is not registered or the registry cannot be written.\n",
    add_options, run};

}  // namespace profshim_cli
