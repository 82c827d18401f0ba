#include "guid.hpp"

#include <array>

namespace profshim::directory {

std::optional<std::string> guid_text(std::string_view bytes) {
    if (bytes.size() != 16) return std::nullopt;
    // The order in which the stored bytes are printed, -1 where a '-' goes.
    static constexpr std::array<int, 20> kOrder = {3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1,
                                                   8, 9, -1, 10, 11, 12, 13, 14, 15};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (int index : kOrder) {
        if (index < 0) {
            text += '-';
            continue;
        }
        const auto byte = static_cast<unsigned char>(bytes[static_cast<std::size_t>(index)]);
        text += kHex[byte >> 4];
        text += kHex[byte & 0xF];
    }
    return text;
}

}  // namespace profshim::directory
