// profshim name: a safe, stable, unique MAPI profile name for each ProfileInfo
// (psh_profile_name).

#include "cli.hpp"

namespace profshim_cli {

namespace {

Answer answer(const std::string& info, bool json) {
    const Text t = profile_name(info);
    const bool good = t.status == PSH_OK;
    Answer a;
    a.status = t.status;
    a.message = good ? "PSH_OK: the profile name was made: a safe, stable MAPI profile name for this server and mailbox."
                     : "profshim name failed, there is no name: " + said(t.status, info, "name");
    if (json) a.json = {{"name", good ? Json(utf8_or_replacement(t.text)) : Json(nullptr)}};
    else a.cells = {good ? t.text : "-"};
    return a;
}

std::string summary(std::size_t n, std::size_t ok) {
    return "named: " + std::to_string(ok) + " OK, " + std::to_string(n - ok) + " failed.";
}

// The column holds the longest name there can be, so that every row lines up (the widths are
// fixed before the first row: the table streams).
int run(const CLI::App& command) {
    return run_lines(command, {"name", {{"PROFILE NAME", PSH_PROFILE_NAME_MAX, false}}, answer, summary});
}

void add_options(CLI::App& command) {
    add_json_option(command);
    add_input_options(command);
}

}  // namespace

extern const Command kNameCommand{  // extern: listed in main.cpp
    "name", "a safe, stable, unique MAPI profile name for each ProfileInfo (psh_profile_name)",
    "SERVER_MAILBOX_HASH, at most 64 units of A-Z a-z 0-9 _, the same for inputs that differ\n"
    "only in case or in whitespace.\n",
    add_options, run};

}  // namespace profshim_cli
