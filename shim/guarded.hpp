// guarded(): the exception firewall, the one place an exception is caught on its way out of
// profshim.dll / libprofshim.so. Every exported entry point, the C functions of
// shim/boundary.cpp and the COM ones of shim/com/ (DllGetClassObject, DllCanUnloadNow,
// DllRegisterServer, DllUnregisterServer, DllInstall), is the one statement
// `return guarded([&] { ... });` (tools/check_boundary.py checks it). An exception unwinding
// into a VB6, VBScript or .NET frame takes the host process down; here it becomes
// PSH_E_UNEXPECTED (0x8000FFFF, which is also COM's E_UNEXPECTED).
#pragma once

#include "profshim.h"

#include <type_traits>

namespace profshim {

// Runs `body` and returns what it returns (an int32_t status, or an HRESULT), or
// PSH_E_UNEXPECTED if it throws.
template <class Body, class Result = std::invoke_result_t<Body&>>
Result guarded(Body&& body) noexcept {
    try {
        return body();
    } catch (...) {
        return static_cast<Result>(PSH_E_UNEXPECTED);
    }
}

}  // namespace profshim
