// The streaming driver of check, rewrite and name: one line in memory at a time, so memory
// stays the same whatever the input's size; the table's columns are fixed before it starts.

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli.hpp"

#ifdef _WIN32
#  include <fcntl.h>
#  include <io.h>
#endif

namespace profshim_cli {

namespace {

constexpr std::size_t kShownMax = 160;  // a longer ProfileInfo is cut short in the table

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
    void write(const std::string& source, const std::string& label, const std::string& info, int line) {
        const Answer a = cmd_.answer(info);
        ++count_;
        ok_ += a.status == PSH_OK ? 1 : 0;
        // Each failure's words once, for the legend under the table; at most 64 of them.
        if (a.status != PSH_OK && legend_.size() < 64 && std::ranges::find(legend_, a.message) == legend_.end())
            legend_.push_back(a.message);
        if (json_) {
            std::cout << "{\"source\":" << json_string(source) << ",\"label\":"
                      << (label.empty() ? "null" : json_string(label)) << ",\"input\":" << json_string(info)
                      << ",\"input_escaped\":" << json_string(encode_c_escapes(info, false)) << ",\"status\":" << a.status
                      << ",\"status_hex\":\"" << status_hex(a.status) << "\",\"status_name\":\"" << status_name(a.status)
                      << "\",\"ok\":" << (a.status == PSH_OK ? "true" : "false")
                      << ",\"message\":" << json_string(a.message) << a.json << "}\n";
            return;
        }
        std::vector<std::string> cells{std::to_string(count_)};
        if (files_) cells.insert(cells.end(), {line > 0 ? std::to_string(line) : "", label});
        cells.push_back(status_name(a.status));
        cells.insert(cells.end(), a.cells.begin(), a.cells.end());
        // PROFILEINFO: quoted in C escapes, cut short after kShownMax characters.
        std::vector<std::size_t> at;
        std::string shown = encode_c_escapes(info, true, &at);
        if (shown.size() > kShownMax) {
            std::size_t keep = 0;
            while (keep < info.size() && at[keep + 1] <= kShownMax) ++keep;
            shown = shown.substr(0, at[keep]) + "...\" (" + std::to_string(info.size()) + " units)";
            at.resize(keep);
        }
        cells.push_back(shown);
        const std::string text = row(cells);
        std::cout << text << "\n";
        if (a.caret >= 0 && static_cast<std::size_t>(a.caret) < at.size())  // under its unit in PROFILEINFO, the last cell
            std::cout << std::string(text.size() - shown.size() + at[static_cast<std::size_t>(a.caret)], ' ') << "^\n";
    }

    int finish() const {
        if (!json_) {
            std::cout << (legend_.empty() ? "" : "\n");
            for (const std::string& text : legend_) std::cout << text << "\n";
            std::cout << "\n" << count_ << (count_ == 1 ? " ProfileInfo " : " ProfileInfos ") << cmd_.summary(count_, ok_) << "\n";
        }
        return ok_ == count_ ? kExitOk : kExitNotOk;
    }

private:
    // The cells, each padded to its column's width (PROFILEINFO's is 0: never padded).
    std::string row(const std::vector<std::string>& cells) const {
        std::string text;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::string pad(std::max(columns_[c].width, cells[c].size()) - cells[c].size(), ' ');
            text += (c > 0 ? "  " : "") + (columns_[c].right ? pad + cells[c] : cells[c] + pad);
        }
        return text;
    }

    const LineCommand& cmd_;
    bool json_, files_;
    std::vector<Column> columns_;
    std::size_t count_ = 0, ok_ = 0;
    std::vector<std::string> legend_;
};

}  // namespace

std::string open_to_read(const std::filesystem::path& path, std::ifstream& file) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return std::strerror(EISDIR);
    file.open(path, std::ios::binary);
    return file.is_open() ? "" : std::strerror(errno);
}

int run_lines(const std::vector<Given>& given, const LineCommand& cmd) {
    // INFO arguments are decoded, and files opened, before anything is written, so that a
    // bad one is only an error.
    std::vector<std::string> infos;
    bool files = false;
    // Each file is opened here to report a bad one before any output, and again when its
    // turn comes (not held open meanwhile: xargs may pass more files than a process may
    // have open); both opens say why they failed.
    const auto open = [](const std::string& path, std::ifstream& file) {
        const std::string why = open_to_read(path, file);
        return why.empty() ? why : "cannot read '" + path + "': " + why;
    };
    for (const Given& g : given) {
        if (g.option->alias == 'f' && g.value != "-") {
            std::ifstream probe;
            if (const std::string error = open(g.value, probe); !error.empty()) return file_error(error);
        }
        files = files || g.option->alias == 'f';
        if (g.option->name != nullptr) continue;
        if (g.value == "-") return usage_error("'-' alone is not a ProfileInfo; to read standard input, use -f -");
        EscapeError e;
        if (!decode_c_escapes(g.value, infos.emplace_back(), e))
            return usage_error("argument " + std::to_string(infos.size()) + ": bad escape at column " +
                               std::to_string(e.column + 1) + ": " + e.message + "\n    " + g.value +
                               "\n    " + std::string(e.column, ' ') + "^");
    }
    if (infos.empty() && !files)
        return usage_error(std::string("no ProfileInfo to ") + cmd.verb + ": give INFO arguments or -f FILE");
#ifdef _WIN32
    _setmode(_fileno(stdin), _O_BINARY);
#endif
    Writer out(cmd, has_switch(given, "json"), files);
    std::size_t argument = 0;
    for (const Given& g : given) {
        if (g.option->name == nullptr) {
            out.write("argument " + std::to_string(argument + 1), "", infos[argument], 0);
            ++argument;
        } else if (g.option->alias == 'f') {  // a line at a time, each answered before the next is read
            std::ifstream file;
            if (g.value != "-") {
                if (const std::string error = open(g.value, file); !error.empty()) return file_error(error);
            }
            const std::string name = g.value == "-" ? "<stdin>" : g.value;
            const std::string error = read_samples(g.value == "-" ? std::cin : file, [&](const Sample& s) {
                out.write(name + ":" + std::to_string(s.line), s.label, s.info, s.line);
            });
            if (!error.empty()) return file_error(name + ":" + error);
        }
    }
    return out.finish();
}

}  // namespace profshim_cli
