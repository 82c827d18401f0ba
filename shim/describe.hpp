// psh_describe's texts (profshim.h section 9).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace profshim {

// Room for "unknown status 0x" and 8 hex digits, the one text not in the table.
using UnknownStatusText = std::array<char, 25>;

// The text for `status`: a line from the table, or "unknown status 0xXXXXXXXX" written to
// `scratch`. The view points into static storage or into `scratch`.
std::string_view describe_status(int32_t status, UnknownStatusText& scratch);

}  // namespace profshim
