// Before anything is timed: every baseline must give profshim's answers on the sample
// corpus, and profshim's two widths must agree. A mismatch is printed and fails the run.
#pragma once

#include <cstdint>
#include <string>

namespace bench {

// psh_* through the loaded library, with room for any result.
struct Answer {
    int32_t status = 0;
    std::string text;   // the output when status is PSH_OK (wide results narrowed)
    bool operator==(const Answer&) const = default;
};
Answer psh_check_answer(const std::string& info);
Answer psh_rewrite_answer(const std::string& info, uint32_t flags);
Answer psh_profile_name_answer(const std::string& info);

// Runs every check; prints one line per mismatch (and, with `verbose`, what OpenLDAP
// accepts differently). Returns the number of mismatches.
int verify_all(bool verbose);

// Writes the file-name cases for the sanitiser baselines (JSON): each alias or DN mailbox of
// the corpus with profshim's verdict (is it unsafe as a file name?), and the inputs to time.
void write_sanitiser_corpus(const std::string& path);

// A status as its name (PSH_E_BAD_DN) or hex.
std::string status_name(int32_t status);

}  // namespace bench
