// Shared by the fuzz targets: decoding the fuzzer's bytes, calling either width of the
// exported functions, guard units around every output buffer, and the assertion that turns
// a broken contract invariant into a crash libFuzzer records.
//
// The targets call the exported C functions (psh_*) exactly as a caller does; they are
// linked with the library's own objects (shim/ profshim_objects), so the sanitizers see
// inside them. Every buffer handed to the library is a heap block of exactly the size the
// call is told, plus guard units the harness checks itself: ASan catches a read or write
// past the block, the guards catch a write past `cap` that stays inside it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "profshim.h"

namespace psh_fuzz {

[[noreturn]] inline void fail(const char* file, int line, const char* what) {
    std::fprintf(stderr, "\n*** profshim contract invariant broken at %s:%d: %s\n", file, line, what);
    std::fflush(stderr);
    std::abort();
}

// Always on, whatever NDEBUG says: these are the tests.
#define PSH_FUZZ_ASSERT(cond)                                   \
    do {                                                        \
        if (!(cond)) ::psh_fuzz::fail(__FILE__, __LINE__, #cond); \
    } while (0)

// ---- the two widths behind one name ------------------------------------------------------

template <class Unit>
struct Api;

template <>
struct Api<char> {
    using Other = psh_wchar;
    static int32_t check(const char* s, int32_t n, psh_report* r) { return psh_check(s, n, r); }
    static int32_t rewrite(const char* s, int32_t n, uint32_t f, char* o, int32_t c, int32_t* l) {
        return psh_rewrite(s, n, f, o, c, l);
    }
    static int32_t profile_name(const char* s, int32_t n, uint32_t f, char* o, int32_t c, int32_t* l) {
        return psh_profile_name(s, n, f, o, c, l);
    }
    static int32_t describe(int32_t st, char* o, int32_t c, int32_t* l) { return psh_describe(st, o, c, l); }
};

template <>
struct Api<psh_wchar> {
    using Other = char;
    static int32_t check(const psh_wchar* s, int32_t n, psh_report* r) { return psh_check_w(s, n, r); }
    static int32_t rewrite(const psh_wchar* s, int32_t n, uint32_t f, psh_wchar* o, int32_t c, int32_t* l) {
        return psh_rewrite_w(s, n, f, o, c, l);
    }
    static int32_t profile_name(const psh_wchar* s, int32_t n, uint32_t f, psh_wchar* o, int32_t c, int32_t* l) {
        return psh_profile_name_w(s, n, f, o, c, l);
    }
    static int32_t describe(int32_t st, psh_wchar* o, int32_t c, int32_t* l) { return psh_describe_w(st, o, c, l); }
};

template <class Unit>
constexpr uint32_t value_of(Unit u) {
    if constexpr (sizeof(Unit) == 1) {
        return static_cast<unsigned char>(u);
    } else {
        return u;
    }
}

// Units moved to the other width as data (fuzz_api's slots): a byte becomes the unit of the
// same value; a UTF-16 unit above 0x7F becomes the byte 0x80. Not the same text: the string
// targets compare widths on the same characters (reference.hpp, section 11.6).
template <class To, class From>
std::vector<To> convert(std::span<const From> from) {
    std::vector<To> to(from.size());
    for (std::size_t i = 0; i < from.size(); ++i) {
        const uint32_t v = value_of(from[i]);
        to[i] = static_cast<To>(v <= 0x7F || sizeof(To) == 2 ? v : 0x80);
    }
    return to;
}

template <class A, class B>
bool same_units(std::span<const A> a, std::span<const B> b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (value_of(a[i]) != value_of(b[i])) return false;
    }
    return true;
}

// ---- statuses ----------------------------------------------------------------------------

// Every status a call may return. PSH_E_UNEXPECTED is deliberately absent: it means an
// exception reached the boundary, which no input may cause.
inline bool is_contract_status(int32_t s) {
    switch (s) {
        case PSH_OK: case PSH_E_POINTER: case PSH_E_INVALIDARG: case PSH_E_INSUFFICIENT_BUFFER:
        case PSH_E_TOO_LONG: case PSH_E_UNKNOWN_FLAGS: case PSH_E_BAD_CHAR:
        case PSH_E_NO_SEPARATOR: case PSH_E_SYNTAX: case PSH_E_EMPTY_SERVER:
        case PSH_E_BAD_SERVER: case PSH_E_EMPTY_MAILBOX: case PSH_E_BAD_MAILBOX:
        case PSH_E_BAD_DN: case PSH_E_UNSAFE_CHAR: case PSH_E_RESERVED_NAME:
            return true;
        default:
            return false;
    }
}

// ---- the fuzzer's bytes ------------------------------------------------------------------

// Reads a fuzz input front to back; past the end every read is 0, so any input decodes.
class Reader {
public:
    Reader(const uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
    uint16_t u16() {
        const uint16_t lo = byte();
        return static_cast<uint16_t>(lo | (byte() << 8));
    }
    uint32_t u32() {
        const uint32_t lo = u16();
        return lo | (static_cast<uint32_t>(u16()) << 16);
    }
    std::size_t left() const { return size_ - pos_; }
    bool done() const { return pos_ >= size_; }
    // The rest as units: bytes as they are, or UTF-16 little-endian pairs (an odd last
    // byte is dropped).
    template <class Unit>
    std::vector<Unit> rest() {
        std::vector<Unit> units;
        if constexpr (sizeof(Unit) == 1) {
            units.assign(reinterpret_cast<const char*>(data_ + pos_), reinterpret_cast<const char*>(data_ + size_));
        } else {
            for (std::size_t i = pos_; i + 1 < size_; i += 2) {
                units.push_back(static_cast<Unit>(data_[i] | (data_[i + 1] << 8)));
            }
        }
        pos_ = size_;
        return units;
    }

private:
    const uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

// ---- guarded heap buffers ----------------------------------------------------------------

constexpr std::size_t kGuardUnits = 16;

template <class Unit>
constexpr Unit guard_unit(std::size_t i) {
    // Never 0, so a stray terminator shows; differs by position, so a shifted copy shows.
    return static_cast<Unit>(0xA5 ^ (i * 7 + 1));
}

// `size` units the library may use, then kGuardUnits the harness checks; one heap block,
// so ASan reports anything past the guards too.
template <class Unit>
class Guarded {
public:
    explicit Guarded(std::size_t size, Unit fill = Unit{0x5A}) : size_(size), block_(size + kGuardUnits, fill) {
        for (std::size_t i = 0; i < kGuardUnits; ++i) block_[size + i] = guard_unit<Unit>(i);
    }
    Unit* data() { return block_.data(); }
    const Unit* data() const { return block_.data(); }
    std::size_t size() const { return size_; }
    int32_t cap() const { return static_cast<int32_t>(size_); }
    Unit& operator[](std::size_t i) { return block_[i]; }
    std::span<const Unit> units(std::size_t n) const { return std::span<const Unit>(block_.data(), n); }
    bool guards_intact() const {
        for (std::size_t i = 0; i < kGuardUnits; ++i) {
            if (block_[size_ + i] != guard_unit<Unit>(i)) return false;
        }
        return true;
    }

private:
    std::size_t size_;
    std::vector<Unit> block_;
};

// A heap block of exactly `size` units (never a NULL pointer, even for 0 units), so ASan
// reports a read one unit past it.
template <class Unit>
class Block {
public:
    Block() : Block(0) {}
    explicit Block(std::size_t size) : size_(size), units_(new Unit[size == 0 ? 0 : size]) {}
    Block(const Unit* from, std::size_t size) : Block(size) {
        if (size != 0) std::memcpy(units_.get(), from, size * sizeof(Unit));
    }
    Unit* data() { return units_.get(); }
    const Unit* data() const { return units_.get(); }
    std::size_t size() const { return size_; }

private:
    std::size_t size_;
    std::unique_ptr<Unit[]> units_;
};

// The caller's input in the form the chosen length mode needs.
//  explicit: exactly the units, `len` = their count.
//  NUL-terminated (`len` = -1): the units and a NUL after them, except when they hold no NUL
//  and are more than PSH_MAX_INPUT units: then there is no terminator at all, and the block
//  ends right after them, so reading past PSH_MAX_INPUT + 1 units is an ASan finding.
template <class Unit>
struct Input {
    Block<Unit> block;         // what the library gets a pointer to
    int32_t len = 0;           // what the call says
    int32_t length = 0;        // units the library should take as the input (length rules)
    bool too_long = false;     // PSH_E_TOO_LONG is the expected answer

    std::span<const Unit> text() const { return std::span<const Unit>(block.data(), static_cast<std::size_t>(length)); }
};

template <class Unit>
Input<Unit> make_input(std::span<const Unit> units, bool nul_terminated) {
    Input<Unit> in;
    if (!nul_terminated) {
        in.block = Block<Unit>(units.data(), units.size());
        in.len = static_cast<int32_t>(units.size());
        in.too_long = units.size() > PSH_MAX_INPUT;
        in.length = in.too_long ? 0 : in.len;
        return in;
    }
    in.len = -1;
    const auto nul = std::find(units.begin(), units.end(), Unit{0});
    const auto found = static_cast<std::size_t>(nul - units.begin());
    if (nul == units.end() && units.size() <= PSH_MAX_INPUT) {
        in.block = Block<Unit>(units.size() + 1);
        if (!units.empty()) std::memcpy(in.block.data(), units.data(), units.size() * sizeof(Unit));
        in.block.data()[units.size()] = Unit{0};
    } else {
        in.block = Block<Unit>(units.data(), units.size());
    }
    in.too_long = found > PSH_MAX_INPUT;
    in.length = in.too_long ? 0 : static_cast<int32_t>(found);
    return in;
}

}  // namespace psh_fuzz
