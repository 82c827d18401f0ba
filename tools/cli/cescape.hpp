// C escapes: how the profshim command line reads and shows ProfileInfo strings.
//
// Reading: \n \r \t \\ \" \' \? \a \b \f \v, \xHH (exactly two hex digits), and octal
// \o, \oo, \ooo (at most 0377). Any other byte stands for itself, so UTF-8 may be written
// as it is. Every decoded byte is one unit for the narrow psh_* functions.
//
// Showing: printable ASCII as itself (a backslash doubled, a double quote escaped when
// quoting), LF/CR/TAB as \n \r \t, every other byte as \xHH. The result is pure ASCII, so
// a unit's display column is its byte position in the shown text: caret lines use it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace profshim_cli {

struct DecodeError {
    std::size_t column = 0;  // 0-based byte offset in the escaped text where the escape starts
    std::string message;     // what is wrong, e.g. "unknown escape \q"
};

// Decodes `text`; on failure returns false and fills `err`.
bool decode_c_escapes(std::string_view text, std::string& out, DecodeError& err);

struct Shown {
    std::string text;                 // the escaped text, with the quotes when quoted
    std::vector<std::size_t> column;  // column[i]: display column of unit i; column[n]: the end
};

// Escapes raw units for display. With `quoted`, the text is wrapped in double quotes and
// an embedded double quote is written \", so leading and trailing spaces can be seen.
Shown show_escaped(std::string_view raw, bool quoted);

// show_escaped(raw, true), cut short for people when it is longer than `max_width`
// characters: the text then ends `..." (N units)`, and the column of every unit past the
// cut is kNoColumn.
constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);
Shown show_quoted_clipped(std::string_view raw, std::size_t max_width = 160);

// Shorthand for show_escaped(raw, quoted).text.
std::string escaped(std::string_view raw, bool quoted);

// A JSON string literal (with its quotes) holding one code point per unit: bytes 0x80-0xFF
// become U+0080-U+00FF, so a report's offsets index the JSON string directly.
std::string json_string(std::string_view units);

}  // namespace profshim_cli
