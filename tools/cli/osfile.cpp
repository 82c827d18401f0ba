// The one platform-specific part of the CLI: where the program is, and creating a file as
// MAPI creates its temporary profile file. POSIX open()/errno on Linux; CreateFileW and
// GetLastError on Windows (the Windows build also runs under Wine).

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>
#include <system_error>

#include "cli.hpp"

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

namespace fs = std::filesystem;

namespace profshim_cli {

namespace {

// Creates `path` exclusively, closes and removes it: what the system said.
Created create_file(const fs::path& path);

}  // namespace

Created try_create(std::string_view name) {
    // A NUL would cut the name short, a ".." component leave our directory: not tried.
    if (name.find('\0') != std::string_view::npos) return {false, false, "not tried: the name holds a NUL unit"};
    for (std::size_t start = 0; start <= name.size();) {
        const std::size_t end = std::min(name.find_first_of("/\\", start), name.size());
        if (name.substr(start, end - start) == "..") return {false, false, "not tried: the name has a \"..\" component"};
        start = end + 1;
    }
    std::error_code ec;
    fs::path dir = fs::temp_directory_path(ec);
    for (unsigned n = 0; !ec; ++n) {  // a new directory of our own
        const fs::path d = dir / ("profshim-demo-" + std::to_string(std::random_device{}()));
        if (fs::create_directory(d, ec)) {
            dir = d;
            break;
        }
        if (n == 100) ec = std::make_error_code(std::errc::file_exists);
    }
    if (ec) return {false, false, "cannot make a temporary directory: " + ec.message()};
#ifdef _WIN32
    // UTF-8, or else one unit per byte, as a caller's string would hold it.
    const int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, name.data(), static_cast<int>(name.size()), nullptr, 0);
    std::wstring wide(static_cast<std::size_t>(n > 0 ? n : 0), L'\0');
    if (n <= 0 || MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, name.data(), static_cast<int>(name.size()), wide.data(), n) != n)
        wide.assign(name.begin(), name.end());
    Created c = create_file(dir.native() + L"\\" + wide);
#else
    Created c = create_file(dir.native() + "/" + std::string(name));
#endif
    fs::remove_all(dir, ec);  // on Windows, also a stream file a ':' name left behind
    if (ec) c.said += " (could not remove " + dir.string() + ": " + ec.message() + ")";
    return c;
}

#ifdef _WIN32

fs::path program_directory() {
    std::wstring path(32768, L'\0');
    const DWORD n = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()));
    return n == 0 || n >= path.size() ? fs::path() : fs::path(path.substr(0, n)).parent_path();
}

const char* system_name() { return "Windows"; }

namespace {

Created create_file(const fs::path& path) {
    HANDLE h = CreateFileW(path.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        const DWORD e = GetLastError();
        const char* name = e == ERROR_PATH_NOT_FOUND ? "ERROR_PATH_NOT_FOUND" : e == ERROR_INVALID_NAME ? "ERROR_INVALID_NAME"
                         : e == ERROR_ACCESS_DENIED  ? "ERROR_ACCESS_DENIED"  : e == ERROR_FILE_NOT_FOUND ? "ERROR_FILE_NOT_FOUND" : "error";
        return {false, e == ERROR_PATH_NOT_FOUND, std::string("cannot create: ") + name + " (" + std::to_string(e) + ")"};
    }
    const bool disk = GetFileType(h) == FILE_TYPE_DISK;
    CloseHandle(h);
    if (disk) DeleteFileW(path.c_str());
    return {disk, false, disk ? "created" : "opened a device, not a file"};
}

}  // namespace

#else

fs::path program_directory() {
    std::error_code ec;
    return fs::read_symlink("/proc/self/exe", ec).parent_path();
}

const char* system_name() { return "Linux"; }

namespace {

Created create_file(const fs::path& path) {
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int e = errno;
        const char* name = e == ENOENT ? "ENOENT" : e == EEXIST ? "EEXIST" : e == EACCES ? "EACCES" : e == ENAMETOOLONG ? "ENAMETOOLONG" : "errno";
        return {false, e == ENOENT, std::string("cannot create: ") + name + " (" + std::strerror(e) + ")"};
    }
    struct stat st {};
    const bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    close(fd);
    unlink(path.c_str());
    return {regular, false, regular ? "created" : "opened a device, not a file"};
}

}  // namespace

#endif

}  // namespace profshim_cli
