// The COM automation object ProfShim.ProfileInfo, inside profshim.dll (Windows only).
//
// VBScript and classic ASP, where most CDO logon code lives, cannot call a plain DLL
// export; they need CreateObject. This folder adds an in-process automation object to the
// same DLL, on top of the public C functions of profshim.h (never the engine directly):
//
//   profshim.idl       the type library: dual interfaces IProfileInfo (1.1's, for
//                      ever), IProfileInfo2 (it and Resolve; the coclass's default
//                      since 1.2) and IProfileInfoReport, the coclass; widl makes
//                      profshim.tlb (embedded
//                      as TYPELIB resource 1, com_typelib.rc) and profshim_idl.h
//   com_module.cpp     the module: object counts, the class factory, DllGetClassObject,
//                      DllCanUnloadNow
//   com_register.cpp   DllRegisterServer / DllUnregisterServer (the machine's) and
//                      DllInstall (`regsvr32 /n /i:user`: the current user's)
//   com_objects.cpp    the ProfileInfo object and the Report object CheckReport returns
//   com_dispatch.hpp   IUnknown, ISupportErrorInfo and IDispatch through the type
//                      library's ITypeInfo; errors as IErrorInfo
//   com_texts.cpp      what each status means to a script and what to do next
//                      (Err.Description), in the script's words, and the text of a
//                      Null or Empty argument
//
// Unlike the C functions, the objects live on the heap (COM objects must); nothing else in
// the DLL allocates. No exception leaves any COM entry point: the Dll* exports are
// `return guarded(...);` (shim/guarded.hpp), and the objects' methods call only the C
// functions (themselves guarded) and the system's C APIs.
#pragma once

#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601 // Windows 7: RegDeleteTreeW
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#include <ole2.h>
#include <oleauto.h>

#include "profshim_idl.h" // made by widl from profshim.idl

#include <cstdint>

static_assert(sizeof(wchar_t) == 2, "a BSTR is UTF-16");

namespace profshim::com {

// The coclass's CLSID, from profshim.idl: fixed for ever; a new, incompatible object
// would get a new CLSID and ProgID version.
inline const CLSID& kClsid = __uuidof(ProfileInfo);
inline constexpr wchar_t kClsidString[] = L"{00A130E7-12CA-4EDB-BC25-B0A8FC66B5B4}";
inline constexpr wchar_t kProgId[] = L"ProfShim.ProfileInfo";
inline constexpr wchar_t kProgIdVersioned[] = L"ProfShim.ProfileInfo.1";
inline constexpr wchar_t kDescription[] =
    L"profshim ProfileInfo: check and rewrite CDO ProfileInfo strings (KB Q271913)";
// Err.Source of the errors the object raises.
inline constexpr wchar_t kErrorSource[] = L"ProfShim.ProfileInfo";

// The type library (profshim.idl's library block), version 1.0.
inline const GUID& kLibid = LIBID_ProfShim;
inline constexpr wchar_t kLibidString[] = L"{3713F1FA-457C-4971-835D-8EA728E59C8D}";
inline constexpr WORD kTypeLibMajor = 1;
inline constexpr WORD kTypeLibMinor = 0;
inline constexpr wchar_t kTypeLibVersion[] = L"1.0";
inline constexpr wchar_t kTypeLibName[] = L"ProfShim";

// Objects alive plus IClassFactory::LockServer locks: DllCanUnloadNow says S_OK at 0.
void lock_module() noexcept;
void unlock_module() noexcept;

// This DLL's handle (for its path, when registering).
HMODULE module_handle() noexcept;

// A new ProfileInfo object, queried for riid.
HRESULT create_profile_info(REFIID riid, void** out) noexcept;

// The type library embedded in this DLL, loaded once (never registered by loading), and
// the ITypeInfo of one of its interfaces, also kept once loaded: a new reference, or an
// error (TYPE_E_..., E_OUTOFMEMORY).
HRESULT type_lib(ITypeLib** out) noexcept;
HRESULT type_info(REFIID iid, ITypeInfo** out) noexcept;

} // namespace profshim::com
