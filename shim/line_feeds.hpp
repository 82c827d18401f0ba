// The line feeds of a ProfileInfo, as one pass over it finds them: how many, and where the
// first two are. That is all the separator rule (profshim.h section 5, rule 2) needs, so
// whichever pass reads every byte anyway (psh_check's character scan, normalisation) counts
// them, and the separators are never searched for again.
#pragma once

#include <cstdint>

namespace profshim {

struct LineFeeds {
    int32_t count = 0;
    int32_t first = -1;
    int32_t second = -1;

    constexpr void add(int32_t offset) {
        ++count;
        if (count == 1) first = offset;
        if (count == 2) second = offset;
    }
};

}  // namespace profshim
