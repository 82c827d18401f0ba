// ProfShim.ProfileInfo from a C++ COM client: what a script cannot see or (under Wine 8's
// VBScript, which lacks ChrW) cannot build.
//  - the module: DllGetClassObject's answers, DllCanUnloadNow S_FALSE while anything is
//    held and S_OK once everything is released, the class factory, no aggregation;
//  - reference counts and interface identity;
//  - IDispatch itself: names, DISPIDs, argument errors, EXCEPINFO and IErrorInfo, a NULL
//    EXCEPINFO, a NULL result;
//  - strings a script under Wine cannot make: surrogate pairs, lone surrogates, embedded
//    NULs, 4096 and 4097 units; offsets are UTF-16 units;
//  - one object used from 8 threads at once (ThreadingModel Both, MTA);
//  - CoCreateInstance through the registration (ProgID -> CLSID -> InprocServer32).
//
//   com_client.exe <path of profshim.dll>      (registered, for the last part)
// Prints one line per failure, then "N passed, N failed"; exits 1 if anything failed.

#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601
#endif
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <ole2.h>
#include <oleauto.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cwchar>
#include <string>
#include <thread>
#include <vector>

namespace {

std::atomic<int> g_passed{0};
std::atomic<int> g_failed{0};

void expect(bool ok, const std::string& what) {
    if (ok) {
        ++g_passed;
    } else {
        ++g_failed;
        std::printf("FAILED: %s\n", what.c_str());
    }
}

std::string hex(long v) {
    char b[16];
    std::snprintf(b, sizeof b, "0x%08lX", static_cast<unsigned long>(v));
    return b;
}

constexpr CLSID kClsid = {0x00A130E7, 0x12CA, 0x4EDB, {0xBC, 0x25, 0xB0, 0xA8, 0xFC, 0x66, 0xB5, 0xB4}};
constexpr long PSH_OK = 0;
constexpr long PSH_E_TOO_LONG = static_cast<long>(0x80040105u);
constexpr long PSH_E_UNKNOWN_FLAGS = static_cast<long>(0x80040106u);
constexpr long PSH_E_BAD_CHAR = static_cast<long>(0x80040201u);
constexpr long PSH_E_NO_SEPARATOR = static_cast<long>(0x80040202u);
constexpr long PSH_E_UNSAFE_CHAR = static_cast<long>(0x80040209u);

using GetClassObjectFn = HRESULT(STDAPICALLTYPE*)(REFCLSID, REFIID, void**);
using CanUnloadFn = HRESULT(STDAPICALLTYPE*)();
using DescribeFn = int32_t(__stdcall*)(int32_t, uint16_t*, int32_t, int32_t*);

DescribeFn g_describe = nullptr;

// GetProcAddress's FARPROC as the function type it is (through void*, which GCC accepts
// without -Wcast-function-type).
template <class Fn>
Fn proc(HMODULE dll, const char* name) {
    return reinterpret_cast<Fn>(reinterpret_cast<void*>(GetProcAddress(dll, name)));
}

std::wstring describe(long status) {
    uint16_t text[512];
    int32_t n = 0;
    g_describe(static_cast<int32_t>(status), text, 512, &n);
    return std::wstring(reinterpret_cast<wchar_t*>(text), static_cast<size_t>(n));
}

// A BSTR made from exactly these units, NULs and lone surrogates included.
BSTR units(const std::wstring& s) { return SysAllocStringLen(s.data(), static_cast<UINT>(s.size())); }

struct Variant {
    VARIANT v;
    Variant() { VariantInit(&v); }
    ~Variant() { VariantClear(&v); }
    Variant(const Variant&) = delete;
    Variant& operator=(const Variant&) = delete;
};

DISPID id_of(IDispatch* d, const wchar_t* name) {
    DISPID id = DISPID_UNKNOWN;
    LPOLESTR n = const_cast<LPOLESTR>(name);
    d->GetIDsOfNames(IID_NULL, &n, 1, LOCALE_USER_DEFAULT, &id);
    return id;
}

// Calls `name` with the arguments (first first) the way a script host would.
HRESULT call(IDispatch* d, const wchar_t* name, std::vector<VARIANT> args, VARIANT* result,
             EXCEPINFO* excep = nullptr, WORD flags = DISPATCH_METHOD | DISPATCH_PROPERTYGET) {
    std::vector<VARIANT> reversed(args.rbegin(), args.rend());
    DISPPARAMS p{reversed.empty() ? nullptr : reversed.data(), nullptr,
                 static_cast<UINT>(reversed.size()), 0};
    UINT arg_err = 0;
    EXCEPINFO local{};
    HRESULT hr = d->Invoke(id_of(d, name), IID_NULL, LOCALE_USER_DEFAULT, flags, &p, result,
                           excep != nullptr ? excep : &local, &arg_err);
    if (excep == nullptr) {
        SysFreeString(local.bstrSource);
        SysFreeString(local.bstrDescription);
        SysFreeString(local.bstrHelpFile);
    }
    return hr;
}

VARIANT bstr_arg(BSTR b) {
    VARIANT v;
    VariantInit(&v);
    V_VT(&v) = VT_BSTR;
    V_BSTR(&v) = b; // borrowed: the caller frees it
    return v;
}

VARIANT long_arg(long x) {
    VARIANT v;
    VariantInit(&v);
    V_VT(&v) = VT_I4;
    V_I4(&v) = x;
    return v;
}

long check(IDispatch* d, const std::wstring& s) {
    BSTR b = units(s);
    Variant r;
    HRESULT hr = call(d, L"Check", {bstr_arg(b)}, &r.v);
    SysFreeString(b);
    return SUCCEEDED(hr) && V_VT(&r.v) == VT_I4 ? V_I4(&r.v) : 0x7fffffff;
}

long report_long(IDispatch* d, const std::wstring& s, const wchar_t* property) {
    BSTR b = units(s);
    Variant r;
    HRESULT hr = call(d, L"CheckReport", {bstr_arg(b)}, &r.v);
    SysFreeString(b);
    if (FAILED(hr) || V_VT(&r.v) != VT_DISPATCH) return 0x7fffffff;
    Variant x;
    hr = call(V_DISPATCH(&r.v), property, {}, &x.v, nullptr, DISPATCH_PROPERTYGET);
    return SUCCEEDED(hr) && V_VT(&x.v) == VT_I4 ? V_I4(&x.v) : 0x7ffffffe;
}

std::wstring rewrite(IDispatch* d, const std::wstring& s, HRESULT* hr_out = nullptr) {
    BSTR b = units(s);
    Variant r;
    HRESULT hr = call(d, L"Rewrite", {bstr_arg(b)}, &r.v);
    SysFreeString(b);
    if (hr_out) *hr_out = hr;
    if (FAILED(hr) || V_VT(&r.v) != VT_BSTR) return L"<failed>";
    return std::wstring(V_BSTR(&r.v), SysStringLen(V_BSTR(&r.v)));
}

std::wstring load_path(const char* arg) {
    // ctest passes a Unix path; to Windows (Wine) it is Z:\ and backslashes.
    std::string p = arg;
    if (!p.empty() && p[0] == '/') {
        for (char& c : p) if (c == '/') c = '\\';
        p = "Z:" + p;
    }
    return std::wstring(p.begin(), p.end());
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::printf("usage: com_client <profshim.dll>\n");
        return 2;
    }
    CoInitializeEx(nullptr, COINIT_MULTITHREADED);
    HMODULE dll = LoadLibraryW(load_path(argv[1]).c_str());
    expect(dll != nullptr, "LoadLibrary profshim.dll");
    if (dll == nullptr) {
        std::printf("%d passed, %d failed\n", g_passed.load(), g_failed.load());
        return 1;
    }
    auto get_class_object = proc<GetClassObjectFn>(dll, "DllGetClassObject");
    auto can_unload = proc<CanUnloadFn>(dll, "DllCanUnloadNow");
    g_describe = proc<DescribeFn>(dll, "psh_describe_w");
    expect(get_class_object && can_unload && g_describe, "the COM exports are there");
    expect(GetProcAddress(dll, "DllRegisterServer") && GetProcAddress(dll, "DllUnregisterServer"),
           "DllRegisterServer and DllUnregisterServer are exported");

    // ---- module and class factory ------------------------------------------------
    expect(can_unload() == S_OK, "DllCanUnloadNow S_OK before anything is made");
    void* p = nullptr;
    expect(get_class_object(IID_IDispatch, IID_IClassFactory, &p) == CLASS_E_CLASSNOTAVAILABLE && !p,
           "DllGetClassObject(another CLSID) is CLASS_E_CLASSNOTAVAILABLE");
    expect(get_class_object(kClsid, IID_IClassFactory, nullptr) == E_POINTER, "DllGetClassObject(NULL) is E_POINTER");
    expect(get_class_object(kClsid, IID_IDispatch, &p) == E_NOINTERFACE && !p, "the factory is not an IDispatch");
    IClassFactory* factory = nullptr;
    expect(get_class_object(kClsid, IID_IClassFactory, reinterpret_cast<void**>(&factory)) == S_OK && factory,
           "DllGetClassObject(IID_IClassFactory)");
    expect(can_unload() == S_FALSE, "DllCanUnloadNow S_FALSE while the factory is held");
    IUnknown* outer = factory;
    expect(factory->CreateInstance(outer, IID_IUnknown, &p) == CLASS_E_NOAGGREGATION && !p, "no aggregation");
    IDispatch* d = nullptr;
    expect(factory->CreateInstance(nullptr, IID_IDispatch, reinterpret_cast<void**>(&d)) == S_OK && d,
           "CreateInstance(IID_IDispatch)");
    expect(factory->CreateInstance(nullptr, IID_IClassFactory, &p) == E_NOINTERFACE && !p,
           "CreateInstance(an interface it lacks) is E_NOINTERFACE, nothing leaked");
    expect(factory->LockServer(TRUE) == S_OK, "LockServer(TRUE)");
    factory->Release();
    expect(can_unload() == S_FALSE, "DllCanUnloadNow S_FALSE while an object and a lock are held");
    if (!d) {
        std::printf("%d passed, %d failed\n", g_passed.load(), g_failed.load());
        return 1;
    }

    // ---- reference counts and identity -------------------------------------------
    expect(d->AddRef() == 2, "AddRef counts 2");
    expect(d->Release() == 1, "Release counts 1");
    IUnknown* u1 = nullptr;
    IUnknown* u2 = nullptr;
    ISupportErrorInfo* sei = nullptr;
    d->QueryInterface(IID_IUnknown, reinterpret_cast<void**>(&u1));
    d->QueryInterface(IID_ISupportErrorInfo, reinterpret_cast<void**>(&sei));
    if (sei) sei->QueryInterface(IID_IUnknown, reinterpret_cast<void**>(&u2));
    expect(u1 && u2 && u1 == u2, "one IUnknown, from IDispatch and from ISupportErrorInfo");
    expect(sei && sei->InterfaceSupportsErrorInfo(IID_IDispatch) == S_OK, "ISupportErrorInfo for IDispatch");
    if (u1) u1->Release();
    if (u2) u2->Release();
    if (sei) sei->Release();
    expect(d->AddRef() == 2 && d->Release() == 1, "QueryInterface references all released");

    // ---- IDispatch plumbing ---------------------------------------------------------
    UINT count = 9;
    expect(d->GetTypeInfoCount(&count) == S_OK && count == 0, "GetTypeInfoCount 0");
    ITypeInfo* ti = reinterpret_cast<ITypeInfo*>(1);
    expect(FAILED(d->GetTypeInfo(0, 0, &ti)) && ti == nullptr, "GetTypeInfo fails cleanly");
    for (const wchar_t* name : {L"Check", L"CHECKREPORT", L"rewrite", L"ProfileName", L"describe", L"Version"}) {
        expect(id_of(d, name) != DISPID_UNKNOWN, "GetIDsOfNames knows " + std::string(name, name + wcslen(name)));
    }
    {
        LPOLESTR n = const_cast<LPOLESTR>(L"Logon");
        DISPID id = 0;
        expect(d->GetIDsOfNames(IID_NULL, &n, 1, 0, &id) == DISP_E_UNKNOWNNAME && id == DISPID_UNKNOWN,
               "GetIDsOfNames(an unknown name)");
        n = const_cast<LPOLESTR>(L"Check");
        expect(d->GetIDsOfNames(IID_IDispatch, &n, 1, 0, &id) == DISP_E_UNKNOWNINTERFACE,
               "GetIDsOfNames with a riid other than IID_NULL");
    }
    {
        BSTR b = units(L"EXCH01\njdoe");
        Variant r;
        VARIANT args[1] = {bstr_arg(b)};
        VARIANTARG named_value = bstr_arg(b);
        DISPID named = 0;
        DISPPARAMS with_named{&named_value, &named, 1, 1};
        EXCEPINFO ei{};
        UINT arg_err = 0;
        expect(d->Invoke(id_of(d, L"Check"), IID_NULL, 0, DISPATCH_METHOD, &with_named, &r.v, &ei, &arg_err) == DISP_E_NONAMEDARGS,
               "named arguments are DISP_E_NONAMEDARGS");
        DISPPARAMS none{nullptr, nullptr, 0, 0};
        expect(d->Invoke(id_of(d, L"Check"), IID_NULL, 0, DISPATCH_METHOD, &none, &r.v, &ei, &arg_err) == DISP_E_BADPARAMCOUNT,
               "Check() is DISP_E_BADPARAMCOUNT");
        DISPPARAMS one{args, nullptr, 1, 0};
        expect(d->Invoke(id_of(d, L"Check"), IID_NULL, 0, DISPATCH_PROPERTYPUT, &one, nullptr, &ei, &arg_err) == DISP_E_MEMBERNOTFOUND,
               "nothing can be assigned");
        expect(d->Invoke(999, IID_NULL, 0, DISPATCH_METHOD, &one, &r.v, &ei, &arg_err) == DISP_E_MEMBERNOTFOUND,
               "an unknown DISPID");
        expect(d->Invoke(id_of(d, L"Rewrite"), IID_NULL, 0, DISPATCH_METHOD, &one, nullptr, &ei, &arg_err) == S_OK,
               "Rewrite with no place for the result (a statement)");
        VARIANT null_arg;
        VariantInit(&null_arg);
        V_VT(&null_arg) = VT_NULL;
        DISPPARAMS with_null{&null_arg, nullptr, 1, 0};
        arg_err = 7;
        expect(d->Invoke(id_of(d, L"Check"), IID_NULL, 0, DISPATCH_METHOD, &with_null, &r.v, &ei, &arg_err) == DISP_E_TYPEMISMATCH && arg_err == 0,
               "Check(Null) is DISP_E_TYPEMISMATCH at argument 0");
        SysFreeString(b);
    }

    // ---- strings only a BSTR can carry ----------------------------------------------
    const std::wstring emoji = L"\xD83D\xDE00"; // U+1F600, two UTF-16 units
    expect(check(d, L"EXCH01\njdoe") == PSH_OK, "Check alias");
    expect(check(d, L"EXCH01\njdoe" + emoji) == PSH_E_BAD_CHAR, "Check with a surrogate pair");
    expect(report_long(d, L"EXCH01\njdoe" + emoji, L"ErrorOffset") == 11, "ErrorOffset of the pair is its high surrogate, in units");
    expect(report_long(d, std::wstring(L"EXCH01\nj") + L'\0' + L"doe", L"ErrorOffset") == 8, "an embedded NUL is a bad unit at 8, not the end");
    expect(report_long(d, L"EXCH01\nab\xDC00", L"ErrorOffset") == 9, "a lone low surrogate at 9");
    std::wstring pairs;
    for (int i = 0; i < 2048; ++i) pairs += emoji;
    expect(check(d, pairs) == PSH_E_BAD_CHAR, "2048 pairs are 4096 units: judged");
    expect(check(d, pairs + emoji) == PSH_E_TOO_LONG, "2049 pairs are 4098 units: too long");
    std::wstring big(100000, L'a');
    expect(check(d, big) == PSH_E_TOO_LONG, "a 100000-unit BSTR is too long, read no further");
    std::wstring longest = std::wstring(60, L'a') + L"." + std::wstring(60, L'a') + L"." + std::wstring(60, L'a') + L"\n" + std::wstring(64, L'b');
    expect(rewrite(d, longest) == longest, "Rewrite of a long safe ProfileInfo is itself");
    expect(rewrite(d, L"EXCH01\r\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe\r\n") == L"EXCH01\njdoe", "Rewrite KB case");
    {
        VARIANT null_bstr = bstr_arg(nullptr); // a NULL BSTR is "" in Automation
        Variant r;
        expect(call(d, L"Check", {null_bstr}, &r.v) == S_OK && V_I4(&r.v) == PSH_E_NO_SEPARATOR,
               "Check(NULL BSTR) is the empty string");
    }

    // ---- errors: EXCEPINFO, IErrorInfo, and no EXCEPINFO ----------------------------
    {
        BSTR b = units(L"EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe");
        EXCEPINFO ei{};
        Variant r;
        HRESULT hr = call(d, L"Rewrite", {bstr_arg(b), long_arg(1)}, &r.v, &ei);
        expect(hr == DISP_E_EXCEPTION, "a failed Rewrite is DISP_E_EXCEPTION: " + hex(hr));
        expect(ei.scode == PSH_E_UNSAFE_CHAR && ei.wCode == 0, "EXCEPINFO.scode is the status: " + hex(ei.scode));
        expect(ei.bstrDescription && describe(PSH_E_UNSAFE_CHAR) == ei.bstrDescription, "EXCEPINFO.bstrDescription is psh_describe's text");
        expect(ei.bstrSource && std::wstring(ei.bstrSource) == L"ProfShim.ProfileInfo", "EXCEPINFO.bstrSource");
        expect(V_VT(&r.v) == VT_EMPTY, "no result on failure");
        SysFreeString(ei.bstrSource);
        SysFreeString(ei.bstrDescription);
        SysFreeString(ei.bstrHelpFile);
        IErrorInfo* info = nullptr;
        expect(GetErrorInfo(0, &info) == S_OK && info, "IErrorInfo set");
        if (info) {
            BSTR text = nullptr;
            info->GetDescription(&text);
            expect(text && describe(PSH_E_UNSAFE_CHAR) == text, "IErrorInfo's description");
            SysFreeString(text);
            info->Release();
        }
        // Without an EXCEPINFO the status itself comes back.
        VARIANT args[2] = {long_arg(1), bstr_arg(b)};
        DISPPARAMS dp{args, nullptr, 2, 0};
        hr = d->Invoke(id_of(d, L"Rewrite"), IID_NULL, 0, DISPATCH_METHOD, &dp, &r.v, nullptr, nullptr);
        expect(hr == PSH_E_UNSAFE_CHAR, "no EXCEPINFO: Invoke returns the status: " + hex(hr));
        VARIANT args2[2] = {long_arg(4), bstr_arg(b)};
        DISPPARAMS dp2{args2, nullptr, 2, 0};
        hr = d->Invoke(id_of(d, L"Rewrite"), IID_NULL, 0, DISPATCH_METHOD, &dp2, &r.v, nullptr, nullptr);
        expect(hr == PSH_E_UNKNOWN_FLAGS, "flags 4: PSH_E_UNKNOWN_FLAGS");
        SysFreeString(b);
        HRESULT rh = S_OK;
        rewrite(d, L"EXCH01", &rh);
        expect(rh == DISP_E_EXCEPTION, "Rewrite(no LF) raises");
    }

    // ---- a report outlives its object; DllCanUnloadNow follows ----------------------
    IDispatch* report = nullptr;
    {
        BSTR b = units(L"EXCH01\njdoe");
        Variant r;
        call(d, L"CheckReport", {bstr_arg(b)}, &r.v);
        SysFreeString(b);
        if (V_VT(&r.v) == VT_DISPATCH) {
            report = V_DISPATCH(&r.v);
            report->AddRef();
        }
    }
    expect(report != nullptr, "CheckReport returns an object");

    // ---- one object, 8 threads (ThreadingModel Both; this is the MTA) ---------------
    {
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([d, &wrong] {
                CoInitializeEx(nullptr, COINIT_MULTITHREADED);
                for (int i = 0; i < 2000; ++i) {
                    if (rewrite(d, L"EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe") != L"EXCH01\njdoe") ++wrong;
                    if (check(d, L"EXCH01\nj:doe") != PSH_E_UNSAFE_CHAR) ++wrong;
                }
                CoUninitialize();
            });
        }
        for (auto& t : threads) t.join();
        expect(wrong == 0, "32000 calls on one object from 8 threads: " + std::to_string(wrong.load()) + " wrong");
    }

    expect(d->Release() == 0, "the last Release of the object counts 0");
    expect(can_unload() == S_FALSE, "DllCanUnloadNow S_FALSE while a report and a lock are held");
    if (report) {
        Variant x;
        expect(call(report, L"Mailbox", {}, &x.v, nullptr, DISPATCH_PROPERTYGET) == S_OK &&
                   V_VT(&x.v) == VT_BSTR && std::wstring(V_BSTR(&x.v)) == L"jdoe",
               "the report works after its ProfileInfo is gone");
        expect(report->Release() == 0, "the report's last Release counts 0");
    }
    {
        IClassFactory* f = nullptr;
        get_class_object(kClsid, IID_IClassFactory, reinterpret_cast<void**>(&f));
        if (f) {
            f->LockServer(FALSE);
            f->Release();
        }
    }
    expect(can_unload() == S_OK, "DllCanUnloadNow S_OK once everything is released");

    // ---- through the registry, as CreateObject does ---------------------------------
    CLSID from_progid{};
    HRESULT hr = CLSIDFromProgID(L"ProfShim.ProfileInfo", &from_progid);
    expect(hr == S_OK && IsEqualCLSID(from_progid, kClsid), "CLSIDFromProgID(ProfShim.ProfileInfo): " + hex(hr));
    hr = CLSIDFromProgID(L"ProfShim.ProfileInfo.1", &from_progid);
    expect(hr == S_OK && IsEqualCLSID(from_progid, kClsid), "CLSIDFromProgID(ProfShim.ProfileInfo.1)");
    IDispatch* created = nullptr;
    hr = CoCreateInstance(kClsid, nullptr, CLSCTX_INPROC_SERVER, IID_IDispatch, reinterpret_cast<void**>(&created));
    expect(hr == S_OK && created, "CoCreateInstance: " + hex(hr));
    if (created) {
        Variant v;
        expect(call(created, L"Version", {}, &v.v, nullptr, DISPATCH_PROPERTYGET) == S_OK && V_I4(&v.v) == 10100,
               "Version through CoCreateInstance");
        created->Release();
    }

    CoUninitialize();
    std::printf("%d passed, %d failed\n", g_passed.load(), g_failed.load());
    return g_failed == 0 ? 0 : 1;
}
