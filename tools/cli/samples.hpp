// The samples file (examples/profileinfo-samples.txt, whose header gives its format;
// `profshim check -f` reads it too) and its C escapes: the one reader and the one codec of
// the project, used by the CLI, the samples test and the Windows KB reproduction.
// Header-only, so a test takes them with an #include and nothing more.
//
// C escapes, reading: \n \r \t \\ \" \' \? \a \b \f \v, \xHH (exactly two hex digits), and
// octal \o, \oo, \ooo (at most \377); any other byte stands for itself, so UTF-8 may be
// written as it is. Each decoded byte is one unit for the narrow psh_* functions.
// The reader streams: one line in memory at a time, and a line may be at most kMaxLine bytes.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "utf.hpp"

namespace profshim_cli {

struct EscapeError {
    std::size_t column = 0;  // 0-based offset in the escaped text where the bad escape starts
    std::string message;     // e.g. "unknown escape \q"
};

inline constexpr char kHexDigits[] = "0123456789abcdef";

// Decodes `text` into `out`; on a bad escape returns false and fills `err`.
inline bool decode_c_escapes(std::string_view text, std::string& out, EscapeError& err) {
    const auto fail = [&err](std::size_t column, std::string message) {
        err = {column, std::move(message)};
        return false;
    };
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
            continue;
        }
        const std::size_t start = i++;
        if (i == text.size()) return fail(start, "a lone backslash at the end (write a backslash as \\\\)");
        const char e = text[i];
        // Pairs of (escape letter, the byte it stands for), the letters at even offsets.
        const std::string_view simple = "n\nr\rt\t\\\\\"\"''??a\ab\bf\fv\v";
        const std::size_t k = simple.find(e);
        if (k != std::string_view::npos && k % 2 == 0) {
            out += simple[k + 1];
        } else if (e == 'x') {
            const char* hex = text.data() + i + 1;
            unsigned v = 0;
            if (i + 2 >= text.size() || std::from_chars(hex, hex + 2, v, 16).ptr != hex + 2)
                return fail(start, "\\x needs exactly two hex digits (\\xHH)");
            out += static_cast<char>(v);
            i += 2;
        } else if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int n = 1; n < 3 && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '7'; ++n)
                v = v * 8 + (text[++i] - '0');
            if (v > 0377) return fail(start, "octal escape over \\377");
            out += static_cast<char>(v);
        } else {
            const auto u = static_cast<unsigned char>(e);
            const std::string shown = u >= 0x20 && u <= 0x7E ? std::string(1, e)
                                      : std::string{'x', kHexDigits[u >> 4], kHexDigits[u & 0xF]};
            return fail(start, "unknown escape \\" + shown +
                                   " (known: \\n \\r \\t \\\\ \\\" \\' \\? \\a \\b \\f \\v \\xHH \\ooo; "
                                   "write a backslash as \\\\)");
        }
    }
    return true;
}

// `units` in C escapes: printable ASCII as itself (a backslash doubled), LF, CR and TAB as
// \n \r \t, every other byte as \xHH: pure ASCII, so a unit's column is its byte
// position there. With `utf8` (for a reader, as the table shows it), a well-formed UTF-8
// character that shown_as_itself (utf.hpp) is written as itself, its bytes as they are.
// With `quoted` the text is wrapped in double quotes and a double quote inside is written
// \". `columns`, when given, receives the byte offset in the result of every unit, then of
// the end.
inline std::string encode_c_escapes(std::string_view units, bool quoted, std::vector<std::size_t>* columns = nullptr,
                                    bool utf8 = false) {
    std::string s = quoted ? "\"" : "";
    for (std::size_t i = 0; i < units.size(); ++i) {
        const char c = units[i];
        if (columns != nullptr) columns->push_back(s.size());
        const auto u = static_cast<unsigned char>(c);
        if (const Utf8Char ch = utf8 && u >= 0x80 ? utf8_at(units, i) : Utf8Char{}; ch.len > 0 && shown_as_itself(ch.cp)) {
            s.append(units.substr(i, ch.len));
            for (std::size_t k = 1; k < ch.len && columns != nullptr; ++k) columns->push_back(s.size());
            i += ch.len - 1;
            continue;
        }
        if (c == '\n') s += "\\n";
        else if (c == '\r') s += "\\r";
        else if (c == '\t') s += "\\t";
        else if (c == '\\') s += "\\\\";
        else if (c == '"' && quoted) s += "\\\"";
        else if (u >= 0x20 && u <= 0x7E) s += c;
        else s += std::string("\\x") + kHexDigits[u >> 4] + kHexDigits[u & 0xF];
    }
    if (columns != nullptr) columns->push_back(s.size());
    if (quoted) s += '"';
    return s;
}

struct Sample {
    int line = 0;        // 1-based line number in its file
    std::string label;   // empty when the line has none
    std::string info;    // the units INFO stands for
    std::string expect;  // the EXPECT field as written, or empty
    bool tab = false;    // the line had a TAB: what came before it is the label, not INFO
};

// A line that could not be read. The reader goes on with the next line (a batch answers
// every line), unless the caller's handler says to stop.
struct BadLine {
    int line = 0;
    std::string label;       // as for Sample
    std::string written;     // the INFO field as written, at most kMaxLine bytes
    std::size_t column = 0;  // 1-based in the line, in characters: where the fault starts
    std::size_t offset = 0;  // the same, 0-based in `written`
    const char* kind = "";   // "BAD_ESCAPE", "LINE_TOO_LONG"
    std::string what;        // "bad escape: unknown escape \j (...)"
};

inline constexpr std::size_t kMaxLine = 65536;
inline constexpr const char* kOddUtf16 = ": the UTF-16 file ends in the middle of a unit (an odd number of bytes)";

// Reads `in` a line at a time and hands each sample to `each` before the next line is read,
// each line that cannot be read to `bad` (which returns whether to go on). "" at the end of
// the input, or when `bad` stopped it; else what stopped it, a fault of the whole file:
// "LINE:COLUMN: what", COLUMN 1-based (the caller puts the file's name in front).
template <class Each, class Bad>
std::string read_lines(std::istream& in, Each each, Bad bad) {
    constexpr int eof = std::char_traits<char>::eof();
    std::streambuf& buf = *in.rdbuf();
    // The file's bytes; or, for a file that starts with a UTF-16 byte-order mark (FF FE, as
    // Notepad's "Unicode" and PowerShell 5's `>` write, or FE FF), its text in UTF-8, a byte
    // at a time. A lone surrogate becomes bytes no UTF-8 reader takes (append_utf8), so the
    // library answers PSH_E_BAD_CHAR there, as it does for ill-formed UTF-16 in psh_check_w.
    bool utf16 = false, big_endian = false, odd = false;
    long held = -1;       // a UTF-16 unit read after a lone high surrogate
    std::string pending;  // the rest of the current character's UTF-8 bytes
    std::size_t next = 0;
    const auto unit = [&]() -> long {
        if (const long u = held; u >= 0) {
            held = -1;
            return u;
        }
        const int a = buf.sbumpc();
        if (a == eof) return -1;
        const int b = buf.sbumpc();
        if (b == eof) {
            odd = true;
            return -1;
        }
        return big_endian ? (a << 8) | b : (b << 8) | a;
    };
    const auto get = [&]() -> int {
        if (next < pending.size()) return static_cast<unsigned char>(pending[next++]);
        if (!utf16) return buf.sbumpc();
        long u = unit();
        if (u < 0) return eof;
        if (u >= 0xD800 && u <= 0xDBFF) {
            const long low = unit();
            if (low >= 0xDC00 && low <= 0xDFFF) u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
            else held = low;
        }
        pending.clear();
        append_utf8(pending, static_cast<char32_t>(u));
        next = 1;
        return static_cast<unsigned char>(pending[0]);
    };
    int start = buf.sbumpc();
    if ((start == 0xFF || start == 0xFE) && buf.sgetc() == (start ^ 0x01)) {
        buf.sbumpc();
        utf16 = true;
        big_endian = start == 0xFE;
        start = get();
    }
    Sample s;
    std::string text;
    for (int c = start; c != eof; c = get()) {
        ++s.line;
        text.clear();
        bool too_long = false;
        for (; c != eof && c != '\n'; c = get()) {
            if (text.size() == kMaxLine) too_long = true;  // the rest of the line is skipped
            else text += static_cast<char>(c);
        }
        std::string_view line = text;
        // A file saved on Windows may start with UTF-8's byte-order mark: it is skipped.
        if (s.line == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
        if (odd) return std::to_string(s.line) + ":" + std::to_string(text.size() + 1) + kOddUtf16;
        if (!too_long && !line.empty() && line.back() == '\r') line.remove_suffix(1);
        const std::size_t first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos || line[first] == '#') continue;
        s.label.clear();
        s.expect.clear();
        // LABEL <TAB>... INFO [<TAB>... EXPECT]: the label, spaces trimmed, ends at the
        // first TAB; INFO runs to the next TAB; a TAB in the ProfileInfo is written \t.
        std::size_t info_start = 0, info_end = line.size();
        const std::size_t tab = line.find('\t');
        s.tab = tab != std::string_view::npos;
        if (s.tab) {
            const std::string_view label = line.substr(0, tab);
            const std::size_t a = label.find_first_not_of(' '), b = label.find_last_not_of(' ');
            if (a != std::string_view::npos) s.label = label.substr(a, b - a + 1);
            info_start = std::min(line.find_first_not_of('\t', tab), line.size());
            info_end = std::min(line.find('\t', info_start), line.size());
            const std::size_t expect = line.find_first_not_of('\t', info_end);
            if (expect != std::string_view::npos) s.expect = line.substr(expect);
        }
        const std::string_view written = line.substr(info_start, info_end - info_start);
        const auto fault = [&](std::size_t offset, const char* kind, std::string what) {
            const std::size_t column = char_count(line.substr(0, info_start + offset)) + 1;  // as an editor counts
            return bad(BadLine{s.line, s.label, std::string(written), column, offset, kind, std::move(what)});
        };
        if (too_long) {
            if (!fault(written.size(), "LINE_TOO_LONG", "the line is longer than " + std::to_string(kMaxLine) + " bytes")) return "";
            continue;
        }
        EscapeError e;
        if (!decode_c_escapes(written, s.info, e)) {
            if (!fault(e.column, "BAD_ESCAPE", "bad escape: " + e.message)) return "";
            continue;
        }
        each(std::as_const(s));
    }
    return odd ? std::to_string(s.line + 1) + ":1" + kOddUtf16 : "";
}

// read_lines for a caller to whom a bad line is the end: it stops there, and says
// "LINE:COLUMN: what" of it.
template <class Each>
std::string read_samples(std::istream& in, Each each) {
    std::string stopped;
    const std::string error = read_lines(in, each, [&stopped](const BadLine& b) {
        stopped = std::to_string(b.line) + ":" + std::to_string(b.column) + ": " + b.what;
        return false;
    });
    return error.empty() ? stopped : error;
}

}  // namespace profshim_cli
