// The CdoSession object: what CDO's MAPI.Session is treated as after `cdo install`. It
// creates the real session from CDO's own DLL and forwards every IDispatch call to it;
// only Logon's ProfileInfo argument is replaced, in a copy of the arguments, by the
// corrected string (psh_rewrite_w, or with PSH_REWRITE_EXACT; in resolve mode the
// directory's answer, as ProfileInfo.Resolve gives it), as the machine's mode says.
// A ProfileInfo profshim cannot make safe, and any failure of our own, passes the call on
// as the caller made it: the shim never makes a working logon fail. What the real session
// returns (HRESULT, result, EXCEPINFO, argument error) reaches the caller unchanged.
//
// Logon is found by name through the real session's GetIDsOfNames, with its parameter
// ProfileInfo: a caller passes it 7th by position (DISPPARAMS holds positional arguments
// last to first, after the named ones) or by name (VB6/VBA's ProfileInfo:=, a named
// DISPID), as a BSTR, a BSTR by reference (VT_BYREF|VT_BSTR) or a VARIANT by reference
// holding a BSTR.

#include "cdo.hpp"

#include "com_dispatch.hpp"
#include "com_resolve.hpp"
#include "guarded.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cwchar>
#include <new>
#include <string>

namespace profshim::com::cdo {
namespace {

// More arguments than Logon's seven are the real session's to refuse: passed on as given.
constexpr UINT kMaxArgs = 16;
constexpr int kProfileInfoPosition = 6; // the 7th parameter, counted from 0

// CDO's DLL, loaded once and kept for the life of the process (as COM keeps an in-process
// server until CoFreeUnusedLibraries, which cannot know of this load).
HRESULT create_real_session(IDispatch** out) {
    *out = nullptr;
    Cdo cdo;
    if (HRESULT hr = find_cdo(system_registry(), cdo); FAILED(hr)) return hr;
    // The altered search path: CDO's own folder first for the DLLs it loads.
    HMODULE module = LoadLibraryExW(cdo.server.c_str(), nullptr, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (module == nullptr) return HRESULT_FROM_WIN32(GetLastError());
    if (module == module_handle()) return REGDB_E_CLASSNOTREG;
    using GetClassObject = HRESULT(STDAPICALLTYPE*)(REFCLSID, REFIID, void**);
    auto get_class_object = reinterpret_cast<GetClassObject>(
        reinterpret_cast<void*>(GetProcAddress(module, "DllGetClassObject")));
    if (get_class_object == nullptr) return CO_E_ERRORINDLL;
    IClassFactory* factory = nullptr;
    if (HRESULT hr = get_class_object(cdo.clsid, IID_IClassFactory, reinterpret_cast<void**>(&factory));
        FAILED(hr)) {
        return hr;
    }
    const HRESULT hr = factory->CreateInstance(nullptr, IID_IDispatch, reinterpret_cast<void**>(out));
    factory->Release();
    return hr;
}

// The string a ProfileInfo argument holds, or nullptr when it is not one of the three forms.
const BSTR* string_argument(const VARIANT& v) noexcept {
    if (V_VT(&v) == VT_BSTR) return &V_BSTR(&v);
    if (V_VT(&v) == (VT_BYREF | VT_BSTR)) return V_BSTRREF(&v);
    if (V_VT(&v) == (VT_BYREF | VT_VARIANT) && V_VARIANTREF(&v) != nullptr) {
        const VARIANT& inner = *V_VARIANTREF(&v);
        if (V_VT(&inner) == VT_BSTR) return &V_BSTR(&inner);
        if (V_VT(&inner) == (VT_BYREF | VT_BSTR)) return V_BSTRREF(&inner);
    }
    return nullptr;
}

// What psh_check_w finds in the ProfileInfo as given, and its form (DN, alias, ...).
psh_report check(const psh_wchar* info, int32_t count) noexcept {
    psh_report report{};
    report.size = sizeof report;
    psh_check_w(info, count, &report);
    return report;
}

// rewrite, exact, log-only: psh_rewrite_w's safe form, or nullptr (safe as it is, cannot be
// made safe, log-only).
BSTR rewritten(const Settings& settings, const psh_wchar* before, int32_t before_count) {
    const uint32_t flags = settings.mode == Mode::exact ? PSH_REWRITE_EXACT : 0;
    std::array<psh_wchar, PSH_MAX_INPUT + 1> after;
    int32_t after_count = 0;
    const int32_t status = psh_rewrite_w(before, before_count, flags, after.data(),
                                         static_cast<int32_t>(after.size()), &after_count);
    const psh_report found = check(before, before_count);
    if (status != PSH_OK) {
        log_line(settings.log, before, before_count, before, before_count,
                 why_not_rewritten(settings.mode, status, found.form));
        return nullptr;
    }
    if (after_count == before_count &&
        std::wmemcmp(reinterpret_cast<const wchar_t*>(before), reinterpret_cast<const wchar_t*>(after.data()),
                     static_cast<size_t>(before_count)) == 0) {
        return nullptr; // safe as it is
    }
    log_line(settings.log, before, before_count, after.data(), after_count,
             why_rewritten(settings.mode, found.status, found.form));
    return settings.mode == Mode::log_only ? nullptr : make_bstr(after.data(), after_count);
}

// resolve: the directory's answer, asked as ProfileInfo.Resolve asks it (com_resolve.hpp),
// or nullptr (the answer is the string as given, or there is none: passed on as given).
BSTR resolved(const Settings& settings, const psh_wchar* before, int32_t before_count) {
    const std::wstring given(reinterpret_cast<const wchar_t*>(before), static_cast<size_t>(before_count));
    const ResolveAnswer answer = resolve_answer(given, settings.directory, settings.server, settings.exact, settings.bind);
    if (FAILED(answer.hr)) {
        log_line(settings.log, before, before_count, before, before_count,
                 why_not_resolved(answer.hr, answer.reason, answer.candidates.size()));
        return nullptr;
    }
    if (answer.output == given) return nullptr; // what the directory answers already
    const auto* after = reinterpret_cast<const psh_wchar*>(answer.output.data());
    const auto after_count = static_cast<int32_t>(answer.output.size());
    log_line(settings.log, before, before_count, after, after_count, why_resolved(settings.exact, settings.server));
    return make_bstr(after, after_count);
}

// The ProfileInfo to pass on in its place, as a new BSTR, or nullptr to pass the caller's
// on as it is (already safe, cannot be made safe, log-only mode). Logs what it did.
BSTR corrected(BSTR given) {
    const Settings settings = read_settings(system_registry());
    if (settings.mode == Mode::resolve) return resolved(settings, units(given), length(given));
    return rewritten(settings, units(given), length(given));
}

class Interceptor final : public IDispatch {
public:
    // `real` is owned from here on.
    Interceptor(IDispatch* real, DISPID logon, DISPID profile_info, bool has_profile_info_name) noexcept
        : real_(real), logon_(logon), profile_info_(profile_info), has_profile_info_name_(has_profile_info_name) {
        lock_module();
    }
    Interceptor(const Interceptor&) = delete;
    Interceptor& operator=(const Interceptor&) = delete;
    ~Interceptor() {
        real_->Release();
        unlock_module();
    }

    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** out) override {
        if (out == nullptr) return E_POINTER;
        *out = nullptr;
        if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IDispatch) || is_real_dispinterface(riid)) {
            *out = static_cast<IDispatch*>(this);
            AddRef();
            return S_OK;
        }
        // Any other interface (a dual interface's vtable, which this object does not have)
        // is the real session's own: uncorrected, but a caller that asks for it keeps
        // working as without the shim.
        return real_->QueryInterface(riid, out);
    }
    ULONG STDMETHODCALLTYPE AddRef() override { return refs_.fetch_add(1, std::memory_order_relaxed) + 1; }
    ULONG STDMETHODCALLTYPE Release() override {
        const ULONG left = refs_.fetch_sub(1, std::memory_order_acq_rel) - 1;
        if (left == 0) delete this;
        return left;
    }

    HRESULT STDMETHODCALLTYPE GetTypeInfoCount(UINT* count) override { return real_->GetTypeInfoCount(count); }
    HRESULT STDMETHODCALLTYPE GetTypeInfo(UINT index, LCID lcid, ITypeInfo** info) override {
        return real_->GetTypeInfo(index, lcid, info);
    }
    HRESULT STDMETHODCALLTYPE GetIDsOfNames(REFIID riid, LPOLESTR* names, UINT count, LCID lcid,
                                            DISPID* ids) override {
        return real_->GetIDsOfNames(riid, names, count, lcid, ids);
    }
    HRESULT STDMETHODCALLTYPE Invoke(DISPID id, REFIID riid, LCID lcid, WORD flags, DISPPARAMS* params,
                                     VARIANT* result, EXCEPINFO* excep, UINT* arg_err) override {
        return guarded([&] {
            const int index = logon_ != DISPID_UNKNOWN && id == logon_ && (flags & DISPATCH_METHOD) != 0 ? profile_info_index(params) : -1;
            const BSTR* given = index >= 0 ? string_argument(params->rgvarg[index]) : nullptr;
            Bstr replacement(given != nullptr ? corrected_or_null(*given) : nullptr);
            if (replacement.get() == nullptr) {
                return real_->Invoke(id, riid, lcid, flags, params, result, excep, arg_err);
            }
            // A copy of the arguments (the VARIANTs themselves, not what they point to), the
            // one replaced: the caller's own memory is never written.
            std::array<VARIANTARG, kMaxArgs> args;
            std::copy(params->rgvarg, params->rgvarg + params->cArgs, args.begin());
            VariantInit(&args[static_cast<size_t>(index)]);
            V_VT(&args[static_cast<size_t>(index)]) = VT_BSTR;
            V_BSTR(&args[static_cast<size_t>(index)]) = replacement.get();
            DISPPARAMS copy = *params;
            copy.rgvarg = args.data();
            return real_->Invoke(id, riid, lcid, flags, &copy, result, excep, arg_err);
        });
    }

private:
    // Where ProfileInfo is in rgvarg, or -1: by name (its DISPID among the named ones),
    // else by position.
    int profile_info_index(const DISPPARAMS* params) const noexcept {
        if (params == nullptr || params->rgvarg == nullptr || params->cArgs > kMaxArgs ||
            params->cNamedArgs > params->cArgs ||
            (params->cNamedArgs > 0 && params->rgdispidNamedArgs == nullptr)) {
            return -1; // the real session's to refuse
        }
        for (UINT i = 0; i < params->cNamedArgs; ++i) {
            if (has_profile_info_name_ && params->rgdispidNamedArgs[i] == profile_info_) return static_cast<int>(i);
        }
        const int positional = static_cast<int>(params->cArgs - params->cNamedArgs);
        if (positional <= kProfileInfoPosition) return -1;
        return static_cast<int>(params->cArgs) - 1 - kProfileInfoPosition;
    }

    static BSTR corrected_or_null(BSTR given) noexcept {
        try {
            return corrected(given);
        } catch (...) {
            return nullptr; // out of memory: pass the call on as it is
        }
    }

    // The real session's own dispinterface (a VB6 program early-bound to CDO's type library
    // asks for it, then calls Invoke with the DISPIDs it holds): the first type info's GUID,
    // if it is a pure dispinterface, not a dual interface.
    bool is_real_dispinterface(REFIID riid) const noexcept {
        ITypeInfo* info = nullptr;
        if (FAILED(real_->GetTypeInfo(0, LOCALE_USER_DEFAULT, &info)) || info == nullptr) return false;
        TYPEATTR* attr = nullptr;
        bool same = false;
        if (SUCCEEDED(info->GetTypeAttr(&attr)) && attr != nullptr) {
            same = IsEqualIID(riid, attr->guid) != 0 && attr->typekind == TKIND_DISPATCH &&
                   (attr->wTypeFlags & TYPEFLAG_FDUAL) == 0;
            info->ReleaseTypeAttr(attr);
        }
        info->Release();
        return same;
    }

    std::atomic<ULONG> refs_{1};
    IDispatch* real_;
    DISPID logon_;
    DISPID profile_info_;
    bool has_profile_info_name_;
};

HRESULT create(REFIID riid, void** out) {
    IDispatch* real = nullptr;
    if (HRESULT hr = create_real_session(&real); FAILED(hr)) return hr;
    // Logon and its parameter ProfileInfo, by name; a session whose type information has no
    // parameter names still has its ProfileInfo found by position.
    std::array<LPOLESTR, 2> names{const_cast<LPOLESTR>(L"Logon"), const_cast<LPOLESTR>(L"ProfileInfo")};
    std::array<DISPID, 2> ids{DISPID_UNKNOWN, DISPID_UNKNOWN};
    bool named = SUCCEEDED(real->GetIDsOfNames(IID_NULL, names.data(), 2, LOCALE_USER_DEFAULT, ids.data()));
    if (!named && FAILED(real->GetIDsOfNames(IID_NULL, names.data(), 1, LOCALE_USER_DEFAULT, ids.data()))) {
        ids[0] = DISPID_UNKNOWN; // no Logon: nothing to correct, everything forwarded
    }
    auto* object = new (std::nothrow) Interceptor(real, ids[0], ids[1], named);
    if (object == nullptr) {
        real->Release();
        return E_OUTOFMEMORY;
    }
    const HRESULT hr = object->QueryInterface(riid, out);
    object->Release();
    return hr;
}

} // namespace

HRESULT create_interceptor(REFIID riid, void** out) noexcept {
    if (out == nullptr) return E_POINTER;
    *out = nullptr;
    return guarded([&] { return create(riid, out); });
}

} // namespace profshim::com::cdo
