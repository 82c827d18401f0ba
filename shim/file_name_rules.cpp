#include "file_name_rules.hpp"

#include <string_view>

#include "ascii.hpp"

namespace profshim {

namespace {

constexpr auto kUnsafeInFileName = byte_table([](uint32_t u) {
    return u < 0x80 && std::string_view("<>:\"/\\|?*").find(static_cast<char>(u)) != std::string_view::npos;
});

}  // namespace

bool is_unsafe_in_file_name(uint32_t u) { return u < kUnsafeInFileName.size() && kUnsafeInFileName[u]; }

// Includes the names only some tools reserve (COM0, LPT0, CLOCK$, CONIN$, CONOUT$): a name
// that is safe everywhere is the point. Every device name has 3 to 7 bytes (COM¹ is 5 in
// UTF-8), and most stems are none of those lengths, so the length is looked at first.
bool is_reserved_device_name(Text text, Range name) {
    const auto is = [&](std::string_view lower) {
        for (std::size_t i = 0; i < lower.size(); ++i) {
            const int32_t at = name.begin + gsl::narrow_cast<int32_t>(i);
            const bool digit_slot = lower[i] == '#';   // COM# and LPT#
            if (digit_slot ? !is_ascii_digit(text[at]) : ascii_lower(text[at]) != static_cast<uint8_t>(lower[i])) {
                return false;
            }
        }
        return true;
    };
    // COM¹ COM² COM³ LPT¹ LPT² LPT³ (section 11.3): the superscript digits U+00B9, U+00B2
    // and U+00B3, which Windows treats as 1, 2 and 3, are C2 B9, C2 B2 and C2 B3 in UTF-8.
    const auto superscript_digit = [&](int32_t at) {
        return text[at] == 0xC2 && (text[at + 1] == 0xB9 || text[at + 1] == 0xB2 || text[at + 1] == 0xB3);
    };
    switch (name.size()) {
        case 3: return is("con") || is("prn") || is("aux") || is("nul");
        case 4: return is("com#") || is("lpt#");
        case 5: return (is("com") || is("lpt")) && superscript_digit(name.begin + 3);
        case 6: return is("clock$") || is("conin$");
        case 7: return is("conout$");
        default: return false;
    }
}

bool has_reserved_stem(Text text, Range part) {
    constexpr int32_t kLongestDeviceName = 7;
    const int32_t limit = part.size() > kLongestDeviceName ? part.begin + kLongestDeviceName + 1 : part.end;
    int32_t stem_end = part.begin;
    while (stem_end < limit && text[stem_end] != '.') ++stem_end;
    return is_reserved_device_name(text, Range{part.begin, stem_end});   // 8 bytes: none is
}

}  // namespace profshim
