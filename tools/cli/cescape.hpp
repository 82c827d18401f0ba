// C escapes: the one codec for ProfileInfo text, shared by the profshim CLI, the samples
// file's readers (samples.hpp) and the tests. Header-only, so a test program takes it with
// an #include and nothing more.
//
// Reading: \n \r \t \\ \" \' \? \a \b \f \v, \xHH (exactly two hex digits), and octal
// \o, \oo, \ooo (at most \377). Any other byte stands for itself, so UTF-8 may be written
// as it is. Every decoded byte is one unit for the narrow psh_* functions.
//
// Writing: printable ASCII as itself (a backslash doubled), LF, CR and TAB as \n \r \t,
// every other byte as \xHH. The result is pure ASCII, so a unit's display column is its
// byte position in the written text: caret lines use it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace profshim_cli {

struct EscapeError {
    std::size_t column = 0;  // 0-based offset in the escaped text where the bad escape starts
    std::string message;     // e.g. "unknown escape \q"
};

inline constexpr char kHexDigits[] = "0123456789abcdef";

inline int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decodes `text` into `out`; on a bad escape returns false and fills `err`.
inline bool decode_c_escapes(std::string_view text, std::string& out, EscapeError& err) {
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
            continue;
        }
        const std::size_t start = i;
        if (++i == text.size()) {
            err = {start, "a lone backslash at the end (write a backslash as \\\\)"};
            return false;
        }
        const char e = text[i];
        // Pairs of (escape letter, the byte it stands for), the letters at even offsets.
        const std::string_view simple = "n\nr\rt\t\\\\\"\"''??a\ab\bf\fv\v";
        const std::size_t k = simple.find(e);
        if (k != std::string_view::npos && k % 2 == 0) {
            out += simple[k + 1];
        } else if (e == 'x') {
            const int h1 = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
            const int h2 = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
            if (h1 < 0 || h2 < 0) {
                err = {start, "\\x needs exactly two hex digits (\\xHH)"};
                return false;
            }
            out += static_cast<char>(h1 * 16 + h2);
            i += 2;
        } else if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int n = 1; n < 3 && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '7'; ++n)
                v = v * 8 + (text[++i] - '0');
            if (v > 0377) {
                err = {start, "octal escape over \\377"};
                return false;
            }
            out += static_cast<char>(v);
        } else {
            const auto u = static_cast<unsigned char>(e);
            const std::string shown = u >= 0x20 && u <= 0x7E ? std::string(1, e)
                                      : std::string{'x', kHexDigits[u >> 4], kHexDigits[u & 0xF]};
            err = {start, "unknown escape \\" + shown +
                              " (known: \\n \\r \\t \\\\ \\\" \\' \\? \\a \\b \\f \\v \\xHH \\ooo; "
                              "write a backslash as \\\\)"};
            return false;
        }
    }
    return true;
}

// `units` in C escapes. With `quoted` the text is wrapped in double quotes and a double
// quote inside is written \". `columns`, when given, receives the display column of every
// unit, then of the end.
inline std::string encode_c_escapes(std::string_view units, bool quoted,
                                    std::vector<std::size_t>* columns = nullptr) {
    std::string s = quoted ? "\"" : "";
    for (const char c : units) {
        if (columns != nullptr) columns->push_back(s.size());
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n') s += "\\n";
        else if (c == '\r') s += "\\r";
        else if (c == '\t') s += "\\t";
        else if (c == '\\') s += "\\\\";
        else if (c == '"' && quoted) s += "\\\"";
        else if (u >= 0x20 && u <= 0x7E) s += c;
        else s += {'\\', 'x', kHexDigits[u >> 4], kHexDigits[u & 0xF]};
    }
    if (columns != nullptr) columns->push_back(s.size());
    if (quoted) s += '"';
    return s;
}

}  // namespace profshim_cli
