// psh_profile_name (profshim.h section 7): S "_" M "_" H, at most 64 bytes
// (cchProfileNameMax), only A-Z a-z 0-9 _, so never a device name and always a file name.
// The same input gives the same name in every version: callers keep these names.
#pragma once

#include "text.hpp"

namespace profshim {

// Makes the profile name of `text` in `out` (PSH_PROFILE_NAME_MAX bytes at least), using
// `work` (text.size() bytes at least) for the normalised input.
Written make_profile_name(Text text, gsl::span<char> work, gsl::span<char> out);

}  // namespace profshim
