// msExchMailboxGuid, the mailbox's ExchangeGuid, as Exchange 2013 and later write it in a
// personalized server name (domain.md "The directory").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace profshim::directory {

// The 16 bytes of a GUID in the Windows layout (MS-DTYP 2.3.4.2: Data1 4 bytes, Data2 and
// Data3 2 bytes each, little-endian; then Data4's 8 bytes as stored) as lower-case
// 8-4-4-4-12 text without braces: bytes 1d 9c 2a 3f 4e 7b 8f 4a ... are "3f2a9c1d-7b4e-4a8f-...".
// nullopt when `bytes` is not 16 bytes long.
std::optional<std::string> guid_text(std::string_view bytes);

}  // namespace profshim::directory
