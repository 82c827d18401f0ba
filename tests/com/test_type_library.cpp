// The type library: embedded in the DLL, registered with it, and what late-bound callers go
// through. IDispatch is the type library's ITypeInfo (GetIDsOfNames, Invoke): names, the
// optional flags, argument coercion and its errors, EXCEPINFO from the status, stale error
// info cleared on entry, the report's default property.
#include "com_support.hpp"

namespace psh_com {
namespace {

TEST(TypeLibrary, EmbeddedAsTypelibResourceOne) {
    Ref<ITypeLib> lib;
    ASSERT_EQ(LoadTypeLibEx(dll_path().c_str(), REGKIND_NONE, lib.put()), S_OK);
    TLIBATTR* attr = nullptr;
    ASSERT_EQ(lib->GetLibAttr(&attr), S_OK);
    EXPECT_TRUE(IsEqualGUID(attr->guid, LIBID_ProfShim));
    EXPECT_EQ(attr->wMajorVerNum, 1);
    EXPECT_EQ(attr->wMinorVerNum, 0);
    EXPECT_EQ(attr->syskind, sizeof(void*) == 8 ? SYS_WIN64 : SYS_WIN32);
    lib->ReleaseTLibAttr(attr);
    Bstr name, doc;
    ASSERT_EQ(lib->GetDocumentation(-1, name.put(), doc.put(), nullptr, nullptr), S_OK);
    EXPECT_EQ(name.str(), L"ProfShim");
    EXPECT_EQ(doc.str().rfind(L"profshim", 0), 0u) << narrow(doc.str());

    Ref<ITypeInfo> coclass;
    ASSERT_EQ(lib->GetTypeInfoOfGuid(CLSID_ProfileInfo, coclass.put()), S_OK);
    TYPEATTR* type = nullptr;
    ASSERT_EQ(coclass->GetTypeAttr(&type), S_OK);
    EXPECT_EQ(type->typekind, TKIND_COCLASS);
    coclass->ReleaseTypeAttr(type);
    for (const IID* iid : {&IID_IProfileInfo, &IID_IProfileInfo2, &IID_IProfileInfoReport}) {
        Ref<ITypeInfo> info;
        ASSERT_EQ(lib->GetTypeInfoOfGuid(*iid, info.put()), S_OK);
        ASSERT_EQ(info->GetTypeAttr(&type), S_OK);
        EXPECT_EQ(type->typekind, TKIND_DISPATCH);
        EXPECT_TRUE(type->wTypeFlags & TYPEFLAG_FDUAL);
        info->ReleaseTypeAttr(type);
    }
}

TEST(TypeLibrary, RewriteHasOptionalFlagsAndHelpStrings) {
    Ref<ITypeLib> lib;
    ASSERT_EQ(LoadTypeLibEx(dll_path().c_str(), REGKIND_NONE, lib.put()), S_OK);
    Ref<ITypeInfo> dispinfo, info;
    ASSERT_EQ(lib->GetTypeInfoOfGuid(IID_IProfileInfo, dispinfo.put()), S_OK);
    // The dual interface's vtable side, where the parameters are described.
    HREFTYPE vtable = 0;
    ASSERT_EQ(dispinfo->GetRefTypeOfImplType(-1, &vtable), S_OK);
    ASSERT_EQ(dispinfo->GetRefTypeInfo(vtable, info.put()), S_OK);
    TYPEATTR* type = nullptr;
    ASSERT_EQ(info->GetTypeAttr(&type), S_OK);
    const UINT functions = type->cFuncs;
    info->ReleaseTypeAttr(type);
    bool found = false;
    for (UINT i = 0; i < functions; ++i) {
        FUNCDESC* f = nullptr;
        ASSERT_EQ(info->GetFuncDesc(i, &f), S_OK);
        Bstr name, doc;
        info->GetDocumentation(f->memid, name.put(), doc.put(), nullptr, nullptr);
        EXPECT_GT(SysStringLen(doc.get()), 0u) << narrow(name.str()) << " has a help string";
        if (name.str() == L"Check" || name.str() == L"CheckReport" || name.str() == L"Rewrite" ||
            name.str() == L"ProfileName" || name.str() == L"Resolve") {
            EXPECT_NE(doc.str().find(L"info Null or Empty raises error 13"), std::wstring::npos)
                << narrow(name.str()) << "'s help string says what a Null or Empty gets";
        }
        if (name.str() == L"Rewrite") {
            found = true;
            ASSERT_EQ(f->cParams, 3);  // info, flags, the [retval]
            const USHORT flags = f->lprgelemdescParam[1].paramdesc.wParamFlags;
            EXPECT_TRUE(flags & PARAMFLAG_FOPT);
            EXPECT_TRUE(flags & PARAMFLAG_FHASDEFAULT);
            EXPECT_EQ(f->lprgelemdescParam[1].tdesc.vt, VT_I4);
        }
        info->ReleaseFuncDesc(f);
    }
    EXPECT_TRUE(found);
}

// The vtable side of a dual interface's type information.
Ref<ITypeInfo> vtable_of(ITypeLib* lib, REFIID iid) {
    Ref<ITypeInfo> dispinfo, info;
    HREFTYPE vtable = 0;
    if (lib->GetTypeInfoOfGuid(iid, dispinfo.put()) != S_OK || dispinfo->GetRefTypeOfImplType(-1, &vtable) != S_OK ||
        dispinfo->GetRefTypeInfo(vtable, info.put()) != S_OK) {
        ADD_FAILURE() << "no vtable type information";
    }
    return info;
}

// {name, DISPID, vtable slot} of an interface's own functions, in order.
struct Slot {
    std::wstring name;
    MEMBERID id;
    SHORT slot;
    bool operator==(const Slot& o) const { return name == o.name && id == o.id && slot == o.slot; }
};
std::vector<Slot> own_functions(ITypeInfo* info) {
    std::vector<Slot> out;
    TYPEATTR* type = nullptr;
    if (info->GetTypeAttr(&type) != S_OK) return out;
    const UINT functions = type->cFuncs;
    info->ReleaseTypeAttr(type);
    for (UINT i = 0; i < functions; ++i) {
        FUNCDESC* f = nullptr;
        if (info->GetFuncDesc(i, &f) != S_OK) continue;
        Bstr name;
        info->GetDocumentation(f->memid, name.put(), nullptr, nullptr, nullptr);
        out.push_back({name.str(), f->memid, static_cast<SHORT>(f->oVft / static_cast<SHORT>(sizeof(void*)))});
        info->ReleaseFuncDesc(f);
    }
    return out;
}

// IProfileInfo is 1.1's interface for ever (commit dc1dd35's profshim.idl): its six members,
// their DISPIDs and vtable slots after IDispatch's seven. Resolve is IProfileInfo2's own,
// in the slot after them; the coclass's default interface is IProfileInfo2, and it lists
// IProfileInfo too.
TEST(TypeLibrary, IProfileInfoIsThe11InterfaceAndIProfileInfo2AddsResolve) {
    Ref<ITypeLib> lib;
    ASSERT_EQ(LoadTypeLibEx(dll_path().c_str(), REGKIND_NONE, lib.put()), S_OK);
    Ref<ITypeInfo> one = vtable_of(lib.get(), IID_IProfileInfo), two = vtable_of(lib.get(), IID_IProfileInfo2);
    ASSERT_TRUE(one && two);
    const std::vector<Slot> v11 = {{L"Check", 1, 7},       {L"CheckReport", 2, 8}, {L"Rewrite", 3, 9},
                                   {L"ProfileName", 4, 10}, {L"Describe", 5, 11},   {L"Version", 6, 12}};
    EXPECT_TRUE(own_functions(one.get()) == v11) << "IProfileInfo is not 1.1's";
    const std::vector<Slot> v12 = {{L"Resolve", 7, 13}};
    EXPECT_TRUE(own_functions(two.get()) == v12) << "IProfileInfo2 holds Resolve alone";
    Bstr doc;
    ASSERT_EQ(two->GetDocumentation(7, nullptr, doc.put(), nullptr, nullptr), S_OK);
    EXPECT_NE(doc.str().find(L"info Null or Empty raises error 13"), std::wstring::npos) << narrow(doc.str());
    // IProfileInfo2 derives from IProfileInfo.
    HREFTYPE base = 0;
    Ref<ITypeInfo> base_info;
    ASSERT_EQ(two->GetRefTypeOfImplType(0, &base), S_OK);
    ASSERT_EQ(two->GetRefTypeInfo(base, base_info.put()), S_OK);
    TYPEATTR* type = nullptr;
    ASSERT_EQ(base_info->GetTypeAttr(&type), S_OK);
    EXPECT_TRUE(IsEqualGUID(type->guid, IID_IProfileInfo));
    base_info->ReleaseTypeAttr(type);

    Ref<ITypeInfo> coclass;
    ASSERT_EQ(lib->GetTypeInfoOfGuid(CLSID_ProfileInfo, coclass.put()), S_OK);
    ASSERT_EQ(coclass->GetTypeAttr(&type), S_OK);
    ASSERT_EQ(type->cImplTypes, 2);
    coclass->ReleaseTypeAttr(type);
    bool default_is_two = false, lists_one = false;
    for (UINT i = 0; i < 2; ++i) {
        INT flags = 0;
        HREFTYPE ref = 0;
        Ref<ITypeInfo> implemented;
        ASSERT_EQ(coclass->GetImplTypeFlags(i, &flags), S_OK);
        ASSERT_EQ(coclass->GetRefTypeOfImplType(i, &ref), S_OK);
        ASSERT_EQ(coclass->GetRefTypeInfo(ref, implemented.put()), S_OK);
        ASSERT_EQ(implemented->GetTypeAttr(&type), S_OK);
        if (IsEqualGUID(type->guid, IID_IProfileInfo2)) default_is_two = (flags & IMPLTYPEFLAG_FDEFAULT) != 0;
        if (IsEqualGUID(type->guid, IID_IProfileInfo)) lists_one = (flags & IMPLTYPEFLAG_FDEFAULT) == 0;
        implemented->ReleaseTypeAttr(type);
    }
    EXPECT_TRUE(default_is_two) << "the default interface is IProfileInfo2";
    EXPECT_TRUE(lists_one) << "the coclass lists IProfileInfo, not as its default";
}

TEST(TypeLibrary, RegisteredWithTheObject) {
    Ref<ITypeLib> lib;
    ASSERT_EQ(LoadRegTypeLib(LIBID_ProfShim, 1, 0, LOCALE_NEUTRAL, lib.put()), S_OK);
    Bstr path;
    ASSERT_EQ(QueryPathOfRegTypeLib(LIBID_ProfShim, 1, 0, LOCALE_NEUTRAL, path.put()), S_OK);
    EXPECT_EQ(CompareStringOrdinal(path.get(), -1, dll_path().c_str(), -1, TRUE), CSTR_EQUAL)
        << narrow(path.str()) << " vs " << narrow(dll_path());
}

TEST(LateBound, TypeInfoOfTheObject) {
    Ref<IDispatch> d = make_dispatch();
    ASSERT_TRUE(d);
    UINT count = 9;
    EXPECT_EQ(d->GetTypeInfoCount(&count), S_OK);
    EXPECT_EQ(count, 1u);
    Ref<ITypeInfo> info;
    ASSERT_EQ(d->GetTypeInfo(0, LOCALE_USER_DEFAULT, info.put()), S_OK);
    Bstr name;
    ASSERT_EQ(info->GetDocumentation(MEMBERID_NIL, name.put(), nullptr, nullptr, nullptr), S_OK);
    EXPECT_EQ(name.str(), L"IProfileInfo2");
    EXPECT_EQ(d->GetTypeInfo(1, LOCALE_USER_DEFAULT, info.put()), DISP_E_BADINDEX);
    EXPECT_FALSE(info);
}

TEST(LateBound, Names) {
    Ref<IDispatch> d = make_dispatch();
    ASSERT_TRUE(d);
    for (const wchar_t* name : {L"Check", L"CHECKREPORT", L"rewrite", L"ProfileName", L"describe", L"Version"}) {
        EXPECT_NE(id_of(d.get(), name), DISPID_UNKNOWN) << narrow(name);
    }
    LPOLESTR names[2] = {const_cast<LPOLESTR>(L"Logon"), nullptr};
    DISPID ids[2] = {0, 0};
    EXPECT_EQ(d->GetIDsOfNames(IID_NULL, names, 1, 0, ids), DISP_E_UNKNOWNNAME);
    EXPECT_EQ(ids[0], DISPID_UNKNOWN);
    names[0] = nullptr;
    EXPECT_EQ(d->GetIDsOfNames(IID_NULL, names, 1, 0, ids), DISP_E_UNKNOWNNAME) << "a NULL name";
    EXPECT_EQ(d->GetIDsOfNames(IID_NULL, nullptr, 1, 0, ids), E_POINTER);
    names[0] = const_cast<LPOLESTR>(L"Check");
    EXPECT_EQ(d->GetIDsOfNames(IID_IDispatch, names, 1, 0, ids), DISP_E_UNKNOWNINTERFACE);
    // A parameter's name, for a named argument: Rewrite(info, flags:=1).
    names[0] = const_cast<LPOLESTR>(L"Rewrite");
    names[1] = const_cast<LPOLESTR>(L"flags");
    EXPECT_EQ(d->GetIDsOfNames(IID_NULL, names, 2, 0, ids), S_OK);
    EXPECT_EQ(ids[1], 1);
}

TEST(LateBound, CallsAndArgumentCoercion) {
    Ref<IDispatch> d = make_dispatch();
    ASSERT_TRUE(d);
    Bstr dn(kDn), alias(kAlias), zero(L"0"), word(L"not a number");
    Excep e;
    {
        Variant r;
        EXPECT_EQ(invoke(d.get(), L"Rewrite", {bstr_arg(dn.get())}, &r.v, &e.e), S_OK) << "flags omitted";
        ASSERT_EQ(V_VT(&r.v), VT_BSTR);
        EXPECT_EQ(std::wstring(V_BSTR(&r.v)), kAlias);
    }
    {
        Variant r;
        EXPECT_EQ(invoke(d.get(), L"Rewrite", {bstr_arg(dn.get()), bstr_arg(zero.get())}, &r.v, &e.e), S_OK)
            << "flags as a string";
    }
    {
        Variant r;
        EXPECT_EQ(invoke(d.get(), L"Rewrite", {bstr_arg(dn.get()), long_arg(PSH_REWRITE_EXACT)}, &r.v, &e.e), S_OK);
        ASSERT_EQ(V_VT(&r.v), VT_BSTR);
        EXPECT_EQ(std::wstring(V_BSTR(&r.v)), L"EXCH01\n=jdoe") << "Rewrite(info, 2): the exact-match form";
    }
    {
        Variant r;
        VARIANT by_ref_target = long_arg(0);
        VARIANT by_ref;
        VariantInit(&by_ref);
        V_VT(&by_ref) = VT_BYREF | VT_VARIANT;
        V_VARIANTREF(&by_ref) = &by_ref_target;
        EXPECT_EQ(invoke(d.get(), L"Rewrite", {bstr_arg(dn.get()), by_ref}, &r.v, &e.e), S_OK)
            << "flags in a script's variable, by reference";
    }
    {
        Variant r;
        EXPECT_EQ(invoke(d.get(), L"Check", {long_arg(12345)}, &r.v, &e.e), S_OK) << "a number checked as its text";
        EXPECT_EQ(V_VT(&r.v), VT_I4);
        EXPECT_EQ(V_I4(&r.v), PSH_E_NO_SEPARATOR);
    }
    {
        Variant r;
        EXPECT_EQ(invoke(d.get(), L"Describe", {double_arg(2147746313.0)}, &r.v, &e.e), S_OK)
            << "a status as a Double (&H80040209 written unsigned)";
        ASSERT_EQ(V_VT(&r.v), VT_BSTR);
        EXPECT_EQ(std::wstring(V_BSTR(&r.v)), describe(PSH_E_UNSAFE_CHAR));
    }
    {
        Variant r;
        EXPECT_EQ(invoke(d.get(), L"Version", {}, &r.v, &e.e, DISPATCH_PROPERTYGET), S_OK);
        EXPECT_EQ(V_VT(&r.v), VT_I4);
        EXPECT_EQ(V_I4(&r.v), PSH_VERSION_NUMBER);
    }
    {
        Variant r;
        VARIANT null_arg;
        VariantInit(&null_arg);
        V_VT(&null_arg) = VT_NULL;
        // (Which argument, puArgErr, is ITypeInfo::Invoke's to say: Wine 8's leaves it.)
        // A Null is refused naming the member and the argument, as Err.Number 13.
        EXPECT_EQ(invoke(d.get(), L"Check", {null_arg}, &r.v, &e.e), DISP_E_EXCEPTION);
        EXPECT_EQ(e.e.scode, MAKE_HRESULT(SEVERITY_ERROR, FACILITY_CONTROL, 13)) << hex(e.e.scode);
        EXPECT_EQ(e.description().rfind(L"ProfShim.ProfileInfo.Check: info is Null", 0), 0u) << narrow(e.description());
        EXPECT_EQ(e.source(), L"ProfShim.ProfileInfo");
        Excep empty_e;
        VARIANT empty_arg;
        VariantInit(&empty_arg);
        EXPECT_EQ(invoke(d.get(), L"Rewrite", {empty_arg}, &r.v, &empty_e.e), DISP_E_EXCEPTION);
        EXPECT_EQ(empty_e.description().rfind(L"ProfShim.ProfileInfo.Rewrite: info is Empty", 0), 0u)
            << narrow(empty_e.description());
        EXPECT_EQ(invoke(d.get(), L"Check", {null_arg}, &r.v, nullptr), DISP_E_TYPEMISMATCH)
            << "no EXCEPINFO to fill: the bare HRESULT";
        EXPECT_EQ(invoke(d.get(), L"Check", {}, &r.v, &e.e), DISP_E_BADPARAMCOUNT);
        EXPECT_EQ(invoke(d.get(), L"Rewrite", {bstr_arg(dn.get()), long_arg(0), long_arg(0)}, &r.v, &e.e),
                  DISP_E_BADPARAMCOUNT);
        EXPECT_EQ(invoke(d.get(), L"Version", {long_arg(3)}, nullptr, &e.e, DISPATCH_PROPERTYPUT),
                  DISP_E_MEMBERNOTFOUND) << "nothing can be assigned";
    }
    {
        Variant r;
        DISPPARAMS broken{nullptr, nullptr, 1, 0};
        EXPECT_EQ(d->Invoke(id_of(d.get(), L"Check"), IID_NULL, 0, DISPATCH_METHOD, &broken, &r.v, nullptr, nullptr),
                  E_INVALIDARG) << "cArgs 1 with no arguments";
        EXPECT_EQ(d->Invoke(999, IID_NULL, 0, DISPATCH_METHOD, nullptr, &r.v, nullptr, nullptr), DISP_E_MEMBERNOTFOUND);
        EXPECT_EQ(d->Invoke(id_of(d.get(), L"Version"), IID_IDispatch, 0, DISPATCH_PROPERTYGET, nullptr, &r.v, nullptr, nullptr),
                  DISP_E_UNKNOWNINTERFACE);
    }
    {
        // A statement: no place for the result.
        EXPECT_EQ(invoke(d.get(), L"Rewrite", {bstr_arg(alias.get())}, nullptr, &e.e), S_OK);
    }
}

TEST(LateBound, FailureIsDispExceptionWithTheStatus) {
    Ref<IDispatch> d = make_dispatch();
    ASSERT_TRUE(d);
    Bstr dn(kDn);
    Excep e;
    Variant r;
    const HRESULT hr = invoke(d.get(), L"Rewrite", {bstr_arg(dn.get()), long_arg(PSH_REWRITE_KEEP_DN)}, &r.v, &e.e);
    EXPECT_EQ(hr, DISP_E_EXCEPTION) << hex(hr);
    EXPECT_EQ(e.e.scode, PSH_E_UNSAFE_CHAR) << "Err.Number is the status: " << hex(e.e.scode);
    EXPECT_NE(e.description().find(L"leave flag 1 out"), std::wstring::npos)
        << "Err.Description is said for this call: " << narrow(e.description());
    EXPECT_EQ(e.source(), L"ProfShim.ProfileInfo");
    // Nothing on failure: Empty, or an empty string (what Wine's ITypeInfo::Invoke leaves);
    // a script's assignment does not happen either way (tests/vbscript/errors.vbs).
    EXPECT_TRUE(V_VT(&r.v) == VT_EMPTY || (V_VT(&r.v) == VT_BSTR && SysStringLen(V_BSTR(&r.v)) == 0))
        << "VARTYPE " << V_VT(&r.v);
}

TEST(LateBound, StaleErrorInfoIsClearedOnEntry) {
    Ref<IDispatch> d = make_dispatch();
    ASSERT_TRUE(d);
    // Error info some earlier call on this thread left behind.
    Ref<ICreateErrorInfo> create;
    ASSERT_EQ(CreateErrorInfo(create.put()), S_OK);
    create->SetDescription(const_cast<LPOLESTR>(L"stale text"));
    create->SetSource(const_cast<LPOLESTR>(L"SomeOtherObject"));
    Ref<IErrorInfo> stale;
    ASSERT_EQ(create->QueryInterface(IID_IErrorInfo, stale.put_void()), S_OK);
    SetErrorInfo(0, stale.get());
    // Describe fails for a reason of its own, with no error info of its own.
    Bstr word(L"not a number");
    Excep e;
    Variant r;
    const HRESULT hr = invoke(d.get(), L"Describe", {bstr_arg(word.get())}, &r.v, &e.e);
    EXPECT_TRUE(FAILED(hr)) << hex(hr);
    EXPECT_NE(e.description(), L"stale text");
    EXPECT_NE(e.source(), L"SomeOtherObject");
}

TEST(LateBound, ReportDefaultPropertyIsStatus) {
    Ref<IDispatch> d = make_dispatch();
    ASSERT_TRUE(d);
    Bstr dn(kDn);
    Excep e;
    Variant r;
    ASSERT_EQ(invoke(d.get(), L"CheckReport", {bstr_arg(dn.get())}, &r.v, &e.e), S_OK);
    ASSERT_EQ(V_VT(&r.v), VT_DISPATCH);
    IDispatch* report = V_DISPATCH(&r.v);
    Variant value;
    DISPPARAMS none{nullptr, nullptr, 0, 0};
    EXPECT_EQ(report->Invoke(DISPID_VALUE, IID_NULL, 0, DISPATCH_PROPERTYGET, &none, &value.v, nullptr, nullptr), S_OK);
    EXPECT_EQ(V_VT(&value.v), VT_I4);
    EXPECT_EQ(V_I4(&value.v), PSH_E_UNSAFE_CHAR);
    Variant mailbox;
    EXPECT_EQ(invoke(report, L"Mailbox", {}, &mailbox.v, &e.e, DISPATCH_PROPERTYGET), S_OK);
    ASSERT_EQ(V_VT(&mailbox.v), VT_BSTR);
    EXPECT_EQ(std::wstring(V_BSTR(&mailbox.v)), kDn.substr(7));
}

} // namespace
} // namespace psh_com
