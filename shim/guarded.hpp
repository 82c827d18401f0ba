// The exception firewall of every exported entry point, the C functions (boundary.cpp) and
// the COM ones (com/) alike: an exception unwinding into a VB6, VBScript or .NET frame takes
// the host process down, so none may leave. The engine throws nothing and is deliberately
// not noexcept, so that if it ever did, this would turn it into PSH_E_UNEXPECTED rather than
// std::terminate killing the host. tools/check_boundary.py checks that every export is
// exactly `return guarded(...)`.
#pragma once

#include <cstdint>

#include "profshim.h"

namespace profshim {

template <class Body>
int32_t guarded(Body&& body) noexcept {
    try {
        return body();
    } catch (...) {
        return PSH_E_UNEXPECTED;
    }
}

}  // namespace profshim
