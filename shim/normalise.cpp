#include "normalise.hpp"

#include <gsl/assert>

#include "ascii.hpp"

namespace profshim {
namespace {

constexpr bool is_blank(uint32_t u) { return u == kSpace || u == kTab; }

// Whether normalising `text` would change nothing, as for most inputs: its characters
// printable ASCII, LF or non-ASCII characters that pass rule 1 (no CR, no TAB), each line non-empty with no space at either end. Then
// `line_feeds` has its LFs. (The anonymous form's empty line is normal too, but rare: it
// takes the general path.)
bool is_normal(Text text, LineFeeds& line_feeds) {
    int32_t line_begin = 0;
    for (;;) {
        const int32_t line_end = text.skip_characters(line_begin);
        if (line_end == line_begin || text[line_begin] == kSpace || text[line_end - 1] == kSpace) return false;
        if (line_end == text.size()) return true;
        if (text[line_end] != kLineFeed) return false;
        line_feeds.add(line_end);
        line_begin = line_end + 1;
    }
}

}  // namespace

// One pass, left to right: step 1 (check rule 1, but CR and TAB are accepted) is checked
// while the lines are found, so its first bad byte is the first one met.
Normalised normalise(Text text, gsl::span<char> out_bytes) {
    // Once checked here, each write below is in bounds: `written` never passes `pos`.
    Expects(out_bytes.size() >= gsl::narrow_cast<std::size_t>(text.size()));
    char* const out = out_bytes.data();

    Normalised result;
    if (LineFeeds line_feeds; is_normal(text, line_feeds)) {
        text.copy_to(text.whole(), out);
        result.size = text.size();
        result.line_feeds = line_feeds;
        result.lines = line_feeds.count + 1;
        return result;
    }
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
            pos = text.skip_characters(pos);
            if (pos == size) break;
            const uint8_t u = text[pos];
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

        while (begin < end && is_blank(text[begin])) ++begin;
        while (end > begin && is_blank(text[end - 1])) --end;
        if (begin == end) {
            if (lines_written > 0) ++empty_lines_held;
            else if (pos <= size) result.dropped_before = true;   // a line break follows it
            continue;
        }
        if (lines_written > 0) {
            for (int32_t i = 0; i <= empty_lines_held; ++i) {
                result.line_feeds.add(written);
                out[written++] = static_cast<char>(kLineFeed);
            }
        }
        if (has_tab && result.first_tab < 0) {
            for (int32_t i = begin; i < end; ++i) {
                if (text[i] == kTab) {
                    result.first_tab = written + (i - begin);
                    break;
                }
            }
        }
        text.copy_to(Range{begin, end}, out + written);
        written += end - begin;
        ++lines_written;
        empty_lines_held = 0;
    }
    result.size = written;
    result.lines = lines_written;
    result.dropped_after = empty_lines_held > 0;
    return result;
}

}  // namespace profshim
