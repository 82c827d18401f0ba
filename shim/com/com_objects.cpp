// ProfShim.ProfileInfo, the automation object, and the Report object its CheckReport
// method returns. Every string goes through the library's _w functions as the BSTR's own
// UTF-16 units and length (SysStringLen), so an embedded NUL or a surrogate pair reaches
// the library exactly as the script holds it.
//
//   Check(info) As Long                 psh_check's status; never raises for a bad string
//   CheckReport(info) As Report         psh_check's report, as an object
//   Rewrite(info [, flags]) As String   psh_rewrite; raises the status on failure
//   ProfileName(info) As String         psh_profile_name; raises the status on failure
//   Describe(status) As String          psh_describe
//   Version As Long                     psh_version (a property)
//
// A failure is raised through EXCEPINFO: in VBScript, Err.Number is the profshim status
// (an HRESULT-shaped Long such as &H80040209) and Err.Description psh_describe's text.

#include "com_dispatch.hpp"

#include <array>

namespace profshim::com {
namespace {

HRESULT return_long(VARIANT* result, int32_t value) noexcept {
    if (result != nullptr) {
        V_VT(result) = VT_I4;
        V_I4(result) = value;
    }
    return S_OK;
}

HRESULT return_bool(VARIANT* result, bool value) noexcept {
    if (result != nullptr) {
        V_VT(result) = VT_BOOL;
        V_BOOL(result) = value ? VARIANT_TRUE : VARIANT_FALSE;
    }
    return S_OK;
}

// Takes ownership of `value`.
HRESULT return_string(VARIANT* result, BSTR value) noexcept {
    if (value == nullptr) return E_OUTOFMEMORY;
    if (result == nullptr) {
        SysFreeString(value);
        return S_OK;
    }
    V_VT(result) = VT_BSTR;
    V_BSTR(result) = value;
    return S_OK;
}

HRESULT check_count(const DISPPARAMS& p, UINT least, UINT most) noexcept {
    return p.cArgs < least || p.cArgs > most ? DISP_E_BADPARAMCOUNT : S_OK;
}

// ---- Report -------------------------------------------------------------------------

enum ReportId : DISPID {
    kStatus = DISPID_VALUE, // the default property: `If o.CheckReport(s) = 0`
    kForm = 1,
    kServerOffset,
    kServerLength,
    kMailboxOffset,
    kMailboxLength,
    kErrorOffset,
    kRewritable,
    kOk,
    kDescription,
    kServer,
    kMailbox,
};

class Report final : public DispatchObject<Report> {
public:
    static constexpr std::array<Member, 12> members{{
        {L"Status", kStatus},
        {L"Form", kForm},
        {L"ServerOffset", kServerOffset},
        {L"ServerLength", kServerLength},
        {L"MailboxOffset", kMailboxOffset},
        {L"MailboxLength", kMailboxLength},
        {L"ErrorOffset", kErrorOffset},
        {L"Rewritable", kRewritable},
        {L"Ok", kOk},
        {L"Description", kDescription},
        {L"Server", kServer},
        {L"Mailbox", kMailbox},
    }};

    // `server` and `mailbox` are owned from here on.
    Report(const psh_report& report, BSTR server, BSTR mailbox) noexcept
        : report_(report), server_(server), mailbox_(mailbox) {}

    HRESULT call(DISPID id, WORD, const DISPPARAMS& p, VARIANT* result, EXCEPINFO*, UINT*) noexcept {
        if (p.cArgs != 0) return DISP_E_BADPARAMCOUNT;
        switch (id) {
        case kStatus: return return_long(result, report_.status);
        case kForm: return return_long(result, report_.form);
        case kServerOffset: return return_long(result, report_.server_offset);
        case kServerLength: return return_long(result, report_.server_length);
        case kMailboxOffset: return return_long(result, report_.mailbox_offset);
        case kMailboxLength: return return_long(result, report_.mailbox_length);
        case kErrorOffset: return return_long(result, report_.error_offset);
        case kRewritable: return return_bool(result, report_.rewritable != 0);
        case kOk: return return_bool(result, report_.status == PSH_OK);
        case kDescription: return return_string(result, describe_bstr(report_.status));
        case kServer: return return_string(result, SysAllocStringLen(server_.get(), SysStringLen(server_.get())));
        case kMailbox: return return_string(result, SysAllocStringLen(mailbox_.get(), SysStringLen(mailbox_.get())));
        default: return DISP_E_MEMBERNOTFOUND;
        }
    }

private:
    psh_report report_;
    Bstr server_;  // "" until the separators are parsed
    Bstr mailbox_;
};

// ---- ProfileInfo --------------------------------------------------------------------

enum ProfileInfoId : DISPID {
    kCheck = 1,
    kCheckReport,
    kRewrite,
    kProfileName,
    kDescribe,
    kVersion,
};

class ProfileInfo final : public DispatchObject<ProfileInfo> {
public:
    static constexpr std::array<Member, 6> members{{
        {L"Check", kCheck},
        {L"CheckReport", kCheckReport},
        {L"Rewrite", kRewrite},
        {L"ProfileName", kProfileName},
        {L"Describe", kDescribe},
        {L"Version", kVersion},
    }};

    HRESULT call(DISPID id, WORD, const DISPPARAMS& p, VARIANT* result, EXCEPINFO* excep,
                 UINT* arg_err) noexcept {
        switch (id) {
        case kCheck: return check(p, result, arg_err);
        case kCheckReport: return check_report(p, result, arg_err);
        case kRewrite: return rewrite(p, result, excep, arg_err);
        case kProfileName: return profile_name(p, result, excep, arg_err);
        case kDescribe: return describe(p, result, arg_err);
        case kVersion:
            if (p.cArgs != 0) return DISP_E_BADPARAMCOUNT;
            return return_long(result, psh_version());
        default: return DISP_E_MEMBERNOTFOUND;
        }
    }

private:
    static HRESULT check(const DISPPARAMS& p, VARIANT* result, UINT* arg_err) noexcept {
        if (HRESULT hr = check_count(p, 1, 1); FAILED(hr)) return hr;
        Bstr info;
        if (HRESULT hr = string_argument(&p, 0, info, arg_err); FAILED(hr)) return hr;
        return return_long(result, psh_check_w(info.units(), info.length(), nullptr));
    }

    static HRESULT check_report(const DISPPARAMS& p, VARIANT* result, UINT* arg_err) noexcept {
        if (HRESULT hr = check_count(p, 1, 1); FAILED(hr)) return hr;
        Bstr info;
        if (HRESULT hr = string_argument(&p, 0, info, arg_err); FAILED(hr)) return hr;
        psh_report report{};
        report.size = static_cast<int32_t>(sizeof report);
        psh_check_w(info.units(), info.length(), &report);
        const auto part = [&](int32_t offset, int32_t length) {
            return offset >= 0 ? make_bstr(info.units() + offset, length) : SysAllocString(L"");
        };
        Bstr server(part(report.server_offset, report.server_length));
        Bstr mailbox(part(report.mailbox_offset, report.mailbox_length));
        if (server.get() == nullptr || mailbox.get() == nullptr) return E_OUTOFMEMORY;
        auto* object = new (std::nothrow) Report(report, server.release(), mailbox.release());
        if (object == nullptr) return E_OUTOFMEMORY;
        if (result != nullptr) {
            V_VT(result) = VT_DISPATCH;
            V_DISPATCH(result) = object; // the reference `new` made goes to the caller
        } else {
            object->Release();
        }
        return S_OK;
    }

    static HRESULT rewrite(const DISPPARAMS& p, VARIANT* result, EXCEPINFO* excep, UINT* arg_err) noexcept {
        if (HRESULT hr = check_count(p, 1, 2); FAILED(hr)) return hr;
        Bstr info;
        if (HRESULT hr = string_argument(&p, 0, info, arg_err); FAILED(hr)) return hr;
        int32_t flags = 0;
        if (p.cArgs == 2 && !is_missing(argument(&p, 1))) {
            if (HRESULT hr = int32_argument(&p, 1, flags, arg_err); FAILED(hr)) return hr;
        }
        // The output is never longer than the input, which is at most PSH_MAX_INPUT units
        // (a longer one is PSH_E_TOO_LONG): this buffer is always room enough.
        std::array<psh_wchar, PSH_MAX_INPUT + 1> out;
        int32_t n = 0;
        const int32_t status = psh_rewrite_w(info.units(), info.length(), static_cast<uint32_t>(flags),
                                             out.data(), static_cast<int32_t>(out.size()), &n);
        if (status != PSH_OK) return raise(status, excep);
        return return_string(result, make_bstr(out.data(), n));
    }

    static HRESULT profile_name(const DISPPARAMS& p, VARIANT* result, EXCEPINFO* excep, UINT* arg_err) noexcept {
        if (HRESULT hr = check_count(p, 1, 1); FAILED(hr)) return hr;
        Bstr info;
        if (HRESULT hr = string_argument(&p, 0, info, arg_err); FAILED(hr)) return hr;
        std::array<psh_wchar, PSH_PROFILE_NAME_MAX + 1> out;
        int32_t n = 0;
        const int32_t status = psh_profile_name_w(info.units(), info.length(), 0, out.data(),
                                                  static_cast<int32_t>(out.size()), &n);
        if (status != PSH_OK) return raise(status, excep);
        return return_string(result, make_bstr(out.data(), n));
    }

    static HRESULT describe(const DISPPARAMS& p, VARIANT* result, UINT* arg_err) noexcept {
        if (HRESULT hr = check_count(p, 1, 1); FAILED(hr)) return hr;
        int32_t status = 0;
        if (HRESULT hr = int32_argument(&p, 0, status, arg_err); FAILED(hr)) return hr;
        return return_string(result, describe_bstr(status));
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
