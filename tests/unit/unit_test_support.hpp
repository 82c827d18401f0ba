// Helpers for the engine's unit tests: views over string literals.
#pragma once

#include <string_view>

#include "units.hpp"

namespace profshim::testing {

inline UnitView<char> view(std::string_view text) {
    return UnitView<char>(text.data(), static_cast<int32_t>(text.size()));
}

}  // namespace profshim::testing
