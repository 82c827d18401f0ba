// profshim rewrite: the safe form of each ProfileInfo (psh_rewrite).

#include "cli.hpp"

namespace profshim_cli {

namespace {

int run(const std::vector<Given>& given) {
    const bool keep_dn = has_switch(given, "keep-dn"), exact = has_switch(given, "exact");
    const uint32_t flags = (keep_dn ? PSH_REWRITE_KEEP_DN : 0u) | (exact ? PSH_REWRITE_EXACT : 0u);
    std::size_t changed = 0;
    auto answer = [&](const std::string& info) {
        const Text t = rewrite(info, flags);
        const bool good = t.status == PSH_OK, differs = good && t.text != info;
        changed += differs ? 1 : 0;
        return Answer{
            .status = t.status,
            .message = !good    ? "psh_rewrite failed, there is no output: " + what_happened(t.status)
                       : differs ? "PSH_OK: the output is the safe form of this ProfileInfo; give it to CDO Session.Logon."
                                 : "PSH_OK: this ProfileInfo is already in its safe form; psh_rewrite changed nothing.",
            .json = std::string(",\"keep_dn\":") + (keep_dn ? "true" : "false") + ",\"exact\":" + (exact ? "true" : "false") +
                    ",\"output\":" + (good ? json_string(t.text) : "null") + ",\"changed\":" + (good ? (differs ? "true" : "false") : "null"),
            .cells = {good ? encode_c_escapes(t.text, true) : "-"}};
    };
    auto summary = [&](std::size_t n, std::size_t ok) {
        return std::string("rewritten") + (keep_dn ? " (keeping DN mailboxes)" : exact ? " (exact-match names)" : "") + ": " +
               std::to_string(ok) + " OK (" + std::to_string(changed) + " changed), " + std::to_string(n - ok) + " failed.";
    };
    return run_lines(given, {"rewrite", {{"REWRITTEN", 24, false}}, answer, summary});
}

constexpr Option kOptions[] = {
    kJsonOption,
    {"keep-dn", 0, nullptr, false, "keep a DN mailbox instead of replacing it by its directory\nname (PSH_REWRITE_KEEP_DN)"},
    {"exact", 0, nullptr, false, "write a directory name that replaces a DN as =NAME, the\nexact-match form of KB Q193643 (PSH_REWRITE_EXACT)"},
    kFileOption,
};

}  // namespace

const Command kRewriteCommand{
    "rewrite", "the safe form of each ProfileInfo (psh_rewrite)", kOptions, kInfoOperand,
    "CRLF to LF, spaces trimmed, a DN mailbox replaced by its directory name (unless --keep-dn,\n"
    "or the DN is of Exchange 2007 or later), then checked as psh_check would.\n",
    run};

}  // namespace profshim_cli
