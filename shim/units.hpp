// Code units and the view the engine reads them through.
//
// The engine is one set of templates over the unit type: `char` for the byte functions,
// `psh_wchar` (a UTF-16 code unit) for the _w ones. Every rule of the contract is about
// ASCII, so each unit is read as an unsigned number and compared with ASCII values; a
// non-ASCII unit never equals any of them.
#pragma once

#include <concepts>
#include <cstdint>

#include <gsl/narrow>
#include <gsl/span>

#include "profshim.h"

namespace profshim {

template <class Unit>
concept CodeUnit = std::same_as<Unit, char> || std::same_as<Unit, psh_wchar>;

// A unit's value: bytes are read unsigned, so 0xFC is 252, never -4.
template <CodeUnit Unit>
constexpr uint32_t unit_value(Unit unit) {
    if constexpr (std::same_as<Unit, char>) {
        return static_cast<unsigned char>(unit);
    } else {
        return unit;
    }
}

constexpr uint32_t kTab = 0x09;
constexpr uint32_t kLineFeed = 0x0A;
constexpr uint32_t kCarriageReturn = 0x0D;
constexpr uint32_t kSpace = 0x20;

constexpr bool is_printable_ascii(uint32_t u) { return u >= 0x20 && u <= 0x7E; }
constexpr bool is_ascii_upper(uint32_t u) { return u >= 'A' && u <= 'Z'; }
constexpr bool is_ascii_lower(uint32_t u) { return u >= 'a' && u <= 'z'; }
constexpr bool is_ascii_digit(uint32_t u) { return u >= '0' && u <= '9'; }
constexpr bool is_ascii_alnum(uint32_t u) {
    return is_ascii_upper(u) || is_ascii_lower(u) || is_ascii_digit(u);
}
constexpr bool is_ascii_hex_digit(uint32_t u) {
    return is_ascii_digit(u) || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
}
constexpr uint32_t ascii_lower(uint32_t u) { return is_ascii_upper(u) ? u + 32 : u; }

// A half-open range [begin, end) of unit offsets in the whole input. Offsets stay absolute
// so that every fault is reported where the caller's string has it.
struct Range {
    int32_t begin = 0;
    int32_t end = 0;
    constexpr int32_t size() const { return end - begin; }
    constexpr bool empty() const { return begin == end; }
};

// The input as the engine reads it. Built only at the boundary, after the length rules
// have been applied, so its size is 0 to PSH_MAX_INPUT.
//
// Reads are unchecked: every loop of the engine is bounded by a part's end, so an offset
// outside the input would be an engine bug, not something a caller can cause, and a check
// on every unit read was a fifth of psh_check's instructions. Builds that define
// PROFSHIM_CHECKED_UNITS (Debug, the asan preset, the fuzz targets and their replays) read
// through gsl::span, whose bounds check terminates on such a bug: that is where it is found.
template <CodeUnit Unit>
class UnitView {
public:
    constexpr UnitView(const Unit* data, int32_t size) : data_(data), size_(size) {}
    explicit constexpr UnitView(gsl::span<const Unit> units)
        : data_(units.data()), size_(gsl::narrow_cast<int32_t>(units.size())) {}

    constexpr int32_t size() const { return size_; }
    constexpr uint32_t operator[](int32_t offset) const {
#if defined(PROFSHIM_CHECKED_UNITS)
        return unit_value(gsl::span<const Unit>(data_, gsl::narrow_cast<std::size_t>(size_))
                              [gsl::narrow_cast<std::size_t>(offset)]);
#else
        return unit_value(data_[offset]);
#endif
    }
    constexpr Range whole() const { return Range{0, size()}; }

private:
    const Unit* data_;
    int32_t size_;
};

// A fault: a status and the offset of the unit at fault (-1 when none, or none single).
struct Fault {
    int32_t status = PSH_OK;
    int32_t offset = -1;
    constexpr bool ok() const { return status == PSH_OK; }
};

constexpr Fault no_fault() { return Fault{}; }
constexpr Fault fault_at(int32_t status, int32_t offset) { return Fault{status, offset}; }

}  // namespace profshim
