// Normalisation, psh_rewrite steps 1-2 (also the first step of psh_profile_name): undo the
// slips VB code makes when it builds a ProfileInfo (vbCrLf, a trailing vbNewLine, spaces).
#pragma once

#include "units.hpp"

namespace profshim {

struct Normalised {
    Fault fault;
    int32_t size = 0;   // units written to the buffer
};

namespace detail {

constexpr bool is_blank(uint32_t u) { return u == kSpace || u == kTab; }

// Step 1: as check rule 1, except that CR and TAB are accepted too.
template <CodeUnit Unit>
constexpr Fault check_characters_for_normalising(const UnitView<Unit>& text) {
    for (int32_t i = 0; i < text.size(); ++i) {
        const uint32_t u = text[i];
        if (u != kLineFeed && u != kCarriageReturn && u != kTab && !is_printable_ascii(u)) {
            return fault_at(PSH_E_BAD_CHAR, i);
        }
    }
    return no_fault();
}

}  // namespace detail

// Writes the normalised text to `out`, which must hold at least text.size() units (the
// result is never longer). CRLF and lone CR become LF; each line loses leading and
// trailing spaces and tabs; empty lines are dropped at the start and the end, kept in the
// middle (the anonymous form's empty line).
template <CodeUnit Unit>
constexpr Normalised normalise(const UnitView<Unit>& text, gsl::span<Unit> out) {
    Normalised result;
    result.fault = detail::check_characters_for_normalising(text);
    if (!result.fault.ok()) return result;

    int32_t written = 0;
    int32_t lines_written = 0;
    int32_t empty_lines_held = 0;   // empty lines after the last line written
    int32_t pos = 0;
    const int32_t size = text.size();
    while (pos <= size) {
        // One line: [line_begin, line_end), then its line break (CRLF, CR or LF) if any.
        const int32_t line_begin = pos;
        while (pos < size && text[pos] != kLineFeed && text[pos] != kCarriageReturn) ++pos;
        int32_t begin = line_begin;
        int32_t end = pos;
        if (pos < size && text[pos] == kCarriageReturn && pos + 1 < size && text[pos + 1] == kLineFeed) ++pos;
        ++pos;   // past the break, or past the end on the last line

        while (begin < end && detail::is_blank(text[begin])) ++begin;
        while (end > begin && detail::is_blank(text[end - 1])) --end;
        if (begin == end) {
            if (lines_written > 0) ++empty_lines_held;
            continue;
        }
        if (lines_written > 0) {
            for (int32_t i = 0; i <= empty_lines_held; ++i) out[gsl::narrow_cast<std::size_t>(written++)] = Unit{kLineFeed};
        }
        for (int32_t i = begin; i < end; ++i) {
            out[gsl::narrow_cast<std::size_t>(written++)] = static_cast<Unit>(text[i]);
        }
        ++lines_written;
        empty_lines_held = 0;
    }
    result.size = written;
    return result;
}

}  // namespace profshim
