// Plain-text output helpers: colour only on a terminal, word wrapping, aligned tables.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace profshim_cli {

// Colour is used only when standard output is a terminal, NO_COLOR is unset and TERM is
// not "dumb" (and never on Windows consoles).
class Style {
public:
    explicit Style(bool color) : color_(color) {}
    static Style for_stdout();
    bool color() const { return color_; }
    std::string bold(std::string_view s) const { return wrap("1", s); }
    std::string dim(std::string_view s) const { return wrap("2", s); }
    std::string red(std::string_view s) const { return wrap("31", s); }
    std::string green(std::string_view s) const { return wrap("32", s); }
    std::string yellow(std::string_view s) const { return wrap("33", s); }
    std::string cyan(std::string_view s) const { return wrap("36", s); }

private:
    std::string wrap(const char* code, std::string_view s) const;
    bool color_;
};

bool stdout_is_terminal();

// The width to wrap text to: $COLUMNS, else the terminal's width, else 100.
std::size_t output_width();

// Splits `text` into lines of at most `width` characters at spaces (a longer word stays whole).
std::vector<std::string> word_wrap(std::string_view text, std::size_t width);

// `s` padded with spaces on the right (left) to `width` characters.
std::string pad_right(std::string_view s, std::size_t width);
std::string pad_left(std::string_view s, std::size_t width);

// A table with a header row; cells are plain text (style is applied when printing, after
// alignment). A row may carry extra lines under it: a caret under one unit of one cell.
class Table {
public:
    enum class Align { left, right };
    struct Column {
        std::string header;
        Align align = Align::left;
    };
    struct Row {
        std::vector<std::string> cells;
        int caret_column = -1;       // the cell a caret line points into, or -1
        std::size_t caret_at = 0;    // character position inside that cell
        std::string caret_note;      // printed after the caret
        bool bad = false;            // highlight the status cell
        int status_column = -1;      // which cell to colour
    };

    explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
    void add(Row row) { rows_.push_back(std::move(row)); }
    std::string render(const Style& style) const;

private:
    std::vector<Column> columns_;
    std::vector<Row> rows_;
};

}  // namespace profshim_cli
