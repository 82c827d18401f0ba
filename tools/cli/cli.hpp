// Shared pieces of the profshim command-line tool.
#pragma once

#include <string>
#include <string_view>

namespace profshim_cli {

// Exit codes.
constexpr int kExitOk = 0;       // every input is OK
constexpr int kExitNotOk = 1;    // some input is not (demo --strict: a sample differs from its expectation)
constexpr int kExitUsage = 2;    // the command line or an input file could not be used

// Prints "profshim: MESSAGE" and a hint to standard error; returns kExitUsage.
int usage_error(std::string_view message);

// `profshim demo [--strict] [FILE]`; `file` empty means the shipped samples file. Exits 0
// once it has shown every sample; with `strict`, 1 when a sample differs from its stated
// expectations or a file-system step failed.
int run_demo(const std::string& file, bool strict);

// The shipped samples file, fixed at build time.
const char* default_samples_path();

}  // namespace profshim_cli
