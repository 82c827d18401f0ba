// Baseline 1: what a user would write by hand with std::regex and std::string, following
// the contract's rules and order so that it gives profshim's status codes and outputs.
// The regexes are compiled once (static), which is the kind choice; error offsets are not
// computed (a hand-written version rarely does), so only statuses and outputs are compared.
#pragma once

#include <cstdint>
#include <string>

namespace bench::regex_baseline {

int32_t check(const std::string& info);
int32_t rewrite(const std::string& info, uint32_t flags, std::string& out);
int32_t profile_name(const std::string& info, std::string& out);

}  // namespace bench::regex_baseline
