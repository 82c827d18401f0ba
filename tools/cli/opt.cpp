#include "cli.hpp"

#include <iostream>

namespace profshim_cli {

namespace {

const Option kHelpOption{"help", 'h', nullptr, false, "this help"};

// "-f, --file FILE" or "--json" or "INFO": how an option is written in --help.
std::string spelling(const Option& o) {
    if (o.name == nullptr) return o.value;
    std::string s = o.alias != 0 ? std::string{'-', o.alias, ',', ' '} : "";
    s += std::string("--") + o.name;
    if (o.value != nullptr) s += std::string(" ") + o.value;
    return s;
}

}  // namespace

bool parse_options(const Command& cmd, std::span<const std::string_view> args,
                   std::vector<Given>& given, bool& help, std::string& unknown, std::string& error) {
    const Option* operand = nullptr;
    for (const Option& o : cmd.options)
        if (o.name == nullptr) operand = &o;
    bool options_end = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (options_end || a.size() < 2 || a[0] != '-') {
            if (operand == nullptr) {
                error = std::string(cmd.name) + " takes no operands ('" + std::string(a) + "')";
                return false;
            }
            given.push_back({operand, a});
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
        const std::string_view key = is_long ? a.substr(2, eq - 2) : a.substr(1, 1);
        const Option* match = nullptr;
        for (const Option& o : cmd.options)
            if (o.name != nullptr && (is_long ? key == o.name : o.alias == key[0])) match = &o;
        if (match == nullptr) {
            unknown = is_long ? a.substr(0, eq) : a.substr(0, 2);
            return false;
        }
        std::string_view value;
        const bool inline_value = is_long ? eq != std::string_view::npos : a.size() > 2;
        if (match->value == nullptr) {
            if (inline_value) {
                error = "--" + std::string(match->name) + " takes no value";
                return false;
            }
        } else if (inline_value) {
            value = is_long ? a.substr(eq + 1) : a.substr(2);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        }
        if (match->value != nullptr && value.empty()) {
            error = spelling(*match) + ": the " + match->value + " is missing";
            return false;
        }
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
        if (o.name == nullptr) {
            s += std::string(" [--] [") + o.value + "]";
        } else {
            s += o.alias != 0 ? std::string(" [-") + o.alias : std::string(" [--") + o.name;
            if (o.value != nullptr) s += std::string(" ") + o.value;
            s += "]";
        }
        if (o.repeat) s += "...";
    }
    return s;
}

std::string help_text(const Command& cmd) {
    std::string s = "usage: " + usage_line(cmd) + "\n\n" + cmd.summary + "\n\n";
    auto item = [&s](const Option& o) {
        const std::string left = "  " + spelling(o);
        s += left + std::string(left.size() < 22 ? 22 - left.size() : 1, ' ');
        for (const char c : std::string_view(o.help)) s += c == '\n' ? std::string("\n") + std::string(22, ' ') : std::string(1, c);
        s += "\n";
    };
    for (const Option& o : cmd.options) item(o);
    item(kHelpOption);
    if (cmd.details != nullptr && *cmd.details != '\0') s += std::string("\n") + cmd.details;
    return s;
}

int usage_error(std::string_view message) {
    std::cout.flush();
    std::cerr << "profshim: " << message << "\nTry 'profshim help'.\n";
    return kExitUsage;
}

}  // namespace profshim_cli
