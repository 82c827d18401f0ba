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

// Applies the length rules to a non-NULL `info`: `len >= 0` is taken as it is (over
// PSH_MAX_INPUT is too long); `len < 0` looks for the NUL among at most PSH_MAX_INPUT + 1
// units and never reads past it.
template <class Unit>
int32_t resolve_input_length(const Unit* info, int32_t len, int32_t& size) {
    size = 0;
    if (len >= 0) {
        if (len > PSH_MAX_INPUT) return PSH_E_TOO_LONG;
        size = len;
        return PSH_OK;
    }
    if constexpr (std::is_same_v<Unit, char>) {
        // memchr stops at the first NUL as the standard requires, and is the C library's
        // fastest scan.
        const void* nul = std::memchr(info, 0, PSH_MAX_INPUT + 1);
        if (nul == nullptr) return PSH_E_TOO_LONG;
        size = gsl::narrow_cast<int32_t>(static_cast<const char*>(nul) - info);
        return PSH_OK;
    } else {
        for (int32_t i = 0; i <= PSH_MAX_INPUT; ++i) {
            if (info[i] == Unit{0}) {
                size = i;
                return PSH_OK;
            }
        }
        return PSH_E_TOO_LONG;
    }
}

// The bytes the engine reads for `size` units of `info`: a byte input as it is; a UTF-16
// input narrowed into `scratch`, each unit above 0x7F becoming the non-ASCII byte 0x80, so
// that it fails rule 1 at the same offset (every rule and every result is ASCII).
inline Text engine_text(const char* info, int32_t size, InputBytes& /*scratch*/) { return Text(info, size); }

inline Text engine_text(const psh_wchar* info, int32_t size, InputBytes& scratch) {
    for (int32_t i = 0; i < size; ++i) {
        const psh_wchar unit = info[i];
        scratch[gsl::narrow_cast<std::size_t>(i)] = static_cast<char>(unit < 0x80 ? unit : 0x80);
    }
    return Text(scratch.data(), size);
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
        for (int32_t i = 0; i < size; ++i) data_[i] = static_cast<Unit>(static_cast<uint8_t>(from[i]));
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
