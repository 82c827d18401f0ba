// UTF-8 and UTF-16 as the CLI reads and shows them: decoding one character, encoding one,
// and how many columns of a terminal a character takes. The library checks the text
// (profshim.h section 11); this is only how the CLI reads files and lays out its table.
// Header-only, as samples.hpp, which reads UTF-16 files with it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace profshim_cli {

// The character that starts at s[i]: its code point and its length in bytes, or length 0
// where no well-formed UTF-8 character starts (Unicode 15 table 3-7: no overlong form, no
// surrogate, nothing over U+10FFFF).
struct Utf8Char {
    char32_t cp = 0;
    std::size_t len = 0;
};

inline Utf8Char utf8_at(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned c = b(0);
    if (c < 0x80) return {c, 1};
    const auto cont = [&](std::size_t k) { return (b(k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF && cont(1)) return {((c & 0x1Fu) << 6) | (b(1) & 0x3Fu), 2};
    // The second byte's range for E0, ED, F0 and F4 keeps out overlong forms, surrogates
    // and code points over U+10FFFF.
    const unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80, hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (c >= 0xE0 && c <= 0xEF && b(1) >= lo && b(1) <= hi && cont(2))
        return {((c & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu), 3};
    if (c >= 0xF0 && c <= 0xF4 && b(1) >= lo && b(1) <= hi && cont(2) && cont(3))
        return {((c & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu), 4};
    return {0, 0};
}

// Appends `cp` in UTF-8. A lone surrogate (from ill-formed UTF-16) is written as its three
// bytes too, which no UTF-8 reader takes: the library then answers PSH_E_BAD_CHAR there.
inline void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Whether the table shows `cp` (outside ASCII) as itself rather than in \xHH escapes: not a
// C1 control, and nothing a reader would take for an ASCII space or not see at all (the
// no-break and other spaces, soft hyphen, zero-width and direction marks, the byte-order
// mark, tags, noncharacters, private use).
inline bool shown_as_itself(char32_t cp) {
    return cp >= 0xA1 && cp != 0xAD && !(cp >= 0x2000 && cp <= 0x200F) && !(cp >= 0x2028 && cp <= 0x202F) &&
           !(cp >= 0x205F && cp <= 0x206F) && cp != 0x3000 && !(cp >= 0xD800 && cp <= 0xF8FF) && cp != 0xFEFF &&
           !(cp >= 0xFFF0 && cp <= 0xFFFF) && cp < 0xE0000;
}

// Columns on a terminal, by a simple rule (not all of Unicode's East Asian Width): 2 for the
// wide blocks (Hangul Jamo, CJK and its punctuation, kana, Hangul syllables, CJK
// compatibility, fullwidth forms, the emoji blocks, planes 2 and 3), 0 for the combining
// diacritical marks U+0300-U+036F, 1 for everything else.
inline std::size_t columns_of(char32_t cp) {
    if (cp >= 0x0300 && cp <= 0x036F) return 0;
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                      (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
                      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
}

// The columns `text` takes: each well-formed character as columns_of says, each byte where
// none starts as 1.
inline std::size_t display_width(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Char c = utf8_at(text, i);
        n += c.len == 0 ? 1 : columns_of(c.cp);
        i += c.len == 0 ? 1 : c.len;
    }
    return n;
}

// The characters in `text`, as an editor counts columns: each well-formed character one,
// and each byte where none starts one.
inline std::size_t char_count(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++n) i += std::max<std::size_t>(1, utf8_at(text, i).len);
    return n;
}

// For JSON, whose strings are Unicode: the text with each byte where no well-formed UTF-8
// character starts replaced by U+FFFD (as a decoder's replacement does; the exact bytes are
// in the C escapes beside it).
inline std::string utf8_or_replacement(std::string_view text) {
    std::string s;
    s.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Char c = utf8_at(text, i);
        if (c.len == 0) s += "\xEF\xBF\xBD";
        else s.append(text.substr(i, c.len));
        i += c.len == 0 ? 1 : c.len;
    }
    return s;
}

}  // namespace profshim_cli
