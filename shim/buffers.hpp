// The caller's buffers, in either width (profshim.h sections 4, 8 and 11.1): the input
// length rules, the transcoding of a UTF-16 input to the UTF-8 the engine reads and of
// offsets back to the caller's units, and the output buffer protocol, which transcodes the
// engine's UTF-8 result back.
#pragma once

#include <array>
#include <cstring>
#include <type_traits>

#include "text.hpp"
#include "utf8.hpp"

namespace profshim {

// Room for any input the engine reads, as UTF-8 (kMaxInputBytes, text.hpp): the stack
// buffers of the boundary and of the engine's work, sized for the worst case.
using InputBytes = std::array<char, kMaxInputBytes>;

// The boundary's buffers, per width: a byte input is read where it is and is at most
// PSH_MAX_INPUT bytes, so the byte functions keep 1.1's small stack frames (a frame three
// times larger made psh_check 15% slower on the KB input for the same instructions); a
// UTF-16 input is transcoded into InputBytes.
template <class Unit>
using Scratch = std::conditional_t<std::is_same_v<Unit, char>, std::array<char, 1>, InputBytes>;
template <class Unit>
using WorkBytes = std::conditional_t<std::is_same_v<Unit, char>, std::array<char, PSH_MAX_INPUT>, InputBytes>;

// A caller's input as the engine reads it: its UTF-8 text, and whether each byte of that
// text is one of the caller's units (a byte input; a UTF-16 input all ASCII), so that an
// offset in the text is the caller's offset as it is.
struct Input {
    Text text;
    bool bytes_are_units = true;
    bool ascii = true;   // a UTF-16 input: every unit below 0x80 (a byte input: not looked at)
};

// What the boundary knows of a result's characters before writing it in UTF-16: a rewrite
// of an ASCII input is ASCII (it copies the input's bytes and adds ASCII), one of an input
// outside ASCII is very likely not, so it goes to the transcoder without a test first.
enum class ResultText { kUnknown, kAscii, kLikelyNotAscii };

// Reads a non-NULL `info` of `len` units into `input` (section 4's length rules): `len >= 0`
// is taken as it is (over PSH_MAX_INPUT is PSH_E_TOO_LONG); `len < 0` ends at the NUL,
// looked for among at most PSH_MAX_INPUT + 1 units and never read past. A byte input is
// read where it is, UTF-8 or not: the engine's rule 1 finds what is ill-formed.
inline int32_t read_input(const char* info, int32_t len, Scratch<char>& /*none*/, Input& input) {
    if (len > PSH_MAX_INPUT) return PSH_E_TOO_LONG;
    if (len < 0) {
        // memchr stops at the first NUL as the standard requires, and is the C library's
        // fastest scan.
        const void* nul = std::memchr(info, 0, PSH_MAX_INPUT + 1);
        if (nul == nullptr) return PSH_E_TOO_LONG;
        len = gsl::narrow_cast<int32_t>(static_cast<const char*>(nul) - info);
    }
    input.text = Text(info, len);
    input.bytes_are_units = true;
    return PSH_OK;
}

// Writes `units` as UTF-8 to `out`, which has room for 3 bytes a unit: a surrogate pair as
// one 4-byte sequence, a lone or reversed surrogate as the byte 0xFF, which is never UTF-8,
// so that rule 1 refuses it at the same place (section 11.2). Returns the bytes written.
// A plain loop, each unit read once and each byte written through a moving pointer.
inline int32_t utf16_to_utf8(const psh_wchar* units, int32_t count, char* out) {
    char* const start = out;
    const auto put = [&](uint32_t byte) { *out++ = static_cast<char>(byte); };
    for (int32_t i = 0; i < count;) {
        const uint32_t u = units[i++];
        if (u < 0x80) {
            put(u);
        } else if (u < 0x800) {
            put(0xC0 | (u >> 6));
            put(0x80 | (u & 0x3F));
        } else if (u < 0xD800 || u > 0xDFFF) {
            put(0xE0 | (u >> 12));
            put(0x80 | ((u >> 6) & 0x3F));
            put(0x80 | (u & 0x3F));
        } else if (u <= 0xDBFF && i < count && units[i] >= 0xDC00 && units[i] <= 0xDFFF) {
            const uint32_t c = 0x10000 + ((u - 0xD800) << 10) + (units[i++] - 0xDC00);
            put(0xF0 | (c >> 18));
            put(0x80 | ((c >> 12) & 0x3F));
            put(0x80 | ((c >> 6) & 0x3F));
            put(0x80 | (c & 0x3F));
        } else {
            put(0xFF);
        }
    }
    return gsl::narrow_cast<int32_t>(out - start);
}

// A UTF-16 input is transcoded into `scratch` (at most 3 bytes a unit: kMaxInputBytes). The
// common all-ASCII input takes one loop of its own with a known count, which the compiler
// does many units at a time: it narrows each unit and ORs them together. When that shows a
// unit above 0x7F, the narrowed bytes are right up to the first such unit (most inputs
// outside ASCII start with an ASCII server and LF), and only the units from there on are
// transcoded, character by character.
inline int32_t read_input(const psh_wchar* info, int32_t len, InputBytes& scratch, Input& input) {
    if (len > PSH_MAX_INPUT) return PSH_E_TOO_LONG;
    if (len < 0) {
        len = 0;
        while (len <= PSH_MAX_INPUT && info[len] != 0) ++len;
        if (len > PSH_MAX_INPUT) return PSH_E_TOO_LONG;
    }
    char* const bytes = scratch.data();
    psh_wchar all_units = 0;   // the units' own width, so that a vector holds as many as it can
    for (int32_t i = 0; i < len; ++i) {
        all_units |= info[i];
        bytes[i] = static_cast<char>(info[i]);
    }
    input.ascii = all_units < 0x80;
    if (input.ascii) {
        input.text = Text(bytes, len);
        input.bytes_are_units = true;
        return PSH_OK;
    }
    int32_t ascii = 0;
    while (info[ascii] < 0x80) ++ascii;   // stops: some unit is above 0x7F
    const int32_t size = ascii + utf16_to_utf8(info + ascii, len - ascii, bytes + ascii);
    input.text = Text(bytes, size);
    // As many bytes as units: each unit became one byte (ASCII, or a lone surrogate's 0xFF,
    // which stands for one unit too), so an offset in the text is the caller's as it is.
    input.bytes_are_units = size == len;
    return PSH_OK;
}

// The caller's offsets, in its units, of bytes of `input.text` (or of its end). The engine
// reports offsets where a character starts or a part ends, so each maps to one unit: the
// UTF-16 units of the characters before it. psh_check asks for its offsets mostly in
// ascending order (the parts' ends after their beginnings), so the map walks on from the
// last offset asked for rather than from 0 each time, and the text is read about once.
class CallerOffsets {
public:
    explicit CallerOffsets(const Input& input) : input_(input) {}

    int32_t operator()(int32_t offset) {
        if (input_.bytes_are_units || offset <= 0) return offset;
        if (offset < byte_) byte_ = unit_ = 0;   // behind the walk: start again
        for (; byte_ < offset; ++byte_) unit_ += utf16_units_of_lead(input_.text[byte_]);
        return unit_;
    }

private:
    const Input& input_;
    int32_t byte_ = 0;   // the walk so far: `byte_` bytes of the text are `unit_` units
    int32_t unit_ = 0;
};

// Whether every byte of `bytes` is ASCII, for the common result (every profile name, most
// rewrites): 8 bytes at a time, their high bits ORed together.
inline bool is_ascii(gsl::span<const char> bytes) {
    const char* const data = bytes.data();
    const std::size_t size = bytes.size();
    uint64_t all_bytes = 0;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t word;
        std::memcpy(&word, data + i, sizeof word);
        all_bytes |= word;
    }
    for (; i < size; ++i) all_bytes |= static_cast<uint8_t>(data[i]);
    return (all_bytes & 0x8080808080808080ULL) == 0;
}

// How many UTF-16 units the UTF-8 `bytes` take.
inline int32_t utf16_length(gsl::span<const char> bytes) {
    int32_t units = 0;
    for (const char byte : bytes) units += utf16_units_of_lead(static_cast<uint8_t>(byte));
    return units;
}

// Writes the UTF-8 `bytes`, which the engine wrote and rule 1 passed, as UTF-16 to `out`,
// which has room for utf16_length(bytes) units; returns the units written. One plain pass,
// each character decoded by its lead byte. (A byte that starts no character, or a sequence
// cut short by the end, which the engine never writes, is written as U+FFFD rather than
// read past.)
inline int32_t utf8_to_utf16(gsl::span<const char> bytes, psh_wchar* out) {
    const auto* const from = reinterpret_cast<const uint8_t*>(bytes.data());
    const auto size = gsl::narrow_cast<int32_t>(bytes.size());
    psh_wchar* const start = out;
    for (int32_t i = 0; i < size;) {
        const uint32_t lead = from[i];
        if (lead < 0x80) {
            *out++ = static_cast<psh_wchar>(lead);
            ++i;
            continue;
        }
        const int32_t n = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
        if (n == 0 || i + n > size) {
            *out++ = 0xFFFD;
            ++i;
            continue;
        }
        // Each size spelled out (no loop over the continuation bytes): 6 bits from each.
        const auto bits = [&](int32_t k) { return from[i + k] & 0x3Fu; };
        if (n == 2) {
            *out++ = static_cast<psh_wchar>(((lead & 0x1Fu) << 6) | bits(1));
        } else if (n == 3) {
            *out++ = static_cast<psh_wchar>(((lead & 0x0Fu) << 12) | (bits(1) << 6) | bits(2));
        } else {
            const uint32_t c = ((lead & 0x07u) << 18) | (bits(1) << 12) | (bits(2) << 6) | bits(3);
            *out++ = static_cast<psh_wchar>(0xD800 + ((c - 0x10000) >> 10));
            *out++ = static_cast<psh_wchar>(0xDC00 + ((c - 0x10000) & 0x3FF));
        }
        i += n;
    }
    return gsl::narrow_cast<int32_t>(out - start);
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

    // A result in UTF-8: written in the caller's units with a NUL (UTF-16 for the _w
    // functions, section 11.1), or its size in those units reported. The engine made it in
    // a buffer of its own, so in place the input has been read already.
    // `known`: what the caller knows of the result's characters (the byte functions ignore it).
    int32_t deliver(gsl::span<const char> bytes, ResultText known = ResultText::kUnknown) {
        const int32_t bytes_size = gsl::narrow_cast<int32_t>(bytes.size());
        const char* const from = bytes.data();
        if constexpr (std::is_same_v<Unit, char>) {
            if (!fits(bytes_size)) return PSH_E_INSUFFICIENT_BUFFER;
            std::memcpy(data_, from, bytes.size());
            data_[bytes_size] = Unit{0};
        } else if (known == ResultText::kAscii || (known == ResultText::kUnknown && is_ascii(bytes))) {
            // Every profile name, most rewrites: a byte is a unit.
            if (!fits(bytes_size)) return PSH_E_INSUFFICIENT_BUFFER;
            for (int32_t i = 0; i < bytes_size; ++i) data_[i] = static_cast<Unit>(static_cast<uint8_t>(from[i]));
            data_[bytes_size] = Unit{0};
        } else {
            // UTF-16 takes at most as many units as UTF-8 takes bytes, so a buffer of that
            // many (the common case: callers size it for the input) is written in the one
            // transcoding pass; only a smaller one needs the result measured first.
            if (cap_ < bytes_size + 1 && !fits(utf16_length(bytes))) return PSH_E_INSUFFICIENT_BUFFER;
            const int32_t size = utf8_to_utf16(bytes, data_);
            if (length_ != nullptr) *length_ = size;
            data_[size] = Unit{0};
        }
        return PSH_OK;
    }

private:
    // Reports a result of `size` units and whether it fits with its NUL; when it does not,
    // the buffer is emptied as section 8 says.
    bool fits(int32_t size) {
        if (length_ != nullptr) *length_ = size;
        if (cap_ < size + 1) {
            clear_first_unit();
            return false;
        }
        return true;
    }

    void clear_first_unit() {
        if (!in_place_ && data_ != nullptr && cap_ > 0) data_[0] = Unit{0};
    }

    Unit* data_;
    int32_t cap_;
    int32_t* length_;
    bool in_place_;
};

}  // namespace profshim
