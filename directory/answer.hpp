// The answer for one ProfileInfo: what to pass to Session.Logon now, or why there is none,
// with the evidence it was built from (issue 19, "Building the answer").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entry.hpp"
#include "lookup.hpp"

namespace profshim::directory {

enum class Result {
    resolved,    // one entry, and the ProfileInfo built from it passes psh_check
    not_found,   // no entry matches
    ambiguous,   // more than one entry matches: their DNs are listed, none is chosen
    incomplete,  // the entry lacks an attribute the answer needs (named in `reason`)
    unsafe,      // the built ProfileInfo fails psh_check (its status): never handed out
    invalid,     // the input's separators do not parse, or it is the anonymous form
    error,       // the directory could not answer this lookup
};
const char* result_name(Result result);

enum class ServerChoice {
    keep,          // the server part as given
    home,          // the last RDN of msExchHomeServerName (Exchange 5.5 to 2010)
    personalized,  // "<msExchMailboxGuid>@<primary SMTP domain>" (Exchange 2013 and later)
};
std::optional<ServerChoice> server_choice_of(std::string_view name);  // "keep", "home", ...

struct Options {
    ServerChoice server = ServerChoice::keep;
    bool exact = false;  // the mailbox as "=alias", the exact-match form (KB Q193643)
};

// One value an answer used: the attribute's name and the value (msExchMailboxGuid as text).
struct Evidence {
    std::string attribute;
    std::string value;
};

struct Answer {
    std::string input;
    Result result = Result::invalid;
    std::optional<std::string> output;    // the ProfileInfo: resolved only
    std::optional<std::string> entry;     // the entry's DN, once exactly one was found
    std::optional<std::int32_t> status;   // psh status: PSH_OK when resolved, the failing
                                          // status when unsafe or (psh_check's) when invalid
    std::string reason;                   // why not resolved, one line
    std::string filter;                   // the search made (RFC 4515)
    std::vector<std::string> candidates;  // ambiguous: every matching entry's DN
    std::vector<Evidence> evidence;       // the values the answer was built from
};

// Fills `answer` (entry, output, status, evidence, result) from the one `entry` the
// request's lookup found.
void build_answer(const Request& request, const Entry& entry, const Options& options, Answer& answer);

}  // namespace profshim::directory
