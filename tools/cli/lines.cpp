#include "lines.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>

#include "cescape.hpp"
#include "samples.hpp"

#ifdef _WIN32
#  include <fcntl.h>
#  include <io.h>
#endif

namespace profshim_cli {

namespace {

constexpr std::size_t kShownMax = 160;  // a longer ProfileInfo is cut short in the table

// The table's PROFILEINFO cell: the input quoted in C escapes, cut short after kShownMax
// characters; `column[i]` is unit i's place in it, or npos past the cut.
std::string shown(std::string_view info, std::vector<std::size_t>& column) {
    std::string s = encode_c_escapes(info, true, &column);
    if (s.size() <= kShownMax) return s;
    std::size_t keep = 0;  // the units that fit
    while (keep < info.size() && column[keep + 1] <= kShownMax) ++keep;
    s = s.substr(0, column[keep]) + "...\" (" + std::to_string(info.size()) + " units)";
    for (std::size_t i = keep; i < column.size(); ++i) column[i] = std::string::npos;
    return s;
}

class Writer {
public:
    Writer(const std::vector<Given>& given, LineCommand& cmd) : cmd_(cmd), json_(has_switch(given, "json")) {
        for (const Given& g : given) files_ = files_ || g.option->alias == 'f';
        std::vector<Table::Column> columns{{"#", 5, true}};
        if (files_) columns.insert(columns.end(), {{"LINE", 6, true}, {"LABEL", 20, false}});
        lead_ = columns.size();
        for (const Table::Column& c : cmd.columns()) columns.push_back(c);
        columns.push_back({"PROFILEINFO", 0, false});
        table_.emplace(std::move(columns), Style::for_stdout());
    }

    void start() const {
        if (!json_) table_->header();
    }

    void write(const Entry& e) {
        const Answer a = cmd_.answer(e);
        ++count_;
        ok_ += a.status == PSH_OK ? 1 : 0;
        if (a.status != PSH_OK && legend_.size() < 64) {
            bool seen = false;
            for (const auto& [status, text] : legend_) seen = seen || status == a.status;
            if (!seen) legend_.emplace_back(a.status, a.message);
        }
        if (json_) {
            std::cout << "{\"source\":" << json_string(e.source)
                      << ",\"label\":" << (e.label.empty() ? "null" : json_string(e.label))
                      << ",\"input\":" << json_string(e.info)
                      << ",\"input_escaped\":" << json_string(encode_c_escapes(e.info, false))
                      << ",\"status\":" << a.status << ",\"status_hex\":\"" << status_hex(a.status)
                      << "\",\"status_name\":\"" << status_name(a.status) << "\",\"ok\":"
                      << (a.status == PSH_OK ? "true" : "false") << ",\"message\":" << json_string(a.message)
                      << a.json << "}\n";
            return;
        }
        std::vector<std::string> cells{std::to_string(count_)};
        if (files_) cells.insert(cells.end(), {e.line > 0 ? std::to_string(e.line) : "", e.label});
        cells.insert(cells.end(), a.cells.begin(), a.cells.end());
        std::vector<std::size_t> column;
        cells.push_back(shown(e.info, column));
        const bool caret = a.caret >= 0 && static_cast<std::size_t>(a.caret) < column.size() &&
                           column[static_cast<std::size_t>(a.caret)] != std::string::npos;
        table_->row(cells, lead_, a.status != PSH_OK, caret ? static_cast<int>(cells.size()) - 1 : -1,
                    caret ? column[static_cast<std::size_t>(a.caret)] : 0);
    }

    int finish() const {
        if (!json_) {
            const Style style = Style::for_stdout();
            if (!legend_.empty()) std::cout << "\n";
            const std::size_t width = output_width();
            for (const auto& [status, text] : legend_) {
                const std::vector<std::string> lines = word_wrap(text, width - 4);
                for (std::size_t i = 0; i < lines.size(); ++i) std::cout << (i > 0 ? "    " : "") << style.dim(lines[i]) << "\n";
            }
            std::cout << "\n" << cmd_.summary(count_) << "\n";
        }
        return ok_ == count_ ? kExitOk : kExitNotOk;
    }

private:
    LineCommand& cmd_;
    bool json_;
    bool files_ = false;
    std::size_t lead_ = 0;  // the first of the command's own columns: STATUS
    std::optional<Table> table_;
    std::size_t count_ = 0, ok_ = 0;
    std::vector<std::pair<int32_t, std::string>> legend_;  // each failing status once, at most 64
};

// Reads `path` ('-': standard input) a line at a time and writes each answer.
bool write_file(std::string_view path, Writer& out, std::string& error) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
        file.open(std::string(path), std::ios::binary);
        if (!file) {
            error = "cannot read '" + std::string(path) + "': " + std::strerror(errno);
            return false;
        }
        in = &file;
    }
    const std::string name = path == "-" ? "<stdin>" : std::string(path);
    SampleReader reader(*in);
    Sample s;
    while (reader.next(s)) out.write({name + ":" + std::to_string(s.line), s.label, s.info, s.line});
    if (reader.failed()) error = name + ":" + reader.error();
    return !reader.failed();
}

}  // namespace

int run_lines(const std::vector<Given>& given, LineCommand& cmd) {
    // Every INFO argument is decoded before anything is written, so a bad one is only an error.
    std::vector<std::string> infos;
    bool any_file = false;
    for (const Given& g : given) {
        any_file = any_file || g.option->alias == 'f';
        if (g.option->name != nullptr) continue;
        if (g.value == "-") return usage_error("'-' alone is not a ProfileInfo; to read standard input, use -f -");
        const std::string source = "argument " + std::to_string(infos.size() + 1);
        EscapeError e;
        infos.emplace_back();
        if (!decode_c_escapes(g.value, infos.back(), e))
            return usage_error(source + ": bad escape at column " + std::to_string(e.column + 1) + ": " + e.message +
                               "\n    " + std::string(g.value) + "\n    " + std::string(e.column, ' ') + "^");
    }
    if (infos.empty() && !any_file)
        return usage_error(std::string("no ProfileInfo to ") + cmd.verb() + ": give INFO arguments or -f FILE");
    for (const Given& g : given)  // and every FILE opened once, so a missing one is only an error
        if (g.option->alias == 'f' && g.value != "-" && !std::ifstream(std::string(g.value)))
            return usage_error("cannot read '" + std::string(g.value) + "': " + std::strerror(errno));
#ifdef _WIN32
    _setmode(_fileno(stdin), _O_BINARY);
#endif
    Writer out(given, cmd);
    out.start();
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
