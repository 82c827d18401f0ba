// profshim: check, rewrite and name CDO ProfileInfo strings from the command line.
// A client of the profshim library: it uses nothing but the public header.

#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api.hpp"
#include "cescape.hpp"
#include "cli.hpp"
#include "inputs.hpp"
#include "term.hpp"

#ifndef PROFSHIM_SAMPLES_DEFAULT
#  define PROFSHIM_SAMPLES_DEFAULT "examples/profileinfo-samples.txt"
#endif

namespace profshim_cli {

namespace {

constexpr const char* kUsage =
    "usage: profshim check   [--json] [-f FILE]... [--] [INFO]...\n"
    "       profshim rewrite [--json] [--keep-dn] [-f FILE]... [--] [INFO]...\n"
    "       profshim name    [--json] [-f FILE]... [--] [INFO]...\n"
    "       profshim demo    [--strict] [FILE]\n"
    "       profshim help [COMMAND] | --help | --version\n";

constexpr const char* kHelp =
    "profshim - check and fix the ProfileInfo strings given to CDO 1.21 Session.Logon\n"
    "(Microsoft KB Q271913: a DN mailbox makes the logon fail with MAPI_E_NOT_FOUND).\n"
    "\n"
    "Commands:\n"
    "  check     is each ProfileInfo safe to give to CDO as it is? (psh_check)\n"
    "  rewrite   the safe form of each ProfileInfo (psh_rewrite); --keep-dn keeps a DN\n"
    "            mailbox instead of replacing it by its directory name\n"
    "  name      a safe, stable, unique MAPI profile name for each (psh_profile_name)\n"
    "  demo      walk through the shipped samples (or FILE): verdict, rewrite, name, and\n"
    "            whether MAPI's temporary <mailbox>.mmp file could be created\n"
    "\n"
    "Input:\n"
    "  INFO      a ProfileInfo in C escapes: \\n \\r \\t \\\\ \\\" \\xHH \\ooo, e.g.\n"
    "            'EXCH01\\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe'. Put INFO that starts\n"
    "            with '-' after --.\n"
    "  -f FILE   one ProfileInfo a line in the same escapes ('-' is standard input).\n"
    "            Blank lines and lines starting with '#' are skipped; a line may be\n"
    "            LABEL<TAB>INFO (more TABs may align it; a third TAB field is ignored).\n"
    "\n"
    "Output:\n"
    "  a table by default; --json writes one JSON object a line. In JSON, \"input\" holds\n"
    "  one code point per unit (a byte 0x80-0xFF is U+0080-U+00FF), so offsets index it.\n"
    "\n"
    "Exit status: 0 when every input is OK, 1 when any is not, 2 on a usage error\n"
    "(unknown command or option, a bad escape, an unreadable file).\n";

enum class Command { check, rewrite, name };

struct Options {
    Command command = Command::check;
    bool json = false;
    bool keep_dn = false;
    std::vector<Entry> entries;
};

std::string json_field(const char* key, const std::string& json_value) {
    return std::string("\"") + key + "\":" + json_value;
}

std::string json_int(int64_t v) { return std::to_string(v); }
std::string json_bool(bool v) { return v ? "true" : "false"; }
std::string json_opt_string(const std::string& s, bool present) {
    return present ? json_string(s) : "null";
}

// Fields every JSON line starts with.
std::string json_head(const Entry& e, int32_t status) {
    std::string s = "{";
    s += json_field("source", json_string(e.source)) + ",";
    s += json_field("label", json_opt_string(e.label, !e.label.empty())) + ",";
    s += json_field("input", json_string(e.info)) + ",";
    s += json_field("input_escaped", json_string(escaped(e.info, false))) + ",";
    s += json_field("status", json_int(status)) + ",";
    s += json_field("status_hex", json_string(status_hex(status))) + ",";
    s += json_field("status_name", json_string(status_label(status))) + ",";
    s += json_field("ok", json_bool(status == PSH_OK)) + ",";
    s += json_field("message", json_string(describe(status)));
    return s;
}

// The columns that say where an input came from: "#", then LINE and LABEL when any has one.
struct Lead {
    bool lines = false;
    bool labels = false;
};

Lead lead_of(const std::vector<Entry>& entries) {
    Lead l;
    for (const auto& e : entries) {
        l.lines = l.lines || e.line > 0;
        l.labels = l.labels || !e.label.empty();
    }
    return l;
}

std::vector<Table::Column> lead_columns(const Lead& l) {
    std::vector<Table::Column> c{{"#", Table::Align::right}};
    if (l.lines) c.push_back({"LINE", Table::Align::right});
    if (l.labels) c.push_back({"LABEL", Table::Align::left});
    return c;
}

std::vector<std::string> lead_cells(const Lead& l, const Entry& e, std::size_t index) {
    std::vector<std::string> c{std::to_string(index + 1)};
    if (l.lines) c.push_back(e.line > 0 ? std::to_string(e.line) : "");
    if (l.labels) c.push_back(e.label);
    return c;
}

// Each failing status once, with psh_describe's words, wrapped.
std::string legend(const std::vector<int32_t>& statuses, const Style& style) {
    std::set<uint32_t> seen;
    std::string out;
    const std::size_t width = output_width();
    for (const int32_t st : statuses) {
        if (st == PSH_OK || !seen.insert(static_cast<uint32_t>(st)).second) continue;
        const std::vector<std::string> lines = word_wrap(describe(st), width > 4 ? width - 4 : width);
        for (std::size_t i = 0; i < lines.size(); ++i)
            out += (i == 0 ? std::string() : std::string("    ")) + style.dim(lines[i]) + "\n";
    }
    return out.empty() ? out : "\n" + out;
}

int run_check(const Options& o) {
    const Style style = Style::for_stdout();
    const Lead lead = lead_of(o.entries);
    auto cols = lead_columns(lead);
    cols.insert(cols.end(), {{"STATUS", Table::Align::left},
                             {"AT", Table::Align::right},
                             {"FORM", Table::Align::left},
                             {"REWRITABLE", Table::Align::left},
                             {"PROFILEINFO", Table::Align::left}});
    Table table(cols);
    std::vector<int32_t> statuses;
    int ok = 0, rewritable = 0;
    for (std::size_t i = 0; i < o.entries.size(); ++i) {
        const Entry& e = o.entries[i];
        const Check c = check(e.info);
        statuses.push_back(c.status);
        const psh_report& r = c.report;
        if (c.status == PSH_OK) ++ok;
        else if (r.rewritable != 0) ++rewritable;
        if (o.json) {
            std::string s = json_head(e, c.status) + ",";
            s += json_field("form", json_string(form_name(r.form))) + ",";
            s += json_field("server_offset", json_int(r.server_offset)) + ",";
            s += json_field("server_length", json_int(r.server_length)) + ",";
            s += json_field("mailbox_offset", json_int(r.mailbox_offset)) + ",";
            s += json_field("mailbox_length", json_int(r.mailbox_length)) + ",";
            s += json_field("error_offset", json_int(r.error_offset)) + ",";
            s += json_field("rewritable", json_bool(r.rewritable != 0)) + "}";
            std::cout << s << "\n";
            continue;
        }
        const Shown shown = show_quoted_clipped(e.info);
        Table::Row row;
        row.cells = lead_cells(lead, e, i);
        row.status_column = static_cast<int>(row.cells.size());
        row.bad = c.status != PSH_OK;
        row.cells.push_back(status_label(c.status));
        row.cells.push_back(r.error_offset >= 0 ? std::to_string(r.error_offset) : "-");
        row.cells.push_back(r.form != PSH_FORM_UNKNOWN ? form_name(r.form) : "-");
        row.cells.push_back(c.status == PSH_OK ? "-" : r.rewritable != 0 ? "yes" : "no");
        row.cells.push_back(shown.text);
        if (r.error_offset >= 0 && static_cast<std::size_t>(r.error_offset) < shown.column.size() &&
            shown.column[static_cast<std::size_t>(r.error_offset)] != kNoColumn) {
            row.caret_column = static_cast<int>(row.cells.size()) - 1;
            row.caret_at = shown.column[static_cast<std::size_t>(r.error_offset)];
        }
        table.add(std::move(row));
    }
    if (!o.json) {
        const int n = static_cast<int>(o.entries.size());
        std::cout << table.render(style) << legend(statuses, style) << "\n"
                  << n << (n == 1 ? " ProfileInfo" : " ProfileInfos") << " checked: " << ok
                  << " OK, " << (n - ok) << " not OK";
        if (n - ok > 0) std::cout << " (" << rewritable << " of them can be fixed by 'profshim rewrite')";
        std::cout << ".\n";
    }
    return ok == static_cast<int>(o.entries.size()) ? kExitOk : kExitNotOk;
}

int run_text(const Options& o) {
    const bool is_rewrite = o.command == Command::rewrite;
    const uint32_t flags = o.keep_dn ? PSH_REWRITE_KEEP_DN : 0u;
    const Style style = Style::for_stdout();
    const Lead lead = lead_of(o.entries);
    auto cols = lead_columns(lead);
    cols.insert(cols.end(), {{"STATUS", Table::Align::left},
                             {is_rewrite ? "REWRITTEN" : "PROFILE NAME", Table::Align::left},
                             {"PROFILEINFO", Table::Align::left}});
    Table table(cols);
    std::vector<int32_t> statuses;
    int ok = 0, changed = 0;
    for (std::size_t i = 0; i < o.entries.size(); ++i) {
        const Entry& e = o.entries[i];
        const Text t = is_rewrite ? rewrite(e.info, flags) : profile_name(e.info);
        statuses.push_back(t.status);
        if (t.status == PSH_OK) {
            ++ok;
            if (t.text != e.info) ++changed;
        }
        if (o.json) {
            std::string s = json_head(e, t.status) + ",";
            if (is_rewrite) {
                s += json_field("keep_dn", json_bool(o.keep_dn)) + ",";
                s += json_field("output", json_opt_string(t.text, t.status == PSH_OK)) + ",";
                s += json_field("changed", t.status == PSH_OK ? json_bool(t.text != e.info) : "null") + "}";
            } else {
                s += json_field("name", json_opt_string(t.text, t.status == PSH_OK)) + "}";
            }
            std::cout << s << "\n";
            continue;
        }
        Table::Row row;
        row.cells = lead_cells(lead, e, i);
        row.status_column = static_cast<int>(row.cells.size());
        row.bad = t.status != PSH_OK;
        row.cells.push_back(status_label(t.status));
        row.cells.push_back(t.status != PSH_OK ? "-" : is_rewrite ? escaped(t.text, true) : t.text);
        row.cells.push_back(show_quoted_clipped(e.info).text);
        table.add(std::move(row));
    }
    if (!o.json) {
        const int n = static_cast<int>(o.entries.size());
        std::cout << table.render(style) << legend(statuses, style) << "\n" << n
                  << (n == 1 ? " ProfileInfo" : " ProfileInfos");
        if (is_rewrite)
            std::cout << " rewritten" << (o.keep_dn ? " (keeping DN mailboxes)" : "") << ": " << ok
                      << " OK (" << changed << " changed), " << (n - ok) << " failed.\n";
        else
            std::cout << " named: " << ok << " OK, " << (n - ok) << " failed.\n";
    }
    return ok == static_cast<int>(o.entries.size()) ? kExitOk : kExitNotOk;
}

bool parse_command(std::string_view word, Command& c) {
    if (word == "check") c = Command::check;
    else if (word == "rewrite") c = Command::rewrite;
    else if (word == "name") c = Command::name;
    else return false;
    return true;
}

int help(std::string_view topic) {
    if (topic.empty()) {
        std::cout << kHelp << "\n" << kUsage;
        return kExitOk;
    }
    if (topic == "check" || topic == "rewrite" || topic == "name" || topic == "demo") {
        std::cout << kUsage << "\n";
        if (topic == "check")
            std::cout << "check: psh_check on each INFO. Table columns: STATUS, AT (the unit at fault,\n"
                         "from 0, with a caret under it), FORM (alias, dn, anonymous), REWRITABLE\n"
                         "(whether 'profshim rewrite' would make it safe).\n";
        else if (topic == "rewrite")
            std::cout << "rewrite: psh_rewrite on each INFO: CRLF to LF, spaces trimmed, a DN mailbox\n"
                         "replaced by its directory name (unless --keep-dn), then checked.\n";
        else if (topic == "name")
            std::cout << "name: psh_profile_name on each INFO: SERVER_MAILBOX_HASH, at most 64\n"
                         "units of A-Z a-z 0-9 _, the same for inputs that differ only in case or\n"
                         "in whitespace.\n";
        else
            std::cout << "demo: for each sample (default " << default_samples_path()
                      << "):\nthe verdict with a caret, the rewrite, the profile name, and whether\n"
                         "<mailbox>.mmp can be created in a new temporary directory, as given and\n"
                         "rewritten. A third TAB field in the file states the expected results;\n"
                         "with --strict, demo exits 1 when any sample differs from them.\n";
        return kExitOk;
    }
    return usage_error("no help for '" + std::string(topic) + "'; commands are check, rewrite, name, demo");
}

int run(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << "profshim: no command given\n" << kUsage;
        return kExitUsage;
    }
    const std::string_view first = args[0];
    if (first == "--version" || first == "-V" || first == "version") {
        if (args.size() > 1) return usage_error("--version takes no arguments");
        const int32_t lib = psh_version();
        std::cout << "profshim " << PSH_VERSION_STRING << " (library " << version_string(lib)
                  << ", header " << PSH_VERSION_STRING << ", contract 1)\n";
        if (lib / 10000 != PSH_VERSION_MAJOR) {
            std::cerr << "profshim: warning: the loaded library is version " << version_string(lib)
                      << ", built against " << PSH_VERSION_STRING << "\n";
            return kExitNotOk;
        }
        return kExitOk;
    }
    if (first == "help" || first == "--help" || first == "-h") {
        if (args.size() > 2) return usage_error("help takes at most one command name");
        return help(args.size() == 2 ? args[1] : std::string_view());
    }
    if (first == "demo") {
        std::string file;
        bool strict = false;
        bool after_dashes = false;
        for (std::size_t i = 1; i < args.size(); ++i) {
            const std::string_view a = args[i];
            if (!after_dashes && (a == "-h" || a == "--help")) return help("demo");
            if (!after_dashes && a == "--strict") {
                strict = true;
                continue;
            }
            if (!after_dashes && a == "--") {
                after_dashes = true;
                continue;
            }
            if (!after_dashes && a.size() > 1 && a[0] == '-')
                return usage_error("unknown option '" + std::string(a) + "' for demo");
            if (!file.empty()) return usage_error("demo takes at most one FILE");
            file = std::string(a);
        }
        return run_demo(file, strict);
    }

    Options o;
    if (!parse_command(first, o.command)) {
        if (first.size() > 1 && first[0] == '-')
            return usage_error("unknown option '" + std::string(first) +
                               "' (options go after the command: check, rewrite, name, demo)");
        return usage_error("unknown command '" + std::string(first) +
                           "' (commands: check, rewrite, name, demo, help)");
    }
    const char* cmd = o.command == Command::check ? "check" : o.command == Command::rewrite ? "rewrite" : "name";
    bool after_dashes = false;
    int info_index = 0;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string_view a = args[i];
        const bool option = !after_dashes && a.size() > 1 && a[0] == '-';
        if (!after_dashes && a == "-")
            return usage_error("'-' alone is not a ProfileInfo; to read standard input, use -f -");
        if (!option) {
            Entry e;
            std::string error;
            if (!entry_from_argument(a, ++info_index, e, error)) return usage_error(error);
            o.entries.push_back(std::move(e));
            continue;
        }
        if (a == "--") {
            after_dashes = true;
        } else if (a == "--json") {
            o.json = true;
        } else if (a == "--keep-dn") {
            if (o.command != Command::rewrite)
                return usage_error(std::string("--keep-dn is an option of rewrite, not of ") + cmd);
            o.keep_dn = true;
        } else if (a == "-h" || a == "--help") {
            return help(cmd);
        } else if (a == "-f" || a == "--file" || a.starts_with("--file=") || a.starts_with("-f")) {
            std::string path;
            if (a == "-f" || a == "--file") {
                if (i + 1 >= args.size()) return usage_error(std::string(a) + " needs a FILE ('-' for standard input)");
                path = std::string(args[++i]);
            } else if (a.starts_with("--file=")) {
                path = std::string(a.substr(7));
            } else {
                path = std::string(a.substr(2));
            }
            if (path.empty()) return usage_error(std::string(a) + " needs a FILE ('-' for standard input)");
            std::string error;
            if (!entries_from_file(path, o.entries, error)) return usage_error(error);
        } else {
            return usage_error("unknown option '" + std::string(a) + "' for " + cmd +
                               " (a ProfileInfo that starts with '-' goes after --)");
        }
    }
    if (o.entries.empty()) return usage_error(std::string("no ProfileInfo to ") + cmd +
                                              ": give INFO arguments or -f FILE");
    return o.command == Command::check ? run_check(o) : run_text(o);
}

}  // namespace

int usage_error(std::string_view message) {
    std::cout.flush();
    std::cerr << "profshim: " << message << "\n"
              << "Try 'profshim help'.\n";
    return kExitUsage;
}

const char* default_samples_path() { return PROFSHIM_SAMPLES_DEFAULT; }

}  // namespace profshim_cli

int main(int argc, char** argv) {
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
