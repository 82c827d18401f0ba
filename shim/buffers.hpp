// The caller's buffers, in either width (profshim.h sections 4 and 8): the input length
// rules, the narrowing of a UTF-16 input to the bytes the engine reads, and the output
// buffer protocol, which widens the engine's bytes again.
#pragma once

#include <array>
#include <cstring>
#include <type_traits>

#include "text.hpp"

namespace profshim {

// Room for any input the engine reads, as bytes.
using InputBytes = std::array<char, PSH_MAX_INPUT>;

// Reads a non-NULL `info` of `len` units into the bytes the engine reads (section 4's length
// rules): `len >= 0` is taken as it is (over PSH_MAX_INPUT is PSH_E_TOO_LONG); `len < 0`
// ends at the NUL, looked for among at most PSH_MAX_INPUT + 1 units and never read past. A
// byte input is read where it is. A UTF-16 input is narrowed into `scratch` in the same
// pass, each unit above 0x7F becoming the non-ASCII byte 0x80, so that it fails rule 1 at
// the same offset (every rule and every result is ASCII).
inline int32_t read_input(const char* info, int32_t len, InputBytes& /*scratch*/, Text& text) {
    if (len > PSH_MAX_INPUT) return PSH_E_TOO_LONG;
    if (len < 0) {
        // memchr stops at the first NUL as the standard requires, and is the C library's
        // fastest scan.
        const void* nul = std::memchr(info, 0, PSH_MAX_INPUT + 1);
        if (nul == nullptr) return PSH_E_TOO_LONG;
        len = gsl::narrow_cast<int32_t>(static_cast<const char*>(nul) - info);
    }
    text = Text(info, len);
    return PSH_OK;
}

inline int32_t read_input(const psh_wchar* info, int32_t len, InputBytes& scratch, Text& text) {
    if (len > PSH_MAX_INPUT) return PSH_E_TOO_LONG;
    if (len < 0) {
        len = 0;
        while (len <= PSH_MAX_INPUT && info[len] != 0) ++len;
        if (len > PSH_MAX_INPUT) return PSH_E_TOO_LONG;
    }
    // A loop of its own, with a known count, so that the compiler narrows many units at once.
    char* const bytes = scratch.data();
    for (int32_t i = 0; i < len; ++i) bytes[i] = static_cast<char>(info[i] < 0x80 ? info[i] : 0x80);
    text = Text(bytes, len);
    return PSH_OK;
}

// The caller's output: `cap` units at `data`, the result's length to `*length`.
template <class Unit>
class OutputBuffer {
public:
    // `in_place`: `data` is the caller's input, so a failed call must leave it untouched.
    OutputBuffer(Unit* data, int32_t cap, int32_t* length, bool in_place)
        : data_(data), cap_(cap), length_(length), in_place_(in_place) {}

    // Section 8's argument checks after `info`: out NULL with cap > 0, then a negative cap.
    int32_t validate() const {
        if (data_ == nullptr && cap_ > 0) return PSH_E_POINTER;
        if (cap_ < 0) return PSH_E_INVALIDARG;
        return PSH_OK;
    }

    // A failure other than a short buffer: an empty string where one can be written.
    int32_t fail(int32_t status) {
        if (length_ != nullptr) *length_ = 0;
        clear_first_unit();
        return status;
    }

    // A result of `bytes.size()` ASCII bytes: written as units with a NUL, or its size
    // reported. The engine made it in a buffer of its own, so in place the input has been
    // read already.
    int32_t deliver(gsl::span<const char> bytes) {
        const auto size = gsl::narrow_cast<int32_t>(bytes.size());
        if (length_ != nullptr) *length_ = size;
        if (cap_ < size + 1) {
            clear_first_unit();
            return PSH_E_INSUFFICIENT_BUFFER;
        }
        const char* const from = bytes.data();
        if constexpr (std::is_same_v<Unit, char>) {
            std::memcpy(data_, from, bytes.size());
        } else {
            for (int32_t i = 0; i < size; ++i) data_[i] = static_cast<Unit>(static_cast<uint8_t>(from[i]));
        }
        data_[size] = Unit{0};
        return PSH_OK;
    }

private:
    void clear_first_unit() {
        if (!in_place_ && data_ != nullptr && cap_ > 0) data_[0] = Unit{0};
    }

    Unit* data_;
    int32_t cap_;
    int32_t* length_;
    bool in_place_;
};

}  // namespace profshim
