// profshim: check, rewrite and name CDO ProfileInfo strings from the command line.
// A client of the profshim library: it uses nothing but the public header.

#include <exception>
#include <iostream>

#include "cli.hpp"

namespace profshim_cli {

namespace {

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
