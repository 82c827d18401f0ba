// The one reader of ProfileInfo line files: `profshim check|rewrite|name -f FILE`, the demo,
// the samples test and the Windows KB reproduction all read examples/profileinfo-samples.txt
// (or a user's file) through it. Header-only, like cescape.hpp.
//
// One ProfileInfo a line:
//   - blank lines, and lines whose first non-blank character is '#', are skipped;
//   - a trailing CR (a file saved with CRLF line ends) is dropped;
//   - a line without a TAB is a bare INFO in C escapes;
//   - a line with a TAB is  LABEL <TAB> INFO [<TAB> EXPECT]: the label ends at the first TAB,
//     further TABs before INFO are skipped (to align), INFO runs to the next TAB, and what
//     follows more TABs is EXPECT (read by the samples test only). A TAB in the ProfileInfo
//     itself is written \t.
// It streams: one line in memory at a time, and a line may be at most kMaxLine bytes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "cescape.hpp"

namespace profshim_cli {

struct Sample {
    int line = 0;         // 1-based line number in its file
    std::string label;    // empty when the line has none
    std::string escaped;  // INFO as written
    std::string info;     // the units it stands for
    std::string expect;   // the EXPECT field as written, or empty
};

class SampleReader {
public:
    static constexpr std::size_t kMaxLine = 65536;

    explicit SampleReader(std::istream& in) : in_(*in.rdbuf()) {}

    // The next sample; false at the end of the input or on an error (then failed()).
    bool next(Sample& s) {
        while (read_line()) {
            std::string_view line = line_;
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            const std::size_t first = line.find_first_not_of(" \t");
            if (first == std::string_view::npos || line[first] == '#') continue;
            s.line = line_number_;
            s.label.clear();
            s.expect.clear();
            std::size_t info_start = 0, info_end = line.size();
            if (const std::size_t tab = line.find('\t'); tab != std::string_view::npos) {
                const std::string_view label = line.substr(0, tab);
                const std::size_t a = label.find_first_not_of(' '), b = label.find_last_not_of(' ');
                if (a != std::string_view::npos) s.label = label.substr(a, b - a + 1);
                info_start = std::min(line.find_first_not_of('\t', tab), line.size());
                info_end = std::min(line.find('\t', info_start), line.size());
                const std::size_t expect = line.find_first_not_of('\t', info_end);
                if (expect != std::string_view::npos) s.expect = line.substr(expect);
            }
            s.escaped = line.substr(info_start, info_end - info_start);
            EscapeError e;
            if (!decode_c_escapes(s.escaped, s.info, e)) return fail(info_start + e.column, "bad escape: " + e.message);
            return true;
        }
        return false;
    }

    bool failed() const { return !error_.empty(); }
    // "LINE:COLUMN: what", COLUMN 1-based; the caller puts the file's name in front.
    const std::string& error() const { return error_; }

private:
    // Reads the next line, without its LF, into line_; false at the end or on a line too long.
    bool read_line() {
        line_.clear();
        int c = in_.sbumpc();
        if (c == std::char_traits<char>::eof()) return false;
        ++line_number_;
        for (; c != std::char_traits<char>::eof() && c != '\n'; c = in_.sbumpc()) {
            if (line_.size() == kMaxLine)
                return fail(kMaxLine, "line longer than " + std::to_string(kMaxLine) + " bytes");
            line_ += static_cast<char>(c);
        }
        return true;
    }

    bool fail(std::size_t column, const std::string& what) {
        error_ = std::to_string(line_number_) + ":" + std::to_string(column + 1) + ": " + what;
        return false;
    }

    std::streambuf& in_;
    std::string line_;
    int line_number_ = 0;
    std::string error_;
};

}  // namespace profshim_cli
