// main() for the COM client tests: GoogleTest's flags, then --profshim-dll=<path of
// profshim.dll> (a Unix path from ctest is given to Windows as Z:\...). The thread joins the
// multithreaded apartment, as a service or an IIS worker thread does.
#include "com_support.hpp"

#include <cstdio>
#include <cstring>

namespace psh_com {
namespace {

HMODULE g_dll = nullptr;
std::wstring g_path;

template <class Fn>
Fn proc(const char* name) {
    return reinterpret_cast<Fn>(reinterpret_cast<void*>(GetProcAddress(g_dll, name)));
}

std::wstring windows_path(std::string p) {
    if (!p.empty() && p[0] == '/') {
        for (char& c : p) if (c == '/') c = '\\';
        p = "Z:" + p;
    }
    return std::wstring(p.begin(), p.end());
}

} // namespace

HMODULE dll() { return g_dll; }
const std::wstring& dll_path() { return g_path; }
GetClassObjectFn get_class_object() { return proc<GetClassObjectFn>("DllGetClassObject"); }
CanUnloadNowFn can_unload_now() { return proc<CanUnloadNowFn>("DllCanUnloadNow"); }
InstallFn dll_install() { return proc<InstallFn>("DllInstall"); }

std::wstring describe(int32_t status) {
    Ref<IProfileInfo> o = make_object();
    VARIANT v;
    VariantInit(&v);
    V_VT(&v) = VT_I4;
    V_I4(&v) = status;
    BSTR text = nullptr;
    if (!o || o->Describe(v, &text) != S_OK || text == nullptr) return L"<Describe failed>";
    std::wstring s(text, SysStringLen(text));
    SysFreeString(text);
    return s;
}

DISPID id_of(IDispatch* d, const wchar_t* name) {
    DISPID id = DISPID_UNKNOWN;
    LPOLESTR n = const_cast<LPOLESTR>(name);
    d->GetIDsOfNames(IID_NULL, &n, 1, LOCALE_USER_DEFAULT, &id);
    return id;
}

HRESULT invoke(IDispatch* d, const wchar_t* name, std::vector<VARIANT> args, VARIANT* result,
               EXCEPINFO* excep, WORD flags) {
    std::vector<VARIANT> reversed(args.rbegin(), args.rend());
    DISPPARAMS p{reversed.empty() ? nullptr : reversed.data(), nullptr, static_cast<UINT>(reversed.size()), 0};
    UINT ignored = 0;
    return d->Invoke(id_of(d, name), IID_NULL, LOCALE_USER_DEFAULT, flags, &p, result, excep,
                     &ignored);
}

Ref<IProfileInfo> make_object() {
    Ref<IClassFactory> factory;
    Ref<IProfileInfo> object;
    if (get_class_object()(CLSID_ProfileInfo, IID_IClassFactory, factory.put_void()) == S_OK) {
        factory->CreateInstance(nullptr, IID_IProfileInfo, object.put_void());
    }
    return object;
}

Ref<IDispatch> make_dispatch() {
    Ref<IProfileInfo> o = make_object();
    Ref<IDispatch> d;
    if (o) o->QueryInterface(IID_IDispatch, d.put_void());
    return d;
}

std::string narrow(const std::wstring& s) {
    std::string out;
    for (wchar_t c : s) out += (c >= 32 && c < 127) ? static_cast<char>(c) : '?';
    return out;
}

std::string hex(long v) {
    char b[16];
    std::snprintf(b, sizeof b, "0x%08lX", static_cast<unsigned long>(v));
    return b;
}

} // namespace psh_com

int main(int argc, char** argv) {
    // Listing the tests (gtest_discover_tests does it without the extra arguments) loads
    // nothing.
    bool listing = false;
    for (int i = 1; i < argc; ++i) listing = listing || std::strcmp(argv[i], "--gtest_list_tests") == 0;
    testing::InitGoogleTest(&argc, argv);
    if (listing) return RUN_ALL_TESTS();
    const char* prefix = "--profshim-dll=";
    std::string path;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], prefix, std::strlen(prefix)) == 0) path = argv[i] + std::strlen(prefix);
    }
    if (path.empty()) {
        std::fprintf(stderr, "usage: profshim_com_test [gtest flags] --profshim-dll=<path of profshim.dll>\n");
        return 2;
    }
    psh_com::g_path = psh_com::windows_path(path);
    psh_com::g_dll = LoadLibraryW(psh_com::g_path.c_str());
    if (psh_com::g_dll == nullptr) {
        std::fprintf(stderr, "cannot load %s (error %lu)\n", path.c_str(), GetLastError());
        return 1;
    }
    CoInitializeEx(nullptr, COINIT_MULTITHREADED);
    const int result = RUN_ALL_TESTS();
    CoUninitialize();
    return result;
}
