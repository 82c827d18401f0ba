// The streaming driver of check, rewrite and name: one line in memory at a time, so memory
// stays the same whatever the input's size; the table's columns are fixed before it starts.

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli.hpp"
#include "samples.hpp"

#ifdef _WIN32
#  include <fcntl.h>
#  include <io.h>
#endif

namespace profshim_cli {

std::string json_string(std::string_view units) {
    std::string s = "\"";
    for (const char c : units) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') s += {'\\', c};
        else if (c == '\n') s += "\\n";
        else if (c == '\r') s += "\\r";
        else if (c == '\t') s += "\\t";
        else if (u < 0x20 || u >= 0x7F) s += {'\\', 'u', '0', '0', kHexDigits[u >> 4], kHexDigits[u & 0xF]};
        else s += c;
    }
    return s + '"';
}

namespace {

constexpr std::size_t kShownMax = 160;  // a longer ProfileInfo is cut short in the table

class Writer {
public:
    Writer(const std::vector<Given>& given, const LineCommand& cmd) : cmd_(cmd), json_(has_switch(given, "json")) {
        for (const Given& g : given) files_ = files_ || g.option->alias == 'f';
        columns_ = {{"#", 5, true}};
        if (files_) columns_.insert(columns_.end(), {{"LINE", 6, true}, {"LABEL", 20, false}});
        columns_.insert(columns_.end(), cmd.columns.begin(), cmd.columns.end());
        columns_.push_back({"PROFILEINFO", 0, false});
        if (!json_) {
            std::vector<std::string> headers;
            for (const Column& c : columns_) headers.push_back(c.header);
            std::cout << row(headers, std::string::npos).first << "\n";
        }
    }

    void write(const Entry& e) {
        const Answer a = cmd_.answer(e);
        ++count_;
        ok_ += a.status == PSH_OK ? 1 : 0;
        bool seen = a.status == PSH_OK || legend_.size() == 64;  // each failure's words once
        for (const std::string& text : legend_) seen = seen || text == a.message;
        if (!seen) legend_.push_back(a.message);
        if (json_) {
            std::cout << "{\"source\":" << json_string(e.source) << ",\"label\":"
                      << (e.label.empty() ? "null" : json_string(e.label)) << ",\"input\":" << json_string(e.info)
                      << ",\"input_escaped\":" << json_string(encode_c_escapes(e.info, false)) << ",\"status\":" << a.status
                      << ",\"status_hex\":\"" << status_hex(a.status) << "\",\"status_name\":\"" << status_name(a.status)
                      << "\",\"ok\":" << (a.status == PSH_OK ? "true" : "false")
                      << ",\"message\":" << json_string(a.message) << a.json << "}\n";
            return;
        }
        std::vector<std::string> cells{std::to_string(count_)};
        if (files_) cells.insert(cells.end(), {e.line > 0 ? std::to_string(e.line) : "", e.label});
        cells.insert(cells.end(), a.cells.begin(), a.cells.end());
        // PROFILEINFO: quoted in C escapes, cut short after kShownMax characters.
        std::vector<std::size_t> at;
        std::string shown = encode_c_escapes(e.info, true, &at);
        if (shown.size() > kShownMax) {
            std::size_t keep = 0;
            while (keep < e.info.size() && at[keep + 1] <= kShownMax) ++keep;
            shown = shown.substr(0, at[keep]) + "...\" (" + std::to_string(e.info.size()) + " units)";
            at.resize(keep);
        }
        cells.push_back(shown);
        const bool caret = a.caret >= 0 && static_cast<std::size_t>(a.caret) < at.size();
        const auto [line, start] = row(cells, caret ? cells.size() - 1 : std::string::npos);
        std::cout << line << "\n";
        if (start != std::string::npos) std::cout << std::string(start + at[static_cast<std::size_t>(a.caret)], ' ') << "^\n";
    }

    int finish() const {
        if (!json_) {
            std::cout << (legend_.empty() ? "" : "\n");
            for (const std::string& text : legend_) std::cout << text << "\n";
            std::cout << "\n" << cmd_.summary(count_) << "\n";
        }
        return ok_ == count_ ? kExitOk : kExitNotOk;
    }

private:
    // The cells padded to their columns; and where the cell `mark` starts (or npos).
    std::pair<std::string, std::size_t> row(const std::vector<std::string>& cells, std::size_t mark) const {
        std::string line;
        std::size_t start = std::string::npos;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::string pad(cells[c].size() < columns_[c].width ? columns_[c].width - cells[c].size() : 0, ' ');
            line += (c > 0 ? "  " : "") + (columns_[c].right ? pad : "");
            if (c == mark) start = line.size();
            line += cells[c] + (columns_[c].right || c + 1 == cells.size() ? "" : pad);
        }
        return {line.substr(0, line.find_last_not_of(' ') + 1), start};
    }

    const LineCommand& cmd_;
    bool json_, files_ = false;
    std::vector<Column> columns_;
    std::size_t count_ = 0, ok_ = 0;
    std::vector<std::string> legend_;  // each failure's message once, at most 64
};

// Reads `path` ('-': standard input) a line at a time and writes each answer.
bool write_file(std::string_view path, Writer& out, std::string& error) {
    std::ifstream file;
    if (path != "-") file.open(std::string(path), std::ios::binary);
    const std::string name = path == "-" ? "<stdin>" : std::string(path);
    SampleReader reader(path == "-" ? std::cin : file);
    for (Sample s; reader.next(s);) out.write({name + ":" + std::to_string(s.line), s.label, s.info, s.line});
    if (reader.failed()) error = name + ":" + reader.error();
    return !reader.failed();
}

}  // namespace

int run_lines(const std::vector<Given>& given, const LineCommand& cmd) {
    // INFO arguments are decoded, and files opened, before anything is written, so that a
    // bad one is only an error.
    std::vector<std::string> infos;
    bool any_file = false;
    for (const Given& g : given) {
        if (g.option->alias == 'f' && g.value != "-" && !std::ifstream(std::string(g.value)))
            return usage_error("cannot read '" + std::string(g.value) + "': " + std::strerror(errno));
        any_file = any_file || g.option->alias == 'f';
        if (g.option->name != nullptr) continue;
        if (g.value == "-") return usage_error("'-' alone is not a ProfileInfo; to read standard input, use -f -");
        EscapeError e;
        if (!decode_c_escapes(g.value, infos.emplace_back(), e))
            return usage_error("argument " + std::to_string(infos.size()) + ": bad escape at column " +
                               std::to_string(e.column + 1) + ": " + e.message + "\n    " + std::string(g.value) +
                               "\n    " + std::string(e.column, ' ') + "^");
    }
    if (infos.empty() && !any_file)
        return usage_error(std::string("no ProfileInfo to ") + cmd.verb + ": give INFO arguments or -f FILE");
#ifdef _WIN32
    _setmode(_fileno(stdin), _O_BINARY);
#endif
    Writer out(given, cmd);
    std::size_t argument = 0;
    for (const Given& g : given) {
        std::string error;
        if (g.option->name == nullptr) {
            out.write({"argument " + std::to_string(argument + 1), "", infos[argument], 0});
            ++argument;
        } else if (g.option->alias == 'f' && !write_file(g.value, out, error)) {
            return usage_error(error);
        }
    }
    return out.finish();
}

}  // namespace profshim_cli
