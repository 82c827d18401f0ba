// Windows file-name rules: what makes MAPI's .mmp profile file impossible to create
// (KB Q271913), or silently a different file.
// Source: learn.microsoft.com, "Naming Files, Paths, and Namespaces".
#pragma once

#include <array>
#include <string_view>

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
// Tested for every stem, so it dispatches on the length first: every device name has 3, 4,
// 6 or 7 units, and most stems are none of those names' lengths.
template <CodeUnit Unit>
constexpr bool is_reserved_device_name(const UnitView<Unit>& text, Range name) {
    // `lower` is a device name's first units, in lower case.
    const auto starts_with = [&](std::string_view lower) {
        for (std::size_t i = 0; i < lower.size(); ++i) {
            const uint32_t u = text[name.begin + gsl::narrow_cast<int32_t>(i)];
            if (ascii_lower(u) != static_cast<uint32_t>(lower[i])) return false;
        }
        return true;
    };
    switch (name.size()) {
        case 3: return starts_with("con") || starts_with("prn") || starts_with("aux") || starts_with("nul");
        case 4: return (starts_with("com") || starts_with("lpt")) && is_ascii_digit(text[name.begin + 3]);
        case 6: return starts_with("clock$") || starts_with("conin$");
        case 7: return starts_with("conout$");
        default: return false;
    }
}

// The switch above is the list, name for name.
constexpr bool reserved_list_matches_switch() {
    for (std::string_view device : kReservedDeviceNames) {
        const UnitView<char> text(device.data(), gsl::narrow_cast<int32_t>(device.size()));
        if (!is_reserved_device_name(text, text.whole())) return false;
    }
    return true;
}
static_assert(reserved_list_matches_switch());

}  // namespace profshim
