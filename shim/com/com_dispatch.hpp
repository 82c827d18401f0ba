// IDispatch by hand, for late-bound callers (VBScript, ASP, VB6 `As Object`, JScript):
// GetIDsOfNames looks names up in a small table, Invoke switches on the DISPID. No type
// library: GetTypeInfoCount says 0.
#pragma once

#include "com_module.hpp"

#include "profshim.h"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <span>

namespace profshim::com {

struct Member {
    const wchar_t* name;
    DISPID id;
};

// ASCII case-insensitive, as script names are.
inline bool same_name(const wchar_t* a, const wchar_t* b) noexcept {
    for (;; ++a, ++b) {
        wchar_t x = *a, y = *b;
        if (x >= L'A' && x <= L'Z') x = static_cast<wchar_t>(x - L'A' + L'a');
        if (y >= L'A' && y <= L'Z') y = static_cast<wchar_t>(y - L'A' + L'a');
        if (x != y) return false;
        if (x == 0) return true;
    }
}

inline HRESULT ids_of_names(std::span<const Member> table, REFIID riid, LPOLESTR* names,
                            UINT count, DISPID* ids) noexcept {
    if (!IsEqualIID(riid, IID_NULL)) return DISP_E_UNKNOWNINTERFACE;
    if (count == 0) return S_OK;
    if (names == nullptr || ids == nullptr) return E_POINTER;
    HRESULT result = S_OK;
    ids[0] = DISPID_UNKNOWN;
    if (names[0] != nullptr) {
        for (const Member& m : table) {
            if (same_name(names[0], m.name)) ids[0] = m.id;
        }
    }
    if (ids[0] == DISPID_UNKNOWN) result = DISP_E_UNKNOWNNAME;
    // No member takes named arguments.
    for (UINT i = 1; i < count; ++i) {
        ids[i] = DISPID_UNKNOWN;
        result = DISP_E_UNKNOWNNAME;
    }
    return result;
}

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
    void reset(BSTR owned) noexcept { SysFreeString(value_); value_ = owned; }
    // The string as the UTF-16 units and length the _w functions take. A NULL BSTR is
    // the empty string, as everywhere in Automation.
    const psh_wchar* units() const noexcept {
        static const psh_wchar empty[1] = {0};
        return value_ != nullptr ? reinterpret_cast<const psh_wchar*>(value_) : empty;
    }
    int32_t length() const noexcept {
        const UINT n = value_ != nullptr ? SysStringLen(value_) : 0;
        // Anything longer than the library takes is PSH_E_TOO_LONG there.
        return n > PSH_MAX_INPUT ? PSH_MAX_INPUT + 1 : static_cast<int32_t>(n);
    }

private:
    BSTR value_ = nullptr;
};

inline BSTR make_bstr(const psh_wchar* units, int32_t length) noexcept {
    return SysAllocStringLen(reinterpret_cast<const OLECHAR*>(units), static_cast<UINT>(length));
}

// Argument `index` (0 = the first the caller wrote) of `params`; DISPPARAMS holds them last
// first. VBScript passes variables by reference (VT_BYREF | VT_VARIANT): the coercions
// below look through that.
inline const VARIANT* argument(const DISPPARAMS* params, UINT index) noexcept {
    return &params->rgvarg[params->cArgs - 1 - index];
}

inline bool is_missing(const VARIANT* v) noexcept {
    const VARIANT* d = v;
    if (V_VT(d) == (VT_BYREF | VT_VARIANT) && V_VARIANTREF(d) != nullptr) d = V_VARIANTREF(d);
    return V_VT(d) == VT_ERROR && V_ERROR(d) == DISP_E_PARAMNOTFOUND;
}

// The argument as a string, converted as VBScript's CStr would (Empty is ""; Null, an
// object without a default value, an array are DISP_E_TYPEMISMATCH).
inline HRESULT string_argument(const DISPPARAMS* params, UINT index, Bstr& out, UINT* arg_err) noexcept {
    VARIANT v;
    VariantInit(&v);
    HRESULT hr = VariantChangeType(&v, const_cast<VARIANT*>(argument(params, index)), 0, VT_BSTR);
    if (FAILED(hr)) {
        if (arg_err != nullptr) *arg_err = params->cArgs - 1 - index;
        return hr == DISP_E_OVERFLOW ? hr : DISP_E_TYPEMISMATCH;
    }
    out.reset(V_BSTR(&v)); // ownership moves to out
    return S_OK;
}

// The argument as a 32-bit value. A Long passes as it is; a number written unsigned
// (2147746313 for &H80040209, which VBScript holds as a Double) keeps its 32 bits.
inline HRESULT int32_argument(const DISPPARAMS* params, UINT index, int32_t& out, UINT* arg_err) noexcept {
    VARIANT v;
    VariantInit(&v);
    VARIANT* src = const_cast<VARIANT*>(argument(params, index));
    HRESULT hr = VariantChangeType(&v, src, 0, VT_I4);
    if (SUCCEEDED(hr)) {
        out = V_I4(&v);
        return S_OK;
    }
    if (hr == DISP_E_OVERFLOW) {
        VariantInit(&v);
        if (SUCCEEDED(VariantChangeType(&v, src, 0, VT_R8))) {
            const double d = V_R8(&v);
            if (d >= 2147483648.0 && d <= 4294967295.0 && d == static_cast<double>(static_cast<uint32_t>(d))) {
                out = static_cast<int32_t>(static_cast<uint32_t>(d));
                return S_OK;
            }
        }
    }
    if (arg_err != nullptr) *arg_err = params->cArgs - 1 - index;
    return hr == DISP_E_OVERFLOW ? hr : DISP_E_TYPEMISMATCH;
}

// psh_describe_w's text for a status, as a new BSTR (NULL only when out of memory).
inline BSTR describe_bstr(int32_t status) noexcept {
    std::array<psh_wchar, 512> text{};
    int32_t n = 0;
    if (psh_describe_w(status, text.data(), static_cast<int32_t>(text.size()), &n) != PSH_OK) n = 0;
    return make_bstr(text.data(), n);
}

// A failed call, reported the Automation way: EXCEPINFO with scode = the profshim status
// (so VBScript's Err.Number is the status) and bstrDescription = psh_describe's text
// (Err.Description), and the same in an IErrorInfo for callers that ask for one
// (ISupportErrorInfo says yes for IDispatch). Returns DISP_E_EXCEPTION; without an
// EXCEPINFO to fill, the status itself, which is an HRESULT.
inline HRESULT raise(int32_t status, EXCEPINFO* excep) noexcept {
    Bstr description(describe_bstr(status));
    ICreateErrorInfo* create = nullptr;
    if (SUCCEEDED(CreateErrorInfo(&create))) {
        create->SetGUID(IID_IDispatch);
        create->SetSource(const_cast<LPOLESTR>(kErrorSource));
        create->SetDescription(description.get());
        IErrorInfo* info = nullptr;
        if (SUCCEEDED(create->QueryInterface(IID_IErrorInfo, reinterpret_cast<void**>(&info)))) {
            SetErrorInfo(0, info);
            info->Release();
        }
        create->Release();
    }
    if (excep == nullptr) return status;
    *excep = EXCEPINFO{};
    excep->scode = status;
    excep->bstrSource = SysAllocString(kErrorSource);
    excep->bstrDescription = description.release();
    return DISP_E_EXCEPTION;
}

// IUnknown and the IDispatch plumbing shared by the objects. Derived supplies
// `static constexpr std::array<Member, N> members` and
// `HRESULT call(DISPID, WORD flags, const DISPPARAMS&, VARIANT* result, EXCEPINFO*, UINT*)`.
template <class Derived>
class DispatchObject : public IDispatch, public ISupportErrorInfo {
public:
    DispatchObject() noexcept { lock_module(); }
    DispatchObject(const DispatchObject&) = delete;
    DispatchObject& operator=(const DispatchObject&) = delete;
    virtual ~DispatchObject() { unlock_module(); }

    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** out) override {
        if (out == nullptr) return E_POINTER;
        if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IDispatch)) {
            *out = static_cast<IDispatch*>(this);
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
        *count = 0;
        return S_OK;
    }
    HRESULT STDMETHODCALLTYPE GetTypeInfo(UINT, LCID, ITypeInfo** info) override {
        if (info == nullptr) return E_POINTER;
        *info = nullptr;
        return DISP_E_BADINDEX;
    }
    HRESULT STDMETHODCALLTYPE GetIDsOfNames(REFIID riid, LPOLESTR* names, UINT count, LCID,
                                            DISPID* ids) override {
        return ids_of_names(Derived::members, riid, names, count, ids);
    }
    HRESULT STDMETHODCALLTYPE Invoke(DISPID id, REFIID riid, LCID, WORD flags, DISPPARAMS* params,
                                     VARIANT* result, EXCEPINFO* excep, UINT* arg_err) override {
        if (!IsEqualIID(riid, IID_NULL)) return DISP_E_UNKNOWNINTERFACE;
        static const DISPPARAMS no_params{};
        const DISPPARAMS& p = params != nullptr ? *params : no_params;
        if (p.cArgs > 0 && p.rgvarg == nullptr) return E_INVALIDARG;
        if (p.cNamedArgs > 0) return DISP_E_NONAMEDARGS;
        // Every member is read-only: a method, or a property read.
        if ((flags & (DISPATCH_METHOD | DISPATCH_PROPERTYGET)) == 0) return DISP_E_MEMBERNOTFOUND;
        if (result != nullptr) VariantInit(result);
        try {
            return static_cast<Derived*>(this)->call(id, flags, p, result, excep, arg_err);
        } catch (...) {
            return E_UNEXPECTED; // nothing throws; never let anything out if it did
        }
    }

    HRESULT STDMETHODCALLTYPE InterfaceSupportsErrorInfo(REFIID riid) override {
        return IsEqualIID(riid, IID_IDispatch) ? S_OK : S_FALSE;
    }

private:
    std::atomic<ULONG> refs_{1};
};

} // namespace profshim::com
