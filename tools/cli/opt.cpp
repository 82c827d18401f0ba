// The commands' option tables at work: parsing, and the help they write.

#include <cstring>
#include <iostream>

#include "cli.hpp"

namespace profshim_cli {

namespace {

const Command* const kCommands[] = {&kCheckCommand, &kRewriteCommand, &kNameCommand, &kDemoCommand};
const Option kHelpOption{"help", 'h', nullptr, false, "this help"};

// How --help writes an option: "-f, --file FILE", "--json", "INFO".
std::string spelling(const Option& o) {
    if (o.name == nullptr) return o.value;
    return (o.alias != 0 ? std::string{'-', o.alias, ',', ' '} : "") + "--" + o.name + (o.value != nullptr ? std::string(" ") + o.value : "");
}

// "--keep-dn is an option of rewrite, not of check", or else "unknown option".
std::string unknown_option(const Command& cmd, std::string_view option) {
    for (const Command* other : kCommands)
        for (const Option& o : other->options)
            if (option.substr(2) == o.name || option == std::string{'-', o.alias})
                return std::string(option) + " is an option of " + other->name + ", not of " + cmd.name;
    return "unknown option '" + std::string(option) + "' for " + cmd.name + " (an " + cmd.operand.value +
           " that starts with '-' goes after --)";
}

// "profshim check [--json] [-f FILE]... [--] [INFO]..."
std::string usage_line(const Command& cmd) {
    std::string s = std::string("profshim ") + cmd.name;
    for (const Option& o : cmd.options)
        s += (o.alias != 0 ? std::string(" [-") + o.alias : std::string(" [--") + o.name) +
             (o.value != nullptr ? std::string(" ") + o.value : "") + "]" + (o.repeat ? "..." : "");
    return s + " [--] [" + cmd.operand.value + "]" + (cmd.operand.repeat ? "..." : "");
}

// One option in a command's help: its spelling, then its help in a column of its own.
void help_item(const Option& o) {
    const std::string left = "  " + spelling(o);
    std::cout << left << std::string(left.size() < 22 ? 22 - left.size() : 1, ' ');
    for (const char c : std::string_view(o.help)) std::cout << (c == '\n' ? "\n" + std::string(22, ' ') : std::string(1, c));
    std::cout << "\n";
}

}  // namespace

const Command* find_command(std::string_view name) {
    for (const Command* c : kCommands)
        if (name == c->name) return c;
    return nullptr;
}

int run_command(const Command& cmd, std::span<const std::string_view> args) {
    std::vector<Given> given;
    bool options_end = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (options_end || a.size() < 2 || a[0] != '-') {
            given.push_back({&cmd.operand, a});
            continue;
        }
        if (a == "--") {
            options_end = true;
            continue;
        }
        if (a == "-h" || a == "--help") return help(cmd.name);
        // --name, --name=VALUE, -x, -xVALUE
        const bool is_long = a[1] == '-';
        const std::size_t eq = is_long ? a.find('=') : std::string_view::npos;
        const Option* match = nullptr;
        for (const Option& o : cmd.options)
            if (is_long ? a.substr(2, eq - 2) == o.name : a[1] == o.alias) match = &o;
        if (match == nullptr) return usage_error(unknown_option(cmd, is_long ? a.substr(0, eq) : a.substr(0, 2)));
        const bool inline_value = is_long ? eq != std::string_view::npos : a.size() > 2;
        std::string_view value = inline_value ? a.substr(is_long ? eq + 1 : 2) : "";
        if (match->value == nullptr && inline_value) return usage_error("--" + std::string(match->name) + " takes no value");
        if (match->value != nullptr && !inline_value && i + 1 < args.size()) value = args[++i];
        if (match->value != nullptr && value.empty()) return usage_error(spelling(*match) + ": the " + match->value + " is missing");
        given.push_back({match, value});
    }
    return cmd.run(given);
}

bool has_switch(const std::vector<Given>& given, std::string_view name) {
    for (const Given& g : given)
        if (g.option->name != nullptr && name == g.option->name) return true;
    return false;
}

void usage(std::ostream& out) {
    for (const Command* c : kCommands) out << (c == kCommands[0] ? "usage: " : "       ") << usage_line(*c) << "\n";
    out << "       profshim help [COMMAND] | --help | --version\n";
}

int help(std::string_view topic) {
    if (const Command* cmd = find_command(topic)) {
        std::cout << "usage: " << usage_line(*cmd) << "\n\n" << cmd->summary << "\n\n";
        for (const Option& o : cmd->options) help_item(o);
        help_item(cmd->operand);
        help_item(kHelpOption);
        std::cout << (*cmd->details != '\0' ? "\n" : "") << cmd->details;
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
