#include "term.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#ifdef _WIN32
#  include <io.h>
#else
#  include <sys/ioctl.h>
#  include <unistd.h>
#endif

namespace profshim_cli {

bool stdout_is_terminal() {
#ifdef _WIN32
    return _isatty(_fileno(stdout)) != 0;
#else
    return isatty(STDOUT_FILENO) != 0;
#endif
}

Style Style::for_stdout() {
#ifdef _WIN32
    return Style(false);
#else
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    const bool color = stdout_is_terminal() && (no_color == nullptr || *no_color == '\0') &&
                       !(term != nullptr && std::strcmp(term, "dumb") == 0);
    return Style(color);
#endif
}

std::string Style::wrap(const char* code, std::string_view s) const {
    if (!color_ || s.empty()) return std::string(s);
    return std::string("\x1b[") + code + "m" + std::string(s) + "\x1b[0m";
}

std::size_t output_width() {
    if (const char* cols = std::getenv("COLUMNS")) {
        const long n = std::strtol(cols, nullptr, 10);
        if (n >= 40 && n <= 1000) return static_cast<std::size_t>(n);
    }
#ifndef _WIN32
    if (stdout_is_terminal()) {
        winsize ws{};
        if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
            return ws.ws_col;
    }
#endif
    return 100;
}

std::vector<std::string> word_wrap(std::string_view text, std::size_t width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        if (i >= text.size()) break;
        std::size_t j = text.find(' ', i);
        if (j == std::string_view::npos) j = text.size();
        const std::string_view word = text.substr(i, j - i);
        if (!line.empty() && line.size() + 1 + word.size() > width) {
            lines.push_back(line);
            line.clear();
        }
        if (!line.empty()) line += ' ';
        line += word;
        i = j;
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

std::string pad_right(std::string_view s, std::size_t width) {
    std::string r(s);
    if (r.size() < width) r.append(width - r.size(), ' ');
    return r;
}

std::string pad_left(std::string_view s, std::size_t width) {
    std::string r;
    if (s.size() < width) r.append(width - s.size(), ' ');
    r += s;
    return r;
}

std::string Table::render(const Style& style) const {
    const std::size_t n = columns_.size();
    std::vector<std::size_t> width(n, 0);
    for (std::size_t c = 0; c < n; ++c) width[c] = columns_[c].header.size();
    for (const auto& row : rows_)
        for (std::size_t c = 0; c < n && c < row.cells.size(); ++c)
            width[c] = std::max(width[c], row.cells[c].size());

    const std::string gap = "  ";
    auto line_of = [&](const std::vector<std::string>& cells, const Row* row) {
        std::string out;
        for (std::size_t c = 0; c < n; ++c) {
            const std::string cell = c < cells.size() ? cells[c] : std::string();
            const bool last = c + 1 == n;
            std::string text = columns_[c].align == Align::right ? pad_left(cell, width[c])
                               : last                             ? cell
                                                                  : pad_right(cell, width[c]);
            if (row != nullptr && row->status_column == static_cast<int>(c))
                text = row->bad ? style.red(text) : style.green(text);
            if (c > 0) out += gap;
            out += text;
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };

    std::vector<std::string> headers;
    for (const auto& col : columns_) headers.push_back(col.header);
    std::string header = line_of(headers, nullptr);
    header.pop_back();
    std::string out = style.bold(header) + "\n";
    for (const auto& row : rows_) {
        out += line_of(row.cells, &row);
        if (row.caret_column >= 0 && static_cast<std::size_t>(row.caret_column) < n) {
            std::size_t indent = 0;
            for (int c = 0; c < row.caret_column; ++c) indent += width[static_cast<std::size_t>(c)] + gap.size();
            if (columns_[static_cast<std::size_t>(row.caret_column)].align == Align::right)
                indent += width[static_cast<std::size_t>(row.caret_column)] -
                          row.cells[static_cast<std::size_t>(row.caret_column)].size();
            out += std::string(indent + row.caret_at, ' ') + style.yellow("^");
            if (!row.caret_note.empty()) out += " " + style.dim(row.caret_note);
            out += "\n";
        }
    }
    return out;
}

}  // namespace profshim_cli
