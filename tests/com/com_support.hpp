// What the COM client tests share: profshim.dll loaded by path (the one ctest passes with
// --profshim-dll=), its exports, and small owners for BSTR, VARIANT and interface pointers.
// The interfaces and GUIDs are the ones widl made from shim/com/profshim.idl
// (profshim_idl.h): the tests call through the vtable as an early-bound C++ or VB6 client
// does, and through IDispatch as a script does.
#pragma once

#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601
#endif
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <ole2.h>
#include <oleauto.h>
#include <sddl.h>

#include "profshim_idl.h"
#include "profshim.h" // the statuses and flags, for their values only

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace psh_com {

using GetClassObjectFn = HRESULT(STDAPICALLTYPE*)(REFCLSID, REFIID, void**);
using CanUnloadNowFn = HRESULT(STDAPICALLTYPE*)();
using InstallFn = HRESULT(STDAPICALLTYPE*)(BOOL, LPCWSTR);

// profshim.dll, loaded once per process by com_main.cpp.
HMODULE dll();
const std::wstring& dll_path();  // as Windows sees it (Z:\...)
GetClassObjectFn get_class_object();
CanUnloadNowFn can_unload_now();
InstallFn dll_install();
std::wstring describe(int32_t status);  // the object's Describe(status): the script's words

// An owned interface pointer.
template <class T>
class Ref {
public:
    Ref() = default;
    explicit Ref(T* p) : p_(p) {}
    Ref(Ref&& other) noexcept : p_(other.release()) {}
    Ref(const Ref&) = delete;
    Ref& operator=(const Ref&) = delete;
    ~Ref() { reset(); }
    T* get() const { return p_; }
    T* operator->() const { return p_; }
    explicit operator bool() const { return p_ != nullptr; }
    T** put() { reset(); return &p_; }
    void** put_void() { return reinterpret_cast<void**>(put()); }
    void reset() { if (p_) p_->Release(); p_ = nullptr; }
    T* release() { T* p = p_; p_ = nullptr; return p; }

private:
    T* p_ = nullptr;
};

// An owned BSTR made from exactly these units (NULs and lone surrogates included).
class Bstr {
public:
    Bstr() = default;
    explicit Bstr(const std::wstring& s) : b_(SysAllocStringLen(s.data(), static_cast<UINT>(s.size()))) {}
    Bstr(const Bstr&) = delete;
    Bstr& operator=(const Bstr&) = delete;
    ~Bstr() { SysFreeString(b_); }
    BSTR get() const { return b_; }
    BSTR* put() { SysFreeString(b_); b_ = nullptr; return &b_; }
    std::wstring str() const { return b_ ? std::wstring(b_, SysStringLen(b_)) : std::wstring(L"<null>"); }

private:
    BSTR b_ = nullptr;
};

struct Variant {
    VARIANT v;
    Variant() { VariantInit(&v); }
    ~Variant() { VariantClear(&v); }
    Variant(const Variant&) = delete;
    Variant& operator=(const Variant&) = delete;
};

// Arguments as a script passes them: borrowed, not owned.
inline VARIANT bstr_arg(BSTR b) { VARIANT v; VariantInit(&v); V_VT(&v) = VT_BSTR; V_BSTR(&v) = b; return v; }
inline VARIANT long_arg(LONG x) { VARIANT v; VariantInit(&v); V_VT(&v) = VT_I4; V_I4(&v) = x; return v; }
inline VARIANT double_arg(double x) { VARIANT v; VariantInit(&v); V_VT(&v) = VT_R8; V_R8(&v) = x; return v; }

// The EXCEPINFO of a call, freed after.
struct Excep {
    EXCEPINFO e{};
    ~Excep() { SysFreeString(e.bstrSource); SysFreeString(e.bstrDescription); SysFreeString(e.bstrHelpFile); }
    std::wstring description() const { return e.bstrDescription ? e.bstrDescription : L"<none>"; }
    std::wstring source() const { return e.bstrSource ? e.bstrSource : L"<none>"; }
};

DISPID id_of(IDispatch* d, const wchar_t* name);

// Calls `name` through IDispatch with the arguments (first first), as a script host does.
HRESULT invoke(IDispatch* d, const wchar_t* name, std::vector<VARIANT> args, VARIANT* result,
               EXCEPINFO* excep, WORD flags = DISPATCH_METHOD | DISPATCH_PROPERTYGET);

// A new ProfileInfo object from the DLL's class factory (no registry involved).
Ref<IProfileInfo> make_object();
// The same object's IDispatch, as a script holds it.
Ref<IDispatch> make_dispatch();

// The KB Q271913 DN and its alias.
inline const std::wstring kDn = L"EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
inline const std::wstring kAlias = L"EXCH01\njdoe";

std::string narrow(const std::wstring& s);
std::string hex(long v);

} // namespace psh_com
