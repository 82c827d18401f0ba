// The profshim command-line tool's own parts: a client of the library through its public
// header only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "profshim.h"
#include "samples.hpp"

namespace profshim_cli {

constexpr int kExitOk = 0;     // every input is OK
constexpr int kExitNotOk = 1;  // some input is not
constexpr int kExitUsage = 2;  // the command line or an input file could not be used

// ---- commands and their options (main.cpp): one table parses and writes --help ----------
// (libgit2's src/cli, cli_opt_spec, is the model)

struct Option {
    const char* name;   // long name without "--"; nullptr for an operand
    char alias;         // short name ('f'), or 0
    const char* value;  // what it takes ("FILE"), or nullptr for a switch
    bool repeat;        // may be given more than once
    const char* help;   // for --help; '\n' starts an indented line
};

// A switch, an option's value or an operand, in command-line order.
struct Given {
    const Option* option;
    std::string value;
};

struct Command {
    const char* name;
    const char* summary;  // one line for `profshim help`
    std::span<const Option> options;
    Option operand;       // what follows the options
    const char* details;  // the end of `profshim help COMMAND`
    int (*run)(const std::vector<Given>& given);
};

extern const Command kCheckCommand, kRewriteCommand, kNameCommand, kDemoCommand;  // a file each
bool has_switch(const std::vector<Given>& given, std::string_view name);
int usage_error(std::string_view message);  // "profshim: MESSAGE" on stderr; kExitUsage
// The same for a file that cannot be read or holds a bad line, without the pointer to help:
// the command was right, the file is not. Also kExitUsage, as the help says.
int file_error(std::string_view message);

// ---- the library (api.cpp): the buffer protocol, and psh_describe for every word --------

struct Check {
    int32_t status = PSH_E_UNEXPECTED;
    psh_report report{};
};
struct Text {
    int32_t status = PSH_E_UNEXPECTED;
    std::string text;  // the result when PSH_OK
};
Check check(const std::string& info);
Text rewrite(const std::string& info, uint32_t flags);
Text profile_name(const std::string& info);
// Its first part, without what to do after the last "; " (psh_describe says what happened,
// then what to do): for a call that failed, whose advice may be that very call.
std::string what_happened(int32_t status);
// psh_describe's line for psh_check's result; its advice (for some faults, to call
// psh_rewrite) only where psh_rewrite can fix this input.
std::string verdict(const Check& c);
std::string status_name(int32_t status);  // its part before ": ", or "0x80040299"
std::string status_hex(int32_t status);   // "0x80040209"
const char* form_name(int32_t form);      // "unknown", "alias", "dn", "anonymous"

// ---- check, rewrite and name over a stream of ProfileInfos (lines.cpp) -------------------

struct Answer {
    int32_t status = PSH_E_UNEXPECTED;
    std::string message;             // what the command says of its own result
    std::string json;                // the command's own JSON fields: ,"key":value...
    std::vector<std::string> cells;  // the command's own table cells, after STATUS
    int32_t caret = -1;              // a unit of the input to point at in the table, or -1
};

struct Column {
    const char* header;
    std::size_t width;  // fixed before the first row; a longer cell pushes the rest right
    bool right;
};

struct LineCommand {
    const char* verb;                                                   // "check"
    std::vector<Column> columns;                                        // the command's own
    std::function<Answer(const std::string& info)> answer;              // counting for the summary too
    // The table's last line, after "N ProfileInfos ": "checked: 2 OK, ..."
    std::function<std::string(std::size_t n, std::size_t ok)> summary;
};

// Every INFO argument and every line of every -f FILE, in command-line order, is read,
// answered and written before the next is read. kExitOk when every answer is PSH_OK.
int run_lines(const std::vector<Given>& given, const LineCommand& cmd);
// Opens PATH into FILE (binary) to read: "" when it did, else why not, in the system's words
// ("Is a directory": a directory would open, then fail on the first read).
std::string open_to_read(const std::filesystem::path& path, std::ifstream& file);

// A JSON string of one code point per unit (bytes 0x80-0xFF as U+0080-U+00FF), so a
// report's offsets index it.
inline std::string json_string(std::string_view units) { return encode_c_escapes(units, true, nullptr, "\\u00"); }

inline constexpr Option kJsonOption{"json", 0, nullptr, false, "one JSON object a line instead of a table"};
inline constexpr Option kFileOption{"file", 'f', "FILE", true,
                                    "one ProfileInfo a line in C escapes ('-': standard input);\n"
                                    "blank and '#' lines are skipped; a line may be LABEL<TAB>INFO,\n"
                                    "and a TAB after INFO starts the samples file's EXPECT, not read"};
// The help's example is quoted as the system's shell quotes it: cmd.exe keeps single quotes
// as part of the argument.
#ifdef _WIN32
#  define PSH_CLI_QUOTE "\""
#else
#  define PSH_CLI_QUOTE "'"
#endif
inline constexpr Option kInfoOperand{nullptr, 0, "INFO", true,
                                     "a ProfileInfo in C escapes (\\n \\r \\t \\\\ \\\" \\xHH \\ooo), e.g.\n"
                                     PSH_CLI_QUOTE "EXCH01\\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe" PSH_CLI_QUOTE};

}  // namespace profshim_cli
