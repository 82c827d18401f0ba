// profshim: check, rewrite and name CDO ProfileInfo strings from the command line.
// A client of the profshim library: it uses nothing but the public header. This file is the
// command line: CLI11 parses it and writes the help, laid out by the formatter below.
//
// Adding a command (`resolve`, say):
//   1. resolve.cpp defines `extern const Command kResolveCommand{name, summary, details,
//      add_options, run}` (cli.hpp): add_options gives its CLI11 subcommand its options and
//      operands; run gets the parsed subcommand and returns the exit status. A command that
//      answers ProfileInfos a line at a time, as check does, calls add_json_option and
//      add_input_options (--json, -f FILE, INFO...) and run_lines (lines.cpp), which reads,
//      answers and writes each line before the next (table or JSON, bad lines as rows).
//   2. Its registration: kResolveCommand in the two lines that list the commands below, and
//      resolve.cpp in CMakeLists.txt. Help, usage lines, the man page (profshim(1)) and the
//      messages for unknown options follow from CLI11 and need nothing more.

#include <cerrno>
#include <charconv>
#include <cstring>
#include <exception>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli.hpp"

namespace profshim_cli {

// The commands, a file each, in the order the help lists them.
extern const Command kCheckCommand, kRewriteCommand, kNameCommand, kResolveCommand, kDemoCommand;
#ifdef _WIN32
extern const Command kCdoCommand;  // cdo.cpp: profshim in front of CDO's MAPI.Session
#endif

namespace {

const Command* const kCommands[] = {&kCheckCommand, &kRewriteCommand, &kNameCommand, &kResolveCommand,
                                    &kDemoCommand,
#ifdef _WIN32
                                    &kCdoCommand,
#endif
};

constexpr const char* kDescription =
    "Check and fix the ProfileInfo strings given to CDO 1.21 Session.Logon (Microsoft KB\n"
    "Q271913: a DN mailbox makes the logon fail with MAPI_E_NOT_FOUND).";

constexpr const char* kFooter =
    "'profshim help COMMAND' lists a command's options.\n\n"
    "Output: a table, each row written as soon as its line is read; --json writes one JSON\n"
    "object a line. Its status, in every command: \"status_code\" (the number), \"status_hex\"\n"
    "(\"0x80040209\") and \"status_name\" (\"PSH_E_UNSAFE_CHAR\"); \"status\" is the number,\n"
    "in resolve the name. Where no psh status applies they are null (but \"status_name\" of a\n"
    "line that cannot be read says why). Text is UTF-8, in the table and in JSON. Offsets\n"
    "count the bytes of the UTF-8 input, as the library does; \"input_escaped\" holds every\n"
    "byte (outside ASCII as \\xHH), and in JSON text a byte that starts no well-formed UTF-8\n"
    "character is U+FFFD.\n"
    "The table shows characters outside ASCII as themselves (but spaces and invisible ones\n"
    "as \\xHH) and aligns its columns by display columns: 2 for a CJK character, 1 for most.\n\n"
    "Exit status: 0 when every input is OK, 1 when any is not, 2 on a usage error\n"
    "(unknown command or option, a bad escape in an INFO argument, an unreadable file) or when\n"
    "the output cannot be written, 3 when every line was answered but some line of a -f FILE\n"
    "could not be read (a bad escape, a line too long: its row says what and at which column).\n";

// Arguments as given. CLI11 reads an operand "[a,b]" of a list as the two values a and b
// (Option::_add_result); a ProfileInfo is taken whole, so while CLI11 parses, each such
// argument stands in as kStandIn and its index here, and given() puts it back.
std::vector<std::string> g_args;
constexpr std::string_view kStandIn = "\x1Fprofshim-argument-";

bool is_help(std::string_view a) { return a == "help" || a == "--help" || a == "-h"; }

// "-f FILE", "--json": how a usage line writes an option.
std::string brief(const CLI::Option& o) {
    if (o.get_positional()) return o.get_name();
    std::string s = o.get_snames().empty() ? "--" + o.get_lnames().at(0) : "-" + o.get_snames().at(0);
    if (o.get_expected_max() != 0) s += " " + o.get_type_name();
    return s;
}

// "-f, --file FILE": how an option's help line writes it.
std::string spelling(const CLI::Option& o) {
    if (o.get_positional()) return o.get_name();
    std::string s;
    for (const std::string& n : o.get_snames()) s += "-" + n + ", ";
    for (const std::string& n : o.get_lnames()) s += "--" + n + ", ";
    s.resize(s.size() - 2);
    return o.get_expected_max() != 0 ? s + " " + o.get_type_name() : s;
}

// The help as profshim has always laid it out: "usage: " lines, then a column of options.
class Formatter : public CLI::Formatter {
public:
    Formatter() { column_width(22); }

    // "profshim check [--json] [-f FILE]... [--] [INFO]..."; for the program, every command's.
    std::string make_usage(const CLI::App* app, std::string) const override {
        if (app->get_parent() == nullptr) {
            std::string s;
            for (const Command* c : kCommands)
                s += (c == kCommands[0] ? "usage: " : "       ") + make_usage(app->get_subcommand(c->name), "").substr(7);
            return s + "       profshim help [COMMAND] | --help | --version\n";
        }
        std::string s = "usage: profshim " + app->get_name(), operands;
        for (const CLI::Option* o : app->get_options()) {
            if (o == app->get_help_ptr()) continue;
            const std::string item = " [" + brief(*o) + "]" + (o->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll ? "..." : "");
            (o->get_positional() ? operands : s) += item;
        }
        return s + (operands.empty() ? "" : " [--]" + operands) + "\n";
    }

    std::string make_help(const CLI::App* app, std::string, CLI::AppFormatMode) const override {
        std::ostringstream out;
        if (app->get_parent() == nullptr) {
            // The usage lines are each command's help (and profshim(1)'s SYNOPSIS).
            out << app->get_description() << "\n\nCommands:\n";
            for (const Command* c : kCommands) CLI::detail::format_help(out, c->name, c->summary, 12);
            out << "\n" << app->get_footer();
            return out.str();
        }
        out << make_usage(app, "") << "\n" << app->get_description() << "\n\n";
        // Options, then operands, then -h: each with its help in a column of its own.
        for (const bool positional : {false, true})
            for (const CLI::Option* o : app->get_options())
                if (o->get_positional() == positional && o != app->get_help_ptr())
                    CLI::detail::format_help(out, spelling(*o), o->get_description(), column_width_);
        if (const CLI::Option* h = app->get_help_ptr()) CLI::detail::format_help(out, spelling(*h), h->get_description(), column_width_);
        if (!app->get_footer().empty()) out << "\n" << app->get_footer();
        return out.str();
    }
};

int version() {
    const int32_t lib = psh_version();
    const std::string loaded = std::to_string(lib / 10000) + "." + std::to_string(lib / 100 % 100) + "." + std::to_string(lib % 100);
    std::cout << "profshim " << PSH_VERSION_STRING << " (library " << loaded << ", header " << PSH_VERSION_STRING << ")\n";
    if (lib / 10000 == PSH_VERSION_MAJOR) return kExitOk;
    std::cerr << "profshim: warning: the loaded library is " << loaded << ", built against " << PSH_VERSION_STRING << "\n";
    return kExitNotOk;
}

std::string command_names() {
    std::string s;
    for (const Command* c : kCommands) s += std::string(s.empty() ? "" : ", ") + c->name;
    return s;
}

// An argument the command did not take: "--keep-dn is an option of rewrite, not of check",
// "unknown option ...", or one operand too many.
int not_taken(const CLI::App& app, const CLI::App& command, std::string option) {
    const auto operands = command.get_options([](const CLI::Option* o) { return o->get_positional(); });
    const std::string what = operands.empty() ? "operand" : operands[0]->get_name();
    if (!option.starts_with("-") || option == "-") return usage_error(command.get_name() + " takes at most one " + what);
    if (!option.starts_with("--")) option.resize(2);  // "-exch": the option is "-e"
    else option = option.substr(0, option.find('='));
    for (const Command* c : kCommands)
        if (const CLI::Option* o = app.get_subcommand(c->name)->get_option_no_throw(option); o != nullptr && c->name != command.get_name())
            return usage_error(option + " is an option of " + c->name + ", not of " + command.get_name());
    const bool vowel = std::string_view("AEIOU").find(what[0]) != std::string_view::npos;
    return usage_error("unknown option '" + option + "' for " + command.get_name() + " (" + (vowel ? "an " : "a ") + what +
                       " that starts with '-' goes after --)");
}

int no_command(const CLI::App& app) {
    std::cerr << "profshim: no command given\n" << Formatter().make_usage(&app, "");
    return kExitUsage;
}

// `args`: the arguments after the program's name, however main() read them.
int run(std::vector<std::string> args) {
    CLI::App app{kDescription, "profshim"};
    app.formatter(std::make_shared<Formatter>());
    app.footer(kFooter);
    app.allow_extras();  // unknown commands and options are told apart below, in profshim's words
    app.allow_windows_style_options(false);  // CLI11's default on Windows: "/o=Contoso/..." is a ProfileInfo
    app.require_subcommand(0, 1);
    app.set_help_flag("-h,--help", "this help");
    const CLI::Option* version_flag = app.add_flag("-V,--version")->description("the program's and the library's versions");
    for (const Command* c : kCommands) {
        CLI::App* sub = app.add_subcommand(c->name, c->summary);
        sub->allow_extras()->allow_windows_style_options(false);
        sub->footer(c->details);
        c->add_options(*sub);
    }
    CLI::App* help = app.add_subcommand("help", "this help, or a command's")->allow_extras();
    help->set_help_flag();
    CLI::App* version_command = app.add_subcommand("version", "as --version")->allow_extras();

    g_args = std::move(args);
    std::vector<std::string> reversed;  // CLI11 takes the arguments last first
    for (std::size_t i = g_args.size(); i-- > 0;) {
        const std::string& a = g_args[i];
        reversed.push_back(a.starts_with("[") && a.ends_with("]") ? std::string(kStandIn) + std::to_string(i) : a);
    }
    if (g_args.empty()) return no_command(app);
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return kExitOk;
    } catch (const CLI::ParseError& e) {
        return usage_error(e.what());
    }
    const std::vector<std::string> extra = app.remaining();
    if (version_flag->count() > 0 || version_command->parsed())
        return g_args.size() == 1 ? version() : usage_error("--version takes no arguments");
    if (help->parsed()) {
        if (help->remaining_size() > 1) return usage_error("help takes at most one command name");
        const std::string topic = help->remaining_size() == 1 ? given(help->remaining()[0]) : "";
        if (topic.empty() || is_help(topic)) {
            std::cout << Formatter().make_help(&app, "", CLI::AppFormatMode::Normal);
            return kExitOk;
        }
        for (const Command* c : kCommands)
            if (topic == c->name) {
                std::cout << app.get_subcommand(c->name)->help();
                return kExitOk;
            }
        return usage_error("no help for '" + topic + "'; commands are " + command_names());
    }
    if (!extra.empty()) {
        const std::string first = given(extra[0]);
        return usage_error(first.starts_with("-") ? "unknown option '" + first + "' (options go after the command)"
                                                  : "unknown command '" + first + "' (commands: " + command_names() + ", help)");
    }
    for (const Command* c : kCommands) {
        const CLI::App& sub = *app.get_subcommand(c->name);
        if (!sub.parsed()) continue;
        if (sub.remaining_size() > 0) return not_taken(app, sub, given(sub.remaining()[0]));
        return c->run(sub);
    }
    return no_command(app);
}

}  // namespace

std::string given(const std::string& value) {
    const char* end = value.data() + value.size();
    std::size_t i = 0;
    if (value.starts_with(kStandIn) && std::from_chars(value.data() + kStandIn.size(), end, i).ptr == end && i < g_args.size())
        return g_args[i];
    return value;
}

std::vector<std::string> given(const CLI::Option& option) {
    std::vector<std::string> values;
    for (const std::string& v : option.results()) values.push_back(given(v));
    return values;
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
#ifdef _WIN32
        (void)argc, (void)argv;  // the ANSI code page's: the UTF-16 command line instead
        profshim_cli::windows_console_output();
        const int rc = profshim_cli::run(profshim_cli::windows_arguments());
#else
        const int rc = profshim_cli::run(std::vector<std::string>(argv + 1, argv + argc));
#endif
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
