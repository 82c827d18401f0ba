// profshim: check, rewrite and name CDO ProfileInfo strings from the command line.
// A client of the profshim library: it uses nothing but the public header.

#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"

namespace profshim_cli {

namespace {

const Command* const kCommands[] = {&kCheckCommand, &kRewriteCommand, &kNameCommand, &kDemoCommand};

constexpr const char* kAbout =
    "profshim - check and fix the ProfileInfo strings given to CDO 1.21 Session.Logon\n"
    "(Microsoft KB Q271913: a DN mailbox makes the logon fail with MAPI_E_NOT_FOUND).\n";

constexpr const char* kNotes =
    "Output: a table by default, each row written as soon as its line is read; --json\n"
    "writes one JSON object a line. In JSON, \"input\" holds one code point per unit (a byte\n"
    "0x80-0xFF is U+0080-U+00FF), so offsets index it.\n"
    "\n"
    "Exit status: 0 when every input is OK, 1 when any is not, 2 on a usage error\n"
    "(unknown command or option, a bad escape, an unreadable file).\n";

void usage(std::ostream& out) {
    for (const Command* c : kCommands) out << (c == kCommands[0] ? "usage: " : "       ") << usage_line(*c) << "\n";
    out << "       profshim help [COMMAND] | --help | --version\n";
}

const Command* find_command(std::string_view name) {
    for (const Command* c : kCommands)
        if (name == c->name) return c;
    return nullptr;
}

int help(std::string_view topic) {
    if (topic.empty()) {
        std::cout << kAbout << "\nCommands:\n";
        for (const Command* c : kCommands)
            std::cout << "  " << c->name << std::string(10 - std::string_view(c->name).size(), ' ') << c->summary << "\n";
        std::cout << "\n'profshim help COMMAND' lists a command's options.\n\n" << kNotes << "\n";
        usage(std::cout);
        return kExitOk;
    }
    if (const Command* c = find_command(topic)) {
        std::cout << help_text(*c);
        return kExitOk;
    }
    return usage_error("no help for '" + std::string(topic) + "'; commands are check, rewrite, name, demo");
}

std::string version_string(int32_t n) {  // "1.1.0" from 10100
    return std::to_string(n / 10000) + "." + std::to_string(n / 100 % 100) + "." + std::to_string(n % 100);
}

int version() {
    const int32_t lib = psh_version();
    std::cout << "profshim " << PSH_VERSION_STRING << " (library " << version_string(lib) << ", header "
              << PSH_VERSION_STRING << ")\n";
    if (lib / 10000 == PSH_VERSION_MAJOR) return kExitOk;
    std::cerr << "profshim: warning: the loaded library is version " << version_string(lib) << ", built against "
              << PSH_VERSION_STRING << "\n";
    return kExitNotOk;
}

// "--keep-dn is an option of rewrite, not of check", or the plain "unknown option".
int unknown_option(const Command& cmd, const std::string& option) {
    for (const Command* other : kCommands)
        for (const Option& o : other->options)
            if (o.name != nullptr && (option == std::string("--") + o.name || option == std::string{'-', o.alias}))
                return usage_error(option + " is an option of " + other->name + ", not of " + cmd.name);
    const Option* operand = nullptr;
    for (const Option& o : cmd.options)
        if (o.name == nullptr) operand = &o;
    return usage_error("unknown option '" + option + "' for " + cmd.name +
                       (operand != nullptr ? std::string(" (an ") + operand->value + " that starts with '-' goes after --)" : ""));
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
    const Command* cmd = find_command(first);
    if (cmd == nullptr)
        return usage_error(first.starts_with("-")
                               ? "unknown option '" + std::string(first) + "' (options go after the command: check, rewrite, name, demo)"
                               : "unknown command '" + std::string(first) + "' (commands: check, rewrite, name, demo, help)");
    std::vector<Given> given;
    bool want_help = false;
    std::string unknown, error;
    if (!parse_options(*cmd, std::span(args).subspan(1), given, want_help, unknown, error))
        return unknown.empty() ? usage_error(error) : unknown_option(*cmd, unknown);
    if (want_help) return help(cmd->name);
    return cmd->run(given);
}

}  // namespace

}  // namespace profshim_cli

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);  // iostreams only: their own buffers, no stdio locking per character
    try {
        const int rc = profshim_cli::run(argc, argv);
        std::cout.flush();
        return rc;
    } catch (const std::exception& e) {
        std::cerr << "profshim: internal error: " << e.what() << "\n";
    } catch (...) {
        std::cerr << "profshim: internal error\n";
    }
    return profshim_cli::kExitUsage;
}
