// The inputs: the sample corpus every baseline is checked on, the realistic inputs the
// targets are about, and the two families of sized inputs (16 to 4096 bytes).
#pragma once

#include <cstddef>
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

// Every input the baselines are checked on: hand-picked cases for every status and rule,
// the realistic inputs and every sized input.
const std::vector<Sample>& sample_corpus();

// A byte string as a C literal ("EXCH01\n/o=..."), for messages.
std::string escaped(const std::string& text);

}  // namespace bench
