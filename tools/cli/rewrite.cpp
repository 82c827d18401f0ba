// profshim rewrite: the safe form of each ProfileInfo (psh_rewrite).

#include <CLI/CLI.hpp>

#include "cli.hpp"

namespace profshim_cli {

namespace {

int run(const CLI::App& command) {
    const bool keep_dn = command.count("--keep-dn") > 0, exact = command.count("--exact") > 0;
    const uint32_t flags = (keep_dn ? PSH_REWRITE_KEEP_DN : 0u) | (exact ? PSH_REWRITE_EXACT : 0u);
    std::size_t changed = 0;
    auto answer = [&](const std::string& info, bool json) {
        const Text t = rewrite(info, flags);
        const bool good = t.status == PSH_OK, differs = good && t.text != info;
        changed += differs ? 1 : 0;
        // A DN kept by --keep-dn that rewrite without it would fix: say so.
        const bool kept_dn_alone = keep_dn && t.status == PSH_E_UNSAFE_CHAR && rewrite(info, flags & ~PSH_REWRITE_KEEP_DN).status == PSH_OK;
        Answer a;
        a.status = t.status;
        a.message = !good    ? "profshim rewrite failed, there is no output: " + said(t.status, info, "rewrite", kept_dn_alone)
                    : differs ? "PSH_OK: the output is the safe form of this ProfileInfo; give it to CDO Session.Logon."
                              : "PSH_OK: this ProfileInfo is already in its safe form; nothing was changed.";
        if (json)
            a.json = {{"keep_dn", keep_dn},
                      {"exact", exact},
                      {"output", good ? Json(utf8_or_replacement(t.text)) : Json(nullptr)},
                      {"changed", good ? Json(differs) : Json(nullptr)}};
        else
            a.cells = {good ? encode_c_escapes(t.text, true, nullptr, true) : "-"};
        return a;
    };
    auto summary = [&](std::size_t n, std::size_t ok) {
        return std::string("rewritten") + (keep_dn ? " (keeping DN mailboxes)" : exact ? " (exact-match names)" : "") + ": " +
               std::to_string(ok) + " OK (" + std::to_string(changed) + " changed), " + std::to_string(n - ok) + " failed.";
    };
    return run_lines(command, {"rewrite", {{"REWRITTEN", 24, false}}, answer, summary});
}

void add_options(CLI::App& command) {
    add_json_option(command);
    command.add_flag("--keep-dn")->description("keep a DN mailbox instead of replacing it by its directory\nname (PSH_REWRITE_KEEP_DN)");
    command.add_flag("--exact")->description("write a directory name that replaces a DN as =NAME, the\nexact-match form of KB Q193643 (PSH_REWRITE_EXACT)");
    add_input_options(command);
}

}  // namespace

extern const Command kRewriteCommand{  // extern: listed in main.cpp
    "rewrite", "the safe form of each ProfileInfo (psh_rewrite)",
    "CRLF to LF, spaces trimmed, a DN mailbox replaced by its directory name (unless --keep-dn,\n"
    "or the DN is of Exchange 2007 or later), then checked as psh_check would.\n",
    add_options, run};

}  // namespace profshim_cli
