// The commands' option tables at work: parsing, and the help they write.

#include <iostream>
#include <utility>

#include "cli.hpp"

namespace profshim_cli {

const Command* const kCommands[4] = {&kCheckCommand, &kRewriteCommand, &kNameCommand, &kDemoCommand};

namespace {

const Option kHelpOption{"help", 'h', nullptr, false, "this help"};

const Option* operand_of(const Command& cmd) {
    for (const Option& o : cmd.options)
        if (o.name == nullptr) return &o;
    return nullptr;
}

// How --help writes an option: "-f, --file FILE", "--json", "INFO".
std::string spelling(const Option& o) {
    if (o.name == nullptr) return o.value;
    return (o.alias != 0 ? std::string{'-', o.alias, ',', ' '} : "") + "--" + o.name + (o.value != nullptr ? std::string(" ") + o.value : "");
}

bool fail(std::string& error, std::string message) {
    error = std::move(message);
    return false;
}

// "--keep-dn is an option of rewrite, not of check", or else "unknown option".
std::string unknown_option(const Command& cmd, std::string_view option) {
    for (const Command* other : kCommands)
        for (const Option& o : other->options)
            if (o.name != nullptr && (option.substr(2) == o.name || option == std::string{'-', o.alias}))
                return std::string(option) + " is an option of " + other->name + ", not of " + cmd.name;
    const Option* operand = operand_of(cmd);
    return "unknown option '" + std::string(option) + "' for " + cmd.name +
           (operand != nullptr ? std::string(" (an ") + operand->value + " that starts with '-' goes after --)" : "");
}

}  // namespace

const Command* find_command(std::string_view name) {
    for (const Command* c : kCommands)
        if (name == c->name) return c;
    return nullptr;
}

bool parse_options(const Command& cmd, std::span<const std::string_view> args, std::vector<Given>& given, bool& help,
                   std::string& error) {
    bool options_end = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (options_end || a.size() < 2 || a[0] != '-') {
            if (operand_of(cmd) == nullptr) return fail(error, std::string(cmd.name) + " takes no operands");
            given.push_back({operand_of(cmd), a});
            continue;
        }
        if (a == "--") {
            options_end = true;
            continue;
        }
        if (a == "-h" || a == "--help") {
            help = true;
            return true;
        }
        // --name, --name=VALUE, -x, -xVALUE
        const bool is_long = a[1] == '-';
        const std::size_t eq = is_long ? a.find('=') : std::string_view::npos;
        const Option* match = nullptr;
        for (const Option& o : cmd.options)
            if (o.name != nullptr && (is_long ? a.substr(2, eq - 2) == o.name : a[1] == o.alias)) match = &o;
        if (match == nullptr) return fail(error, unknown_option(cmd, is_long ? a.substr(0, eq) : a.substr(0, 2)));
        const bool inline_value = is_long ? eq != std::string_view::npos : a.size() > 2;
        std::string_view value = inline_value ? a.substr(is_long ? eq + 1 : 2) : "";
        if (match->value == nullptr && inline_value) return fail(error, "--" + std::string(match->name) + " takes no value");
        if (match->value != nullptr && !inline_value && i + 1 < args.size()) value = args[++i];
        if (match->value != nullptr && value.empty()) return fail(error, spelling(*match) + ": the " + match->value + " is missing");
        given.push_back({match, value});
    }
    return true;
}

bool has_switch(const std::vector<Given>& given, std::string_view name) {
    for (const Given& g : given)
        if (g.option->name != nullptr && g.option->value == nullptr && name == g.option->name) return true;
    return false;
}

std::string usage_line(const Command& cmd) {
    std::string s = std::string("profshim ") + cmd.name;
    for (const Option& o : cmd.options) {
        if (o.name == nullptr) s += " [--] [" + spelling(o) + "]";
        else s += (o.alias != 0 ? std::string(" [-") + o.alias : std::string(" [--") + o.name) +
                  (o.value != nullptr ? std::string(" ") + o.value : "") + "]";
        s += o.repeat ? "..." : "";
    }
    return s;
}

std::string help_text(const Command& cmd) {
    std::string s = "usage: " + usage_line(cmd) + "\n\n" + cmd.summary + "\n\n";
    auto item = [&s](const Option& o) {
        const std::string left = "  " + spelling(o);
        s += left + std::string(left.size() < 22 ? 22 - left.size() : 1, ' ');
        for (const char c : std::string_view(o.help)) s += c == '\n' ? "\n" + std::string(22, ' ') : std::string(1, c);
        s += "\n";
    };
    for (const Option& o : cmd.options) item(o);
    item(kHelpOption);
    return s + (*cmd.details != '\0' ? "\n" : "") + cmd.details;
}

int usage_error(std::string_view message) {
    std::cout.flush();
    std::cerr << "profshim: " << message << "\nTry 'profshim help'.\n";
    return kExitUsage;
}

}  // namespace profshim_cli
