// profshim: check, rewrite and name CDO ProfileInfo strings from the command line.
// A client of the profshim library: it uses nothing but the public header. This file is the
// command line: the commands' option tables at work, parsing and the help they write.

#include <cerrno>
#include <cstring>
#include <exception>
#include <iostream>

#include "cli.hpp"

namespace profshim_cli {

namespace {

const Command* const kCommands[] = {&kCheckCommand, &kRewriteCommand, &kNameCommand, &kDemoCommand};
const Option kHelpOption{"help", 'h', nullptr, false, "this help"};

const Command* find_command(std::string_view name) {
    for (const Command* c : kCommands)
        if (name == c->name) return c;
    return nullptr;
}

// How --help writes an option: "-f, --file FILE", "--json", "INFO"; `brief`, as a usage line
// does: "-f FILE".
std::string spelling(const Option& o, bool brief = false) {
    if (o.name == nullptr) return o.value;
    const std::string name = std::string("--") + o.name;
    const std::string value = o.value != nullptr ? std::string(" ") + o.value : "";
    return (o.alias == 0 ? name : std::string{'-', o.alias} + (brief ? "" : ", " + name)) + value;
}

// "profshim check [--json] [-f FILE]... [--] [INFO]..."
std::string usage_line(const Command& cmd) {
    const auto item = [](const Option& o) { return " [" + spelling(o, true) + "]" + (o.repeat ? "..." : ""); };
    std::string s = std::string("profshim ") + cmd.name;
    for (const Option& o : cmd.options) s += item(o);
    return s + " [--]" + item(cmd.operand);
}

void usage(std::ostream& out) {
    for (const Command* c : kCommands) out << (c == kCommands[0] ? "usage: " : "       ") << usage_line(*c) << "\n";
    out << "       profshim help [COMMAND] | --help | --version\n";
}

// One option in a command's help: its spelling, then its help in a column of its own.
void help_item(const Option& o) {
    const std::string left = "  " + spelling(o);
    std::cout << left << std::string(left.size() < 22 ? 22 - left.size() : 1, ' ');
    for (const char c : std::string_view(o.help)) std::cout << c << (c == '\n' ? std::string(22, ' ') : "");
    std::cout << "\n";
}

// `profshim help [TOPIC]`
int help(std::string_view topic) {
    if (topic == "help" || topic == "--help" || topic == "-h") topic = "";   // help on help: this
    if (const Command* cmd = find_command(topic)) {
        std::cout << "usage: " << usage_line(*cmd) << "\n\n" << cmd->summary << "\n\n";
        for (const Option& o : cmd->options) help_item(o);
        help_item(cmd->operand);
        help_item(kHelpOption);
        std::cout << (*cmd->details != '\0' ? "\n" : "") << cmd->details;
        return kExitOk;
    }
    if (!topic.empty())
        return usage_error("no help for '" + std::string(topic) + "'; commands are check, rewrite, name, demo");
    std::cout << "profshim - check and fix the ProfileInfo strings given to CDO 1.21 Session.Logon\n"
                 "(Microsoft KB Q271913: a DN mailbox makes the logon fail with MAPI_E_NOT_FOUND).\n\nCommands:\n";
    for (const Command* c : kCommands)
        std::cout << "  " << c->name << std::string(10 - std::strlen(c->name), ' ') << c->summary << "\n";
    std::cout << "\n'profshim help COMMAND' lists a command's options.\n\n"
                 "Output: a table, each row written as soon as its line is read; --json writes one JSON\n"
                 "object a line. In JSON, \"input\" holds one code point per unit (a byte 0x80-0xFF is\n"
                 "U+0080-U+00FF), so offsets index it.\n\n"
                 "Exit status: 0 when every input is OK, 1 when any is not, 2 on a usage error\n"
                 "(unknown command or option, a bad escape, an unreadable file) or when the output\n"
                 "cannot be written.\n\n";
    usage(std::cout);
    return kExitOk;
}

// "--keep-dn is an option of rewrite, not of check", or else "unknown option".
std::string unknown_option(const Command& cmd, std::string_view option) {
    for (const Command* other : kCommands)
        for (const Option& o : other->options)
            if (option.substr(2) == o.name || option == std::string{'-', o.alias})
                return std::string(option) + " is an option of " + other->name + ", not of " + cmd.name;
    const bool vowel = std::string_view("AEIOU").find(cmd.operand.value[0]) != std::string_view::npos;
    return "unknown option '" + std::string(option) + "' for " + cmd.name + " (" + (vowel ? "an " : "a ") +
           cmd.operand.value + " that starts with '-' goes after --)";
}

// Parses what follows the command's name by its table, then runs the command; -h/--help
// (every command's) writes its help instead.
int run_command(const Command& cmd, std::span<const std::string_view> args) {
    std::vector<Given> given;
    bool options_end = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (options_end || a.size() < 2 || a[0] != '-') {
            given.push_back({&cmd.operand, std::string(a)});
            continue;
        }
        if (a == "--") {
            options_end = true;
            continue;
        }
        if (a == "-h" || a == "--help") return help(cmd.name);
        // --name, --name=VALUE, -x, -xVALUE
        const bool is_long = a[1] == '-';
        const std::string_view named = a.substr(0, is_long ? a.find('=') : 2);  // "--name", "-x"
        const Option* o = nullptr;
        for (const Option& each : cmd.options)
            if (is_long ? named.substr(2) == each.name : named[1] == each.alias) o = &each;
        if (o == nullptr) return usage_error(unknown_option(cmd, named));
        const bool inline_value = a.size() > named.size();
        std::string_view value = inline_value ? a.substr(named.size() + (is_long ? 1 : 0)) : "";
        if (o->value == nullptr && inline_value) return usage_error("--" + std::string(o->name) + " takes no value");
        if (o->value != nullptr && !inline_value && i + 1 < args.size()) value = args[++i];
        if (o->value != nullptr && value.empty())
            return usage_error(spelling(*o) + ": the " + o->value + " is missing");
        given.push_back({o, std::string(value)});
    }
    return cmd.run(given);
}

int version() {
    const int32_t lib = psh_version();
    const std::string loaded = std::to_string(lib / 10000) + "." + std::to_string(lib / 100 % 100) + "." + std::to_string(lib % 100);
    std::cout << "profshim " << PSH_VERSION_STRING << " (library " << loaded << ", header " << PSH_VERSION_STRING << ")\n";
    if (lib / 10000 == PSH_VERSION_MAJOR) return kExitOk;
    std::cerr << "profshim: warning: the loaded library is " << loaded << ", built against " << PSH_VERSION_STRING << "\n";
    return kExitNotOk;
}

int run(int argc, char** argv) {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << "profshim: no command given\n";
        usage(std::cerr);
        return kExitUsage;
    }
    const std::string_view first = args[0];
    if (first == "--version" || first == "-V" || first == "version")
        return args.size() == 1 ? version() : usage_error("--version takes no arguments");
    if (first == "help" || first == "--help" || first == "-h")
        return args.size() <= 2 ? help(args.size() == 2 ? args[1] : "") : usage_error("help takes at most one command name");
    if (const Command* cmd = find_command(first)) return run_command(*cmd, std::span(args).subspan(1));
    return usage_error(first.starts_with("-") ? "unknown option '" + std::string(first) + "' (options go after the command)"
                                              : "unknown command '" + std::string(first) + "' (commands: check, rewrite, name, demo, help)");
}

}  // namespace

bool has_switch(const std::vector<Given>& given, std::string_view name) {
    for (const Given& g : given)
        if (g.option->name != nullptr && name == g.option->name) return true;
    return false;
}

int usage_error(std::string_view message) {
    file_error(message);
    std::cerr << "Try 'profshim help'.\n";
    return kExitUsage;
}

int file_error(std::string_view message) {
    std::cout.flush();
    std::cerr << "profshim: " << message << "\n";
    return kExitUsage;
}

}  // namespace profshim_cli

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);  // iostreams only: their own buffers, no stdio lock per character
    try {
        const int rc = profshim_cli::run(argc, argv);
        errno = 0;
        if (std::cout.flush()) return rc;
        // A full disk or a closed pipe: the output is incomplete, whatever the inputs were.
        const int e = errno;
        std::cerr << "profshim: cannot write the output" << (e != 0 ? std::string(": ") + std::strerror(e) : "") << "\n";
        return profshim_cli::kExitUsage;
    } catch (const std::exception& e) {
        std::cerr << "profshim: internal error: " << e.what() << "\n";
    } catch (...) {
        std::cerr << "profshim: internal error\n";
    }
    return profshim_cli::kExitUsage;
}
