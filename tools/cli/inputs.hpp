// Where ProfileInfo strings come from: command-line arguments and -f files.
//
// File format, one ProfileInfo a line (the samples file uses it too):
//   - blank lines, and lines whose first non-blank character is '#', are skipped;
//   - a trailing CR (a file saved with CRLF line ends) is dropped;
//   - a line without a TAB is a bare ProfileInfo in C escapes;
//   - a line with a TAB is  LABEL <TAB> INFO [<TAB> EXPECT]: the label ends at the first
//     TAB, further TABs before INFO are skipped (so labels can be aligned), INFO runs to the
//     next TAB, and what follows more TABs is EXPECT (read by `demo` only). A TAB in the
//     ProfileInfo itself is written \t.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace profshim_cli {

struct Entry {
    std::string source;   // "argument 2" or "FILE:LINE"
    std::string label;    // empty when none was given
    std::string escaped;  // the INFO text as written
    std::string info;     // the units it stands for
    std::string expect;   // the EXPECT field, as written (may be empty)
    int line = 0;         // line number in its file, 0 for an argument
};

// One command-line argument, in C escapes. On a bad escape returns false with a message
// (several lines, the last one a caret under the fault).
bool entry_from_argument(std::string_view arg, int index, Entry& out, std::string& error);

// Every entry of a file ("-" is standard input), appended to `out`. On a read failure or a
// bad escape returns false with a message naming the file (and line and column).
bool entries_from_file(const std::string& path, std::vector<Entry>& out, std::string& error);

}  // namespace profshim_cli
