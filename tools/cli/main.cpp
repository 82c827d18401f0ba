// profshim: check, rewrite and name CDO ProfileInfo strings from the command line.
// A client of the profshim library: it uses nothing but the public header.

#include <cstring>
#include <exception>
#include <iostream>

#include "cli.hpp"

namespace profshim_cli {

namespace {

void usage(std::ostream& out) {
    for (const Command* c : kCommands) out << (c == kCommands[0] ? "usage: " : "       ") << usage_line(*c) << "\n";
    out << "       profshim help [COMMAND] | --help | --version\n";
}

int help(std::string_view topic) {
    if (const Command* c = find_command(topic)) {
        std::cout << help_text(*c);
        return kExitOk;
    }
    if (!topic.empty()) return usage_error("no help for '" + std::string(topic) + "'; commands are check, rewrite, name, demo");
    std::cout << "profshim - check and fix the ProfileInfo strings given to CDO 1.21 Session.Logon\n"
                 "(Microsoft KB Q271913: a DN mailbox makes the logon fail with MAPI_E_NOT_FOUND).\n\nCommands:\n";
    for (const Command* c : kCommands) std::cout << "  " << c->name << std::string(10 - std::strlen(c->name), ' ') << c->summary << "\n";
    std::cout << "\n'profshim help COMMAND' lists a command's options.\n\n"
                 "Output: a table, each row written as soon as its line is read; --json writes one JSON\n"
                 "object a line. In JSON, \"input\" holds one code point per unit (a byte 0x80-0xFF is\n"
                 "U+0080-U+00FF), so offsets index it.\n\n"
                 "Exit status: 0 when every input is OK, 1 when any is not, 2 on a usage error\n"
                 "(unknown command or option, a bad escape, an unreadable file).\n\n";
    usage(std::cout);
    return kExitOk;
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
    const Command* cmd = find_command(first);
    if (cmd == nullptr)
        return usage_error(first.starts_with("-") ? "unknown option '" + std::string(first) + "' (options go after the command)"
                                                  : "unknown command '" + std::string(first) + "' (commands: check, rewrite, name, demo, help)");
    std::vector<Given> given;
    bool want_help = false;
    std::string error;
    if (!parse_options(*cmd, std::span(args).subspan(1), given, want_help, error)) return usage_error(error);
    return want_help ? help(cmd->name) : cmd->run(given);
}

}  // namespace

}  // namespace profshim_cli

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);  // iostreams only: their own buffers, no stdio lock per character
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
