// The COM automation object ProfShim.ProfileInfo, inside profshim.dll (Windows only).
//
// VBScript and classic ASP, where most CDO logon code lives, cannot call a plain DLL
// export; they need CreateObject. This folder adds an in-process automation object to the
// same DLL, on top of the public C functions of profshim.h (never the engine directly):
//
//   com_module.cpp     the module: object counts, the class factory, DllGetClassObject,
//                      DllCanUnloadNow
//   com_register.cpp   DllRegisterServer / DllUnregisterServer
//   com_objects.cpp    the ProfileInfo object and the Report object CheckReport returns
//   com_dispatch.hpp   IDispatch by hand: a small name table per class, argument coercion,
//                      errors through EXCEPINFO (and IErrorInfo)
//
// Unlike the C functions, the objects live on the heap (COM objects must); nothing else in
// the DLL allocates. No exception leaves any COM entry point.
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

#include <cstdint>

static_assert(sizeof(wchar_t) == 2, "a BSTR is UTF-16");

namespace profshim::com {

// {00A130E7-12CA-4EDB-BC25-B0A8FC66B5B4}: fixed for ever; a new, incompatible object
// would get a new CLSID and ProgID version.
inline constexpr CLSID kClsid = {0x00A130E7, 0x12CA, 0x4EDB,
                                 {0xBC, 0x25, 0xB0, 0xA8, 0xFC, 0x66, 0xB5, 0xB4}};
inline constexpr wchar_t kClsidString[] = L"{00A130E7-12CA-4EDB-BC25-B0A8FC66B5B4}";
inline constexpr wchar_t kProgId[] = L"ProfShim.ProfileInfo";
inline constexpr wchar_t kProgIdVersioned[] = L"ProfShim.ProfileInfo.1";
inline constexpr wchar_t kDescription[] =
    L"profshim ProfileInfo: check and rewrite CDO ProfileInfo strings (KB Q271913)";
// Err.Source of the errors the object raises.
inline constexpr wchar_t kErrorSource[] = L"ProfShim.ProfileInfo";

// Objects alive plus IClassFactory::LockServer locks: DllCanUnloadNow says S_OK at 0.
void lock_module() noexcept;
void unlock_module() noexcept;

// This DLL's handle (for its path, when registering).
HMODULE module_handle() noexcept;

// A new ProfileInfo object, queried for riid.
HRESULT create_profile_info(REFIID riid, void** out) noexcept;

} // namespace profshim::com
