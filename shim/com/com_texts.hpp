// The words of the COM object: what a status means to a script (VBScript, ASP, VBA) and
// what to do next, as Err.Description, Report.Description and Describe give it.
//
// The library's own line (psh_describe) speaks C: psh_rewrite, buffers, the header's
// flags. A script has Rewrite, ProfileName, CheckReport and its Rewritable, so these texts
// name those, never a C function, and a failed call's text never advises that same call.
// The status codes, and so Err.Number, are the library's, unchanged.
#pragma once

#include "com_module.hpp"

#include "profshim.h"

#include <string_view>

namespace profshim::com {

// The text of `status` whatever call gave it; `mailbox` is the mailbox part when one was
// found (for PSH_E_UNSAFE_CHAR, a DN of Exchange 2007 or later is said as such), as a
// check's report or Describe gives it (where the report says rewritable, Rewrite mends it). A new BSTR,
// NULL only when out of memory.
BSTR status_text(int32_t status, const psh_wchar* mailbox, int32_t mailbox_length) noexcept;

// The text of `status` from a failed Rewrite or ProfileName (but Rewrite's
// PSH_E_UNSAFE_CHAR, rewrite_text's): never that a rewrite mends it (PSH_E_BAD_CHAR, and
// the spaces of PSH_E_BAD_SERVER and PSH_E_BAD_MAILBOX, which status_text adds).
BSTR failed_call_text(int32_t status) noexcept;

// The text of `status` from Rewrite(info, flags): `kept_dn_alone` when the same call
// without flag 1 (keep the DN) succeeds.
BSTR rewrite_text(int32_t status, const psh_wchar* info, int32_t length, bool kept_dn_alone) noexcept;

// The text of a Null or Empty given where a member takes a String or a number:
// "ProfShim.ProfileInfo.Rewrite: info is Null ...". `member` and `argument` are names.
BSTR argument_text(std::wstring_view member, std::wstring_view argument, VARTYPE type) noexcept;

// The error a script gets for a Null or Empty argument: Err.Number 13 (Type mismatch, as
// VBScript itself gives for a Null), a VB error number in FACILITY_CONTROL as VB-made
// components raise them, so every script host shows 13 whatever it maps.
inline constexpr HRESULT kArgumentError = MAKE_HRESULT(SEVERITY_ERROR, FACILITY_CONTROL, 13);

} // namespace profshim::com
