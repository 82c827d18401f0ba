// Plain-text output: colour only on a terminal, word wrapping, JSON strings, and tables
// whose column widths are fixed before the first row, so a row is printed as soon as it
// is known.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace profshim_cli {

// Colour is used only when standard output is a terminal, NO_COLOR is unset and TERM is
// not "dumb" (never on Windows consoles).
class Style {
public:
    static Style for_stdout();
    std::string bold(std::string_view s) const { return wrap("1", s); }
    std::string dim(std::string_view s) const { return wrap("2", s); }
    std::string red(std::string_view s) const { return wrap("31", s); }
    std::string green(std::string_view s) const { return wrap("32", s); }
    std::string yellow(std::string_view s) const { return wrap("33", s); }

private:
    std::string wrap(const char* code, std::string_view s) const;
    bool color_ = false;
};

// The width to wrap text to: $COLUMNS, else the terminal's width, else 100.
std::size_t output_width();

// `text` in lines of at most `width` characters, broken at spaces (a longer word stays whole).
std::vector<std::string> word_wrap(std::string_view text, std::size_t width);

// A JSON string literal holding one code point per unit: bytes 0x80-0xFF become
// U+0080-U+00FF, so a report's offsets index the JSON string directly.
std::string json_string(std::string_view units);

class Table {
public:
    struct Column {
        const char* header;
        std::size_t width;  // a longer cell pushes the rest of its row right
        bool right;         // right-aligned; the last column is never padded
    };
    Table(std::vector<Column> columns, Style style) : columns_(std::move(columns)), style_(style) {}

    void header() const;
    // One row: the cell `status` in red when `bad`, else green; then, when caret_cell >= 0,
    // a line with a caret under character `caret_at` of that cell.
    void row(const std::vector<std::string>& cells, std::size_t status, bool bad, int caret_cell = -1,
             std::size_t caret_at = 0) const;

private:
    std::vector<Column> columns_;
    Style style_;
};

}  // namespace profshim_cli
