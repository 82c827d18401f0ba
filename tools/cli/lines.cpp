// The streaming driver of check, rewrite and name (and of any command that answers
// ProfileInfos a line at a time): one line in memory at a time, so memory stays the same
// whatever the input's size; the table's columns are fixed before it starts. Reading is
// read_lines (samples.hpp), writing the Writer below.

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli.hpp"

#ifdef _WIN32
#  include <fcntl.h>
#  include <io.h>
#endif

namespace profshim_cli {

namespace {

constexpr std::size_t kShownMax = 160;  // a longer ProfileInfo is cut short in the table

// The help's example is quoted as the system's shell quotes it: cmd.exe keeps single quotes
// as part of the argument.
#ifdef _WIN32
#  define PSH_CLI_QUOTE "\""
#else
#  define PSH_CLI_QUOTE "'"
#endif
constexpr const char* kInfoHelp =
    "a ProfileInfo in C escapes (\\n \\r \\t \\\\ \\\" \\xHH \\ooo), e.g.\n"
    PSH_CLI_QUOTE "EXCH01\\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe" PSH_CLI_QUOTE;
constexpr const char* kFileHelp =
    "one ProfileInfo a line in C escapes ('-': standard input);\n"
    "blank and '#' lines are skipped; a line may be LABEL<TAB>INFO,\n"
    "and a TAB after INFO starts the samples file's EXPECT, not read;\n"
    "a line that cannot be read is a row that says why (exit status 3);\n"
    "UTF-8 (a byte-order mark is skipped) or, after its byte-order\n"
    "mark, UTF-16 LE or BE";

// Writes each answer as a row of the table or a JSON object, as soon as it is given.
class Writer {
public:
    // `files`: some input comes from -f FILE, so the table has LINE and LABEL.
    Writer(const LineCommand& cmd, bool json, bool files) : cmd_(cmd), json_(json), files_(files) {
        columns_ = {{"#", 7, true}};   // 7 digits: aligned through millions of lines
        if (files_) columns_.insert(columns_.end(), {{"LINE", 7, true}, {"LABEL", 20, false}});
        columns_.push_back({"STATUS", 25, false});
        columns_.insert(columns_.end(), cmd.columns.begin(), cmd.columns.end());
        columns_.push_back({"PROFILEINFO", 0, false});
        if (!json_) {
            std::vector<std::string> headers;
            for (const Column& c : columns_) headers.push_back(c.header);
            std::cout << row(headers) << "\n";
        }
    }

    // `source`: "argument 2", "FILE:LINE" or "<stdin>:LINE"; `line` 0 for an argument.
    // `tab`: the line had a TAB, so that `label` came before it.
    void write(const std::string& source, const std::string& label, const std::string& info, int line, bool tab) {
        Answer a = cmd_.answer(info, json_);
        ++count_;
        ok_ += a.status == PSH_OK ? 1 : 0;
        // Each failure's words once, for the legend under the table; at most 64 of them.
        if (a.status != PSH_OK && legend_.size() < 64 && std::ranges::find(legend_, a.message) == legend_.end())
            legend_.push_back(a.message);
        // "EXCH01<TAB>jdoe" pasted from a spreadsheet: say where the server went.
        const std::string note = a.status == PSH_OK || !tab || info.find('\n') != std::string::npos ? ""
            : "this line has a TAB, which ends the label" + (label.empty() ? "" : " (" + label + ")") +
              ", so the ProfileInfo is only what follows it, and it has no \\n between server and mailbox" +
              (label.empty() ? "" : " (for server " + label + ", write " + label + "\\n" + encode_c_escapes(info, false) + ")");
        if (json_) {
            Json j = common(source, label, utf8_or_replacement(info), encode_c_escapes(info, false));
            j["status"] = a.status;
            j["status_code"] = a.status;
            j["status_hex"] = status_hex(a.status);
            j["status_name"] = status_name(a.status);
            j["ok"] = a.status == PSH_OK;
            j["message"] = utf8_or_replacement(a.message);
            for (auto& [key, value] : a.json.items()) j[key] = std::move(value);
            if (!note.empty()) j["note"] = utf8_or_replacement(note);
            std::cout << dump(j) << "\n";
            return;
        }
        std::vector<std::string> cells{a.status_cell.empty() ? status_name(a.status) : a.status_cell};
        cells.insert(cells.end(), a.cells.begin(), a.cells.end());
        // PROFILEINFO: quoted in C escapes, its characters outside ASCII as themselves, cut
        // short after kShownMax bytes.
        std::vector<std::size_t> at;
        std::string shown = encode_c_escapes(info, true, &at, true);
        if (shown.size() > kShownMax) {
            std::size_t keep = 0;
            while (keep < info.size() && at[keep + 1] <= kShownMax) ++keep;
            shown = shown.substr(0, at[keep]) + "...\" (" + std::to_string(info.size()) + " units)";
            at.resize(keep);
        }
        const std::size_t caret = a.caret >= 0 && static_cast<std::size_t>(a.caret) < at.size() ? at[static_cast<std::size_t>(a.caret)] : std::string::npos;
        write_row(label, line, cells, shown, caret, "");
        if (!note.empty()) std::cout << "  note: " << note << "\n";
    }

    // A line of a -f FILE that could not be read: a row that says what and where.
    void write(const std::string& source, const BadLine& b) {
        ++bad_;
        if (json_) {
            Json j = common(source, b.label, nullptr, utf8_or_replacement(b.written));
            j["status"] = nullptr;
            j["status_code"] = nullptr;
            j["status_hex"] = nullptr;
            j["status_name"] = b.kind;
            j["ok"] = false;
            j["message"] = utf8_or_replacement(b.what);
            j["column"] = b.column;
            std::cout << dump(j) << "\n";
            return;
        }
        std::vector<std::string> cells{b.kind};
        cells.resize(1 + cmd_.columns.size(), "-");
        // The line as written (its characters outside ASCII as themselves, any other byte
        // outside printable ASCII as '?'), the caret under the byte at fault.
        std::string shown;
        std::size_t caret = std::string::npos;
        for (std::size_t i = 0; i < b.written.size() && i < kShownMax;) {
            if (i == b.offset) caret = shown.size() + 1;
            const Utf8Char c = utf8_at(b.written, i);
            const bool itself = c.len == 1 ? c.cp >= 0x20 && c.cp <= 0x7E : c.len > 0 && shown_as_itself(c.cp);
            shown += itself ? b.written.substr(i, c.len) : "?";
            i += itself ? c.len : 1;
        }
        if (b.offset == b.written.size() && b.offset < kShownMax) caret = shown.size() + 1;  // at the end
        shown = "\"" + shown + (b.written.size() > kShownMax ? "...\"" : "\"");
        write_row(b.label, b.line, cells, shown, caret, " column " + std::to_string(b.column) + ": " + b.what);
    }

    int finish() const {
        if (!json_) {
            std::cout << (legend_.empty() ? "" : "\n");
            for (const std::string& text : legend_) std::cout << text << "\n";
            std::cout << "\n" << count_ << (count_ == 1 ? " ProfileInfo " : " ProfileInfos ") << cmd_.summary(count_, ok_) << "\n";
            if (bad_ > 0)
                std::cout << bad_ << (bad_ == 1 ? " line" : " lines") << " of -f files could not be read (exit status 3).\n";
        }
        return bad_ > 0 ? kExitBadLines : ok_ == count_ ? kExitOk : kExitNotOk;
    }

private:
    // UTF-8 as it is (not \uXXXX). Every text field is made UTF-8 first (utf8_or_replacement);
    // should a command's field still hold a byte that is not, it is U+FFFD too, not a throw.
    static std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

    // The fields every JSON object starts with.
    static Json common(const std::string& source, const std::string& label, Json input, std::string input_escaped) {
        Json j = Json::object();
        j.get_ref<Json::object_t&>().reserve(24);  // every field without moving the others
        j["source"] = utf8_or_replacement(source);
        j["label"] = label.empty() ? Json(nullptr) : Json(utf8_or_replacement(label));
        j["input"] = std::move(input);
        j["input_escaped"] = std::move(input_escaped);
        return j;
    }

    // #, LINE and LABEL, then `cells`, then PROFILEINFO (`shown`), and under it a caret at
    // byte `caret` of `shown` (npos: none) followed by `after`; each placed by display
    // columns, not bytes.
    void write_row(const std::string& label, int line, const std::vector<std::string>& cells, const std::string& shown,
                   std::size_t caret, const std::string& after) {
        std::vector<std::string> all{std::to_string(++rows_)};
        if (files_) all.insert(all.end(), {line > 0 ? std::to_string(line) : "", label});
        all.insert(all.end(), cells.begin(), cells.end());
        all.push_back(shown);
        const std::string text = row(all);
        std::cout << text << "\n";
        if (caret != std::string::npos)
            std::cout << std::string(display_width(text) - display_width(shown) + display_width(shown.substr(0, caret)), ' ') << "^"
                      << after << "\n";
    }

    // The cells, each padded to its column's width (PROFILEINFO's is 0: never padded), in
    // display columns (utf.hpp's display_width: a CJK character takes 2).
    std::string row(const std::vector<std::string>& cells) const {
        std::string text;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t width = display_width(cells[c]);
            const std::string pad(std::max(columns_[c].width, width) - width, ' ');
            text += (c > 0 ? "  " : "") + (columns_[c].right ? pad + cells[c] : cells[c] + pad);
        }
        return text;
    }

    const LineCommand& cmd_;
    bool json_, files_;
    std::vector<Column> columns_;
    std::size_t count_ = 0, ok_ = 0, bad_ = 0, rows_ = 0;
    std::vector<std::string> legend_;
};

}  // namespace

void add_json_option(CLI::App& command) { command.add_flag("--json")->description("one JSON object a line instead of a table"); }

void add_input_options(CLI::App& command) {
    command.add_option("-f,--file", kFileHelp)->type_name("FILE")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    command.add_option("INFO", kInfoHelp)->type_name("INFO")->expected(1)->allow_extra_args()->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

std::string open_to_read(const std::filesystem::path& path, std::ifstream& file) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return std::strerror(EISDIR);
    file.open(path, std::ios::binary);
    return file.is_open() ? "" : std::strerror(errno);
}

int run_lines(const CLI::App& command, const LineCommand& cmd) {
    // The INFO arguments and -f files in command-line order: CLI11's parse order.
    const CLI::Option& file_option = *command.get_option("--file");
    const CLI::Option& info_option = *command.get_option("INFO");
    const std::vector<std::string> file_values = given(file_option), info_values = given(info_option);
    struct Input {
        bool file;
        std::string value;  // the file's name, or the INFO decoded
    };
    std::vector<Input> inputs;
    std::size_t next_file = 0, next_info = 0;
    for (const CLI::Option* o : command.parse_order()) {
        if (o == &file_option && next_file < file_values.size()) inputs.push_back({true, file_values[next_file++]});
        if (o == &info_option && next_info < info_values.size()) inputs.push_back({false, info_values[next_info++]});
    }
    // INFO arguments are decoded, and files opened, before anything is written, so that a
    // bad one is only an error. Each file is opened here to report a bad one before any
    // output, and again when its turn comes (not held open meanwhile: xargs may pass more
    // files than a process may have open); both opens say why they failed.
    const auto open = [](const std::string& path, std::ifstream& file) {
        const std::string why = open_to_read(path, file);
        return why.empty() ? why : "cannot read '" + path + "': " + why;
    };
    std::size_t argument = 0;
    for (Input& in : inputs) {
        if (in.file) {
            std::ifstream probe;
            if (const std::string error = in.value == "-" ? "" : open(in.value, probe); !error.empty()) return file_error(error);
            continue;
        }
        ++argument;
        if (in.value == "-") return usage_error("'-' alone is not a ProfileInfo; to read standard input, use -f -");
        EscapeError e;
        std::string info;
        if (!decode_c_escapes(in.value, info, e))
            return usage_error("argument " + std::to_string(argument) + ": bad escape at column " +
                               std::to_string(char_count(std::string_view(in.value).substr(0, e.column)) + 1) + ": " + e.message +
                               "\n    " + in.value + "\n    " + std::string(display_width(std::string_view(in.value).substr(0, e.column)), ' ') + "^");
        in.value = std::move(info);
    }
    if (inputs.empty())
        return usage_error(std::string("no ProfileInfo to ") + cmd.verb + ": give INFO arguments or -f FILE");
#ifdef _WIN32
    _setmode(_fileno(stdin), _O_BINARY);
#endif
    Writer out(cmd, command.count("--json") > 0, file_option.count() > 0);
    argument = 0;
    for (const Input& in : inputs) {
        if (!in.file) {
            out.write("argument " + std::to_string(++argument), "", in.value, 0, false);
            continue;
        }
        std::ifstream file;  // a line at a time, each answered before the next is read
        if (in.value != "-") {
            if (const std::string error = open(in.value, file); !error.empty()) return file_error(error);
        }
        const std::string name = in.value == "-" ? "<stdin>" : in.value;
        const auto source = [&name](int line) { return name + ":" + std::to_string(line); };
        const std::string error = read_lines(
            in.value == "-" ? std::cin : file,
            [&](const Sample& s) { out.write(source(s.line), s.label, s.info, s.line, s.tab); },
            [&](const BadLine& b) {
                out.write(source(b.line), b);
                return true;
            });
        if (!error.empty()) return file_error(name + ":" + error);
    }
    return out.finish();
}

}  // namespace profshim_cli
