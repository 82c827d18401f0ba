// Normalisation, psh_rewrite steps 1-2 (profshim.h section 6), also the first step of
// psh_profile_name: undo the slips VB code makes when it builds a ProfileInfo (vbCrLf, a
// trailing vbNewLine, spaces).
#pragma once

#include "line_feeds.hpp"
#include "text.hpp"

namespace profshim {

struct Normalised {
    Fault fault;            // PSH_E_BAD_CHAR at the first byte step 1 refuses
    int32_t size = 0;       // bytes written
    // What the checks of the result need, found while writing it: its line feeds, and its
    // first TAB (-1 when none), the one byte step 1 accepts that psh_check does not.
    LineFeeds line_feeds;
    int32_t first_tab = -1;
    // What step 2 dropped, for section 11.7: the lines written, and whether an empty line
    // was dropped before the first of them or after the last.
    int32_t lines = 0;
    bool dropped_before = false;
    bool dropped_after = false;
};

// Writes the normalised `text` to `out`, which holds at least text.size() bytes (the
// result is never longer). CRLF and a lone CR become LF; each line loses its leading and
// trailing spaces and tabs; empty lines are dropped at the start and the end and kept in
// the middle (the anonymous form's empty line).
Normalised normalise(Text text, gsl::span<char> out);

}  // namespace profshim
