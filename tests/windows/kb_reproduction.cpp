// kb_reproduction.cpp - KB Q271913 measured on Windows' own file-system rules (run under Wine).
//
//     kb_reproduction SAMPLES_FILE TABLE_FILE
//
// MAPI names the temporary profile file of a CDO logon after the mailbox part of the
// ProfileInfo and fails (MAPI_E_NOT_FOUND) when it cannot create that file. For every sample
// of SAMPLES_FILE (examples/profileinfo-samples.txt, format at its top) this program asks
// the system, in a fresh temporary profile directory, to create
//   1. "<mailbox part>.mmp" for the ProfileInfo as given (the mailbox part is the text after
//      the last LF; all of it when there is none),
//   2. "<mailbox part>.mmp" for what psh_rewrite makes of it, when psh_rewrite succeeds,
//   3. "<psh_profile_name>.mmp", when psh_profile_name succeeds,
// with CreateFileW(CREATE_NEW), and records what the system answered. "Created" means a
// regular file now exists in that directory under exactly the requested name; anything else
// counts as a failure to create it, and says what happened instead:
//   failed   CreateFileW refused: GetLastError() is shown (3 ERROR_PATH_NOT_FOUND, ...);
//   device   CreateFileW succeeded but opened a device, not a file (NUL, CON, COM1 ...);
//   renamed  a file was made under another name (a trailing dot or space dropped, the name
//            cut at a NUL, an NTFS stream after ':' ...).
//
// The same is asked of the bare mailbox part, "<mailbox part>" without ".mmp": Windows drops
// a trailing dot or space of a file name, which ".mmp" hides; the table shows both answers.
//
// The claims tested, and the test fails when one does not hold:
//   - psh_check reports PSH_E_UNSAFE_CHAR or PSH_E_RESERVED_NAME with its error offset in the
//     mailbox part  =>  "<mailbox part>.mmp" or the bare "<mailbox part>" is not created
//     (the table says which);
//   - psh_check returns PSH_OK  =>  both are created;
//   - (2) and (3) are always created.
// Before the samples, the program asks the system for a file name holding each character
// Windows reserves (a<b, a:b, ...): where this system accepts one that Windows documents as
// invalid (Wine on a Unix file system may), a sample rejected for that very character and
// created anyway is recorded as "system differs", not as a disagreement, and the summary
// counts it apart. A sample for which psh_check stops at another problem (a bad server, a
// CR, a DN that breaks the grammar ...) did not have its mailbox judged as a file name: its
// row is recorded, marked "not judged", and asserts nothing about (1).
//
// The library is called through its UTF-16 functions (psh_check_w, ...), as a VB/COM
// caller's BSTR would be passed: the sample's bytes are read as UTF-8 (bytes that are not
// UTF-8 as Latin-1), so offsets and file names are in UTF-16 units.
//
// The table (Markdown) is printed and written to TABLE_FILE; docs/windows-reproduction.md
// holds a copy, with what it shows.

#ifndef WIN32_LEAN_AND_MEAN
#  define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#  define NOMINMAX
#endif
#include <windows.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "profshim.h"
#include "../../tools/cli/samples.hpp"  // the one samples reader and C-escape codec

namespace {

using profshim_cli::Sample;

// ---- the samples file: the CLI's reader and C-escape codec ------------------------------

bool read_samples(const std::string& path, std::vector<Sample>& samples) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "kb_reproduction: cannot read " << path << "\n";
        return false;
    }
    const std::string error = profshim_cli::read_samples(in, [&samples](Sample s) {
        if (s.label.empty()) s.label = "line " + std::to_string(s.line);
        samples.push_back(s);
    });
    if (!error.empty()) std::cerr << path << ":" << error << "\n";
    return error.empty();
}

// ---- text -------------------------------------------------------------------------------

// UTF-8 to UTF-16, as a VB caller's string would hold it; bytes that are not UTF-8 map 1:1.
std::wstring widen(const std::string& bytes) {
    if (bytes.empty()) return std::wstring();
    const int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, bytes.data(),
                                      static_cast<int>(bytes.size()), nullptr, 0);
    if (n > 0) {
        std::wstring w(static_cast<std::size_t>(n), L'\0');
        MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, bytes.data(), static_cast<int>(bytes.size()),
                            &w[0], n);
        return w;
    }
    std::wstring w;
    for (unsigned char c : bytes) w += static_cast<wchar_t>(c);
    return w;
}

std::string utf8(const std::wstring& w) {
    if (w.empty()) return std::string();
    const int n = WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), nullptr, 0,
                                      nullptr, nullptr);
    std::string s(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
    if (n > 0) WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), &s[0], n, nullptr, nullptr);
    return s;
}

// For the table: C escapes for control units (as the samples file writes them), other
// units as themselves; '|' and '`' are safe inside the code span of a Markdown table cell.
std::string shown(const std::wstring& w) {
    std::wstring out;
    for (wchar_t c : w) {
        if (c == L'\n') out += L"\\n";
        else if (c == L'\r') out += L"\\r";
        else if (c == L'\t') out += L"\\t";
        else if (c < 0x20 || c == 0x7F) {
            wchar_t buf[8];
            swprintf(buf, 8, L"\\x%02X", static_cast<unsigned>(c));
            out += buf;
        } else if (c == L'\\') out += L"\\\\";
        else out += c;
    }
    std::string s = utf8(out);
    std::string cell;
    for (char c : s) {
        if (c == '|') cell += "\\|";
        else cell += c;
    }
    return "`" + cell + "`";
}

const char* status_name(int32_t s) {
    switch (s) {
        case PSH_OK: return "OK";
        case PSH_E_POINTER: return "POINTER";
        case PSH_E_INVALIDARG: return "INVALIDARG";
        case PSH_E_UNEXPECTED: return "UNEXPECTED";
        case PSH_E_INSUFFICIENT_BUFFER: return "INSUFFICIENT_BUFFER";
        case PSH_E_TOO_LONG: return "TOO_LONG";
        case PSH_E_UNKNOWN_FLAGS: return "UNKNOWN_FLAGS";
        case PSH_E_BAD_CHAR: return "BAD_CHAR";
        case PSH_E_NO_SEPARATOR: return "NO_SEPARATOR";
        case PSH_E_SYNTAX: return "SYNTAX";
        case PSH_E_EMPTY_SERVER: return "EMPTY_SERVER";
        case PSH_E_BAD_SERVER: return "BAD_SERVER";
        case PSH_E_EMPTY_MAILBOX: return "EMPTY_MAILBOX";
        case PSH_E_BAD_MAILBOX: return "BAD_MAILBOX";
        case PSH_E_BAD_DN: return "BAD_DN";
        case PSH_E_UNSAFE_CHAR: return "UNSAFE_CHAR";
        case PSH_E_RESERVED_NAME: return "RESERVED_NAME";
        default: return "?";
    }
}

const char* win32_error_name(DWORD e) {
    switch (e) {
        case ERROR_SUCCESS: return "ERROR_SUCCESS";
        case ERROR_INVALID_FUNCTION: return "ERROR_INVALID_FUNCTION";
        case ERROR_FILE_NOT_FOUND: return "ERROR_FILE_NOT_FOUND";
        case ERROR_PATH_NOT_FOUND: return "ERROR_PATH_NOT_FOUND";
        case ERROR_ACCESS_DENIED: return "ERROR_ACCESS_DENIED";
        case ERROR_INVALID_HANDLE: return "ERROR_INVALID_HANDLE";
        case ERROR_NOT_READY: return "ERROR_NOT_READY";
        case ERROR_SHARING_VIOLATION: return "ERROR_SHARING_VIOLATION";
        case ERROR_FILE_EXISTS: return "ERROR_FILE_EXISTS";
        case ERROR_INVALID_PARAMETER: return "ERROR_INVALID_PARAMETER";
        case ERROR_INVALID_NAME: return "ERROR_INVALID_NAME";
        case ERROR_BAD_PATHNAME: return "ERROR_BAD_PATHNAME";
        case ERROR_ALREADY_EXISTS: return "ERROR_ALREADY_EXISTS";
        case ERROR_FILENAME_EXCED_RANGE: return "ERROR_FILENAME_EXCED_RANGE";
        case ERROR_DIRECTORY: return "ERROR_DIRECTORY";
        case ERROR_BAD_NETPATH: return "ERROR_BAD_NETPATH";
        default: return nullptr;
    }
}

std::string error_text(DWORD e) {
    const char* name = win32_error_name(e);
    return std::to_string(e) + (name ? std::string(" ") + name : std::string());
}

// ---- the file system --------------------------------------------------------------------

enum class Outcome { created, failed, device, renamed };

struct Attempt {
    bool tried = false;
    std::wstring name;  // the file name asked for
    Outcome outcome = Outcome::failed;
    DWORD error = 0;          // failed: GetLastError()
    std::wstring made;        // renamed: what was made instead
    std::string device_type;  // device: what GetFileType said
};

std::string describe(const Attempt& a) {
    if (!a.tried) return "-";
    switch (a.outcome) {
        case Outcome::created: return "created";
        case Outcome::failed: return "**failed** " + error_text(a.error);
        case Outcome::device: return "**device** (" + a.device_type + "), no file";
        case Outcome::renamed:
            return "**renamed**: made " + (a.made.empty() ? std::string("nothing") : shown(a.made));
    }
    return "?";
}

// Every entry of `dir` but . and ..
std::vector<std::wstring> list_dir(const std::wstring& dir) {
    std::vector<std::wstring> names;
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW((dir + L"\\*").c_str(), &fd);
    if (h == INVALID_HANDLE_VALUE) return names;
    do {
        const std::wstring n = fd.cFileName;
        if (n != L"." && n != L"..") names.push_back(n);
    } while (FindNextFileW(h, &fd));
    FindClose(h);
    return names;
}

void remove_tree(const std::wstring& dir) {
    for (const std::wstring& n : list_dir(dir)) {
        const std::wstring p = dir + L"\\" + n;
        const DWORD attrs = GetFileAttributesW(p.c_str());
        if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY)) remove_tree(p);
        else DeleteFileW(p.c_str());
    }
    RemoveDirectoryW(dir.c_str());
}

class ProfileDirectory {
public:
    bool open() {
        wchar_t temp[MAX_PATH + 1];
        const DWORD n = GetTempPathW(MAX_PATH + 1, temp);
        if (n == 0 || n > MAX_PATH) return false;
        std::wstring base(temp);
        if (!base.empty() && base.back() == L'\\') base.pop_back();
        for (int i = 0; i < 100; ++i) {
            root_ = base + L"\\profshim-kb-" + std::to_wstring(GetCurrentProcessId()) + L"-" + std::to_wstring(i);
            if (CreateDirectoryW(root_.c_str(), nullptr)) return true;
        }
        return false;
    }
    ~ProfileDirectory() {
        if (!root_.empty()) remove_tree(root_);
    }
    const std::wstring& root() const { return root_; }

    // Creates `name` in a directory of its own, looks at what was made, removes it all.
    Attempt attempt(const std::wstring& name) {
        Attempt a;
        a.tried = true;
        a.name = name;
        const std::wstring dir = root_ + L"\\" + std::to_wstring(++count_);
        if (!CreateDirectoryW(dir.c_str(), nullptr)) {
            a.outcome = Outcome::failed;
            a.error = GetLastError();
            return a;
        }
        // CreateFileW takes a NUL-terminated string: a NUL in the name ends it there, as it
        // would for any C caller.
        const std::wstring path = dir + L"\\" + name;
        HANDLE h = CreateFileW(path.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                               FILE_ATTRIBUTE_NORMAL, nullptr);
        if (h == INVALID_HANDLE_VALUE) {
            a.outcome = Outcome::failed;
            a.error = GetLastError();
        } else {
            const DWORD type = GetFileType(h);
            CloseHandle(h);
            if (type != FILE_TYPE_DISK) {
                a.outcome = Outcome::device;
                a.device_type = type == FILE_TYPE_CHAR ? "FILE_TYPE_CHAR"
                              : type == FILE_TYPE_PIPE ? "FILE_TYPE_PIPE"
                                                       : "type " + std::to_string(type);
            } else {
                const std::vector<std::wstring> made = list_dir(dir);
                if (made.size() == 1 && made[0] == name) {
                    a.outcome = Outcome::created;
                } else {
                    a.outcome = Outcome::renamed;
                    for (std::size_t i = 0; i < made.size(); ++i) a.made += (i ? L", " : L"") + made[i];
                }
            }
        }
        remove_tree(dir);
        return a;
    }

private:
    std::wstring root_;
    int count_ = 0;
};

std::wstring mailbox_part(const std::wstring& info) {
    const std::size_t lf = info.rfind(L'\n');
    return lf == std::wstring::npos ? info : info.substr(lf + 1);
}

int32_t call_out(int32_t (PSH_CALL *fn)(const psh_wchar*, int32_t, uint32_t, psh_wchar*, int32_t, int32_t*),
                 const std::wstring& in, std::wstring& out) {
    std::vector<psh_wchar> buf(PSH_MAX_INPUT + 80);
    int32_t n = 0;
    const int32_t s = fn(reinterpret_cast<const psh_wchar*>(in.data()), static_cast<int32_t>(in.size()), 0,
                         buf.data(), static_cast<int32_t>(buf.size()), &n);
    out.assign(buf.begin(), buf.begin() + (s == PSH_OK ? n : 0));
    return s;
}

// What runs this: Wine says so through ntdll's wine_get_version.
std::string system_description() {
    std::string what;
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    using WineVersion = const char*(CDECL*)(void);
    auto wine = ntdll ? reinterpret_cast<WineVersion>(reinterpret_cast<void*>(GetProcAddress(ntdll, "wine_get_version")))
                      : nullptr;
    if (wine) what = std::string("Wine ") + wine();
    using RtlGetVersionFn = LONG(WINAPI*)(OSVERSIONINFOW*);
    auto rtl = ntdll ? reinterpret_cast<RtlGetVersionFn>(reinterpret_cast<void*>(GetProcAddress(ntdll, "RtlGetVersion")))
                     : nullptr;
    OSVERSIONINFOW v{};
    v.dwOSVersionInfoSize = sizeof v;
    if (rtl && rtl(&v) == 0) {
        if (!what.empty()) what += ", reporting ";
        what += "Windows " + std::to_string(v.dwMajorVersion) + "." + std::to_string(v.dwMinorVersion) + "." +
                std::to_string(v.dwBuildNumber);
    }
    return what.empty() ? "Windows" : what;
}

std::string volume_description(const std::wstring& dir) {
    wchar_t root[MAX_PATH + 1];
    wchar_t fs[64] = L"";
    if (!GetVolumePathNameW(dir.c_str(), root, MAX_PATH + 1)) return "?";
    if (!GetVolumeInformationW(root, nullptr, 0, nullptr, nullptr, nullptr, fs, 64)) return utf8(root);
    return utf8(root) + " (" + utf8(fs) + ")";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: kb_reproduction SAMPLES_FILE TABLE_FILE\n";
        return 2;
    }
    std::vector<Sample> samples;
    if (!read_samples(argv[1], samples)) return 2;
    if (samples.empty()) {
        std::cerr << "kb_reproduction: no samples in " << argv[1] << "\n";
        return 2;
    }
    ProfileDirectory profiles;
    if (!profiles.open()) {
        std::cerr << "kb_reproduction: cannot make a temporary profile directory, error "
                  << GetLastError() << "\n";
        return 2;
    }

    // What this system does with each character Windows reserves in a file name, and with
    // the device names: the control against which the samples are read.
    const std::wstring reserved_chars = L"<>:\"/\\|?*";
    std::ostringstream rules;
    rules << "| file name asked for | answer |\n| --- | --- |\n";
    std::wstring lenient;  // reserved characters this system accepted
    for (wchar_t c : reserved_chars) {
        const Attempt a = profiles.attempt(std::wstring(L"a") + c + L"b.mmp");
        rules << "| " << shown(a.name) << " | " << describe(a) << " |\n";
        if (a.outcome == Outcome::created) lenient += c;
    }
    for (const wchar_t* name : {L"a\x01" L"b.mmp", L"a.", L"a ", L"nul", L"nul.mmp", L"NUL.txt.mmp", L"con.mmp",
                                L"com1.mmp", L"com0.mmp", L"lpt9.mmp", L"clock$.mmp", L"conin$.mmp"}) {
        const Attempt a = profiles.attempt(name);
        rules << "| " << shown(a.name) << " | " << describe(a) << " |\n";
    }
    // COM¹ and the like are device names on Windows (learn.microsoft.com, "Naming Files,
    // Paths, and Namespaces"; contract 1.2, 11.3) but Wine 8 makes them as files: where this
    // system does, a sample refused for one is "system differs", not a disagreement.
    const Attempt superscript = profiles.attempt(L"com\u00B9.mmp");
    rules << "| " << shown(superscript.name) << " | " << describe(superscript) << " |\n";
    const bool superscript_devices_lenient = superscript.outcome == Outcome::created;

    std::ostringstream table;
    table << "Measured by `tests/windows/kb_reproduction` on " << system_description()
          << "; profile directory on " << volume_description(profiles.root()) << "; "
          << samples.size() << " samples of `examples/profileinfo-samples.txt`.\n\n";
    table << "| sample | psh_check | as given: `<mailbox>.mmp` | answer | bare `<mailbox>` | "
             "rewritten: file | answer | profile name: file | answer | verdict |\n";
    table << "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";

    int disagreements = 0, agreed_unsafe = 0, agreed_bare_only = 0, agreed_safe = 0, not_judged = 0,
        system_differs = 0;
    for (const Sample& s : samples) {
        const std::wstring info = widen(s.info);
        psh_report r{};
        r.size = sizeof r;
        const int32_t check = psh_check_w(reinterpret_cast<const psh_wchar*>(info.data()),
                                          static_cast<int32_t>(info.size()), &r);
        const std::wstring mailbox = mailbox_part(info);
        const int32_t mailbox_start = static_cast<int32_t>(info.size() - mailbox.size());
        const bool unsafe_mailbox = (check == PSH_E_UNSAFE_CHAR || check == PSH_E_RESERVED_NAME) &&
                                    r.error_offset >= mailbox_start;

        const Attempt raw = profiles.attempt(mailbox + L".mmp");
        const Attempt bare = profiles.attempt(mailbox);

        std::wstring rewritten, name;
        const int32_t rw = call_out(psh_rewrite_w, info, rewritten);
        const int32_t pn = call_out(psh_profile_name_w, info, name);
        Attempt fixed, named;
        if (rw == PSH_OK) fixed = profiles.attempt(mailbox_part(rewritten) + L".mmp");
        if (pn == PSH_OK) named = profiles.attempt(name + L".mmp");

        std::string verdict;
        const bool mmp_made = raw.outcome == Outcome::created;
        const bool bare_made = bare.outcome == Outcome::created;
        if (unsafe_mailbox) {
            const wchar_t at = r.error_offset < static_cast<int32_t>(info.size())
                                   ? info[static_cast<std::size_t>(r.error_offset)] : L'\0';
            if (!mmp_made && !bare_made) {
                verdict = "agrees: rejected, neither name created";
                ++agreed_unsafe;
            } else if (!bare_made) {
                verdict = "agrees for the bare name only: `.mmp` created, the bare name not";
                ++agreed_bare_only;
            } else if (!mmp_made) {
                verdict = "agrees for `.mmp` only: the bare name created";
                ++agreed_unsafe;
            } else if (check == PSH_E_RESERVED_NAME && superscript_devices_lenient &&
                       mailbox.find_first_of(L"\u00B9\u00B2\u00B3") != std::wstring::npos) {
                verdict = "**system differs**: a device name on Windows (COM¹ ... LPT³), which this "
                          "system makes as a file (see the control)";
                ++system_differs;
            } else if (at != L'\0' && lenient.find(at) != std::wstring::npos) {
                verdict = "**system differs**: rejected for " + shown(std::wstring(1, at)) +
                          ", which Windows reserves and this system accepts (see the control)";
                ++system_differs;
            } else {
                verdict = "**DISAGREES**: psh_check rejects the mailbox, the system made both names";
                ++disagreements;
            }
        } else if (check == PSH_OK) {
            if (mmp_made && bare_made) {
                verdict = "agrees: safe, created";
                ++agreed_safe;
            } else {
                verdict = "**DISAGREES**: psh_check passes it, the system did not make the file";
                ++disagreements;
            }
        } else {
            verdict = std::string("not judged (psh_check stops at ") + status_name(check) + ")";
            ++not_judged;
        }
        if (fixed.tried && fixed.outcome != Outcome::created) {
            verdict += "; **rewrite not created**";
            ++disagreements;
        }
        if (named.tried && named.outcome != Outcome::created) {
            verdict += "; **profile name not created**";
            ++disagreements;
        }

        std::string check_cell = status_name(check);
        if (r.error_offset >= 0) check_cell += "@" + std::to_string(r.error_offset);
        table << "| " << s.label << " | " << check_cell << " | " << shown(raw.name) << " | " << describe(raw)
              << " | " << describe(bare) << " | "
              << (fixed.tried ? shown(fixed.name) : std::string("(") + status_name(rw) + ")") << " | "
              << describe(fixed) << " | " << (named.tried ? shown(named.name) : std::string("(") + status_name(pn) + ")")
              << " | " << describe(named) << " | " << verdict << " |\n";
    }
    table << "\n" << samples.size() << " samples: " << agreed_unsafe
          << " rejected by psh_check for the mailbox and not created, " << agreed_bare_only
          << " rejected and not created under the bare name only (`<mailbox>.mmp` was), " << agreed_safe
          << " passed and created, " << system_differs
          << " rejected for a character this system accepts though Windows reserves it, " << not_judged
          << " not judged as file names (psh_check stops at another problem first); " << disagreements
          << " disagreement(s).\n";
    table << "\nThe control: what this system answered for Windows' reserved characters and device names.\n\n"
          << rules.str();

    const std::string text = table.str();
    std::cout << text;
    std::ofstream out(argv[2], std::ios::binary);
    out << text;
    if (!out) {
        std::cerr << "kb_reproduction: cannot write " << argv[2] << "\n";
        return 2;
    }
    std::cout << "table written to " << argv[2] << "\n";
    if (disagreements > 0) {
        std::cout << "FAILED: " << disagreements << " disagreement(s) between psh_check and the file system\n";
        return 1;
    }
    std::cout << "PASSED: the file system agrees with psh_check on every judged sample\n";
    return 0;
}
