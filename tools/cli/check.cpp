// profshim check: is each ProfileInfo safe to give to CDO as it is? (psh_check)

#include "cli.hpp"

namespace profshim_cli {

namespace {

int run(const CLI::App& command) {
    std::size_t rewritable = 0;
    auto answer = [&](const std::string& info, bool json) {
        const Check c = check(info);
        const psh_report& r = c.report;
        rewritable += c.status != PSH_OK && r.rewritable != 0 ? 1 : 0;
        Answer a;
        a.status = c.status;
        a.message = said(c.status, info, "check");
        a.caret = r.error_offset;
        if (json)
            a.json = {{"form", form_name(r.form)},
                      {"server_offset", r.server_offset},
                      {"server_length", r.server_length},
                      {"mailbox_offset", r.mailbox_offset},
                      {"mailbox_length", r.mailbox_length},
                      {"error_offset", r.error_offset},
                      {"rewritable", r.rewritable != 0}};
        else
            a.cells = {r.error_offset >= 0 ? std::to_string(r.error_offset) : "-", r.form != PSH_FORM_UNKNOWN ? form_name(r.form) : "-",
                       c.status == PSH_OK ? "-" : r.rewritable != 0 ? "yes" : "no"};
        return a;
    };
    auto summary = [&](std::size_t n, std::size_t ok) {
        return "checked: " + std::to_string(ok) + " OK, " + std::to_string(n - ok) + " not OK" +
               (n > ok ? " (" + std::to_string(rewritable) + " of them can be fixed by 'profshim rewrite')." : ".");
    };
    return run_lines(command, {"check", {{"AT", 4, true}, {"FORM", 9, false}, {"REWRITABLE", 10, false}}, answer, summary});
}

void add_options(CLI::App& command) {
    add_json_option(command);
    add_input_options(command);
}

}  // namespace

extern const Command kCheckCommand{  // extern: listed in main.cpp
    "check", "is each ProfileInfo safe to give to CDO as it is? (psh_check)",
    "Table columns: STATUS, AT (the unit at fault, from 0, with a caret under it), FORM\n"
    "(alias, dn, anonymous; '-' where the separators did not parse, \"unknown\" in JSON),\n"
    "REWRITABLE (whether 'profshim rewrite' would make it safe).\n",
    add_options, run};

}  // namespace profshim_cli
