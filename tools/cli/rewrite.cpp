// profshim rewrite: the safe form of each ProfileInfo (psh_rewrite).

#include "cescape.hpp"
#include "cli.hpp"

namespace profshim_cli {

namespace {

class RewriteLines : public LineCommand {
public:
    RewriteLines(bool keep_dn, bool exact) : keep_dn_(keep_dn), exact_(exact) {}

    const char* verb() const override { return "rewrite"; }

    std::vector<Column> columns() const override {
        return {{"STATUS", 25, false}, {"REWRITTEN", 24, false}};
    }

    Answer answer(const Entry& e) override {
        const uint32_t flags = (keep_dn_ ? PSH_REWRITE_KEEP_DN : 0u) | (exact_ ? PSH_REWRITE_EXACT : 0u);
        const Text t = rewrite(e.info, flags);
        const bool ok = t.status == PSH_OK, changed = ok && t.text != e.info;
        ok_ += ok ? 1 : 0;
        changed_ += changed ? 1 : 0;
        Answer a;
        a.status = t.status;
        a.message = !ok      ? "psh_rewrite failed, there is no output: " + describe(t.status)
                    : changed ? "PSH_OK: the output is the safe form of this ProfileInfo; give it to CDO Session.Logon."
                              : "PSH_OK: this ProfileInfo is already in its safe form; psh_rewrite changed nothing.";
        a.json = std::string(",\"keep_dn\":") + (keep_dn_ ? "true" : "false") + ",\"exact\":" + (exact_ ? "true" : "false") +
                 ",\"output\":" + (ok ? json_string(t.text) : "null") +
                 ",\"changed\":" + (ok ? (changed ? "true" : "false") : "null");
        a.cells = {status_name(t.status), ok ? encode_c_escapes(t.text, true) : "-"};
        return a;
    }

    std::string summary(std::size_t n) const override {
        return std::to_string(n) + (n == 1 ? " ProfileInfo" : " ProfileInfos") + " rewritten" +
               (keep_dn_ ? " (keeping DN mailboxes)" : exact_ ? " (exact-match names)" : "") + ": " +
               std::to_string(ok_) + " OK (" + std::to_string(changed_) + " changed), " + std::to_string(n - ok_) +
               " failed.";
    }

private:
    bool keep_dn_, exact_;
    std::size_t ok_ = 0, changed_ = 0;
};

int run(const std::vector<Given>& given) {
    RewriteLines lines(has_switch(given, "keep-dn"), has_switch(given, "exact"));
    return run_lines(given, lines);
}

constexpr Option kOptions[] = {
    kJsonOption,
    {"keep-dn", 0, nullptr, false, "keep a DN mailbox instead of replacing it by its directory\nname (PSH_REWRITE_KEEP_DN)"},
    {"exact", 0, nullptr, false, "write a directory name that replaces a DN as =NAME, the\nexact-match form of KB Q193643 (PSH_REWRITE_EXACT)"},
    kFileOption,
    kInfoOperand,
};

}  // namespace

const Command kRewriteCommand{
    "rewrite", "the safe form of each ProfileInfo (psh_rewrite)", kOptions,
    "CRLF to LF, spaces trimmed, a DN mailbox replaced by its directory name (unless\n"
    "--keep-dn, or the DN is of Exchange 2007 or later), then checked as psh_check would.\n",
    run};

}  // namespace profshim_cli
