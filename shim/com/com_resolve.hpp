// ProfileInfo.Resolve: the ProfileInfo that logs on, read from the directory by the
// directory reader (directory/, issue 19), as `profshim resolve` does on the command line.
// The reader and wldap32.dll sit beside the C exports: profshim.dll does not import wldap32;
// the reader loads it from the system directory at the first Resolve (directory/
// wldap32_api.hpp), in the 64-bit and the 32-bit DLL alike.
#pragma once

#include "com_module.hpp"

#include <string>
#include <vector>

namespace profshim::com {

// Each failure of Resolve is an HRESULT of its own (FACILITY_ITF, beside the library's
// 0x800401xx and 0x800402xx), with its text in Err.Description.
inline constexpr HRESULT kResolveNotFound = static_cast<HRESULT>(0x80040301u);    // no entry has the mailbox
inline constexpr HRESULT kResolveAmbiguous = static_cast<HRESULT>(0x80040302u);   // more than one has it
inline constexpr HRESULT kResolveIncomplete = static_cast<HRESULT>(0x80040303u);  // the entry lacks an attribute
inline constexpr HRESULT kResolveUnsafe = static_cast<HRESULT>(0x80040304u);      // the answer fails psh_check
inline constexpr HRESULT kResolveInvalid = static_cast<HRESULT>(0x80040305u);     // info does not parse, or is anonymous
inline constexpr HRESULT kResolveDirectory = static_cast<HRESULT>(0x80040306u);   // the directory could not answer,
                                                                                  // or no domain was found for ""
inline constexpr HRESULT kResolveArgument = static_cast<HRESULT>(0x80040307u);    // directory, server or bind not accepted

// Resolve(info, directory, server, exact, bind): the ProfileInfo into *out, or one of the
// HRESULTs above with its IErrorInfo set. Never throws (guarded, shim/guarded.hpp).
HRESULT resolve(BSTR info, BSTR directory, BSTR server, VARIANT_BOOL exact, BSTR bind, BSTR* out) noexcept;

// What Resolve asks the directory and what it answers, for a caller with words of its own
// (the CDO interceptor's resolve mode, cdo.hpp): the same arguments as Resolve (server and
// bind empty: keep, negotiate). No IErrorInfo is set; may throw std::bad_alloc.
struct ResolveAnswer {
    HRESULT hr = S_OK;                    // S_OK or one of the kResolve* HRESULTs
    std::wstring output;                  // S_OK: the ProfileInfo
    std::wstring reason;                  // a failure: the directory reader's words, or which
                                          // argument is not accepted and what is
    std::vector<std::wstring> candidates;  // kResolveAmbiguous: the entries' DNs
    bool unreachable = false;             // kResolveDirectory: no connection was made at all
};
ResolveAnswer resolve_answer(const std::wstring& info, const std::wstring& directory, const std::wstring& server,
                             bool exact, const std::wstring& bind);

// Whether directory is an LDAP URL Resolve accepts (ldap:// or ldaps://host:port/baseDN).
bool is_directory_url(const std::wstring& directory);

} // namespace profshim::com
