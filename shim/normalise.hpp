// Normalisation, psh_rewrite steps 1-2 (also the first step of psh_profile_name): undo the
// slips VB code makes when it builds a ProfileInfo (vbCrLf, a trailing vbNewLine, spaces).
#pragma once

#include "line_feeds.hpp"
#include "units.hpp"

namespace profshim {

struct Normalised {
    Fault fault;
    int32_t size = 0;       // units written to the buffer
    // What the checks of the result need to know, found while writing it, so that they
    // need not read it again for it: its line feeds (normalisation writes each one), and
    // its first TAB (-1 when none), the one unit step 1 accepts that psh_check does not.
    LineFeeds line_feeds;
    int32_t first_tab = -1;
};

namespace detail {

constexpr bool is_blank(uint32_t u) { return u == kSpace || u == kTab; }

}  // namespace detail

// Writes the normalised text to `out`, which must hold at least text.size() units (the
// result is never longer). CRLF and lone CR become LF; each line loses leading and
// trailing spaces and tabs; empty lines are dropped at the start and the end, kept in the
// middle (the anonymous form's empty line).
// One pass: step 1 (as check rule 1, except that CR and TAB are accepted too) is checked
// while the lines are found, left to right, so its first bad unit is the first one met.
template <CodeUnit Unit>
constexpr Normalised normalise(const UnitView<Unit>& text, gsl::span<Unit> out_units) {
    // Once checked here, each write below is in bounds: `written` never passes `pos`.
    Expects(out_units.size() >= gsl::narrow_cast<std::size_t>(text.size()));
    Unit* const out = out_units.data();

    Normalised result;
    int32_t written = 0;
    int32_t lines_written = 0;
    int32_t empty_lines_held = 0;   // empty lines after the last line written
    int32_t pos = 0;
    const int32_t size = text.size();
    while (pos <= size) {
        // One line: [line_begin, pos), then its line break (CRLF, CR or LF) if any.
        const int32_t line_begin = pos;
        bool has_tab = false;
        for (; pos < size; ++pos) {
            const uint32_t u = text[pos];
            if (is_printable_ascii(u)) continue;
            if (u == kLineFeed || u == kCarriageReturn) break;
            if (u != kTab) {
                result.fault = fault_at(PSH_E_BAD_CHAR, pos);
                return result;
            }
            has_tab = true;
        }
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
            for (int32_t i = 0; i <= empty_lines_held; ++i) {
                result.line_feeds.add(written);
                out[written++] = Unit{kLineFeed};
            }
        }
        for (int32_t i = begin; i < end; ++i) {
            const uint32_t u = text[i];
            if (has_tab && u == kTab && result.first_tab < 0) result.first_tab = written;
            out[written++] = static_cast<Unit>(u);
        }
        ++lines_written;
        empty_lines_held = 0;
    }
    result.size = written;
    return result;
}

}  // namespace profshim
