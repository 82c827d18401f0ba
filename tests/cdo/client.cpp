// cdo_client.exe: a C++ client of MAPI.Session as a VB6 or C++ program without source
// calls it, late-bound through IDispatch: Logon with ProfileInfo passed by name (the
// named DISPID GetIDsOfNames gives, as VB6/VBA pass ProfileInfo:=) as a BSTR by reference
// (VT_BYREF|VT_BSTR), and the session's other members. It prints one line per thing it
// saw, so that tests/cdo/run.sh can compare a run without profshim with one through it:
// every line but what Logon received must be the same.
//
//   cdo_client.exe [PROFILEINFO]   PROFILEINFO with \n for LF (default: the KB Q271913 DN)

#include <windows.h>
#include <ole2.h>
#include <oleauto.h>

#include <cstdio>
#include <string>

namespace {

std::wstring escaped(const wchar_t* s, UINT n) {
    std::wstring out;
    for (UINT i = 0; i < n; ++i) {
        out += s[i] == L'\n' ? std::wstring(L"\\n") : s[i] == L'\r' ? std::wstring(L"\\r") : std::wstring(1, s[i]);
    }
    return out;
}
std::wstring escaped(BSTR s) { return s != nullptr ? escaped(s, SysStringLen(s)) : L"<null>"; }

std::wstring unescaped(const wchar_t* s) {
    std::wstring out;
    for (; *s != L'\0'; ++s) {
        if (s[0] == L'\\' && s[1] == L'n') { out += L'\n'; ++s; }
        else if (s[0] == L'\\' && s[1] == L'r') { out += L'\r'; ++s; }
        else out += *s;
    }
    return out;
}

void line(const wchar_t* what, const std::wstring& text) { std::wprintf(L"%ls: %ls\n", what, text.c_str()); }
std::wstring hex(HRESULT hr) {
    wchar_t b[16];
    std::swprintf(b, 16, L"0x%08lX", static_cast<unsigned long>(hr));
    return b;
}

DISPID id_of(IDispatch* d, const wchar_t* name) {
    LPOLESTR names[1] = {const_cast<LPOLESTR>(name)};
    DISPID id = DISPID_UNKNOWN;
    d->GetIDsOfNames(IID_NULL, names, 1, LOCALE_USER_DEFAULT, &id);
    return id;
}

// A call's HRESULT, its EXCEPINFO when it raised, and its result as a string.
std::wstring call(IDispatch* d, DISPID id, WORD flags, DISPPARAMS* params, VARIANT* result = nullptr) {
    EXCEPINFO excep{};
    UINT arg_err = 0;
    VARIANT ignored;
    VariantInit(&ignored);
    const HRESULT hr = d->Invoke(id, IID_NULL, LOCALE_USER_DEFAULT, flags, params,
                                 result != nullptr ? result : &ignored, &excep, &arg_err);
    VariantClear(&ignored);
    std::wstring out = L"hr=" + hex(hr);
    if (hr == DISP_E_EXCEPTION) {
        out += L" scode=" + hex(excep.scode) + L" source=" + escaped(excep.bstrSource) + L" description=" +
               escaped(excep.bstrDescription);
    }
    SysFreeString(excep.bstrSource);
    SysFreeString(excep.bstrDescription);
    SysFreeString(excep.bstrHelpFile);
    return out;
}

std::wstring get_string(IDispatch* d, const wchar_t* name) {
    DISPPARAMS none{};
    VARIANT v;
    VariantInit(&v);
    std::wstring out = call(d, id_of(d, name), DISPATCH_PROPERTYGET, &none, &v);
    if (V_VT(&v) == VT_BSTR) out += L" value=" + escaped(V_BSTR(&v));
    else out += L" vt=" + std::to_wstring(V_VT(&v));
    VariantClear(&v);
    return out;
}

} // namespace

int wmain(int argc, wchar_t** argv) {
    const std::wstring info = argc > 1 ? unescaped(argv[1]) : L"EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
    if (FAILED(CoInitialize(nullptr))) return 1;
    CLSID clsid{};
    HRESULT hr = CLSIDFromProgID(L"MAPI.Session", &clsid);
    IDispatch* session = nullptr;
    if (SUCCEEDED(hr)) {
        hr = CoCreateInstance(clsid, nullptr, CLSCTX_INPROC_SERVER, IID_IDispatch, reinterpret_cast<void**>(&session));
    }
    line(L"create", hex(hr));
    if (FAILED(hr)) return 1;

    // Logon ProfileName:="", ShowDialog:=False, NewSession:=True, ProfileInfo:=info, the
    // last one a BSTR by reference, all by name.
    LPOLESTR names[4] = {const_cast<LPOLESTR>(L"Logon"), const_cast<LPOLESTR>(L"ProfileInfo"),
                         const_cast<LPOLESTR>(L"ShowDialog"), const_cast<LPOLESTR>(L"NewSession")};
    DISPID ids[4] = {};
    const HRESULT found = session->GetIDsOfNames(IID_NULL, names, 4, LOCALE_USER_DEFAULT, ids);
    line(L"GetIDsOfNames Logon, ProfileInfo, ShowDialog, NewSession", hex(found) + L" ids=" +
             std::to_wstring(ids[1]) + L"," + std::to_wstring(ids[2]) + L"," + std::to_wstring(ids[3]));
    BSTR caller = SysAllocStringLen(info.data(), static_cast<UINT>(info.size()));
    BSTR caller_copy = SysAllocStringLen(caller, SysStringLen(caller));
    BSTR caller_seen = caller;
    VARIANT args[3];
    VariantInit(&args[0]);
    V_VT(&args[0]) = VT_BYREF | VT_BSTR;
    V_BSTRREF(&args[0]) = &caller;
    VariantInit(&args[1]);
    V_VT(&args[1]) = VT_BOOL;
    V_BOOL(&args[1]) = VARIANT_FALSE;
    VariantInit(&args[2]);
    V_VT(&args[2]) = VT_BOOL;
    V_BOOL(&args[2]) = VARIANT_TRUE;
    DISPID named[3] = {ids[1], ids[2], ids[3]};
    DISPPARAMS logon{args, named, 3, 3};
    line(L"Logon", call(session, ids[0], DISPATCH_METHOD, &logon));
    const bool unchanged = caller == caller_seen && V_VT(&args[0]) == (VT_BYREF | VT_BSTR) &&
                           V_BSTRREF(&args[0]) == &caller && SysStringLen(caller) == SysStringLen(caller_copy) &&
                           std::wmemcmp(caller, caller_copy, SysStringLen(caller)) == 0;
    line(L"caller's ProfileInfo after Logon", unchanged ? L"unchanged" : L"CHANGED");
    line(L"received ProfileInfo", get_string(session, L"ProfileInfo"));
    line(L"received arguments", get_string(session, L"LogonArgs"));

    // The other forms the interceptor knows: "received <form>: " what Logon got each time.
    const auto bstr_arg = [&](VARIANT& v) {
        VariantInit(&v);
        V_VT(&v) = VT_BSTR;
        V_BSTR(&v) = SysAllocStringLen(info.data(), static_cast<UINT>(info.size()));
    };
    const auto logon_form = [&](const wchar_t* form, DISPPARAMS& params) {
        const std::wstring hr = call(session, ids[0], DISPATCH_METHOD, &params);
        line((std::wstring(L"received (") + form + L")").c_str(), hr + L" " + get_string(session, L"ProfileInfo"));
    };
    {
        VARIANT by_value;
        bstr_arg(by_value);
        DISPID profile_info = ids[1];
        DISPPARAMS p{&by_value, &profile_info, 1, 1};
        logon_form(L"by name, a BSTR", p);
        VariantClear(&by_value);
    }
    {
        VARIANT held;
        bstr_arg(held);
        VARIANT ref;
        VariantInit(&ref);
        V_VT(&ref) = VT_BYREF | VT_VARIANT;
        V_VARIANTREF(&ref) = &held;
        DISPID profile_info = ids[1];
        DISPPARAMS p{&ref, &profile_info, 1, 1};
        logon_form(L"by name, a VARIANT by reference", p);
        VariantClear(&held);
    }
    {
        // Seven by position, last to first: ProfileInfo is rgvarg[0].
        VARIANT seven[7];
        bstr_arg(seven[0]);
        for (int i = 1; i < 7; ++i) {
            VariantInit(&seven[i]);
            V_VT(&seven[i]) = VT_ERROR;
            V_ERROR(&seven[i]) = DISP_E_PARAMNOTFOUND;
        }
        DISPPARAMS p{seven, nullptr, 7, 0};
        logon_form(L"7th by position, a BSTR", p);
        VariantClear(&seven[0]);
    }
    {
        // ProfileName by position, ProfileInfo by name: rgvarg[0] is the named one.
        VARIANT two[2];
        bstr_arg(two[0]);
        VariantInit(&two[1]);
        V_VT(&two[1]) = VT_BSTR;
        V_BSTR(&two[1]) = SysAllocString(L"");
        DISPID profile_info = ids[1];
        DISPPARAMS p{two, &profile_info, 2, 1};
        logon_form(L"one by position, ProfileInfo by name", p);
        VariantClear(&two[0]);
        VariantClear(&two[1]);
    }

    // The other members: a property read and written, an object, an error.
    line(L"Name", get_string(session, L"Name"));
    VARIANT name;
    VariantInit(&name);
    V_VT(&name) = VT_BSTR;
    V_BSTR(&name) = SysAllocString(L"renamed");
    DISPID put = DISPID_PROPERTYPUT;
    DISPPARAMS put_params{&name, &put, 1, 1};
    line(L"Name = renamed", call(session, id_of(session, L"Name"), DISPATCH_PROPERTYPUT, &put_params));
    VariantClear(&name);
    line(L"Name", get_string(session, L"Name"));
    VARIANT folder_name;
    VariantInit(&folder_name);
    V_VT(&folder_name) = VT_BSTR;
    V_BSTR(&folder_name) = SysAllocString(L"Inbox");
    DISPPARAMS folder_params{&folder_name, nullptr, 1, 0};
    VARIANT folder;
    VariantInit(&folder);
    line(L"GetFolder Inbox", call(session, id_of(session, L"GetFolder"), DISPATCH_METHOD, &folder_params, &folder));
    VariantClear(&folder_name);
    if (V_VT(&folder) == VT_DISPATCH && V_DISPATCH(&folder) != nullptr) {
        line(L"folder Name", get_string(V_DISPATCH(&folder), L"Name"));
    }
    VariantClear(&folder);
    DISPPARAMS none{};
    line(L"Fail", call(session, id_of(session, L"Fail"), DISPATCH_METHOD, &none));
    line(L"NoSuchMember", std::to_wstring(id_of(session, L"NoSuchMember")));
    // A Logon that the session refuses: its error reaches the caller as the session raised it.
    VARIANT refused;
    VariantInit(&refused);
    V_VT(&refused) = VT_BSTR;
    V_BSTR(&refused) = SysAllocString(L"fail-logon");
    DISPPARAMS refused_params{&refused, nullptr, 1, 0};
    line(L"Logon fail-logon", call(session, ids[0], DISPATCH_METHOD, &refused_params));
    VariantClear(&refused);

    SysFreeString(caller);
    SysFreeString(caller_copy);
    session->Release();
    CoUninitialize();
    return 0;
}
