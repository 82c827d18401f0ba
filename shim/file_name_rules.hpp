// Windows file-name rules: what makes MAPI's .mmp profile file impossible to create
// (KB Q271913), or silently a different file.
// Source: learn.microsoft.com, "Naming Files, Paths, and Namespaces".
#pragma once

#include <array>
#include <string_view>
#include <utility>

#include "units.hpp"

namespace profshim {

// The printable ASCII units Windows refuses in a file name: < > : " / \ | ? *
constexpr bool is_unsafe_in_file_name(uint32_t u) {
    switch (u) {
        case '<': case '>': case ':': case '"': case '/': case '\\': case '|': case '?': case '*':
            return true;
        default:
            return false;
    }
}

// The stem of a server or an alias: its units before the first '.', or all of them.
// Windows treats "nul.txt" as the device NUL, so the stem is what must not be a device.
template <CodeUnit Unit>
constexpr Range stem_of(const UnitView<Unit>& text, Range part) {
    for (int32_t i = part.begin; i < part.end; ++i) {
        if (text[i] == '.') return Range{part.begin, i};
    }
    return part;
}

// Device names, including those only some tools reserve (COM0, LPT0, CLOCK$, CONIN$,
// CONOUT$): a name that is safe everywhere is the point.
inline constexpr std::array<std::string_view, 27> kReservedDeviceNames = {
    "CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$",
    "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
    "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
};

// True when the units of `name` are a device name, compared without regard to ASCII case.
template <CodeUnit Unit>
constexpr bool is_reserved_device_name(const UnitView<Unit>& text, Range name) {
    for (std::string_view device : kReservedDeviceNames) {
        if (std::cmp_not_equal(device.size(), name.size())) continue;
        bool same = true;
        for (int32_t i = 0; same && i < name.size(); ++i) {
            const auto expected = static_cast<uint32_t>(static_cast<unsigned char>(
                device[static_cast<std::size_t>(i)]));
            same = ascii_lower(text[name.begin + i]) == ascii_lower(expected);
        }
        if (same) return true;
    }
    return false;
}

}  // namespace profshim
