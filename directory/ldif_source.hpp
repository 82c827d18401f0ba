// An LDIF export (ldifde; RFC 2849: folded lines, "attr:: base64") as a Source. The file is
// read once with OpenLDAP's LDIF reader (ldif.h: ldif_open, ldif_read_record, ldif_getline,
// ldif_parse_line2, exported by Debian 12's libldap-2.5) and its entries indexed once, so N
// lookups against M entries cost O(N + M). Builds without OpenLDAP (Windows) have no LDIF
// source: PROFSHIM_DIRECTORY_HAVE_LDIF is 0 there.
#pragma once

#include <memory>
#include <string>

#include "source.hpp"

namespace profshim::directory {

// Reads and indexes `path`. Throws DirectoryError for a file that cannot be read, or one
// that is malformed, naming its line: "FILE:LINE: ...". Values given by URL ("attr:< url")
// are refused rather than fetched: an export never has them.
std::unique_ptr<Source> open_ldif(const std::string& path);

}  // namespace profshim::directory
