// Independent restatements of a few contract rules, written from include/profshim.h alone (not
// from shim/), so the targets can compare the library with a second reading of the text:
//  - characters (profshim.h section 11.2): UTF-8 and UTF-16 decoded and encoded, and the
//    first unit rule 1 refuses;
//  - normalisation, psh_rewrite steps 1-2 (profshim.h section 6), on characters;
//  - the profile name S "_" M "_" H of a normalised ProfileInfo that passes the checks
//    (profshim.h sections 7 and 11.5), with its own FNV-1a over the UTF-8 key.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness.hpp"

namespace psh_fuzz {

// ---- characters (section 11.2) ---------------------------------------------------------------

// One decoded character: its value and how many units it takes; 0 units where no
// well-formed character starts (RFC 3629 for bytes, RFC 2781 for UTF-16 units).
struct Decoded {
    uint32_t value = 0;
    std::size_t units = 0;
};

template <class Unit>
Decoded decode_at(std::span<const Unit> text, std::size_t i) {
    const uint32_t first = value_of(text[i]);
    if constexpr (sizeof(Unit) == 1) {
        std::size_t n = 0;
        uint32_t value = 0;
        uint32_t smallest = 0;
        if (first < 0x80) return Decoded{first, 1};
        if (first >= 0xC0 && first < 0xE0) { n = 2; value = first & 0x1F; smallest = 0x80; }
        else if (first >= 0xE0 && first < 0xF0) { n = 3; value = first & 0x0F; smallest = 0x800; }
        else if (first >= 0xF0 && first < 0xF8) { n = 4; value = first & 0x07; smallest = 0x10000; }
        else return Decoded{};
        if (i + n > text.size()) return Decoded{};
        for (std::size_t k = 1; k < n; ++k) {
            const uint32_t next = value_of(text[i + k]);
            if ((next & 0xC0) != 0x80) return Decoded{};
            value = (value << 6) | (next & 0x3F);
        }
        if (value < smallest || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return Decoded{};
        return Decoded{value, n};
    } else {
        if (first >= 0xDC00 && first <= 0xDFFF) return Decoded{};
        if (first < 0xD800 || first > 0xDBFF) return Decoded{first, 1};
        if (i + 1 >= text.size()) return Decoded{};
        const uint32_t low = value_of(text[i + 1]);
        if (low < 0xDC00 || low > 0xDFFF) return Decoded{};
        return Decoded{0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00), 2};
    }
}

// A control in the sense of rule 1: U+0000-U+001F but LF (and CR and TAB too, which
// rewrite's step 1 accepts, when `rewrite_step_1`), U+007F, U+0080-U+009F.
inline bool refused_control(uint32_t c, bool rewrite_step_1) {
    if (c == '\n' || (rewrite_step_1 && (c == '\r' || c == '\t'))) return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

// The offset of the first unit rule 1 refuses, or -1.
template <class Unit>
int32_t reference_first_refused(std::span<const Unit> text, bool rewrite_step_1) {
    for (std::size_t i = 0; i < text.size();) {
        const Decoded d = decode_at(text, i);
        if (d.units == 0 || refused_control(d.value, rewrite_step_1)) return static_cast<int32_t>(i);
        i += d.units;
    }
    return -1;
}

// The characters of well-formed `text` (controls included); nullopt when it is ill-formed.
template <class Unit>
std::optional<std::u32string> reference_characters(std::span<const Unit> text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        const Decoded d = decode_at(text, i);
        if (d.units == 0) return std::nullopt;
        out.push_back(static_cast<char32_t>(d.value));
        i += d.units;
    }
    return out;
}

// `text` in UTF-8 (Unit char) or UTF-16 (Unit psh_wchar).
template <class Unit>
std::vector<Unit> reference_encode(std::u32string_view text) {
    std::vector<Unit> out;
    const auto put = [&](uint32_t unit) { out.push_back(static_cast<Unit>(unit)); };
    for (const char32_t c : text) {
        const uint32_t v = c;
        if constexpr (sizeof(Unit) == 1) {
            if (v < 0x80) { put(v); }
            else if (v < 0x800) { put(0xC0 | (v >> 6)); put(0x80 | (v & 0x3F)); }
            else if (v < 0x10000) { put(0xE0 | (v >> 12)); put(0x80 | ((v >> 6) & 0x3F)); put(0x80 | (v & 0x3F)); }
            else {
                put(0xF0 | (v >> 18)); put(0x80 | ((v >> 12) & 0x3F));
                put(0x80 | ((v >> 6) & 0x3F)); put(0x80 | (v & 0x3F));
            }
        } else if (v < 0x10000) {
            put(v);
        } else {
            put(0xD800 + ((v - 0x10000) >> 10));
            put(0xDC00 + ((v - 0x10000) & 0x3FF));
        }
    }
    return out;
}

// The index of the character at unit `offset` of well-formed `text` (its length at the
// end); -1 stays -1; an offset inside a character is -2, which no answer may be.
template <class Unit>
int32_t reference_character_index(std::span<const Unit> text, int32_t offset) {
    if (offset < 0) return offset;
    int32_t characters = 0;
    std::size_t i = 0;
    while (i < static_cast<std::size_t>(offset) && i < text.size()) {
        i += std::max<std::size_t>(decode_at(text, i).units, 1);
        ++characters;
    }
    return i == static_cast<std::size_t>(offset) ? characters : -2;
}

// ---- rewrite steps 1-2 -----------------------------------------------------------------------

// Rewrite step 2's lines of `text`, each without its ASCII blanks at either end (section
// 11.3: only those are trimmed); nullopt: a unit step 1 refuses (section 11.2, with CR and
// TAB accepted).
template <class Unit>
std::optional<std::vector<std::u32string>> reference_lines(std::span<const Unit> text) {
    if (reference_first_refused(text, true) >= 0) return std::nullopt;
    const std::u32string characters = *reference_characters(text);
    std::vector<std::u32string> lines(1);
    for (std::size_t i = 0; i < characters.size(); ++i) {
        const char32_t c = characters[i];
        if (c == U'\r') {
            if (i + 1 < characters.size() && characters[i + 1] == U'\n') ++i;
            lines.emplace_back();
        } else if (c == U'\n') {
            lines.emplace_back();
        } else {
            lines.back().push_back(c);
        }
    }
    for (std::u32string& line : lines) {
        const auto first = line.find_first_not_of(U" \t");
        if (first == std::u32string::npos) {
            line.clear();
            continue;
        }
        line = line.substr(first, line.find_last_not_of(U" \t") - first + 1);
    }
    return lines;
}

// Rewrite steps 1-2: the lines joined by LF once the empty ones at either end are dropped.
template <class Unit>
std::optional<std::u32string> reference_normalise(std::span<const Unit> text) {
    const auto lines = reference_lines(text);
    if (!lines) return std::nullopt;
    std::size_t begin = 0;
    std::size_t end = lines->size();
    while (begin < end && (*lines)[begin].empty()) ++begin;
    while (end > begin && (*lines)[end - 1].empty()) --end;
    std::u32string joined;
    for (std::size_t i = begin; i < end; ++i) {
        if (i != begin) joined.push_back(U'\n');
        joined += (*lines)[i];
    }
    return joined;
}

// Section 11.7, for a normalised text that psh_check calls PSH_E_NO_SEPARATOR: when dropping
// the empty lines at the ends left a single line, PSH_E_EMPTY_MAILBOX if one was dropped
// after it, else PSH_E_EMPTY_SERVER if one was dropped before it; otherwise `status`.
template <class Unit>
int32_t named_empty_part(std::span<const Unit> text, int32_t status) {
    const auto lines = reference_lines(text);
    if (!lines) return status;
    std::size_t begin = 0;
    std::size_t end = lines->size();
    while (begin < end && (*lines)[begin].empty()) ++begin;
    while (end > begin && (*lines)[end - 1].empty()) --end;
    if (end - begin != 1) return status;
    if (end < lines->size()) return PSH_E_EMPTY_MAILBOX;
    if (begin > 0) return PSH_E_EMPTY_SERVER;
    return status;
}

inline std::u32string ascii_lowered(std::u32string s) {
    for (char32_t& c : s) {
        if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    }
    return s;
}

inline uint64_t reference_fnv1a64(const std::vector<char>& key) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : key) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

// The value of the last "/cn=" of a well-formed DN: everything after its '=' (an RDN may
// hold '=' itself, but never '/').
inline std::u32string last_rdn(const std::u32string& dn) {
    const std::u32string last = dn.substr(dn.rfind(U'/') + 1);
    return last.substr(last.find(U'=') + 1);
}

// The profile name of `normalised`, a ProfileInfo already normalised that passes psh_check
// apart from the UNSAFE_CHAR and RESERVED_NAME checks. S and M are made a character at a
// time (section 11.5): each outside A-Z a-z 0-9 _ is one '_'.
inline std::string reference_profile_name(const std::u32string& normalised) {
    const std::u32string key = ascii_lowered(normalised);
    const std::size_t lf = key.find(U'\n');
    const std::u32string server = key.substr(0, lf);
    std::u32string s;
    std::u32string m;
    if (key.compare(lf, 2, U"\n\n") == 0) {
        s = last_rdn(server);
        m = U"anon";
    } else {
        s = server.substr(0, server.find(U'.'));
        const std::u32string mailbox = key.substr(lf + 1);
        m = mailbox[0] == U'/' ? last_rdn(mailbox) : mailbox;
    }
    const auto sanitised = [](const std::u32string& part, std::size_t most) {
        std::string out;
        for (const char32_t c : part.substr(0, most)) {
            const bool keep = (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9') || c == U'_';
            out.push_back(keep ? static_cast<char>(c) : '_');
        }
        return out;
    };
    const std::string s_shown = sanitised(s, 15);
    const std::string m_shown = sanitised(m, 46 - s_shown.size());
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(reference_fnv1a64(reference_encode<char>(key))));
    return s_shown + "_" + m_shown + "_" + hex;
}

}  // namespace psh_fuzz
