// IUnknown, ISupportErrorInfo and IDispatch for the objects' dual interfaces, in the manner
// of Wine's scrrun (dlls/scrrun/dictionary.c): GetIDsOfNames and Invoke hand over to the
// type library's ITypeInfo, which finds the member, checks the argument count, coerces
// each argument to the type profshim.idl declares (a Variant held by reference, a number
// for a string, an omitted optional argument), calls the vtable method, and turns a failed
// HRESULT into DISP_E_EXCEPTION with EXCEPINFO filled from the IErrorInfo the method set.
// So VBScript's Err.Number is the profshim status and Err.Description the object's text for
// it (com_texts.hpp). Before that, a Null or Empty where a member takes a String or a number
// is refused with a text that names the member and the argument (Derived::refused).
#pragma once

#include "com_module.hpp"
#include "com_texts.hpp"

#include "profshim.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <type_traits>

namespace profshim::com {

// An owned BSTR.
class Bstr {
public:
    Bstr() noexcept = default;
    explicit Bstr(BSTR owned) noexcept : value_(owned) {}
    Bstr(const Bstr&) = delete;
    Bstr& operator=(const Bstr&) = delete;
    ~Bstr() { SysFreeString(value_); }
    BSTR get() const noexcept { return value_; }
    BSTR release() noexcept { BSTR v = value_; value_ = nullptr; return v; }

private:
    BSTR value_ = nullptr;
};

// A BSTR argument as the UTF-16 units and length the _w functions take. A NULL BSTR is the
// empty string, as everywhere in Automation; anything longer than the library takes is
// PSH_E_TOO_LONG there, and is read no further.
inline const psh_wchar* units(BSTR s) noexcept {
    static const psh_wchar empty[1] = {0};
    return s != nullptr ? reinterpret_cast<const psh_wchar*>(s) : empty;
}
inline int32_t length(BSTR s) noexcept {
    const UINT n = s != nullptr ? SysStringLen(s) : 0;
    return n > PSH_MAX_INPUT ? PSH_MAX_INPUT + 1 : static_cast<int32_t>(n);
}

inline BSTR make_bstr(const psh_wchar* text, int32_t count) noexcept {
    return SysAllocStringLen(reinterpret_cast<const OLECHAR*>(text), static_cast<UINT>(count));
}

// Hands a new BSTR to an [out, retval] parameter: E_OUTOFMEMORY if it could not be made.
inline HRESULT give_string(BSTR* out, BSTR value) noexcept {
    *out = value;
    return value != nullptr ? S_OK : E_OUTOFMEMORY;
}

// A method starts here: error info a previous call left on this thread must not be taken
// for this call's (ITypeInfo::Invoke reads it when a method fails).
inline void clear_error_info() noexcept { SetErrorInfo(0, nullptr); }

// The thread's IErrorInfo (what Err.Description, EXCEPINFO and a regsvr32 caller read):
// the interface, the source and the description. Nothing when COM cannot make one.
inline void set_error_info(REFGUID iid, const wchar_t* source, const wchar_t* description) noexcept {
    ICreateErrorInfo* create = nullptr;
    if (FAILED(CreateErrorInfo(&create))) return;
    create->SetGUID(iid);
    create->SetSource(const_cast<LPOLESTR>(source));
    create->SetDescription(const_cast<LPOLESTR>(description));
    IErrorInfo* info = nullptr;
    if (SUCCEEDED(create->QueryInterface(IID_IErrorInfo, reinterpret_cast<void**>(&info)))) {
        SetErrorInfo(0, info);
        info->Release();
    }
    create->Release();
}

// A failed call, the Automation way: an IErrorInfo whose description is `text` (com_texts.hpp,
// owned from here on) and source "ProfShim.ProfileInfo", and the status itself as the HRESULT.
inline HRESULT raise(int32_t status, REFIID iid, BSTR text) noexcept {
    Bstr description(text);
    set_error_info(iid, kErrorSource, description.get());
    return status;
}

// The plumbing shared by the objects: `Interface` is the dual interface (IProfileInfo2,
// IProfileInfoReport) whose own methods Derived implements, and whose type information
// IDispatch goes through; `Bases` the interfaces it derives from (IProfileInfo), which
// QueryInterface answers with the same pointer, so a client of an older IID calls the
// first part of the same vtable.
template <class Derived, class Interface, class... Bases>
class DispatchObject : public Interface, public ISupportErrorInfo {
public:
    DispatchObject() noexcept { lock_module(); }
    DispatchObject(const DispatchObject&) = delete;
    DispatchObject& operator=(const DispatchObject&) = delete;
    virtual ~DispatchObject() { unlock_module(); }

    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** out) override {
        if (out == nullptr) return E_POINTER;
        if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IDispatch) || implements(riid)) {
            *out = static_cast<Interface*>(this);
        } else if (IsEqualIID(riid, IID_ISupportErrorInfo)) {
            *out = static_cast<ISupportErrorInfo*>(this);
        } else {
            *out = nullptr;
            return E_NOINTERFACE;
        }
        AddRef();
        return S_OK;
    }
    ULONG STDMETHODCALLTYPE AddRef() override {
        return refs_.fetch_add(1, std::memory_order_relaxed) + 1;
    }
    ULONG STDMETHODCALLTYPE Release() override {
        const ULONG left = refs_.fetch_sub(1, std::memory_order_acq_rel) - 1;
        if (left == 0) delete static_cast<Derived*>(this);
        return left;
    }

    HRESULT STDMETHODCALLTYPE GetTypeInfoCount(UINT* count) override {
        if (count == nullptr) return E_POINTER;
        *count = 1;
        return S_OK;
    }
    HRESULT STDMETHODCALLTYPE GetTypeInfo(UINT index, LCID, ITypeInfo** info) override {
        if (info == nullptr) return E_POINTER;
        *info = nullptr;
        if (index != 0) return DISP_E_BADINDEX;
        return type_info(__uuidof(Interface), info);
    }
    HRESULT STDMETHODCALLTYPE GetIDsOfNames(REFIID riid, LPOLESTR* names, UINT count, LCID,
                                            DISPID* ids) override {
        if (!IsEqualIID(riid, IID_NULL)) return DISP_E_UNKNOWNINTERFACE;
        if (count == 0) return S_OK;
        if (names == nullptr || ids == nullptr) return E_POINTER;
        for (UINT i = 0; i < count; ++i) {
            if (names[i] == nullptr) { // no name is no member (ITypeInfo would read it)
                for (UINT j = 0; j < count; ++j) ids[j] = DISPID_UNKNOWN;
                return DISP_E_UNKNOWNNAME;
            }
        }
        ITypeInfo* info = nullptr;
        if (HRESULT hr = type_info(__uuidof(Interface), &info); FAILED(hr)) return hr;
        const HRESULT hr = info->GetIDsOfNames(names, count, ids);
        info->Release();
        return hr;
    }
    HRESULT STDMETHODCALLTYPE Invoke(DISPID id, REFIID riid, LCID, WORD flags, DISPPARAMS* params,
                                     VARIANT* result, EXCEPINFO* excep, UINT* arg_err) override {
        if (!IsEqualIID(riid, IID_NULL)) return DISP_E_UNKNOWNINTERFACE;
        // A caller's mistakes that ITypeInfo::Invoke would read through.
        DISPPARAMS none{};
        if (params == nullptr) params = &none;
        if ((params->cArgs > 0 && params->rgvarg == nullptr) ||
            (params->cNamedArgs > 0 && params->rgdispidNamedArgs == nullptr) ||
            params->cNamedArgs > params->cArgs) {
            return E_INVALIDARG;
        }
        clear_error_info();
        if (HRESULT hr = refuse_null_or_empty(id, *params, excep); FAILED(hr)) return hr;
        ITypeInfo* info = nullptr;
        if (HRESULT hr = type_info(__uuidof(Interface), &info); FAILED(hr)) return hr;
        const HRESULT hr = info->Invoke(static_cast<Interface*>(this), id, flags, params, result,
                                        excep, arg_err);
        info->Release();
        return hr;
    }

    HRESULT STDMETHODCALLTYPE InterfaceSupportsErrorInfo(REFIID riid) override {
        return IsEqualIID(riid, IID_IDispatch) || implements(riid) ? S_OK : S_FALSE;
    }

private:
    static_assert((std::is_base_of_v<Bases, Interface> && ...), "Bases are what Interface derives from");
    static bool implements(REFIID riid) noexcept {
        return IsEqualIID(riid, __uuidof(Interface)) || (IsEqualIID(riid, __uuidof(Bases)) || ...);
    }

    // Derived::refused(id, position, type) names the member and the argument when the
    // argument at `position` (0 first) of member `id` may not be `type` (VT_NULL, VT_EMPTY),
    // else nullptr. ITypeInfo::Invoke would make a Null a bare "Type mismatch" and an Empty
    // an empty String; both come from a script's mistake, which the text then names.
    static HRESULT refuse_null_or_empty(DISPID id, const DISPPARAMS& params, EXCEPINFO* excep) noexcept {
        for (UINT i = 0; i < params.cArgs; ++i) {
            const VARIANT* arg = &params.rgvarg[i];
            if (V_VT(arg) == (VT_BYREF | VT_VARIANT) && V_VARIANTREF(arg) != nullptr) arg = V_VARIANTREF(arg);
            const VARTYPE type = V_VT(arg);
            if (type != VT_NULL && type != VT_EMPTY) continue;
            // Named arguments come first in rgvarg; the positional ones follow, last first.
            const UINT position = i < params.cNamedArgs ? static_cast<UINT>(params.rgdispidNamedArgs[i])
                                                        : params.cArgs - 1 - i;
            const std::wstring_view* refused = Derived::refused(id, position, type);
            if (refused == nullptr) continue;
            BSTR text = argument_text(refused[0], refused[1], type);
            if (excep == nullptr) {
                SysFreeString(text);
                return DISP_E_TYPEMISMATCH;
            }
            *excep = EXCEPINFO{};
            excep->bstrSource = SysAllocString(kErrorSource);
            excep->bstrDescription = text;
            excep->scode = kArgumentError;
            return DISP_E_EXCEPTION;
        }
        return S_OK;
    }

    std::atomic<ULONG> refs_{1};
};

} // namespace profshim::com
