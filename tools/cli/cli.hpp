// The profshim command-line tool's own parts: a client of the library through its public
// header only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "profshim.h"
#include "samples.hpp"

namespace CLI {  // <CLI/CLI.hpp>, included only where a command line is built or read
class App;
class Option;
}  // namespace CLI

namespace profshim_cli {

constexpr int kExitOk = 0;          // every input is OK
constexpr int kExitNotOk = 1;       // some input is not
constexpr int kExitUsage = 2;       // the command line or an input file could not be used
constexpr int kExitBadLines = 3;    // every line answered, but some line of a -f file could not be read

// ---- commands (main.cpp parses with CLI11 and writes the help) ---------------------------
// A command is a file that defines one Command, listed in main.cpp (its top comment says how).

struct Command {
    const char* name;
    const char* summary;                    // one line for `profshim help`
    const char* details;                    // the end of `profshim help COMMAND`, or ""
    void (*add_options)(CLI::App& command);  // its options and operands
    int (*run)(const CLI::App& command);     // after parsing: its exit status
};

// An argument's value as given on the command line (main.cpp keeps what CLI11 would split):
// each value of a parsed option, or one such value.
std::vector<std::string> given(const CLI::Option& option);
std::string given(const std::string& value);
int usage_error(std::string_view message);  // "profshim: MESSAGE" on stderr; kExitUsage
// The same for a file that cannot be read, without the pointer to help: the command was
// right, the file is not. Also kExitUsage, as the help says.
int file_error(std::string_view message);

#ifdef _WIN32
// ---- Windows (windows_text.cpp): the UTF-16 command line in UTF-8, for run(); standard
// output and error that are a console written through WriteConsoleW.
std::vector<std::string> windows_arguments();
void windows_console_output();
#endif

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
std::string status_name(int32_t status);  // its part before ": ", or "0x80040299"
std::string status_hex(int32_t status);   // "0x80040209"
const char* form_name(int32_t form);      // "unknown", "alias", "dn", "anonymous"

// ---- the CLI's words for each status (texts.cpp, issue 21) -----------------------------

// "PSH_E_BAD_DN: the mailbox's distinguished name ...": the status and what it means to a
// CLI user, naming the CLI's commands, never a C function, and never the command `by`
// ("check", "rewrite", "name") that gave it as the way out. `kept_dn_alone`: rewrite
// --keep-dn failed where rewrite without it succeeds.
std::string said(int32_t status, std::string_view info, std::string_view by, bool kept_dn_alone = false);
// "PSH_E_BAD_DN" (PSH_STATUS_LIST), or nullptr for a value the header does not define.
const char* status_symbol(int32_t status);
// Whether `info` holds the /ou= RDN of a DN made by Exchange 2007 or later, in any ASCII case.
bool is_modern_dn(std::string_view info);

// ---- check, rewrite and name over a stream of ProfileInfos (lines.cpp) -------------------

using Json = nlohmann::ordered_json;  // its fields in the order they are set

struct Answer {
    int32_t status = PSH_E_UNEXPECTED;
    std::string message;             // what the command says of its own result
    Json json = Json::object();      // --json: the command's own fields, after the common ones
    std::vector<std::string> cells;  // else: the command's own table cells, after STATUS
    int32_t caret = -1;              // a unit of the input to point at in the table, or -1
    std::string status_cell;         // the table's STATUS cell, when not the status's name
                                     // (resolve: its result, "not_found" ...)
};

struct Column {
    const char* header;
    std::size_t width;  // fixed before the first row; a longer cell pushes the rest right
    bool right;
};

struct LineCommand {
    const char* verb;                                                   // "check"
    std::vector<Column> columns;                                        // the command's own
    // Its answer, with JSON fields or table cells as `json` says; counting for the summary too.
    std::function<Answer(const std::string& info, bool json)> answer;
    // The table's last line, after "N ProfileInfos ": "checked: 2 OK, ..."
    std::function<std::string(std::size_t n, std::size_t ok)> summary;
};

// For a command that answers ProfileInfos a line at a time: --json, then (after the
// command's own options) -f FILE and INFO...
void add_json_option(CLI::App& command);
void add_input_options(CLI::App& command);
// Every INFO argument and every line of every -f FILE, in command-line order, is read,
// answered and written before the next is read. kExitOk when every answer is PSH_OK.
int run_lines(const CLI::App& command, const LineCommand& cmd);
// Opens PATH into FILE (binary) to read: "" when it did, else why not, in the system's words
// ("Is a directory": a directory would open, then fail on the first read).
std::string open_to_read(const std::filesystem::path& path, std::ifstream& file);

}  // namespace profshim_cli
