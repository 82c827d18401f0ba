#include "osfile.hpp"

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

std::string to_string(const OsError& e) {
    if (e.text.empty()) return e.name;
    return e.name + " (" + e.text + ")";
}

namespace {

// Why `name` must not be handed to the system at all, or nullptr. A NUL would cut the
// name short; a ".." component would leave the temporary directory.
const char* unusable_name(std::string_view name, std::string_view separators) {
    if (name.find('\0') != std::string_view::npos)
        return "the name holds a NUL unit; the system would see only the part before it";
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find_first_of(separators, start);
        if (end == std::string_view::npos) end = name.size();
        if (name.substr(start, end - start) == "..")
            return "the name has a \"..\" component; it would leave the temporary directory";
        start = end + 1;
    }
    return nullptr;
}

}  // namespace

#ifdef _WIN32

namespace {

std::wstring widen(std::string_view s) {
    if (s.empty()) return std::wstring();
    const int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s.data(),
                                      static_cast<int>(s.size()), nullptr, 0);
    if (n > 0) {
        std::wstring w(static_cast<std::size_t>(n), L'\0');
        MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s.data(), static_cast<int>(s.size()),
                            w.data(), n);
        return w;
    }
    std::wstring w;  // not UTF-8: one unit per byte
    for (const char c : s) w += static_cast<wchar_t>(static_cast<unsigned char>(c));
    return w;
}

std::string narrow(const std::wstring& w) {
    if (w.empty()) return std::string();
    const int n = WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), nullptr,
                                      0, nullptr, nullptr);
    std::string s(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
    if (n > 0)
        WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), s.data(), n,
                            nullptr, nullptr);
    return s;
}

const char* win_error_name(DWORD code) {
    switch (code) {
        case ERROR_FILE_NOT_FOUND: return "ERROR_FILE_NOT_FOUND";
        case ERROR_PATH_NOT_FOUND: return "ERROR_PATH_NOT_FOUND";
        case ERROR_ACCESS_DENIED: return "ERROR_ACCESS_DENIED";
        case ERROR_INVALID_HANDLE: return "ERROR_INVALID_HANDLE";
        case ERROR_FILE_EXISTS: return "ERROR_FILE_EXISTS";
        case ERROR_INVALID_PARAMETER: return "ERROR_INVALID_PARAMETER";
        case ERROR_BAD_PATHNAME: return "ERROR_BAD_PATHNAME";
        case ERROR_ALREADY_EXISTS: return "ERROR_ALREADY_EXISTS";
        case ERROR_FILENAME_EXCED_RANGE: return "ERROR_FILENAME_EXCED_RANGE";
        case ERROR_INVALID_NAME: return "ERROR_INVALID_NAME";
        case ERROR_DIRECTORY: return "ERROR_DIRECTORY";
        case ERROR_SHARING_VIOLATION: return "ERROR_SHARING_VIOLATION";
        default: return nullptr;
    }
}

OsError last_error() {
    const DWORD code = GetLastError();
    OsError e;
    e.code = static_cast<long>(code);
    const char* name = win_error_name(code);
    e.name = name != nullptr ? name : "error " + std::to_string(code);
    wchar_t* msg = nullptr;
    const DWORD n = FormatMessageW(
        FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
        nullptr, code, 0, reinterpret_cast<wchar_t*>(&msg), 0, nullptr);
    if (n > 0 && msg != nullptr) {
        std::wstring w(msg, n);
        while (!w.empty() && (w.back() == L'\r' || w.back() == L'\n' || w.back() == L' '))
            w.pop_back();
        e.text = narrow(w);
    }
    if (msg != nullptr) LocalFree(msg);
    return e;
}

}  // namespace

bool make_temp_dir(std::string& path, OsError& err) {
    wchar_t base[MAX_PATH + 1];
    const DWORD n = GetTempPathW(MAX_PATH + 1, base);
    if (n == 0 || n > MAX_PATH) {
        err = last_error();
        return false;
    }
    const unsigned long pid = GetCurrentProcessId();
    for (unsigned attempt = 0; attempt < 100; ++attempt) {
        const std::wstring dir = std::wstring(base) + L"profshim-demo-" + std::to_wstring(pid) +
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
    HANDLE h = CreateFileW(path.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        r.outcome = CreateOutcome::failed;
        r.error = last_error();
        return r;
    }
    const DWORD type = GetFileType(h);
    CloseHandle(h);
    if (type != FILE_TYPE_DISK) {
        r.outcome = CreateOutcome::device;
        return r;
    }
    r.outcome = CreateOutcome::created;
    if (!DeleteFileW(path.c_str())) {
        r.cleanup_ok = false;
        r.cleanup_error = last_error();
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
            if ((fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) == 0)
                DeleteFileW((dir + L"\\" + fd.cFileName).c_str());
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

const char* errno_name(int e) {
    switch (e) {
        case ENOENT: return "ENOENT";
        case EEXIST: return "EEXIST";
        case EACCES: return "EACCES";
        case EPERM: return "EPERM";
        case EINVAL: return "EINVAL";
        case ENAMETOOLONG: return "ENAMETOOLONG";
        case ENOTDIR: return "ENOTDIR";
        case EISDIR: return "EISDIR";
        case EROFS: return "EROFS";
        case ENOSPC: return "ENOSPC";
        case ELOOP: return "ELOOP";
        case EILSEQ: return "EILSEQ";
        case EMFILE: return "EMFILE";
        case EIO: return "EIO";
        default: return nullptr;
    }
}

OsError os_error(int e) {
    OsError r;
    r.code = e;
    const char* name = errno_name(e);
    r.name = name != nullptr ? name : "errno " + std::to_string(e);
    r.text = std::strerror(e);
    return r;
}

}  // namespace

bool make_temp_dir(std::string& path, OsError& err) {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = (base != nullptr && *base != '\0') ? base : "/tmp";
    if (tmpl.back() != '/') tmpl += '/';
    tmpl += "profshim-demo-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) {
        err = os_error(errno);
        return false;
    }
    path = buf.data();
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
    const bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    close(fd);
    r.outcome = regular ? CreateOutcome::created : CreateOutcome::device;
    if (unlink(path.c_str()) != 0) {
        r.cleanup_ok = false;
        r.cleanup_error = os_error(errno);
    }
    return r;
}

bool remove_dir(const std::string& path, OsError& err) {
    if (rmdir(path.c_str()) == 0) return true;
    err = os_error(errno);
    return false;
}

bool is_path_not_found(const OsError& e) { return e.code == ENOENT; }

const char* system_name() {
#  if defined(__linux__)
    return "Linux";
#  elif defined(__APPLE__)
    return "macOS";
#  else
    return "this system";
#  endif
}

bool lenient_file_names() { return true; }

#endif

}  // namespace profshim_cli
