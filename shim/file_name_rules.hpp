// Windows file-name rules: what makes MAPI's .mmp profile file impossible to create
// (KB Q271913), or silently a different file (profshim.h section 5, rules 4 and 5).
// Source: learn.microsoft.com, "Naming Files, Paths, and Namespaces".
#pragma once

#include "text.hpp"

namespace profshim {

// The printable ASCII bytes Windows refuses in a file name: < > : " / \ | ? *
bool is_unsafe_in_file_name(uint32_t u);

// True when `name` is a device name (CON PRN AUX NUL CLOCK$ CONIN$ CONOUT$ COM0-9 LPT0-9,
// and since 1.2 COM¹ COM² COM³ LPT¹ LPT² LPT³), compared without regard to ASCII case. `name` is the stem of a server or an alias, its
// bytes before the first '.': Windows treats "nul.txt" as the device NUL.
bool is_reserved_device_name(Text text, Range name);

// True when the stem of `part` is a device name. A device name has at most 7 bytes, so only
// the first 8 bytes of `part` are looked at for the '.' that ends the stem.
bool has_reserved_stem(Text text, Range part);

}  // namespace profshim
