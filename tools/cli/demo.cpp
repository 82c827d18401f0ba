// profshim demo: walk through ProfileInfo samples and reproduce the KB Q271913 failure (the
// text it starts with says what it shows of each sample). On Linux a DN's '/' makes creating
// <mailbox>.mmp fail with ENOENT, the analogue of the ERROR_PATH_NOT_FOUND behind CDO's
// MAPI_E_NOT_FOUND. Whether the library meets the samples' EXPECT fields is the test
// samples.expectations' business, not the demo's.
// Its platform-specific part: where the program is (so, its default samples), and creating a
// file as MAPI creates its temporary profile file. POSIX open()/errno on Linux; CreateFileW and
// GetLastError on Windows (the Windows build also runs under Wine).

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>

#include <CLI/CLI.hpp>

#include "cli.hpp"

#ifdef _WIN32
#  define WIN32_LEAN_AND_MEAN
#  include <windows.h>
#else
#  include <fcntl.h>
#  include <sys/stat.h>
#  include <unistd.h>
#endif

namespace fs = std::filesystem;

namespace profshim_cli {

namespace {

struct Created {
    std::string said;             // "created", "cannot create: ENOENT (...)", ...
};

#ifdef _WIN32

// Wine runs the Windows build too, and creates some names that Windows refuses.
const char* system_name() {
    return GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version") != nullptr ? "Wine" : "Windows";
}

// With no FILE: the samples beside the program (the build tree, the Windows zip).
std::vector<fs::path> default_samples() {
    std::wstring path(32768, L'\0');
    const DWORD n = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()));
    const fs::path dir = n == 0 || n >= path.size() ? fs::path() : fs::path(path.substr(0, n)).parent_path();
    return {dir / "profileinfo-samples.txt"};
}

// Creates dir\name exclusively, closes and removes it: what the system said.
Created create_file(const fs::path& dir, std::string_view name) {
    // The name as a caller's string would hold it: UTF-8 (never more UTF-16 units than
    // bytes), or else one unit per byte.
    std::wstring wide(name.size(), L'\0');
    const int n = static_cast<int>(name.size());
    if (const int got = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, name.data(), n, wide.data(), n); got > 0)
        wide.resize(static_cast<std::size_t>(got));
    else
        for (std::size_t i = 0; i < name.size(); ++i) wide[i] = static_cast<unsigned char>(name[i]);
    const std::wstring path = dir.native() + L"\\" + wide;
    HANDLE h = CreateFileW(path.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        const DWORD e = GetLastError();
        const char* what = e == ERROR_PATH_NOT_FOUND ? "ERROR_PATH_NOT_FOUND"
                           : e == ERROR_INVALID_NAME ? "ERROR_INVALID_NAME" : "error";
        // The system's words too, as strerror() gives them on Linux ("Invalid handle." for 6).
        char words[256] = "";
        FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr, e, 0, words, sizeof words, nullptr);
        std::string said = std::string("cannot create: ") + what + " (" + std::to_string(e);
        if (const std::string_view w(words); w.find_first_not_of(" \r\n") != std::string_view::npos)
            said += ": " + std::string(w.substr(0, w.find_last_not_of(" \r\n") + 1));
        return {said + ")"};
    }
    const bool disk = GetFileType(h) == FILE_TYPE_DISK;
    CloseHandle(h);
    // Removed by name, as created. On NTFS "a:b.mmp" is the stream "b.mmp" of a file "a",
    // which is removed too; Wine makes a file of that very name. (fs::remove_all of the
    // directory spins forever under Wine on such a file.)
    if (disk) {
        DeleteFileW(path.c_str());
        if (const std::size_t colon = wide.find(L':'); colon != std::wstring::npos)
            DeleteFileW((dir.native() + L"\\" + wide.substr(0, colon)).c_str());
    }
    return {disk ? "created" : "opened a device, not a file"};
}

#else

const char* system_name() { return "Linux"; }

// With no FILE: the samples beside the program (the build tree), then where a Linux install
// puts them, ../share/profshim beside bin/.
std::vector<fs::path> default_samples() {
    std::error_code ec;
    const fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
    return {dir / "profileinfo-samples.txt", dir / ".." / "share" / "profshim" / "profileinfo-samples.txt"};
}

// Creates dir/name exclusively, closes and removes it: what the system said.
Created create_file(const fs::path& dir, std::string_view name) {
    const std::string path = dir.native() + "/" + std::string(name);
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int e = errno;
        const std::string what = e == ENOENT ? "ENOENT" : "errno " + std::to_string(e);
        return {"cannot create: " + what + " (" + std::strerror(e) + ")"};
    }
    struct stat st {};
    const bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    close(fd);
    if (regular) unlink(path.c_str());
    return {regular ? "created" : "opened a device, not a file"};
}

#endif

// Tries to create NAME exclusively, as MAPI makes <mailbox>.mmp, in a new temporary
// directory that is removed again.
Created try_create(std::string_view name) {
    // A NUL would cut the name short, a ".." component leave our directory: not tried.
    if (name.find('\0') != std::string_view::npos) return {"not tried: the name holds a NUL unit"};
    std::string components = "/" + std::string(name) + "/";
    std::ranges::replace(components, '\\', '/');
    if (components.find("/../") != std::string::npos) return {"not tried: the name has a \"..\" component"};
    std::error_code ec;
    const fs::path dir = fs::temp_directory_path(ec) / ("profshim-demo-" + std::to_string(std::random_device{}()));
    if (ec || !fs::create_directory(dir, ec)) return {"cannot make a temporary directory: " + ec.message()};
    Created c = create_file(dir, name);  // which removes what it created
    if (!fs::remove(dir, ec)) c.said += " (could not remove " + dir.string() + ": " + ec.message() + ")";
    return c;
}

struct Tally {
    int samples = 0, safe = 0, by_rewrite = 0, by_name = 0, unusable = 0;
};

// Text as the table shows it: quoted C escapes, characters outside ASCII as themselves.
std::string text_of(std::string_view units) { return encode_c_escapes(units, true, nullptr, true); }

void row(std::string_view key, const std::string& text) {
    std::cout << "  " << key << std::string(10 - key.size(), ' ') << text << "\n";
}

// The mailbox part of `info` as the library reads it: where psh_check's report puts it;
// for a ProfileInfo psh_check stops on before its line feeds (a CR of "\r\n", a TAB), the
// mailbox of its normalised form, which psh_rewrite writes with PSH_REWRITE_KEEP_DN (CRLF
// as LF, the ends of lines trimmed, the DN left as it is). Not "the text after the last
// LF", which is "" for one that ends in "\r\n". None when the library reads no mailbox.
std::optional<std::string> mailbox_of(const std::string& info) {
    const auto part = [](const std::string& text, const psh_report& r) -> std::optional<std::string> {
        if (r.mailbox_offset < 0 || r.mailbox_length < 0) return std::nullopt;
        return text.substr(static_cast<std::size_t>(r.mailbox_offset), static_cast<std::size_t>(r.mailbox_length));
    };
    if (std::optional<std::string> m = part(info, check(info).report)) return m;
    const Text normalised = rewrite(info, PSH_REWRITE_KEEP_DN);
    if (normalised.status != PSH_OK) return std::nullopt;
    return part(normalised.text, check(normalised.text).report);
}

// MAPI's temporary profile file for a ProfileInfo: its mailbox part and ".mmp".
std::optional<std::string> mmp(const std::string& info) {
    std::optional<std::string> mailbox = mailbox_of(info);
    if (mailbox) *mailbox += ".mmp";
    return mailbox;
}

// What Windows does with NAME as a file name in an existing directory, by its naming rules
// (Microsoft Learn, "Naming Files, Paths, and Namespaces"), which Linux (and Wine, in part)
// does not keep: "" for a name Windows creates as it is.
std::string on_windows(std::string_view name) {
    constexpr auto npos = std::string_view::npos;
    if (name.find_first_of("/\\") != npos)
        return "a path through directories that do not exist: ERROR_PATH_NOT_FOUND, the error behind CDO's MAPI_E_NOT_FOUND (KB Q271913)";
    if (const std::size_t colon = name.find(':'); colon != npos)
        return "':' is reserved in file names: NTFS takes the name as the stream " + text_of(name.substr(colon + 1)) +
               " of a file " + text_of(name.substr(0, colon)) + ", FAT refuses it (ERROR_INVALID_NAME); either way not the file MAPI means";
    if (name.find_first_of("<>\"|?*") != npos || std::ranges::any_of(name, [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return "ERROR_INVALID_NAME: the name holds a character reserved in file names (< > : \" / \\ | ? * or a control character)";
    std::string base(name.substr(0, name.find('.')));
    base.erase(base.find_last_not_of(' ') + 1);
    std::ranges::transform(base, base.begin(), [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
    // COM1-COM9, LPT1-LPT9, and with the superscript digits ¹ ² ³ (U+00B9, U+00B2, U+00B3),
    // which Windows reserves too.
    const std::string_view digit = std::string_view(base).substr(std::min<std::size_t>(3, base.size()));
    const bool numbered = (base.starts_with("COM") || base.starts_with("LPT")) &&
                          ((digit.size() == 1 && digit[0] >= '1' && digit[0] <= '9') || digit == "\xC2\xB9" || digit == "\xC2\xB2" || digit == "\xC2\xB3");
    if (numbered || base == "CON" || base == "PRN" || base == "AUX" || base == "NUL")
        return "opens the device " + base + ", not a file: the name is reserved, whatever its extension";
    if (name.ends_with(' ') || name.ends_with('.')) return "drops the trailing dots and spaces: the file gets another name";
    return "";
}

// The file of `info` as given and of its rewrite: what this system did creating them, and,
// where it differs, what Windows does with that name.
void files(const std::string& info, const Text& rw) {
    const std::optional<std::string> given = mmp(info);
    const std::string shown = given ? text_of(*given) : "-";
    const std::string system = std::string("  (what ") + system_name() + " did)";
    if (given) {
        row("file", "as given   " + shown + "  " + try_create(*given).said + system);
        if (const std::string windows = on_windows(*given); !windows.empty()) row("", "Windows    " + windows);
    } else {
        row("file", "as given   -  nothing to try: neither psh_check nor psh_rewrite keeping the DN reads a mailbox part in it");
    }
    const std::optional<std::string> rewritten = rw.status == PSH_OK ? mmp(rw.text) : std::nullopt;
    if (!rewritten) {
        row("", "rewritten  -  nothing to try: the rewrite failed");
        return;
    }
    std::string rewritten_shown = text_of(*rewritten);
    const std::size_t width = display_width(rewritten_shown), given_width = display_width(shown);
    rewritten_shown += std::string(std::max(width, given_width) - width, ' ');
    row("", "rewritten  " + rewritten_shown + "  " + try_create(*rewritten).said + system);
    if (const std::string windows = on_windows(*rewritten); !windows.empty()) row("", "Windows    " + windows);
}

// A failure the line above already named is not described again.
void failure(std::string_view key, int32_t status, int32_t named, int32_t named_too, const std::string& info) {
    row(key, status == named || status == named_too ? "fails: " + status_name(status) + "  (as above)" : "fails: " + said(status, info, key));
}

void sample(const Sample& s, Tally& t) {
    const Check c = check(s.info);
    const Text rw = rewrite(s.info, 0), nm = profile_name(s.info);
    const std::string title = s.label.empty() ? "line " + std::to_string(s.line) : s.label;
    std::cout << "\n[" << ++t.samples << "] " << title << "\n";
    std::vector<std::size_t> at;
    const std::string input = encode_c_escapes(s.info, true, &at, true);
    row("input", input);
    const int32_t fault = c.report.error_offset;
    if (fault >= 0 && static_cast<std::size_t>(fault) < at.size())
        std::cout << std::string(12 + display_width(std::string_view(input).substr(0, at[static_cast<std::size_t>(fault)])), ' ') << "^ "
                  << (static_cast<std::size_t>(fault) == s.info.size() ? "the end, unit " : "unit ") << fault << "\n";
    row("verdict", said(c.status, s.info, "check"));
    row("", std::string("form ") + form_name(c.report.form) +
                (c.status == PSH_OK ? "" : c.report.rewritable != 0 ? "; psh_rewrite can fix it" : "; psh_rewrite cannot fix it"));
    if (rw.status == PSH_OK) row("rewrite", text_of(rw.text) + (rw.text == s.info ? "  (unchanged)" : ""));
    else failure("rewrite", rw.status, c.status, c.status, s.info);
    if (const Text ex = rewrite(s.info, PSH_REWRITE_EXACT); ex.status == PSH_OK && ex.text != rw.text)
        row("exact", text_of(ex.text) + "  (rewrite --exact: the exact-match form of KB Q193643)");
    if (nm.status == PSH_OK) row("name", nm.text);
    else failure("name", nm.status, c.status, rw.status, s.info);
    files(s.info, rw);
    ++(c.status == PSH_OK ? t.safe : rw.status == PSH_OK ? t.by_rewrite : nm.status == PSH_OK ? t.by_name : t.unusable);
}

int run(const CLI::App& command) {
    const std::vector<std::string> named = given(*command.get_option("FILE"));
    const std::vector<fs::path> paths = named.empty() ? default_samples() : std::vector<fs::path>{named[0]};
    std::ifstream file;
    std::string looked, path, why;
    for (const auto& p : paths) {
        looked += "\n    " + p.string();
        why = open_to_read(p, file);
        if (why.empty()) {
            path = p.string();
            break;
        }
    }
    if (path.empty() && !named.empty()) {
        const std::string& name = named[0];
        return file_error("cannot read '" + name + "': " + why +
                           (name == "-" ? " (demo reads a file; check, rewrite and name read standard input with -f -)" : ""));
    }
    if (path.empty())
        return usage_error("no FILE given, and no profileinfo-samples.txt where demo looks for it:" + looked);
    std::cout << "profshim demo: the samples of " << path << "\n"
              << "For each: psh_check's verdict (a caret under the unit at fault), psh_rewrite, psh_profile_name,\n"
                 "and whether MAPI's temporary profile file <mailbox>.mmp can be created on " << system_name() << ", as given\n"
                 "and rewritten, each in a new temporary directory (mailbox: the part psh_check finds; where it\n"
                 "stops before the line feeds, as at the CR of \"\\r\\n\", that of the normalised form psh_rewrite\n"
                 "writes keeping the DN);\n"
                 "and, where Windows' naming rules make that name something else, what Windows does with it.\n";
    Tally t;
    if (const std::string error = read_samples(file, [&t](const Sample& s) { sample(s, t); }); !error.empty())
        return file_error(path + ":" + error);
    std::cout << "\n" << t.samples << " samples: " << t.safe << " safe as given, " << t.by_rewrite << " made safe by rewrite, "
              << t.by_name << " need a profile name, " << t.unusable << " unusable until fixed by hand.\n";
    return kExitOk;
}

void add_options(CLI::App& command) {
    command.add_option("FILE", "the samples (default: profileinfo-samples.txt beside the\nprogram, or in ../share/profshim)")
        ->type_name("FILE")->expected(1);
}

}  // namespace

extern const Command kDemoCommand{  // extern: listed in main.cpp
    "demo", "walk through the samples: verdict, rewrite, name, MAPI's <mailbox>.mmp file", "", add_options, run};

}  // namespace profshim_cli
