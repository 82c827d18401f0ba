#include "cescape.hpp"

namespace profshim_cli {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_octal(char c) { return c >= '0' && c <= '7'; }

const char kHex[] = "0123456789abcdef";

std::string printable(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u <= 0x7E) return std::string(1, c);
    std::string s = "\\x";
    s += kHex[u >> 4];
    s += kHex[u & 0xF];
    return s;
}

}  // namespace

bool decode_c_escapes(std::string_view text, std::string& out, DecodeError& err) {
    out.clear();
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c != '\\') {
            out += c;
            ++i;
            continue;
        }
        const std::size_t start = i;
        if (i + 1 >= text.size()) {
            err = {start, "a lone backslash at the end (write a backslash as \\\\)"};
            return false;
        }
        const char e = text[i + 1];
        i += 2;
        switch (e) {
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case '\\': out += '\\'; break;
            case '"': out += '"'; break;
            case '\'': out += '\''; break;
            case '?': out += '?'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'v': out += '\v'; break;
            case 'x': {
                const int h1 = i < text.size() ? hex_value(text[i]) : -1;
                const int h2 = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
                if (h1 < 0 || h2 < 0) {
                    err = {start, "\\x needs exactly two hex digits (\\xHH)"};
                    return false;
                }
                out += static_cast<char>(h1 * 16 + h2);
                i += 2;
                break;
            }
            default:
                if (is_octal(e)) {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i < text.size() && is_octal(text[i]); ++k, ++i)
                        v = v * 8 + (text[i] - '0');
                    if (v > 0377) {
                        err = {start, "octal escape over \\377"};
                        return false;
                    }
                    out += static_cast<char>(v);
                } else {
                    err = {start, "unknown escape \\" + printable(e) +
                                      " (known: \\n \\r \\t \\\\ \\\" \\' \\? \\a \\b \\f \\v "
                                      "\\xHH \\ooo; write a backslash as \\\\)"};
                    return false;
                }
        }
    }
    return true;
}

Shown show_escaped(std::string_view raw, bool quoted) {
    Shown s;
    s.column.reserve(raw.size() + 1);
    if (quoted) s.text += '"';
    for (const char c : raw) {
        s.column.push_back(s.text.size());
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '\n': s.text += "\\n"; break;
            case '\r': s.text += "\\r"; break;
            case '\t': s.text += "\\t"; break;
            case '\\': s.text += "\\\\"; break;
            case '"':
                s.text += quoted ? "\\\"" : "\"";
                break;
            default:
                if (u >= 0x20 && u <= 0x7E) {
                    s.text += c;
                } else {
                    s.text += "\\x";
                    s.text += kHex[u >> 4];
                    s.text += kHex[u & 0xF];
                }
        }
    }
    s.column.push_back(s.text.size());
    if (quoted) s.text += '"';
    return s;
}

Shown show_quoted_clipped(std::string_view raw, std::size_t max_width) {
    Shown s = show_escaped(raw, true);
    if (s.text.size() <= max_width) return s;
    std::size_t keep = 0;  // units shown
    while (keep < raw.size() && s.column[keep + 1] <= max_width) ++keep;
    s.text = s.text.substr(0, s.column[keep]) + "...\" (" + std::to_string(raw.size()) + " units)";
    for (std::size_t i = keep; i < s.column.size(); ++i) s.column[i] = kNoColumn;
    return s;
}

std::string escaped(std::string_view raw, bool quoted) { return show_escaped(raw, quoted).text; }

std::string json_string(std::string_view units) {
    std::string s = "\"";
    for (const char c : units) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"': s += "\\\""; break;
            case '\\': s += "\\\\"; break;
            case '\n': s += "\\n"; break;
            case '\r': s += "\\r"; break;
            case '\t': s += "\\t"; break;
            case '\b': s += "\\b"; break;
            case '\f': s += "\\f"; break;
            default:
                if (u < 0x20 || u >= 0x7F) {
                    s += "\\u00";
                    s += kHex[u >> 4];
                    s += kHex[u & 0xF];
                } else {
                    s += c;
                }
        }
    }
    s += '"';
    return s;
}

}  // namespace profshim_cli
