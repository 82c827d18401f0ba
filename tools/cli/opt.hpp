// Commands and their options, declared once: the same table parses a command's arguments
// and writes its --help (libgit2's src/cli, cli_opt_spec, is the model).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace profshim_cli {

// Exit codes.
constexpr int kExitOk = 0;     // every input is OK
constexpr int kExitNotOk = 1;  // some input is not
constexpr int kExitUsage = 2;  // the command line or an input file could not be used

struct Option {
    const char* name;   // long name without "--"; nullptr for the operands
    char alias;         // short name ('f'), or 0
    const char* value;  // what it takes ("FILE"), or nullptr for a switch
    bool repeat;        // may be given more than once
    const char* help;   // one line (wrapped by hand) for --help
};

// One item of a parsed command line: a switch, an option's value, or an operand (option
// then points at the table's operand entry), in command-line order.
struct Given {
    const Option* option;
    std::string_view value;
};

struct Command {
    const char* name;
    const char* summary;  // one line for `profshim help`
    std::span<const Option> options;
    const char* details;  // what `profshim help COMMAND` says after the options
    int (*run)(const std::vector<Given>& given);
};

// Parses `args` (what follows the command's name) by cmd.options. -h/--help is every
// command's; it stops the parse and sets `help`. On an unknown option returns false with
// `unknown` set to it; on another error, false with `error` set.
bool parse_options(const Command& cmd, std::span<const std::string_view> args,
                   std::vector<Given>& given, bool& help, std::string& unknown, std::string& error);

// Whether the switch `name` was given.
bool has_switch(const std::vector<Given>& given, std::string_view name);

// "profshim check [--json] [-f FILE]... [--] [INFO]..."
std::string usage_line(const Command& cmd);
// The usage line, the summary, every option with its help, the details.
std::string help_text(const Command& cmd);

// Prints "profshim: MESSAGE" and a hint to standard error; returns kExitUsage.
int usage_error(std::string_view message);

}  // namespace profshim_cli
