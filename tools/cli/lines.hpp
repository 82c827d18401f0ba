// The streaming driver of check, rewrite and name: every INFO argument and every line of
// every -f FILE, in command-line order, is read, answered and written before the next one
// is read, so memory stays the same whatever the input's size.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "api.hpp"
#include "opt.hpp"
#include "term.hpp"

namespace profshim_cli {

struct Entry {
    std::string source;  // "argument 2", "FILE:LINE" or "<stdin>:LINE"
    std::string label;   // empty when none was given
    std::string info;    // the units
    int line = 0;        // line number in its file, 0 for an argument
};

struct Answer {
    int32_t status = PSH_E_UNEXPECTED;
    std::string message;             // what the command says of its own result
    std::string json;                // the command's own JSON fields: ,"key":value...
    std::vector<std::string> cells;  // the command's own table cells (PROFILEINFO follows)
    int32_t caret = -1;              // a unit of the input to point at in the table, or -1
};

class LineCommand {
public:
    virtual ~LineCommand() = default;
    virtual const char* verb() const = 0;                         // "check"
    virtual std::vector<Table::Column> columns() const = 0;       // the command's own
    virtual Answer answer(const Entry& e) = 0;                    // counts for the summary too
    virtual std::string summary(std::size_t count) const = 0;     // the table's last line
};

// Runs `cmd` over the inputs of `given`; --json writes one JSON object a line instead of
// the table. Returns kExitOk when every answer is PSH_OK, kExitNotOk when any is not, and
// kExitUsage (after a message) on a bad escape or an unreadable file.
int run_lines(const std::vector<Given>& given, LineCommand& cmd);

// The options check, rewrite and name share, for their option tables.
inline constexpr Option kJsonOption{"json", 0, nullptr, false, "one JSON object a line instead of a table"};
inline constexpr Option kFileOption{
    "file", 'f', "FILE", true,
    "one ProfileInfo a line in C escapes ('-': standard input); blank\n"
    "lines and '#' lines are skipped; a line may be LABEL<TAB>INFO"};
inline constexpr Option kInfoOperand{
    nullptr, 0, "INFO", true,
    "a ProfileInfo in C escapes: \\n \\r \\t \\\\ \\\" \\xHH \\ooo, e.g.\n"
    "'EXCH01\\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe'; one that\n"
    "starts with '-' goes after --"};

}  // namespace profshim_cli
