// The inputs: the sample corpus every baseline is checked on, the realistic inputs the
// targets are about, and the two families of sized inputs (16 to 4096 bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bench {

struct Sample {
    std::string name;
    std::string text;
};

// The realistic inputs, in this order: alias (12 bytes), kb_dn (the KB Q271913 example,
// 46 bytes), max_dn (a 16-level DN with 256 RDN units, 326 bytes), crlf_dirty (the KB DN
// as VB code builds it by mistake: spaces and vbCrLf, 54 bytes).
const std::vector<Sample>& realistic_inputs();
const Sample& realistic_input(const std::string& name);

// The sizes of the sweep.
const std::vector<std::size_t>& sweep_sizes();

// "tail" family, every size: "EXCH01\n" + an alias of N - 8 units + '?'. Nothing valid is
// longer than 573 bytes (a 253-unit host name and a 319-unit DN), so to make every pass of
// check and rewrite run over all N bytes the one fault is the last byte: psh_check reads
// every unit three times (characters, separators, the alias's unsafe-unit scan) and fails
// with PSH_E_UNSAFE_CHAR at N - 1; psh_rewrite normalises all N bytes, finds the
// separators, then checks as psh_check does. psh_profile_name skips the unsafe-unit rule:
// up to 64 units of alias (N = 16, 64) it makes a name (hashing all N bytes); from N = 256
// it normalises and scans all N bytes twice and fails at the 65th alias unit
// (PSH_E_BAD_MAILBOX), so its 256 and 4096 rows do the same work per byte.
std::string tail_input(std::size_t size);

// "dn" family, valid, N = 16, 64, 256: "EXCH01\n" (or "E\n") + a well-formed DN filling the
// rest, so the DN grammar runs over every unit (check: PSH_E_UNSAFE_CHAR at the DN's '/',
// after parsing it whole; rewrite and profile_name succeed).
std::string dn_input(std::size_t size);
const std::vector<std::size_t>& dn_sizes();

// Names outside ASCII (profshim.h section 11), timed in both widths and compared between
// them; the baselines implement the ASCII rules of 1.1, so they are not held to these:
// display_name_de "EXCH01\nJ\u00fcrgen M\u00fcller" (22 bytes, 20 UTF-16 units),
// display_name_zh "mail.contoso.com\n" and two CJK characters (23 bytes, 19 units),
// alias_cjk_64 "EXCH01\n" and 64 CJK characters (199 bytes, 71 units: the longest alias).
const std::vector<Sample>& unicode_inputs();

// `text` (UTF-8) as the UTF-16 units the _w functions take; a byte string that is not
// UTF-8 (the corpus's ill-formed cases) one unit a byte, so that it fails there too.
std::vector<uint16_t> utf16_of(const std::string& text);
// UTF-16 units back to UTF-8 (what a _w function wrote).
std::string utf8_of(const uint16_t* units, std::size_t count);
// Whether every byte of `text` is ASCII.
bool is_ascii(const std::string& text);

// Every input the baselines are checked on: hand-picked cases for every status and rule,
// the realistic inputs and every sized input.
const std::vector<Sample>& sample_corpus();

// A byte string as a C literal ("EXCH01\n/o=..."), for messages.
std::string escaped(const std::string& text);

}  // namespace bench
