// The one platform-specific part of the CLI: where the program is, and trying to create a
// profile file in a new directory as MAPI would. POSIX open()/errno on Linux,
// CreateFileW/GetLastError on Windows (the Windows build also runs under Wine).
#pragma once

#include <string>
#include <string_view>

namespace profshim_cli {

struct OsError {
    long code = 0;     // errno, or GetLastError()
    std::string text;  // "ENOENT (No such file or directory)", "ERROR_PATH_NOT_FOUND (...)"
};

enum class CreateOutcome {
    created,    // a new file was made (and removed again)
    device,     // the name opened something that is not a file (a Windows device name)
    failed,     // the system refused: see `error`
    not_tried,  // the name cannot even be passed to the system: see `why`
};

struct CreateResult {
    CreateOutcome outcome = CreateOutcome::not_tried;
    OsError error;    // for failed, or when removing the created file failed
    std::string why;  // for not_tried
    bool cleanup_ok = true;
};

// The directory the running program was started from ("" when the system will not say).
std::string program_directory();

// True for the error a missing directory gives: ENOENT, or ERROR_PATH_NOT_FOUND on Windows
// (the error behind CDO's MAPI_E_NOT_FOUND in KB Q271913).
bool is_path_not_found(const OsError& e);

// A new, empty, private directory under the system's temporary directory.
bool make_temp_dir(std::string& path, OsError& err);

// Tries to create `dir`/`name` exclusively (O_CREAT|O_EXCL, CREATE_NEW), closes it and
// removes it again. `name` is taken as the units MAPI would use, byte for byte.
CreateResult try_create_file(const std::string& dir, std::string_view name);

// Removes the directory (and, on Windows, a stream file a ':' name left in it).
bool remove_dir(const std::string& path, OsError& err);

// "Linux" or "Windows": what judged the file names.
const char* system_name();

// True when this system's file names allow characters that Windows rejects.
bool lenient_file_names();

}  // namespace profshim_cli
