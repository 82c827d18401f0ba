#include "inputs.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#ifdef _WIN32
#  include <fcntl.h>
#  include <io.h>
#endif

#include "cescape.hpp"

namespace profshim_cli {

namespace {

// "    TEXT\n    ^" with the caret under byte `column` of the escape text `text`, shown
// as written except that a byte outside printable ASCII is shown as \xHH.
std::string caret_block(std::string_view text, std::size_t column) {
    static const char hex[] = "0123456789abcdef";
    std::string shown;
    std::size_t caret = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i == column) caret = shown.size();
        const auto u = static_cast<unsigned char>(text[i]);
        if (u >= 0x20 && u <= 0x7E) {
            shown += text[i];
        } else {
            shown += "\\x";
            shown += hex[u >> 4];
            shown += hex[u & 0xF];
        }
    }
    if (column >= text.size()) caret = shown.size();
    return "    " + shown + "\n    " + std::string(caret, ' ') + "^";
}

bool read_all(const std::string& path, std::string& data, std::string& error) {
    const bool is_stdin = path == "-";
    std::FILE* f = nullptr;
    if (is_stdin) {
#ifdef _WIN32
        _setmode(_fileno(stdin), _O_BINARY);
#endif
        f = stdin;
    } else {
        f = std::fopen(path.c_str(), "rb");
        if (f == nullptr) {
            error = "cannot read '" + path + "': " + std::strerror(errno);
            return false;
        }
    }
    char buf[65536];
    std::size_t n = 0;
    errno = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
    const int read_errno = errno;
    const bool failed = std::ferror(f) != 0;
    if (!is_stdin) std::fclose(f);
    if (failed) {
        error = "cannot read '" + (is_stdin ? std::string("standard input") : path) +
                "': " + (read_errno != 0 ? std::strerror(read_errno) : "read error");
        return false;
    }
    return true;
}

}  // namespace

bool entry_from_argument(std::string_view arg, int index, Entry& out, std::string& error) {
    out = Entry{};
    out.source = "argument " + std::to_string(index);
    out.escaped = std::string(arg);
    DecodeError err;
    if (!decode_c_escapes(arg, out.info, err)) {
        error = out.source + ": bad escape at column " + std::to_string(err.column + 1) + ": " +
                err.message + "\n" + caret_block(arg, err.column);
        return false;
    }
    return true;
}

bool entries_from_file(const std::string& path, std::vector<Entry>& out, std::string& error) {
    std::string data;
    if (!read_all(path, data, error)) return false;
    const std::string name = path == "-" ? std::string("<stdin>") : path;

    std::size_t pos = 0;
    int line_no = 0;
    while (pos < data.size()) {
        std::size_t end = data.find('\n', pos);
        if (end == std::string::npos) end = data.size();
        std::string_view line(data.data() + pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

        const std::size_t first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos || line[first] == '#') continue;

        Entry e;
        e.line = line_no;
        e.source = name + ":" + std::to_string(line_no);
        std::size_t info_start = 0;
        std::size_t info_end = line.size();
        const std::size_t tab = line.find('\t');
        if (tab != std::string_view::npos) {
            std::string_view label = line.substr(0, tab);
            while (!label.empty() && label.front() == ' ') label.remove_prefix(1);
            while (!label.empty() && label.back() == ' ') label.remove_suffix(1);
            e.label = std::string(label);
            info_start = line.find_first_not_of('\t', tab);
            if (info_start == std::string_view::npos) info_start = line.size();
            const std::size_t tab2 = line.find('\t', info_start);
            if (tab2 != std::string_view::npos) {
                info_end = tab2;
                std::size_t expect_start = line.find_first_not_of('\t', tab2);
                if (expect_start != std::string_view::npos)
                    e.expect = std::string(line.substr(expect_start));
            }
        }
        e.escaped = std::string(line.substr(info_start, info_end - info_start));
        DecodeError err;
        if (!decode_c_escapes(e.escaped, e.info, err)) {
            error = e.source + ":" + std::to_string(info_start + err.column + 1) +
                    ": bad escape: " + err.message + "\n" + caret_block(e.escaped, err.column);
            return false;
        }
        out.push_back(std::move(e));
    }
    return true;
}

}  // namespace profshim_cli
