// Characters, as the engine reads them (profshim.h section 11.2): one well-formed UTF-8
// sequence (RFC 3629, Table 3-7 of The Unicode Standard) that is not a control. The engine
// reads UTF-8 whatever the caller's width: a UTF-16 input is transcoded at the boundary
// (transcode.hpp), a lone surrogate becoming a byte that is never UTF-8, so that it fails
// here at the same place.
#pragma once

#include <cstdint>

namespace profshim {

constexpr bool is_utf8_continuation(uint32_t byte) { return (byte & 0xC0) == 0x80; }

// How many UTF-16 units the character whose UTF-8 sequence starts with `lead` takes: 2 for
// a 4-byte sequence (a supplementary character), 0 for a continuation byte, else 1. Also 1
// for the bytes that start no sequence (0xC0, 0xC1, 0xF5-0xFF), which stand for one unit
// each: the transcoder writes 0xFF for a lone surrogate.
constexpr int32_t utf16_units_of_lead(uint32_t lead) {
    if (is_utf8_continuation(lead)) return 0;
    return lead >= 0xF0 && lead <= 0xF4 ? 2 : 1;
}

// The size of the non-ASCII character that starts at `bytes[0]` (a byte >= 0x80), 2 to 4,
// when `available` bytes (at least 1) hold a well-formed sequence there that is not a C1
// control (U+0080-U+009F); 0 otherwise: a continuation byte, a lead of an overlong form, of
// a surrogate or of a value above U+10FFFF, a sequence cut short by the end or by a byte
// that cannot continue it. Every such fault is at `bytes[0]`, where the sequence starts.
inline int32_t non_ascii_character_size(const uint8_t* bytes, int32_t available) {
    const uint32_t lead = bytes[0];
    // The range of the second byte, which is where overlong forms, surrogates and values
    // above U+10FFFF show; the bytes after it are any continuation byte.
    uint32_t low = 0x80;
    uint32_t high = 0xBF;
    int32_t size = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        size = 2;
        if (lead == 0xC2) low = 0xA0;   // C2 80-9F is U+0080-U+009F, the C1 controls
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        size = 3;
        if (lead == 0xE0) low = 0xA0;   // overlong below
        if (lead == 0xED) high = 0x9F;  // D800-DFFF above
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        size = 4;
        if (lead == 0xF0) low = 0x90;   // overlong below
        if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
    } else {
        return 0;
    }
    if (available < size) return 0;
    if (bytes[1] < low || bytes[1] > high) return 0;
    for (int32_t k = 2; k < size; ++k) {
        if (!is_utf8_continuation(bytes[k])) return 0;
    }
    return size;
}

}  // namespace profshim
