// The ASCII classes the rules are written in, and byte tables made from them at compile time
// for the loops that every byte of an input goes through.
#pragma once

#include <array>
#include <bit>
#include <cstdint>

namespace profshim {

constexpr uint8_t kTab = 0x09;
constexpr uint8_t kLineFeed = 0x0A;
constexpr uint8_t kCarriageReturn = 0x0D;
constexpr uint8_t kSpace = 0x20;

constexpr bool is_printable_ascii(uint32_t u) { return u >= 0x20 && u <= 0x7E; }
constexpr bool is_ascii_upper(uint32_t u) { return u >= 'A' && u <= 'Z'; }
constexpr bool is_ascii_lower(uint32_t u) { return u >= 'a' && u <= 'z'; }
constexpr bool is_ascii_digit(uint32_t u) { return u >= '0' && u <= '9'; }
constexpr bool is_ascii_alnum(uint32_t u) { return is_ascii_upper(u) || is_ascii_lower(u) || is_ascii_digit(u); }
constexpr bool is_ascii_hex_digit(uint32_t u) {
    return is_ascii_digit(u) || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
}
constexpr uint32_t ascii_lower(uint32_t u) { return is_ascii_upper(u) ? u + 32 : u; }

// The bytes of `word` that are not printable ASCII (0x20-0x7E), 8 tested at once ("Bit
// Twiddling Hacks", hasless and hasmore): each such byte gets its high bit set, by
// (word - 0x20 in each byte) for a byte below 0x20, by (word + 1 in each byte) for 0x7F,
// by word itself for a byte above 0x7F; a printable byte gets none of them. A borrow or a
// carry between bytes leaves only a byte that is flagged itself, so it can flag a printable
// byte above a flagged one but never hides one: the lowest flag is exact.
constexpr uint64_t non_printable_bytes(uint64_t word) {
    constexpr uint64_t kEachByte = 0x0101010101010101ULL;
    constexpr uint64_t kHighBits = 0x8080808080808080ULL;
    return ((word - kEachByte * 0x20) | (word + kEachByte) | word) & kHighBits;
}
// The index of the lowest byte flagged in a non-zero result of non_printable_bytes(); the
// word was loaded little-endian (Text::word_at), so that is the first byte in the text.
constexpr int32_t first_flagged_byte(uint64_t flagged) { return std::countr_zero(flagged) / 8; }
static_assert(non_printable_bytes(0x2020202020202020ULL) == 0 && non_printable_bytes(0x7E7E7E7E7E7E7E7EULL) == 0);
static_assert(non_printable_bytes(0x202020200A202020ULL) != 0 && non_printable_bytes(0x7F20202020202020ULL) != 0);
static_assert(non_printable_bytes(0x20202020202020FFULL) != 0 && non_printable_bytes(0x2020202020202080ULL) != 0);
static_assert(non_printable_bytes(0x7E7E7E0A7E7E7E7EULL) >> 32 == 0x80);   // the LF's byte, the lowest flag

// `map` over every byte value, as a table of what it returns (a class, a yes or no, the byte
// as written somewhere): one load a byte instead of a chain of comparisons.
template <class Map>
consteval auto byte_table(Map map) {
    std::array<decltype(map(0u)), 256> table{};
    for (uint32_t u = 0; u < table.size(); ++u) table[u] = map(u);
    return table;
}

}  // namespace profshim
