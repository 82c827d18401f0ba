// resolve: one ProfileInfo in, its Answer out: parse, look up, build.
#pragma once

#include <string_view>

#include "answer.hpp"
#include "source.hpp"

namespace profshim::directory {

// Never throws DirectoryError: a lookup the source cannot answer is Result::error with the
// source's message in `reason` (so a run answers every input, each with a clear error once
// the directory is gone).
Answer resolve(Source& source, std::string_view info, const Options& options);

}  // namespace profshim::directory
