// The input length rules (contract 4) and the output buffer protocol (contract 8), shared
// by every export of both widths.
#pragma once

#include "units.hpp"

namespace profshim {

// Applies the length rules to a non-NULL `info`: `len >= 0` is taken as it is (over
// PSH_MAX_INPUT is too long); `len < 0` looks for the NUL among at most PSH_MAX_INPUT + 1
// units and never reads past it.
template <CodeUnit Unit>
constexpr int32_t resolve_input_length(const Unit* info, int32_t len, int32_t& size) {
    size = 0;
    if (len >= 0) {
        if (len > PSH_MAX_INPUT) return PSH_E_TOO_LONG;
        size = len;
        return PSH_OK;
    }
    for (int32_t i = 0; i <= PSH_MAX_INPUT; ++i) {
        if (info[i] == Unit{0}) {
            size = i;
            return PSH_OK;
        }
    }
    return PSH_E_TOO_LONG;
}

// The caller's output: `cap` units at `data`, the result's length to `*length`.
template <CodeUnit Unit>
class OutputBuffer {
public:
    // `in_place`: `data` is the caller's input, so a failed call must leave it untouched.
    OutputBuffer(Unit* data, int32_t cap, int32_t* length, bool in_place)
        : data_(data), cap_(cap), length_(length), in_place_(in_place) {}

    // Argument checks in the contract's order after `info`: out NULL with cap > 0, then a
    // negative cap.
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

    // A result of `units.size()` units: written with its NUL, or the size reported.
    int32_t deliver(gsl::span<const Unit> units) {
        const auto size = gsl::narrow_cast<int32_t>(units.size());
        if (length_ != nullptr) *length_ = size;
        if (cap_ < size + 1) {
            clear_first_unit();
            return PSH_E_INSUFFICIENT_BUFFER;
        }
        // Copy forwards: in place the result is never ahead of the input it came from,
        // and it was made in a work buffer anyway.
        // Plain reads: the loop is bounded by the span's own size.
        const Unit* const from = units.data();
        for (int32_t i = 0; i < size; ++i) data_[i] = from[i];
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
