// wldap32.dll, loaded at run time: the one table of the functions wldap32_source.cpp calls.
//
// profshim.dll carries the directory reader for the COM object's Resolve, and its C exports
// must need nothing but the C++ runtime: so no binary of profshim imports wldap32.dll, at
// load time or delay-loaded (binutils 2.40's i686 delay-import library linked an empty IAT
// slot: the first call jumped to 0). wldap32.dll is loaded from the system directory at the
// first use of the directory, each function taken with GetProcAddress, the same way in both
// bitnesses and in profshim.exe. A missing DLL or function is a DirectoryError saying
// which, never a crash. tests/windows (windows.imports) checks that nothing imports it.
#pragma once

#ifndef UNICODE
#define UNICODE
#endif
#include <windows.h>
#include <winldap.h>

#include <string>

namespace profshim::directory {

// Each member has its function's type as winldap.h declares it (LDAPAPI, __cdecl).
struct Wldap32 {
    decltype(&::ldap_sslinitW) ldap_sslinitW;
    decltype(&::ldap_set_optionW) ldap_set_optionW;
    decltype(&::ldap_connect) ldap_connect;
    decltype(&::ldap_start_tls_sW) ldap_start_tls_sW;
    decltype(&::ldap_bind_sW) ldap_bind_sW;
    decltype(&::ldap_simple_bind_sW) ldap_simple_bind_sW;
    decltype(&::ldap_search_ext_sW) ldap_search_ext_sW;
    decltype(&::ldap_first_entry) ldap_first_entry;
    decltype(&::ldap_next_entry) ldap_next_entry;
    decltype(&::ldap_get_dnW) ldap_get_dnW;
    decltype(&::ldap_get_values_lenW) ldap_get_values_lenW;
    decltype(&::ldap_value_free_len) ldap_value_free_len;
    decltype(&::ldap_memfreeW) ldap_memfreeW;
    decltype(&::ldap_msgfree) ldap_msgfree;
    decltype(&::ldap_unbind_s) ldap_unbind_s;
    decltype(&::ldap_err2stringW) ldap_err2stringW;
    decltype(&::LdapGetLastError) LdapGetLastError;
};

// wldap32.dll's table, loaded once for the process (thread-safe) and never unloaded.
// Throws DirectoryError, the same one at every call, when the DLL or one of the functions
// cannot be found.
const Wldap32& wldap32();

// The loading itself, from `file` (a DLL name looked up in the system directory only):
// fills `out` and returns "", or returns what is missing ("wldap32.dll could not be loaded
// ...", "... has no function ldap_connect") and leaves nothing loaded. For wldap32() and
// its tests.
std::string load_wldap32(const wchar_t* file, Wldap32& out);

}  // namespace profshim::directory
