// The caller's buffers, in either width (profshim.h sections 4, 8 and 11.1): the input
// length rules, the transcoding of a UTF-16 input to the UTF-8 the engine reads and of
// offsets back to the caller's units, and the output buffer protocol, which transcodes the
// engine's UTF-8 result back. ASCII units are narrowed and tested a block at a time with
// SSE2 where the compiler has it (every x86-64 one), else with a plain loop that gives the
// same answers (the 32-bit Windows build).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    bool ascii = true;   // a UTF-16 input: every unit read below 0x80 (a byte input: not looked at)
    int32_t units = 0;   // a UTF-16 input: how many units were read (a byte input: not set)
};

// What the boundary knows of a result's characters before writing it in UTF-16: a rewrite
// of an ASCII input is ASCII (it copies the input's bytes and adds ASCII), one of an input
// outside ASCII is very likely not, so it goes to the transcoder without a test first.
enum class ResultText { kUnknown, kAscii, kLikelyNotAscii };

// How much of a UTF-16 input the engine needs (section 11.6: the answer is the same).
// psh_check without a report answers a status alone, and rule 1 comes first, read left to
// right: a unit that is an ASCII control other than LF fails it (section 11.2), so from the
// first such unit on the status is PSH_E_BAD_CHAR there or before, whatever follows. That
// call reads the input up to that unit and no further (the KB's CRLF line ends, VB's vbCrLf);
// every other call reads it whole.
enum class Reading { kWhole, kToFirstControl };

// Reads a non-NULL `info` of `len` units into `input` (section 4's length rules): `len >= 0`
// is taken as it is (over PSH_MAX_INPUT is PSH_E_TOO_LONG); `len < 0` ends at the NUL,
// looked for among at most PSH_MAX_INPUT + 1 units and never read past. A byte input is
// read where it is, UTF-8 or not: the engine's rule 1 finds what is ill-formed, and stops
// at the first fault itself (so a byte input is always read whole).
template <Reading = Reading::kWhole>
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

// A unit that ends reading kToFirstControl: an ASCII control other than LF.
constexpr bool ends_reading(uint32_t unit) { return unit < 0x20 && unit != 0x0A; }

// Narrows the `count` (8 or 16) units at `units` to bytes at `out` (room for `count`) and
// returns the units whose byte is not the text, a bit each (bit k: unit k): every unit
// above 0x7F and, reading kToFirstControl, every one that ends reading. The bytes before
// the first such unit are the text. (A unit after a flagged one may be flagged wrongly.)
template <Reading reading, int32_t count>
inline uint32_t narrow_block(const psh_wchar* units, char* out) {
    static_assert(count == 8 || count == 16);
#if defined(__SSE2__)
    // Every x86-64 compiler has these: 8 units to a register, narrowed and tested together.
    const __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(units));
    const __m128i high = count == 16 ? _mm_loadu_si128(reinterpret_cast<const __m128i*>(units + 8)) : low;
    const __m128i narrowed = _mm_packus_epi16(low, high);   // an ASCII unit's byte is itself
    if constexpr (count == 16) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), narrowed);
    } else {
        _mm_storel_epi64(reinterpret_cast<__m128i*>(out), narrowed);
    }
    // A unit + 0x7F80, saturating at 0xFFFF, has its top bit set just when the unit is
    // above 0x7F; packing those as signed keeps that bit as each byte's, for movemask.
    const __m128i top = _mm_set1_epi16(0x7F80);
    __m128i flagged = _mm_packs_epi16(_mm_adds_epu16(low, top), _mm_adds_epu16(high, top));
    if constexpr (reading == Reading::kToFirstControl) {
        // The bytes below 0x20 but LF (compared signed: a flagged unit's byte may be again).
        const __m128i controls = _mm_cmplt_epi8(narrowed, _mm_set1_epi8(0x20));
        const __m128i line_feeds = _mm_cmpeq_epi8(narrowed, _mm_set1_epi8(0x0A));
        flagged = _mm_or_si128(flagged, _mm_andnot_si128(line_feeds, controls));
    }
    const auto flags = static_cast<uint32_t>(_mm_movemask_epi8(flagged));
    return count == 16 ? flags : flags & 0xFFu;
#else
    uint32_t flags = 0;
    for (int32_t k = 0; k < count; ++k) {
        const uint32_t u = units[k];
        out[k] = static_cast<char>(u);
        const bool flagged = u >= 0x80 || (reading == Reading::kToFirstControl && ends_reading(u));
        flags |= static_cast<uint32_t>(flagged) << k;
    }
    return flags;
#endif
}

// Narrows the 32 units at `units` to bytes at `out` (room for 32); true when every one is
// ASCII and, reading kToFirstControl, none ends reading (the bulk of a long input, tested
// together: one test for all 32).
template <Reading reading>
inline bool narrow_ascii(const psh_wchar* units, char* out) {
#if defined(__SSE2__)
    const auto* const from = reinterpret_cast<const __m128i*>(units);
    const __m128i a = _mm_loadu_si128(from);
    const __m128i b = _mm_loadu_si128(from + 1);
    const __m128i c = _mm_loadu_si128(from + 2);
    const __m128i d = _mm_loadu_si128(from + 3);
    const __m128i first = _mm_packus_epi16(a, b);
    const __m128i second = _mm_packus_epi16(c, d);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), first);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), second);
    // Any unit above 0x7F sets the top bit of a unit of the OR + 0x7F80 (a high byte's).
    const __m128i all_units = _mm_adds_epu16(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d)), _mm_set1_epi16(0x7F80));
    auto flags = static_cast<uint32_t>(_mm_movemask_epi8(all_units)) & 0xAAAAu;
    if constexpr (reading == Reading::kToFirstControl) {
        // Bytes below 0x20 but LF (of ASCII units: any other unit fails the test above).
        const __m128i space = _mm_set1_epi8(0x20);
        const __m128i line_feed = _mm_set1_epi8(0x0A);
        const __m128i controls = _mm_or_si128(
            _mm_andnot_si128(_mm_cmpeq_epi8(first, line_feed), _mm_cmplt_epi8(first, space)),
            _mm_andnot_si128(_mm_cmpeq_epi8(second, line_feed), _mm_cmplt_epi8(second, space)));
        flags |= static_cast<uint32_t>(_mm_movemask_epi8(controls));
    }
    return flags == 0;
#else
    return (narrow_block<reading, 16>(units, out) | narrow_block<reading, 16>(units + 16, out + 16)) == 0;
#endif
}

// Writes the character whose first unit `u` is above 0x7F as UTF-8 at `out` (room for 4
// bytes) and returns past it; `in` is the unit after `u`, and moves past the low surrogate
// that pairs with a high one. A lone or reversed surrogate is the byte 0xFF, which is never
// UTF-8, so that rule 1 refuses it at the same place (section 11.2). Each byte is written
// at an index of `out`, which moves once: through a pointer to it every char store could
// change it, and the compiler would reload it after each.
inline char* put_character(uint32_t u, const psh_wchar*& in, const psh_wchar* end, char* out) {
    if (u < 0x800) {
        out[0] = static_cast<char>(0xC0 | (u >> 6));
        out[1] = static_cast<char>(0x80 | (u & 0x3F));
        return out + 2;
    }
    if ((u & 0xF800) != 0xD800) {   // not a surrogate
        out[0] = static_cast<char>(0xE0 | (u >> 12));
        out[1] = static_cast<char>(0x80 | ((u >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (u & 0x3F));
        return out + 3;
    }
    if (u <= 0xDBFF && in != end && (*in & 0xFC00) == 0xDC00) {
        const uint32_t c = 0x10000 + ((u - 0xD800) << 10) + (*in++ - 0xDC00u);
        out[0] = static_cast<char>(0xF0 | (c >> 18));
        out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out[3] = static_cast<char>(0x80 | (c & 0x3F));
        return out + 4;
    }
    out[0] = static_cast<char>(0xFF);
    return out + 1;
}

// A UTF-16 input is transcoded into `scratch` (at most 3 bytes a unit: kMaxInputBytes) in
// one pass. ASCII goes a block at a time (most inputs are ASCII, and most others start with
// an ASCII server and LF): 32 units while as many are left, then 16 or 8; while every unit
// so far was ASCII, the last units are read as the block that ends the input, which reads
// some of them again and writes the same bytes for them. From the first unit of a block
// that is not ASCII, characters go one at a time up to the next ASCII unit.
template <Reading reading = Reading::kWhole>
[[gnu::always_inline]] inline int32_t read_input(const psh_wchar* info, int32_t len, InputBytes& scratch, Input& input) {
    if (len > PSH_MAX_INPUT) return PSH_E_TOO_LONG;
    if (len < 0) {
        len = 0;
        while (len <= PSH_MAX_INPUT && info[len] != 0) ++len;
        if (len > PSH_MAX_INPUT) return PSH_E_TOO_LONG;
    }
    char* const bytes = scratch.data();
    const psh_wchar* in = info;
    const psh_wchar* const end = info + len;
    char* out = bytes;
    bool ascii = true;
    bool ended = false;    // reading kToFirstControl: a unit that ends reading was read
    char* written = out;   // the bytes so far written, a block's after its first flag too
    // A block of `count` units from `block` (at or before `in`, whose units before `in` were
    // read already as ASCII that does not end reading): true when it is all text, and then
    // read; else `in` and `out` are moved to its first flagged unit.
    const auto read_block = [&](auto count, const psh_wchar* block) {
        constexpr int32_t units = decltype(count)::value;
        char* const block_out = out - (in - block);
        const uint32_t flags = narrow_block<reading, units>(block, block_out) & (~0u << (in - block));
        const int32_t past = flags == 0 ? units : std::countr_zero(flags);
        in = block + past;
        out = block_out + past;
        written = std::max(written, block_out + units);
        return flags == 0;
    };
    using Sixteen = std::integral_constant<int32_t, 16>;
    using Eight = std::integral_constant<int32_t, 8>;
    while (in != end && !ended) {
        // The bulk, 32 units a step: reading to the first control, after a block of 16 that
        // passed, so that a CR among the first units (the KB's CRLF after a server name)
        // ends reading sooner.
        const auto read_bulk = [&] {
            for (; end - in >= 32 && narrow_ascii<reading>(in, out); in += 32, out += 32) {}
        };
        if constexpr (reading == Reading::kWhole) {
            read_bulk();
            if (in == end) break;
        }
        const std::ptrdiff_t left = end - in;
        bool by_block = true;
        if (left >= 16) {
            if (read_block(Sixteen{}, in)) {
                if constexpr (reading == Reading::kToFirstControl) read_bulk();
                continue;
            }
        } else if (ascii && len >= 16) {
            if (read_block(Sixteen{}, end - 16)) continue;
        } else if (left >= 8 || (ascii && len >= 8)) {
            if (read_block(Eight{}, left >= 8 ? in : end - 8)) continue;
        } else {
            by_block = false;
        }
        // A block's first flagged unit that is ASCII ends reading; the block wrote its byte.
        if (reading == Reading::kToFirstControl && by_block && *in < 0x80) {
            ++in;
            ++out;
            ended = true;
            break;
        }
        // The unit at `in`: one that a block flagged, or one of the last few.
        const uint32_t u = *in++;
        if (u < 0x80) {
            *out++ = static_cast<char>(u);
            ended = reading == Reading::kToFirstControl && ends_reading(u);
            continue;
        }
        ascii = false;
        out = put_character(u, in, end, out);
        while (in != end && *in >= 0x80) {   // a run of characters outside ASCII (CJK text)
            const uint32_t next = *in++;
            out = put_character(next, in, end, out);
        }
    }
    const auto size = gsl::narrow_cast<int32_t>(out - bytes);
    input.ascii = ascii;
    input.units = gsl::narrow_cast<int32_t>(in - info);
    // As many bytes as units: each unit became one byte (ASCII, or a lone surrogate's 0xFF,
    // which stands for one unit too), so an offset in the text is the caller's as it is.
    input.bytes_are_units = size == input.units;
    // A read that ended: the text is all the bytes its block wrote past the unit that ended
    // it, whatever they are, since rule 1 stops there or before; so the engine reads a whole
    // word there, as it would in the text of the whole input.
    input.text = Text(bytes, ended ? gsl::narrow_cast<int32_t>(std::max(out, written) - bytes) : size);
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

    // A result that is the caller's own input, `units` of them: written as they are (a
    // memmove, since in place they are the buffer itself).
    int32_t deliver_units(const Unit* units, int32_t count) {
        if (!fits(count)) return PSH_E_INSUFFICIENT_BUFFER;
        std::memmove(data_, units, sizeof(Unit) * gsl::narrow_cast<std::size_t>(count));
        data_[count] = Unit{0};
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
