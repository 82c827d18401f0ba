// Windows only: the command line and the console in Unicode. The CLI's text is UTF-8
// throughout (run() takes it, the library reads it); Windows gives argv in the ANSI code page,
// which has no room for most names (a CJK name under code page 1252), and a console shows
// bytes in its own code page. So the arguments come from the UTF-16 command line, and text
// for a console goes through WriteConsoleW; a file or a pipe gets the UTF-8 bytes.

#include <iostream>
#include <streambuf>

#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <shellapi.h>

#include "cli.hpp"

namespace profshim_cli {

namespace {

// An unpaired surrogate is written as bytes no UTF-8 reader takes (append_utf8): the
// library then answers PSH_E_BAD_CHAR there, as psh_check_w would.
std::string to_utf8(const wchar_t* w) {
    std::string s;
    for (; *w != 0; ++w) {
        char32_t u = static_cast<char16_t>(*w);
        if (u >= 0xD800 && u <= 0xDBFF && w[1] >= 0xDC00 && w[1] <= 0xDFFF) u = 0x10000 + ((u - 0xD800) << 10) + (static_cast<char16_t>(*++w) - 0xDC00);
        append_utf8(s, u);
    }
    return s;
}

// A console's stream: UTF-8 in, UTF-16 out through WriteConsoleW, a whole character at a
// time (a character split between two writes waits for its last bytes).
class ConsoleBuffer : public std::streambuf {
public:
    explicit ConsoleBuffer(HANDLE console) : console_(console) {}

protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        pending_ += traits_type::to_char_type(c);
        return pending_.size() >= 4096 && !write_complete() ? traits_type::eof() : c;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        pending_.append(s, static_cast<std::size_t>(n));
        return pending_.size() >= 4096 && !write_complete() ? 0 : n;
    }
    int sync() override { return write_complete() ? 0 : -1; }

private:
    bool write_complete() {
        // The end of the last whole character: a lead byte whose sequence is not all here
        // yet stays for the next write.
        std::size_t end = pending_.size(), start = end;
        while (start > 0 && end - start < 4 && (static_cast<unsigned char>(pending_[start - 1]) & 0xC0) == 0x80) --start;
        if (start > 0) {
            const auto lead = static_cast<unsigned char>(pending_[start - 1]);
            const std::size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (need > end - start + 1) end = start - 1;
        }
        // Ill-formed bytes become U+FFFD (MultiByteToWideChar without MB_ERR_INVALID_CHARS).
        const int n = static_cast<int>(end);
        std::wstring wide(end, L'\0');
        const int got = n == 0 ? 0 : MultiByteToWideChar(CP_UTF8, 0, pending_.data(), n, wide.data(), n);
        pending_.erase(0, end);
        for (int done = 0; done < got;) {
            DWORD wrote = 0;
            if (!WriteConsoleW(console_, wide.data() + done, static_cast<DWORD>(got - done), &wrote, nullptr) || wrote == 0) return false;
            done += static_cast<int>(wrote);
        }
        return true;
    }

    HANDLE console_;
    std::string pending_;
};

// Standard output or error to a console's buffer, when it is a console. The buffer lives as
// long as the process (never freed): the streams are flushed once more at exit, after the
// statics are gone.
void to_console(std::ostream& stream, DWORD which) {
    HANDLE h = GetStdHandle(which);
    DWORD mode = 0;
    if (h == INVALID_HANDLE_VALUE || h == nullptr || !GetConsoleMode(h, &mode)) return;  // a file or a pipe: bytes
    stream.rdbuf(new ConsoleBuffer(h));
}

}  // namespace

std::vector<std::string> windows_arguments() {
    int n = 0;
    wchar_t** w = CommandLineToArgvW(GetCommandLineW(), &n);
    std::vector<std::string> args;
    for (int i = 1; w != nullptr && i < n; ++i) args.push_back(to_utf8(w[i]));
    LocalFree(w);
    return args;
}

void windows_console_output() {
    to_console(std::cout, STD_OUTPUT_HANDLE);
    to_console(std::cerr, STD_ERROR_HANDLE);
}

}  // namespace profshim_cli
