// Helpers for the engine's unit tests: the engine's Text over a string.
#pragma once

#include <string_view>

#include "text.hpp"

namespace profshim::unit {

inline Text view(std::string_view text) { return Text(text.data(), static_cast<int32_t>(text.size())); }

}  // namespace profshim::unit
