// Where entries come from: a live directory (ldap_source.hpp) or an LDIF export
// (ldif_source.hpp), behind one interface, so that every answer is built the same way.
#pragma once

#include <stdexcept>
#include <vector>

#include "entry.hpp"
#include "lookup.hpp"

namespace profshim::directory {

// The directory could not be read: no connection, a refused bind, a malformed LDIF file,
// a search that failed. Its text is one line for the user.
class DirectoryError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// At most this many entries are read for one lookup: one is an answer, more are
// `ambiguous` and listed, and a directory's whole population is never a useful list.
inline constexpr int kMaxEntriesPerLookup = 16;

class Source {
public:
    virtual ~Source() = default;
    // The entries `lookup` matches (filter_of(lookup)), at most kMaxEntriesPerLookup.
    // Throws DirectoryError when this lookup cannot be answered.
    virtual std::vector<Entry> find(const Lookup& lookup) = 0;
};

}  // namespace profshim::directory
