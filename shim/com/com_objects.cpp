// ProfShim.ProfileInfo, the automation object, and the Report object its CheckReport
// method returns: the methods of profshim.idl's IProfileInfo (1.1's interface),
// IProfileInfo2 (it and Resolve, the default interface since 1.2) and IProfileInfoReport. Every
// string goes through the library's _w functions as the BSTR's own UTF-16 units and length
// (SysStringLen), so an embedded NUL or a surrogate pair reaches the library exactly as the
// caller holds it.
//
//   Check(info) As Long                 psh_check's status; never raises for a bad string
//   CheckReport(info) As Report         psh_check's report, as an object
//   Rewrite(info [, flags]) As String   psh_rewrite; raises the status on failure
//   ProfileName(info) As String         psh_profile_name; raises the status on failure
//   Describe(status) As String          psh_describe
//   Version As Long                     psh_version (a property)
//   Resolve(info [, directory, server, exact, bind]) As String
//                                       the directory's answer (com_resolve.hpp)
//
// Arguments arrive already coerced by ITypeInfo::Invoke (com_dispatch.hpp) for late-bound
// callers; early-bound ones call these methods through the vtable directly.

#include "com_dispatch.hpp"
#include "com_resolve.hpp"

#include <array>
#include <new>

namespace profshim::com {
namespace {

// A status given as a Long, or as the unsigned value a script writes for it (2147746313
// for &H80040209, which VBScript holds as a Double), or as a numeric string.
HRESULT status_argument(const VARIANT& given, int32_t& out) noexcept {
    const VARIANT* source = &given;
    if (V_VT(source) == (VT_BYREF | VT_VARIANT) && V_VARIANTREF(source) != nullptr) {
        source = V_VARIANTREF(source);
    }
    VARIANT v;
    VariantInit(&v);
    HRESULT hr = VariantChangeType(&v, const_cast<VARIANT*>(source), 0, VT_I4);
    if (SUCCEEDED(hr)) {
        out = V_I4(&v);
        return S_OK;
    }
    if (hr == DISP_E_OVERFLOW) {
        VariantInit(&v);
        if (SUCCEEDED(VariantChangeType(&v, const_cast<VARIANT*>(source), 0, VT_R8))) {
            const double d = V_R8(&v);
            if (d >= 2147483648.0 && d <= 4294967295.0 && d == static_cast<double>(static_cast<uint32_t>(d))) {
                out = static_cast<int32_t>(static_cast<uint32_t>(d));
                return S_OK;
            }
        }
        return DISP_E_OVERFLOW;
    }
    return DISP_E_TYPEMISMATCH;
}

VARIANT_BOOL to_variant_bool(bool value) noexcept { return value ? VARIANT_TRUE : VARIANT_FALSE; }

// ---- Report ----------------------------------------------------------------------------

class Report final : public DispatchObject<Report, IProfileInfoReport> {
public:
    // `server` and `mailbox` are owned from here on.
    Report(const psh_report& report, BSTR server, BSTR mailbox) noexcept
        : report_(report), server_(server), mailbox_(mailbox) {}

    HRESULT STDMETHODCALLTYPE get_Status(LONG* out) override { return give(out, report_.status); }
    HRESULT STDMETHODCALLTYPE get_Form(LONG* out) override { return give(out, report_.form); }
    HRESULT STDMETHODCALLTYPE get_ServerOffset(LONG* out) override { return give(out, report_.server_offset); }
    HRESULT STDMETHODCALLTYPE get_ServerLength(LONG* out) override { return give(out, report_.server_length); }
    HRESULT STDMETHODCALLTYPE get_MailboxOffset(LONG* out) override { return give(out, report_.mailbox_offset); }
    HRESULT STDMETHODCALLTYPE get_MailboxLength(LONG* out) override { return give(out, report_.mailbox_length); }
    HRESULT STDMETHODCALLTYPE get_ErrorOffset(LONG* out) override { return give(out, report_.error_offset); }
    HRESULT STDMETHODCALLTYPE get_Rewritable(VARIANT_BOOL* out) override {
        clear_error_info();
        if (out == nullptr) return E_POINTER;
        *out = to_variant_bool(report_.rewritable != 0);
        return S_OK;
    }
    HRESULT STDMETHODCALLTYPE get_Ok(VARIANT_BOOL* out) override {
        clear_error_info();
        if (out == nullptr) return E_POINTER;
        *out = to_variant_bool(report_.status == PSH_OK);
        return S_OK;
    }
    HRESULT STDMETHODCALLTYPE get_Description(BSTR* out) override {
        clear_error_info();
        if (out == nullptr) return E_POINTER;
        return give_string(out, status_text(report_.status, units(mailbox_.get()), length(mailbox_.get())));
    }
    HRESULT STDMETHODCALLTYPE get_Server(BSTR* out) override { return copy(out, server_.get()); }
    HRESULT STDMETHODCALLTYPE get_Mailbox(BSTR* out) override { return copy(out, mailbox_.get()); }

    // The report's members take no arguments.
    static const std::wstring_view* refused(DISPID, UINT, VARTYPE) noexcept { return nullptr; }

private:
    static HRESULT give(LONG* out, int32_t value) noexcept {
        clear_error_info();
        if (out == nullptr) return E_POINTER;
        *out = value;
        return S_OK;
    }
    static HRESULT copy(BSTR* out, BSTR value) noexcept {
        clear_error_info();
        if (out == nullptr) return E_POINTER;
        return give_string(out, SysAllocStringLen(value, SysStringLen(value)));
    }

    psh_report report_;
    Bstr server_;  // "" until the separators are parsed
    Bstr mailbox_;
};

// ---- ProfileInfo -----------------------------------------------------------------------

// IProfileInfo2 (Resolve, 1.2) and IProfileInfo (1.1's members and vtable), one object.
class ProfileInfo final : public DispatchObject<ProfileInfo, IProfileInfo2, IProfileInfo> {
public:
    // {member, argument} for a Null or Empty the member refuses (DispatchObject::Invoke):
    // info, for the five members that take one; Describe's status (an Empty one named no
    // status: it read as PSH_OK, a newcomer's trial); Rewrite's flags when Null (an Empty
    // one is 0, as VBScript makes it).
    static const std::wstring_view* refused(DISPID id, UINT position, VARTYPE type) noexcept {
        static constexpr std::wstring_view kInfo[][2] = {
            {L"Check", L"info"}, {L"CheckReport", L"info"}, {L"Rewrite", L"info"}, {L"ProfileName", L"info"}};
        static constexpr std::wstring_view kRewriteFlags[2] = {L"Rewrite", L"flags"};
        static constexpr std::wstring_view kDescribeStatus[2] = {L"Describe", L"status"};
        static constexpr std::wstring_view kResolveInfo[2] = {L"Resolve", L"info"};
        if (position == 0 && id >= 1 && id <= 4) return kInfo[id - 1];
        if (position == 0 && id == 7) return kResolveInfo;
        if (position == 0 && id == 5) return kDescribeStatus;
        if (type != VT_NULL) return nullptr;
        if (id == 3 && position == 1) return kRewriteFlags;
        return nullptr;
    }

    HRESULT STDMETHODCALLTYPE Check(BSTR info, LONG* status) override {
        clear_error_info();
        if (status == nullptr) return E_POINTER;
        *status = psh_check_w(units(info), length(info), nullptr);
        return S_OK;
    }

    HRESULT STDMETHODCALLTYPE CheckReport(BSTR info, IProfileInfoReport** out) override {
        clear_error_info();
        if (out == nullptr) return E_POINTER;
        *out = nullptr;
        psh_report report{};
        report.size = static_cast<int32_t>(sizeof report);
        psh_check_w(units(info), length(info), &report);
        const auto part = [&](int32_t offset, int32_t count) {
            return offset >= 0 ? make_bstr(units(info) + offset, count) : SysAllocString(L"");
        };
        Bstr server(part(report.server_offset, report.server_length));
        Bstr mailbox(part(report.mailbox_offset, report.mailbox_length));
        if (server.get() == nullptr || mailbox.get() == nullptr) return E_OUTOFMEMORY;
        auto* object = new (std::nothrow) Report(report, server.release(), mailbox.release());
        if (object == nullptr) return E_OUTOFMEMORY;
        *out = object; // the reference `new` made goes to the caller
        return S_OK;
    }

    HRESULT STDMETHODCALLTYPE Rewrite(BSTR info, LONG flags, BSTR* safe) override {
        clear_error_info();
        if (safe == nullptr) return E_POINTER;
        *safe = nullptr;
        // The output is never longer than the input, which is at most PSH_MAX_INPUT units
        // (a longer one is PSH_E_TOO_LONG): this buffer is always room enough.
        std::array<psh_wchar, PSH_MAX_INPUT + 1> text;
        int32_t n = 0;
        const auto bits = static_cast<uint32_t>(flags);
        const int32_t status = psh_rewrite_w(units(info), length(info), bits, text.data(),
                                             static_cast<int32_t>(text.size()), &n);
        if (status == PSH_OK) return give_string(safe, make_bstr(text.data(), n));
        // Flag 1 kept a DN that the same call without it would have replaced: say so.
        const bool kept_dn_alone = (bits & PSH_REWRITE_KEEP_DN) != 0 &&
            psh_rewrite_w(units(info), length(info), bits & ~PSH_REWRITE_KEEP_DN, text.data(),
                          static_cast<int32_t>(text.size()), &n) == PSH_OK;
        return raise(status, __uuidof(IProfileInfo), rewrite_text(status, units(info), length(info), kept_dn_alone));
    }

    HRESULT STDMETHODCALLTYPE ProfileName(BSTR info, BSTR* name) override {
        clear_error_info();
        if (name == nullptr) return E_POINTER;
        *name = nullptr;
        std::array<psh_wchar, PSH_PROFILE_NAME_MAX + 1> text;
        int32_t n = 0;
        const int32_t status = psh_profile_name_w(units(info), length(info), 0, text.data(),
                                                  static_cast<int32_t>(text.size()), &n);
        if (status != PSH_OK) return raise(status, __uuidof(IProfileInfo), failed_call_text(status));
        return give_string(name, make_bstr(text.data(), n));
    }

    HRESULT STDMETHODCALLTYPE Describe(VARIANT status, BSTR* text) override {
        clear_error_info();
        if (text == nullptr) return E_POINTER;
        *text = nullptr;
        int32_t value = 0;
        if (V_VT(&status) == VT_EMPTY) return DISP_E_TYPEMISMATCH;  // as a Null; an early-bound caller's
        if (HRESULT hr = status_argument(status, value); FAILED(hr)) return hr;
        return give_string(text, status_text(value, nullptr, 0));
    }

    HRESULT STDMETHODCALLTYPE Resolve(BSTR info, BSTR directory, BSTR server, VARIANT_BOOL exact, BSTR bind,
                                      BSTR* profile_info) override {
        return com::resolve(info, directory, server, exact, bind, profile_info);
    }

    HRESULT STDMETHODCALLTYPE get_Version(LONG* version) override {
        clear_error_info();
        if (version == nullptr) return E_POINTER;
        *version = psh_version();
        return S_OK;
    }
};

} // namespace

HRESULT create_profile_info(REFIID riid, void** out) noexcept {
    auto* object = new (std::nothrow) ProfileInfo();
    if (object == nullptr) return E_OUTOFMEMORY;
    const HRESULT hr = object->QueryInterface(riid, out);
    object->Release(); // the caller's reference is the one QueryInterface took, if any
    return hr;
}

} // namespace profshim::com
