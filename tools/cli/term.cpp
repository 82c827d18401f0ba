#include "term.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cescape.hpp"

#ifdef _WIN32
#  include <io.h>
#else
#  include <sys/ioctl.h>
#  include <unistd.h>
#endif

namespace profshim_cli {

namespace {

bool stdout_is_terminal() {
#ifdef _WIN32
    return _isatty(_fileno(stdout)) != 0;
#else
    return isatty(STDOUT_FILENO) != 0;
#endif
}

}  // namespace

Style Style::for_stdout() {
    Style s;
#ifndef _WIN32
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    s.color_ = stdout_is_terminal() && (no_color == nullptr || *no_color == '\0') &&
               !(term != nullptr && std::strcmp(term, "dumb") == 0);
#endif
    return s;
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
    winsize ws{};
    if (stdout_is_terminal() && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col;
#endif
    return 100;
}

std::vector<std::string> word_wrap(std::string_view text, std::size_t width) {
    std::vector<std::string> lines(1);
    std::size_t i = 0;
    while ((i = text.find_first_not_of(' ', i)) != std::string_view::npos) {
        const std::size_t end = std::min(text.find(' ', i), text.size());
        const std::string_view word = text.substr(i, end - i);
        if (!lines.back().empty() && lines.back().size() + 1 + word.size() > width) lines.emplace_back();
        if (!lines.back().empty()) lines.back() += ' ';
        lines.back() += word;
        i = end;
    }
    return lines;
}

std::string json_string(std::string_view units) {
    std::string s = "\"";
    for (const char c : units) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') s += {'\\', c};
        else if (c == '\n') s += "\\n";
        else if (c == '\r') s += "\\r";
        else if (c == '\t') s += "\\t";
        else if (u < 0x20 || u >= 0x7F) s += {'\\', 'u', '0', '0', kHexDigits[u >> 4], kHexDigits[u & 0xF]};
        else s += c;
    }
    return s + '"';
}

void Table::header() const {
    std::string line;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        const std::string_view h = columns_[c].header;
        const std::size_t pad = c + 1 < columns_.size() && h.size() < columns_[c].width ? columns_[c].width - h.size() : 0;
        line += (c > 0 ? "  " : "") + (columns_[c].right ? std::string(pad, ' ') + std::string(h) : std::string(h) + std::string(pad, ' '));
    }
    std::cout << style_.bold(line.substr(0, line.find_last_not_of(' ') + 1)) << "\n";
}

void Table::row(const std::vector<std::string>& cells, std::size_t status, bool bad, int caret_cell,
                std::size_t caret_at) const {
    std::string line;           // with colour codes
    std::size_t column = 0;     // where the next character goes on screen
    std::size_t caret = 0;
    for (std::size_t c = 0; c < cells.size() && c < columns_.size(); ++c) {
        const std::string& cell = cells[c];
        const bool last = c + 1 == cells.size();
        const std::size_t pad = cell.size() < columns_[c].width && (columns_[c].right || !last) ? columns_[c].width - cell.size() : 0;
        if (c > 0) line += "  ", column += 2;
        if (columns_[c].right) line += std::string(pad, ' ');
        if (static_cast<int>(c) == caret_cell) caret = column + (columns_[c].right ? pad : 0) + caret_at;
        line += c == status ? (bad ? style_.red(cell) : style_.green(cell)) : cell;
        if (!columns_[c].right) line += std::string(pad, ' ');
        column += cell.size() + pad;
    }
    std::cout << line << "\n";
    if (caret_cell >= 0) std::cout << std::string(caret, ' ') << style_.yellow("^") << "\n";
}

}  // namespace profshim_cli
