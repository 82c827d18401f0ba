// cdo_standin.dll: a test-only in-process COM server registered as ProgID MAPI.Session in
// a test's own Wine prefix, standing in for CDO 1.21 (which cannot be had here) so that
// the interceptor (shim/com/cdo_interceptor.cpp) has a real session to wrap. Its members
// are standin.idl's; its IDispatch is shim/com's (com_dispatch.hpp: ITypeInfo::Invoke over
// the type library embedded as resource 1), so named and optional arguments, by-reference
// ones and EXCEPINFO behave as in any type-library server, CDO's included.
//
// regsvr32 cdo_standin.dll writes, under HKLM\Software\Classes (the DLL's registry view):
//   MAPI.Session\CLSID                            {42DEC905-...}
//   CLSID\{42DEC905-...}\InprocServer32           this DLL, ThreadingModel Both
//   CLSID\{42DEC905-...}\ProgID                   MAPI.Session
// and regsvr32 /u removes exactly that.

#include "com_dispatch.hpp" // shim/com: DispatchObject, Bstr, clear_error_info, set_error_info
#include "standin_idl.h"

#include <array>
#include <cwchar>
#include <new>
#include <string>
#include <string_view>

namespace profshim::com {
namespace {

std::atomic<long> g_locks{0};

// A failed call the Automation way, with CDO's kind of source and description.
HRESULT raise_mapi(HRESULT hr, const wchar_t* description) noexcept {
    set_error_info(__uuidof(IStandInSession), L"Collaboration Data Objects (stand-in)", description);
    return hr;
}

// A by-reference VARIANT read through (VT_BYREF|VT_VARIANT), as CDO reads its arguments.
const VARIANT& through(const VARIANT& v) noexcept {
    return V_VT(&v) == (VT_BYREF | VT_VARIANT) && V_VARIANTREF(&v) != nullptr ? *V_VARIANTREF(&v) : v;
}

bool missing(const VARIANT& v) noexcept {
    return V_VT(&v) == VT_ERROR && V_ERROR(&v) == DISP_E_PARAMNOTFOUND;
}

// "VT=value" for LogonArgs: the VARTYPE as it arrived, the value as a string.
std::wstring describe_arg(const VARIANT& given) {
    if (missing(given)) return L"missing";
    std::array<wchar_t, 16> vt{};
    std::swprintf(vt.data(), vt.size(), L"%X=", static_cast<unsigned>(V_VT(&given)));
    std::wstring out = vt.data();
    VARIANT text;
    VariantInit(&text);
    if (FAILED(VariantChangeType(&text, const_cast<VARIANT*>(&through(given)), 0, VT_BSTR))) return out + L"?";
    for (UINT i = 0; i < SysStringLen(V_BSTR(&text)); ++i) {
        const wchar_t c = V_BSTR(&text)[i];
        out += c == L'\n' ? std::wstring(L"\\n") : c == L'\r' ? std::wstring(L"\\r") : std::wstring(1, c);
    }
    VariantClear(&text);
    return out;
}

// DispatchObject asks its Derived which Null or Empty arguments to refuse: CDO's stand-in
// refuses none, they reach it as given.
constexpr const std::wstring_view* refuse_none() noexcept { return nullptr; }

class Folder final : public DispatchObject<Folder, IStandInFolder> {
public:
    static const std::wstring_view* refused(DISPID, UINT, VARTYPE) noexcept { return refuse_none(); }
    explicit Folder(BSTR owned) noexcept : name_(owned) {}
    HRESULT STDMETHODCALLTYPE get_Name(BSTR* out) override {
        if (out == nullptr) return E_POINTER;
        *out = SysAllocStringLen(name_.get(), SysStringLen(name_.get()));
        return *out != nullptr ? S_OK : E_OUTOFMEMORY;
    }

private:
    Bstr name_;
};

class StandInSession final : public DispatchObject<StandInSession, IStandInSession> {
public:
    static const std::wstring_view* refused(DISPID, UINT, VARTYPE) noexcept { return refuse_none(); }
    StandInSession() noexcept {
        VariantInit(&info_);
        name_ = SysAllocString(L"stand-in session");
    }
    ~StandInSession() override {
        VariantClear(&info_);
        SysFreeString(name_);
        SysFreeString(args_);
    }

    HRESULT STDMETHODCALLTYPE Logon(VARIANT profile_name, VARIANT password, VARIANT show_dialog,
                                    VARIANT new_session, VARIANT parent_window, VARIANT no_mail,
                                    VARIANT profile_info) override {
        clear_error_info();
        try {
            std::wstring args;
            for (const VARIANT* v : {&profile_name, &password, &show_dialog, &new_session,
                                     &parent_window, &no_mail, &profile_info}) {
                if (!args.empty()) args += L"|";
                args += describe_arg(*v);
            }
            SysFreeString(args_);
            args_ = SysAllocStringLen(args.data(), static_cast<UINT>(args.size()));
        } catch (...) {
            return E_OUTOFMEMORY;
        }
        VariantClear(&info_);
        if (!missing(profile_info)) VariantCopy(&info_, const_cast<VARIANT*>(&through(profile_info)));
        const VARIANT& name = through(profile_name);
        if (V_VT(&name) == VT_BSTR && V_BSTR(&name) != nullptr && std::wcscmp(V_BSTR(&name), L"fail-logon") == 0) {
            return raise_mapi(static_cast<HRESULT>(0x80040111),
                              L"[Collaboration Data Objects - [MAPI_E_LOGON_FAILED(80040111)]]");
        }
        return S_OK;
    }
    HRESULT STDMETHODCALLTYPE get_Name(BSTR* out) override {
        if (out == nullptr) return E_POINTER;
        *out = SysAllocStringLen(name_, SysStringLen(name_));
        return *out != nullptr ? S_OK : E_OUTOFMEMORY;
    }
    HRESULT STDMETHODCALLTYPE put_Name(BSTR name) override {
        BSTR copy = SysAllocStringLen(name, SysStringLen(name));
        if (copy == nullptr && name != nullptr) return E_OUTOFMEMORY;
        SysFreeString(name_);
        name_ = copy;
        return S_OK;
    }
    HRESULT STDMETHODCALLTYPE GetFolder(BSTR name, IStandInFolder** out) override {
        if (out == nullptr) return E_POINTER;
        *out = new (std::nothrow) Folder(SysAllocStringLen(name, SysStringLen(name)));
        return *out != nullptr ? S_OK : E_OUTOFMEMORY;
    }
    HRESULT STDMETHODCALLTYPE Fail() override {
        clear_error_info();
        return raise_mapi(static_cast<HRESULT>(0x8004010F),
                          L"[Collaboration Data Objects - [MAPI_E_NOT_FOUND(8004010F)]]");
    }
    HRESULT STDMETHODCALLTYPE get_ProfileInfo(VARIANT* out) override {
        if (out == nullptr) return E_POINTER;
        VariantInit(out);
        return VariantCopy(out, &info_);
    }
    HRESULT STDMETHODCALLTYPE get_LogonArgs(BSTR* out) override {
        if (out == nullptr) return E_POINTER;
        *out = SysAllocStringLen(args_, SysStringLen(args_));
        return *out != nullptr ? S_OK : E_OUTOFMEMORY;
    }

private:
    BSTR name_ = nullptr;
    BSTR args_ = nullptr;
    VARIANT info_;
};

class Factory final : public IClassFactory {
public:
    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** out) override {
        if (out == nullptr) return E_POINTER;
        *out = IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IClassFactory) ? this : nullptr;
        return *out != nullptr ? S_OK : E_NOINTERFACE;
    }
    ULONG STDMETHODCALLTYPE AddRef() override { return 2; }
    ULONG STDMETHODCALLTYPE Release() override { return 1; }
    HRESULT STDMETHODCALLTYPE CreateInstance(IUnknown* outer, REFIID riid, void** out) override {
        if (out == nullptr) return E_POINTER;
        *out = nullptr;
        if (outer != nullptr) return CLASS_E_NOAGGREGATION;
        auto* session = new (std::nothrow) StandInSession();
        if (session == nullptr) return E_OUTOFMEMORY;
        const HRESULT hr = session->QueryInterface(riid, out);
        session->Release();
        return hr;
    }
    HRESULT STDMETHODCALLTYPE LockServer(BOOL lock) override {
        if (lock) lock_module(); else unlock_module();
        return S_OK;
    }
};
Factory g_factory;

constexpr const wchar_t* kClsidKey = L"Software\\Classes\\CLSID\\{42DEC905-FE9A-428E-A572-5EDA7C06D4A7}";

} // namespace

// What com_dispatch.hpp's DispatchObject needs of a module (com_module.hpp), this DLL's.
void lock_module() noexcept { g_locks.fetch_add(1); }
void unlock_module() noexcept { g_locks.fetch_sub(1); }
HMODULE module_handle() noexcept {
    HMODULE module = nullptr;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       reinterpret_cast<LPCWSTR>(&module_handle), &module);
    return module;
}
HRESULT type_info(REFIID iid, ITypeInfo** out) noexcept {
    std::array<wchar_t, MAX_PATH + 1> path{};
    const DWORD n = GetModuleFileNameW(module_handle(), path.data(), MAX_PATH);
    if (n == 0 || n >= MAX_PATH) return E_FAIL;
    ITypeLib* lib = nullptr;
    if (HRESULT hr = LoadTypeLibEx(path.data(), REGKIND_NONE, &lib); FAILED(hr)) return hr;
    const HRESULT hr = lib->GetTypeInfoOfGuid(iid, out);
    lib->Release();
    return hr;
}

} // namespace profshim::com

using namespace profshim::com;

STDAPI DllGetClassObject(REFCLSID clsid, REFIID riid, LPVOID* out) {
    if (out == nullptr) return E_POINTER;
    *out = nullptr;
    if (!IsEqualCLSID(clsid, __uuidof(Session))) return CLASS_E_CLASSNOTAVAILABLE;
    return g_factory.QueryInterface(riid, out);
}

STDAPI DllCanUnloadNow(void) { return g_locks.load() == 0 ? S_OK : S_FALSE; }

STDAPI DllRegisterServer(void) {
    std::array<wchar_t, MAX_PATH + 1> path{};
    const DWORD n = GetModuleFileNameW(module_handle(), path.data(), MAX_PATH);
    if (n == 0 || n >= MAX_PATH) return E_FAIL;
    const auto set = [](const wchar_t* key, const wchar_t* name, const wchar_t* value) {
        const auto bytes = static_cast<DWORD>((std::wcslen(value) + 1) * sizeof(wchar_t));
        return RegSetKeyValueW(HKEY_LOCAL_MACHINE, key, name, REG_SZ, value, bytes);
    };
    const std::wstring clsid = kClsidKey;
    LSTATUS rc = set(L"Software\\Classes\\MAPI.Session\\CLSID", nullptr, L"{42DEC905-FE9A-428E-A572-5EDA7C06D4A7}");
    if (rc == ERROR_SUCCESS) rc = set((clsid + L"\\InprocServer32").c_str(), nullptr, path.data());
    if (rc == ERROR_SUCCESS) rc = set((clsid + L"\\InprocServer32").c_str(), L"ThreadingModel", L"Both");
    if (rc == ERROR_SUCCESS) rc = set((clsid + L"\\ProgID").c_str(), nullptr, L"MAPI.Session");
    return HRESULT_FROM_WIN32(rc);
}

STDAPI DllUnregisterServer(void) {
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, L"Software\\Classes\\MAPI.Session");
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, kClsidKey);
    return S_OK;
}
