// What the engine reads and answers: bytes, ranges of them, faults, and results.
//
// One engine over UTF-8 (profshim.h section 11.1): the byte exports pass their input as it
// is, the _w exports transcode their UTF-16 input to UTF-8 at the boundary, map the offsets
// back to their units and transcode the result back (transcode.hpp), as SQLite's
// sqlite3Prepare16 converts and calls the one implementation. Every rule but the alias's
// is about ASCII, so the engine looks at bytes, and at characters only where 11.2 and 11.3
// say (utf8.hpp).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include <gsl/narrow>
#include <gsl/span>

#include "ascii.hpp"
#include "profshim.h"
#include "utf8.hpp"

namespace profshim {

// A half-open range [begin, end) of offsets in the whole input. Offsets stay absolute, so
// that every fault is reported where the caller's string has it.
struct Range {
    int32_t begin = 0;
    int32_t end = 0;
    constexpr int32_t size() const { return end - begin; }
    constexpr bool empty() const { return begin == end; }
};

// A fault: a status and the offset of the byte at fault (-1 when none, or none single).
struct Fault {
    int32_t status = PSH_OK;
    int32_t offset = -1;
    constexpr bool ok() const { return status == PSH_OK; }
};

constexpr Fault no_fault() { return Fault{}; }
constexpr Fault fault_at(int32_t status, int32_t offset) { return Fault{status, offset}; }

// What psh_rewrite and psh_profile_name make: a status, and on PSH_OK the size of the
// result in the buffer they were given.
struct Written {
    int32_t status = PSH_OK;
    int32_t size = 0;
};

// The most bytes an input can take as UTF-8: PSH_MAX_INPUT UTF-16 units, each at most 3
// bytes (a surrogate pair, 2 units, is 4 bytes). A byte input takes at most PSH_MAX_INPUT.
constexpr int32_t kMaxInputBytes = 3 * PSH_MAX_INPUT;

static_assert(std::endian::native == std::endian::little, "word_at() puts the first byte lowest");

// A ProfileInfo as the engine reads it: 0 to kMaxInputBytes bytes of UTF-8 (unchecked until
// a rule-1 scan has passed them), each read as unsigned.
// Reads are not bounds-checked: every loop of the engine is bounded by the end of the part
// it reads, and the fuzz targets, built with AddressSanitizer, read inputs that end exactly
// at the end of their allocation.
class Text {
public:
    constexpr Text() = default;   // empty
    constexpr Text(const char* data, int32_t size) : data_(data), size_(size) {}
    explicit Text(gsl::span<const char> bytes)
        : data_(bytes.data()), size_(gsl::narrow_cast<int32_t>(bytes.size())) {}

    constexpr int32_t size() const { return size_; }
    constexpr uint8_t operator[](int32_t offset) const { return static_cast<uint8_t>(data_[offset]); }
    // The sizeof(Word) bytes from `offset` on (offset + sizeof(Word) <= size()), the first
    // of them the lowest, for the code that looks at the common case a word at a time: the
    // printable scan (8 bytes, ascii.hpp) and a DN's attribute prefixes (4).
    template <class Word = uint64_t>
    Word word_at(int32_t offset) const {
        static_assert(std::is_unsigned_v<Word>);
        Word word;
        std::memcpy(&word, data_ + offset, sizeof word);
        return word;
    }
    constexpr Range whole() const { return Range{0, size_}; }
    // The first offset from `from` on whose byte is not printable ASCII, or size(): 8 bytes
    // at a time, most of any input, the lowest flag of a word giving the offset; the last
    // bytes as the word that ends the input (it may overlap bytes already passed, and a
    // byte below `from` may have flagged one above it, so the bytes from its first flag on
    // are looked at one at a time).
    int32_t skip_printable(int32_t from) const {
        for (; from + 8 <= size_; from += 8) {
            if (const uint64_t flagged = non_printable_bytes(word_at(from)); flagged != 0) {
                return from + first_flagged_byte(flagged);
            }
        }
        if (from < size_ && size_ >= 8) {
            const int32_t last_word = size_ - 8;
            const uint64_t flagged = non_printable_bytes(word_at(last_word)) >> (8 * (from - last_word));
            if (flagged == 0) return size_;
            from += first_flagged_byte(flagged);
        }
        while (from < size_ && is_printable_ascii((*this)[from])) ++from;
        return from;
    }
    // The first offset from `from` on that holds neither printable ASCII nor a whole
    // non-ASCII character that is not a control (section 11.2), or size(): what is left is
    // an ASCII control (LF, CR, TAB, ...) or where an ill-formed sequence starts. ASCII goes
    // through skip_printable(), 8 bytes at a time, as in 1.1.
    int32_t skip_characters(int32_t from) const {
        for (;;) {
            from = skip_printable(from);
            if (from == size_ || (*this)[from] < 0x80) return from;
            const int32_t character = non_ascii_character_size(bytes_at(from), size_ - from);
            if (character == 0) return from;
            from += character;
        }
    }
    // Copies the bytes of `range` to `out`, which does not overlap them.
    void copy_to(Range range, char* out) const {
        std::memcpy(out, data_ + range.begin, gsl::narrow_cast<std::size_t>(range.size()));
    }

private:
    const uint8_t* bytes_at(int32_t offset) const { return reinterpret_cast<const uint8_t*>(data_ + offset); }

    const char* data_ = nullptr;
    int32_t size_ = 0;
};

}  // namespace profshim
