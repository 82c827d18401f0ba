// psh_rewrite (profshim.h section 6): the ProfileInfo CDO should get, and whether psh_check's
// report may call an input rewritable.
#pragma once

#include "profile_info.hpp"
#include "text.hpp"

namespace profshim {

// Rewrites `text` into `work` (at least text.size() bytes). PSH_OK means work[0, size) is
// the safe ProfileInfo; any other status is the first problem of the result.
Written rewrite_profile_info(Text text, uint32_t flags, gsl::span<char> work);

// A report's `rewritable`: would psh_rewrite(text, 0) succeed? `check` is psh_check's own
// result on `text`, which settles it when normalising would change nothing.
bool is_rewritable(Text text, const CheckResult& check);

}  // namespace profshim
