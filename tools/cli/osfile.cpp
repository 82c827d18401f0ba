// The one platform-specific part of the CLI: where the program is, and creating a file as
// MAPI creates its temporary profile file. POSIX open()/errno on Linux; CreateFileW and
// GetLastError on Windows (the Windows build also runs under Wine).

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>

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

#ifdef _WIN32

fs::path program_directory() {
    std::wstring path(32768, L'\0');
    const DWORD n = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()));
    return n == 0 || n >= path.size() ? fs::path() : fs::path(path.substr(0, n)).parent_path();
}

const char* system_name() { return "Windows"; }

// Creates dir\name exclusively, closes and removes it: what the system said.
static Created create_file(const fs::path& dir, std::string_view name) {
    // The name as a caller's string would hold it: UTF-8, or else one unit per byte.
    const int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, name.data(), static_cast<int>(name.size()), nullptr, 0);
    std::wstring wide(static_cast<std::size_t>(std::max(n, 0)), L'\0');
    if (n <= 0 || MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, name.data(), static_cast<int>(name.size()), wide.data(), n) != n) {
        wide.clear();
        for (const char c : name) wide += static_cast<wchar_t>(static_cast<unsigned char>(c));
    }
    const std::wstring path = dir.native() + L"\\" + wide;
    HANDLE h = CreateFileW(path.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        const DWORD e = GetLastError();
        const char* what = e == ERROR_PATH_NOT_FOUND ? "ERROR_PATH_NOT_FOUND" : e == ERROR_INVALID_NAME ? "ERROR_INVALID_NAME" : "error";
        return {e == ERROR_PATH_NOT_FOUND, std::string("cannot create: ") + what + " (" + std::to_string(e) + ")"};
    }
    const bool disk = GetFileType(h) == FILE_TYPE_DISK;
    CloseHandle(h);
    // Removed by name, as created. On NTFS "a:b.mmp" is the stream "b.mmp" of a file "a",
    // which is removed too; Wine makes a file of that very name. (fs::remove_all of the
    // directory spins forever under Wine on such a file.)
    if (disk) {
        DeleteFileW(path.c_str());
        if (const std::size_t colon = wide.find(L':'); colon != std::wstring::npos) {
            DeleteFileW((dir.native() + L"\\" + wide.substr(0, colon)).c_str());
        }
    }
    return {false, disk ? "created" : "opened a device, not a file"};
}

#else

fs::path program_directory() {
    std::error_code ec;
    return fs::read_symlink("/proc/self/exe", ec).parent_path();
}

const char* system_name() { return "Linux"; }

// Creates dir/name exclusively, closes and removes it: what the system said.
static Created create_file(const fs::path& dir, std::string_view name) {
    const int fd = open((dir.native() + "/" + std::string(name)).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int e = errno;
        return {e == ENOENT, std::string("cannot create: ") + (e == ENOENT ? "ENOENT" : "errno " + std::to_string(e)) + " (" +
                                std::strerror(e) + ")"};
    }
    struct stat st {};
    const bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    close(fd);
    if (regular) unlink((dir.native() + "/" + std::string(name)).c_str());
    return {false, regular ? "created" : "opened a device, not a file"};
}

#endif

Created try_create(std::string_view name) {
    // A NUL would cut the name short, a ".." component leave our directory: not tried.
    if (name.find('\0') != std::string_view::npos) return {false, "not tried: the name holds a NUL unit"};
    for (std::size_t start = 0; start <= name.size();) {
        const std::size_t end = std::min(name.find_first_of("/\\", start), name.size());
        if (name.substr(start, end - start) == "..") return {false, "not tried: the name has a \"..\" component"};
        start = end + 1;
    }
    std::error_code ec;
    const fs::path dir = fs::temp_directory_path(ec) / ("profshim-demo-" + std::to_string(std::random_device{}()));
    if (ec || !fs::create_directory(dir, ec)) return {false, "cannot make a temporary directory: " + ec.message()};
    Created c = create_file(dir, name);   // which removes what it created
    if (!fs::remove(dir, ec)) c.said += " (could not remove " + dir.string() + ": " + ec.message() + ")";
    return c;
}

}  // namespace profshim_cli
