// The ProfileInfo parser: psh_check (profshim.h section 5) and the checks psh_rewrite and
// psh_profile_name make of what they produce. This file owns the Layout.
//
//   authenticated form: server LF mailbox        ("EXCH01\njdoe", "EXCH01\n/o=.../cn=jdoe")
//   anonymous form:     serverDN LF LF "anon"    ("/o=.../cn=Servers/cn=EXCH01\n\nanon")
#pragma once

#include "line_feeds.hpp"
#include "normalise.hpp"
#include "text.hpp"

namespace profshim {

// Where the parts are, once the separators are parsed.
struct Layout {
    bool parsed = false;          // false until the separators are parsed
    int32_t form = PSH_FORM_UNKNOWN;
    Range server{};
    Range mailbox{};              // for the anonymous form, the "anon"
    // What a profile name shows of each part, set as the checks reach it: the server's stem
    // (anonymous form: the server DN's last RDN); the alias (a DN mailbox: its last RDN,
    // the directory name; anonymous form: "anon").
    Range server_name{};
    Range mailbox_name{};
    // A well-formed DN mailbox whose /ou= is Exchange 2007's fixed administrative group:
    // its last RDN is not the alias, so psh_rewrite keeps it (section 10.2).
    bool fixed_administrative_group = false;
};

struct CheckResult {
    Fault fault;
    Layout layout;
};

// psh_profile_name sanitises the name it makes, so it skips the checks whose status is
// PSH_E_UNSAFE_CHAR or PSH_E_RESERVED_NAME; psh_check and psh_rewrite apply them.
enum class FileNameRules { apply, skip };

// Rules 1 to 6 in order, on a whole ProfileInfo.
CheckResult check_profile_info(Text text, FileNameRules rules = FileNameRules::apply);

// Rule 2 from the line feeds a pass over `text` found: fills `layout` or fails.
Fault parse_layout(Text text, const LineFeeds& line_feeds, Layout& layout);

// Rules 3 to 6 on parts that parse_layout() found, keeping `layout` up to date.
Fault check_parts(Text text, Layout& layout, FileNameRules rules);

// Rules 1 to 6 on a text normalise() wrote, whose separators parse_layout() has parsed
// (with `separators` the outcome): a TAB is the one byte normalising lets through that rule
// 1 refuses, so rule 1 needs no second pass.
Fault check_normalised(Text text, const Normalised& normalised, Fault separators, Layout& layout,
                       FileNameRules rules);

// The alias rules (rule 4, form ALIAS) on a non-empty `alias`.
Fault check_alias(Text text, Range alias, FileNameRules rules);

}  // namespace profshim
