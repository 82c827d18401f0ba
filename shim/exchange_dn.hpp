// The Exchange X.500 distinguished name, legacyExchangeDN (profshim.h section 5, rule 6).
// Source: [MS-OXOABK] 2.2.1.1 and [MS-OXOAB] 2.1:
//   x500-dn = "/o=" rdn "/ou=" rdn 1*14("/cn=" rdn)
//   rdn     = 1 to 64 teletex characters, no space at either end; 256 in one DN at most.
// There is no escaping, so '/' always starts the next RDN.
#pragma once

#include "text.hpp"

namespace profshim {

struct DnParse {
    Fault fault;       // PSH_E_BAD_DN at the first byte where the parse fails
    Range last_rdn;    // the directory name, when the DN is well formed
    // Its /ou= is "Exchange Administrative Group (FYDIBOHF23SPDLT)" in any ASCII case: the
    // fixed administrative group of Exchange 2007 and later, whose last RDN is not the
    // alias (section 10.2).
    bool fixed_administrative_group = false;
};

// Parses `part` as an Exchange DN, left to right; the leftmost fault is reported.
DnParse parse_exchange_dn(Text text, Range part);

}  // namespace profshim
