// The CLI's text for every status (issue 21), from each command that can give it: it starts
// with the status's name, names no C function or header, never advises the command that just
// failed, and never says to remove a character. The internal faults say so; a refused
// Exchange 2007+ DN says why and points to profshim resolve. Exit status 1 on any failure.

#include <iostream>
#include <string>

#include "cli.hpp"

namespace {

int failures = 0;

void expect(bool ok, const std::string& what, const std::string& text) {
    if (ok) return;
    ++failures;
    std::cerr << "FAILED: " << what << "\n  text: " << text << "\n";
}

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

int main() {
    using profshim_cli::said;
    const std::string dn2013 = "EX\n/o=fab/OU=Exchange Administrative Group (fydibohf23spdlt)/cn=Recipients/cn=7e4a-test";
    const std::string kb = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
    int statuses = 0;
    for (const std::string_view by : {"check", "rewrite", "name"}) {
#define PSH_CLI_EACH(n)                                                                                                     \
    for (const std::string& info : {kb, dn2013}) {                                                                          \
        const std::string t = said(n, info, by), where = std::string(#n) + " from " + std::string(by);                      \
        ++statuses;                                                                                                         \
        expect(t.starts_with(#n ": ") && t.size() > sizeof(#n) + 10, where + ": starts with its name", t);                   \
        expect(!has(t, "psh_") && !has(t, "PSH_REWRITE") && !has(t, "header") && !has(t, ".h "), where + ": no C", t);    \
        expect(!has(t, "profshim " + std::string(by)), where + ": does not advise the command that failed", t);            \
        expect(!has(t, "remove it") && !has(t, "Remove it"), where + ": never says remove it", t);                         \
    }
        PSH_STATUS_LIST(PSH_CLI_EACH)
#undef PSH_CLI_EACH
    }
    for (const int32_t internal : {PSH_E_POINTER, PSH_E_INVALIDARG, PSH_E_UNEXPECTED, PSH_E_INSUFFICIENT_BUFFER, PSH_E_UNKNOWN_FLAGS})
        expect(has(said(internal, kb, "check"), "an internal fault of profshim, not of your input"), "internal", said(internal, kb, "check"));
    const std::string modern = said(PSH_E_UNSAFE_CHAR, dn2013, "rewrite");
    expect(has(modern, "Exchange 2007 or later") && has(modern, "not rewritten") && has(modern, "profshim resolve"), "2007+ DN", modern);
    expect(profshim_cli::is_modern_dn(dn2013) && !profshim_cli::is_modern_dn(kb), "2007+ DN in any ASCII case", dn2013);
    const std::string kept = said(PSH_E_UNSAFE_CHAR, kb, "rewrite", true);
    expect(has(kept, "--keep-dn") && has(kept, "profshim name"), "--keep-dn", kept);
    expect(!has(said(PSH_E_UNSAFE_CHAR, kb, "rewrite"), "--keep-dn"), "not rewritable", said(PSH_E_UNSAFE_CHAR, kb, "rewrite"));
    const std::string bad = said(PSH_E_BAD_CHAR, kb, "check");
    expect(has(bad, "do not take it out") && has(bad, "profshim resolve"), "BAD_CHAR", bad);
    // The line break rewrite cleans comes first, and only from check; never the advice to take a character out.
    expect(bad.find("line break's CR") < bad.find("Any other character") && !has(bad, "Do not remove"), "BAD_CHAR: line break first", bad);
    // A newcomer's final trial: rewrite takes a tab off either end of a line, not only its end.
    expect(has(bad, "a tab at a line's start or end") && has(bad, "both ends of every line"), "BAD_CHAR: both ends", bad);
    const std::string rewrite_bad = said(PSH_E_BAD_CHAR, kb, "rewrite");
    expect(!has(rewrite_bad, "profshim rewrite") && has(rewrite_bad, "do not take it out"), "BAD_CHAR from rewrite", rewrite_bad);
    // A newcomer's final trial: spaces at a line's ends are rewritable BAD_SERVER/BAD_MAILBOX;
    // check says rewrite trims them, and a failed rewrite or name is not told so.
    for (const int32_t spaced : {PSH_E_BAD_SERVER, PSH_E_BAD_MAILBOX}) {
        expect(has(said(spaced, kb, "check"), "rewritable, the fault is only spaces") &&
                   has(said(spaced, kb, "check"), "profshim rewrite trims"),
               "spaces: check says rewrite trims", said(spaced, kb, "check"));
        expect(!has(said(spaced, kb, "rewrite"), "trims") && !has(said(spaced, kb, "name"), "trims"),
               "spaces: not told to a failed call", said(spaced, kb, "rewrite"));
    }
    const std::string bad_dn = said(PSH_E_BAD_DN, kb, "check");
    expect(has(bad_dn, "a DN holds only ASCII characters"), "BAD_DN: ASCII", bad_dn);
    const std::string no_lf = said(PSH_E_NO_SEPARATOR, kb, "check");
    expect(!has(no_lf, "empty"), "NO_SEPARATOR: an empty part has its own status", no_lf);
    expect(said(0x12345, kb, "check").starts_with("0x00012345: an internal fault"), "an unknown status", said(0x12345, kb, "check"));
    std::cout << statuses << " texts checked, " << failures << " failed\n";
    return failures == 0 ? 0 : 1;
}
