// psh_describe's texts (contract 9).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace profshim {

// "unknown status 0x" + 8 hex digits: the longest text psh_describe makes for an unknown
// status; known texts are longer and come from a table.
constexpr std::size_t kUnknownStatusTextSize = 25;

// The text for `status`: a line from the table, or "unknown status 0xXXXXXXXX" written to
// `scratch`. The returned view points into static storage or into `scratch`.
std::string_view describe_status(int32_t status,
                                 std::array<char, kUnknownStatusTextSize>& scratch);

}  // namespace profshim
