#include "osfile.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#ifdef _WIN32
#  ifndef WIN32_LEAN_AND_MEAN
#    define WIN32_LEAN_AND_MEAN
#  endif
#  include <windows.h>
#else
#  include <fcntl.h>
#  include <sys/stat.h>
#  include <unistd.h>
#endif

namespace profshim_cli {

namespace {

// Why `name` must not be handed to the system at all, or nullptr. A NUL would cut the
// name short; a ".." component would leave the temporary directory.
const char* unusable_name(std::string_view name, std::string_view separators) {
    if (name.find('\0') != std::string_view::npos)
        return "the name holds a NUL unit; the system would see only the part before it";
    for (std::size_t start = 0; start <= name.size();) {
        const std::size_t end = std::min(name.find_first_of(separators, start), name.size());
        if (name.substr(start, end - start) == "..")
            return "the name has a \"..\" component; it would leave the temporary directory";
        start = end + 1;
    }
    return nullptr;
}

}  // namespace

#ifdef _WIN32

namespace {

std::wstring widen(std::string_view s) {  // UTF-8, or else one unit per byte
    const int n = s.empty() ? 0 : MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s.data(), static_cast<int>(s.size()), nullptr, 0);
    std::wstring w(static_cast<std::size_t>(n), L'\0');
    if (n > 0 && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s.data(), static_cast<int>(s.size()), w.data(), n) == n) return w;
    w.clear();
    for (const char c : s) w += static_cast<wchar_t>(static_cast<unsigned char>(c));
    return w;
}

std::string narrow(std::wstring_view w) {
    const int n = w.empty() ? 0 : WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), nullptr, 0, nullptr, nullptr);
    std::string s(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
    if (n > 0) WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), s.data(), n, nullptr, nullptr);
    return s;
}

OsError last_error() {
    const DWORD code = GetLastError();
    OsError e;
    e.code = static_cast<long>(code);
    switch (code) {
        case ERROR_FILE_NOT_FOUND: e.text = "ERROR_FILE_NOT_FOUND"; break;
        case ERROR_PATH_NOT_FOUND: e.text = "ERROR_PATH_NOT_FOUND"; break;
        case ERROR_ACCESS_DENIED: e.text = "ERROR_ACCESS_DENIED"; break;
        case ERROR_INVALID_NAME: e.text = "ERROR_INVALID_NAME"; break;
        case ERROR_FILE_EXISTS: e.text = "ERROR_FILE_EXISTS"; break;
        default: e.text = "error " + std::to_string(code);
    }
    wchar_t* msg = nullptr;
    const DWORD n = FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                                   nullptr, code, 0, reinterpret_cast<wchar_t*>(&msg), 0, nullptr);
    if (n > 0 && msg != nullptr) {
        std::wstring_view w(msg, n);
        while (!w.empty() && (w.back() == L'\r' || w.back() == L'\n' || w.back() == L' ')) w.remove_suffix(1);
        e.text += " (" + narrow(w) + ")";
    }
    if (msg != nullptr) LocalFree(msg);
    return e;
}

}  // namespace

std::string program_directory() {
    std::vector<wchar_t> path(32768);
    const DWORD n = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()));
    if (n == 0 || n >= path.size()) return "";
    const std::wstring_view p(path.data(), n);
    return narrow(p.substr(0, p.find_last_of(L"\\/")));
}

bool make_temp_dir(std::string& path, OsError& err) {
    wchar_t base[MAX_PATH + 1];
    const DWORD n = GetTempPathW(MAX_PATH + 1, base);
    for (unsigned attempt = 0; n > 0 && n <= MAX_PATH && attempt < 100; ++attempt) {
        const std::wstring dir = std::wstring(base) + L"profshim-demo-" + std::to_wstring(GetCurrentProcessId()) +
                                 L"-" + std::to_wstring(GetTickCount() + attempt);
        if (CreateDirectoryW(dir.c_str(), nullptr)) {
            path = narrow(dir);
            return true;
        }
        if (GetLastError() != ERROR_ALREADY_EXISTS) break;
    }
    err = last_error();
    return false;
}

CreateResult try_create_file(const std::string& dir, std::string_view name) {
    CreateResult r;
    if (const char* why = unusable_name(name, "/\\")) {
        r.why = why;
        return r;
    }
    const std::wstring path = widen(dir) + L"\\" + widen(name);
    HANDLE h = CreateFileW(path.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        r.outcome = CreateOutcome::failed;
        r.error = last_error();
        return r;
    }
    const DWORD type = GetFileType(h);
    CloseHandle(h);
    r.outcome = type == FILE_TYPE_DISK ? CreateOutcome::created : CreateOutcome::device;
    if (r.outcome == CreateOutcome::created && !DeleteFileW(path.c_str())) {
        r.cleanup_ok = false;
        r.error = last_error();
    }
    return r;
}

bool remove_dir(const std::string& path, OsError& err) {
    // A name with ':' can make an NTFS stream on a file named by its first part, which
    // deleting the full name leaves behind: remove any plain file left in our own directory.
    const std::wstring dir = widen(path);
    WIN32_FIND_DATAW fd;
    HANDLE find = FindFirstFileW((dir + L"\\*").c_str(), &fd);
    if (find != INVALID_HANDLE_VALUE) {
        do {
            if ((fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) == 0) DeleteFileW((dir + L"\\" + fd.cFileName).c_str());
        } while (FindNextFileW(find, &fd));
        FindClose(find);
    }
    if (RemoveDirectoryW(dir.c_str())) return true;
    err = last_error();
    return false;
}

bool is_path_not_found(const OsError& e) { return e.code == ERROR_PATH_NOT_FOUND; }
const char* system_name() { return "Windows"; }
bool lenient_file_names() { return false; }

#else  // POSIX

namespace {

OsError os_error(int e) {
    const char* name = e == ENOENT ? "ENOENT" : e == EEXIST ? "EEXIST" : e == EACCES ? "EACCES" : e == ENAMETOOLONG ? "ENAMETOOLONG" : nullptr;
    return {e, (name != nullptr ? std::string(name) : "errno " + std::to_string(e)) + " (" + std::strerror(e) + ")"};
}

}  // namespace

std::string program_directory() {
    std::vector<char> path(4096);
    const ssize_t n = readlink("/proc/self/exe", path.data(), path.size());
    if (n <= 0 || static_cast<std::size_t>(n) >= path.size()) return "";
    const std::string_view p(path.data(), static_cast<std::size_t>(n));
    return std::string(p.substr(0, p.rfind('/')));
}

bool make_temp_dir(std::string& path, OsError& err) {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = base != nullptr && *base != '\0' ? base : "/tmp";
    tmpl += tmpl.back() == '/' ? "profshim-demo-XXXXXX" : "/profshim-demo-XXXXXX";
    if (mkdtemp(tmpl.data()) == nullptr) {
        err = os_error(errno);
        return false;
    }
    path = tmpl;
    return true;
}

CreateResult try_create_file(const std::string& dir, std::string_view name) {
    CreateResult r;
    if (const char* why = unusable_name(name, "/")) {
        r.why = why;
        return r;
    }
    const std::string path = dir + "/" + std::string(name);
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        r.outcome = CreateOutcome::failed;
        r.error = os_error(errno);
        return r;
    }
    struct stat st {};
    r.outcome = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? CreateOutcome::created : CreateOutcome::device;
    close(fd);
    if (unlink(path.c_str()) != 0) {
        r.cleanup_ok = false;
        r.error = os_error(errno);
    }
    return r;
}

bool remove_dir(const std::string& path, OsError& err) {
    if (rmdir(path.c_str()) == 0) return true;
    err = os_error(errno);
    return false;
}

bool is_path_not_found(const OsError& e) { return e.code == ENOENT; }
const char* system_name() { return "Linux"; }
bool lenient_file_names() { return true; }

#endif

}  // namespace profshim_cli
