// profshim demo: walk through ProfileInfo samples and reproduce the KB Q271913 failure (the
// text it starts with says what it shows of each sample). On Linux a DN's '/' makes creating
// <mailbox>.mmp fail with ENOENT, the analogue of the ERROR_PATH_NOT_FOUND behind CDO's
// MAPI_E_NOT_FOUND. Whether the library meets the samples' EXPECT fields is the test
// samples.expectations' business, not the demo's.

#include <fstream>
#include <iostream>

#include "cli.hpp"

namespace profshim_cli {

namespace {

struct Tally {
    int samples = 0, safe = 0, by_rewrite = 0, by_name = 0, unusable = 0;
};

void row(std::string_view key, const std::string& text) {
    std::cout << "  " << key << std::string(10 - key.size(), ' ') << text << "\n";
}

// "<mailbox part>.mmp" of `info` as given and of its rewrite: can the system create them?
void files(const std::string& info, const Text& rw) {
    const std::string given = info.substr(info.rfind('\n') + 1) + ".mmp";  // npos + 1 is 0
    const std::string shown = encode_c_escapes(given, true);
    const Created c = try_create(given);
    row("file", "as given   " + shown + "  " + c.said);
    if (c.path_not_found && given.find_first_of(system_name() == std::string_view("Linux") ? "/" : "/\\") != std::string::npos)
        row("", "           (a path through directories that do not exist: the error behind CDO's MAPI_E_NOT_FOUND, KB Q271913)");
    if (rw.status != PSH_OK) {
        row("", "rewritten  -  nothing to try: the rewrite failed");
        return;
    }
    const std::string rewritten = rw.text.substr(rw.text.rfind('\n') + 1) + ".mmp";
    const std::string rewritten_shown = encode_c_escapes(rewritten, true);
    row("", "rewritten  " + rewritten_shown + std::string(shown.size() > rewritten_shown.size() ? shown.size() - rewritten_shown.size() : 0, ' ') +
                "  " + try_create(rewritten).said);
}

// A failure the line above already named is not described again.
void failure(std::string_view key, int32_t status, int32_t named, int32_t named_too) {
    row(key, status == named || status == named_too ? "fails: " + status_name(status) + "  (as above)" : "fails: " + what_happened(status));
}

void sample(const Sample& s, const std::string& source, Tally& t) {
    const Check c = check(s.info);
    const Text rw = rewrite(s.info, 0), nm = profile_name(s.info);
    std::cout << "\n[" << ++t.samples << "] " << (s.label.empty() ? source : s.label) << "\n";
    std::vector<std::size_t> at;
    row("input", encode_c_escapes(s.info, true, &at));
    const int32_t fault = c.report.error_offset;
    if (fault >= 0 && static_cast<std::size_t>(fault) < at.size())
        std::cout << std::string(12 + at[static_cast<std::size_t>(fault)], ' ') << "^ "
                  << (static_cast<std::size_t>(fault) == s.info.size() ? "the end, unit " : "unit ") << fault << "\n";
    row("verdict", verdict(c));
    row("", std::string("form ") + form_name(c.report.form) +
                (c.status == PSH_OK ? "" : c.report.rewritable != 0 ? "; psh_rewrite can fix it" : "; psh_rewrite cannot fix it"));
    if (rw.status == PSH_OK) row("rewrite", encode_c_escapes(rw.text, true) + (rw.text == s.info ? "  (unchanged)" : ""));
    else failure("rewrite", rw.status, c.status, c.status);
    if (const Text ex = rewrite(s.info, PSH_REWRITE_EXACT); ex.status == PSH_OK && ex.text != rw.text)
        row("exact", encode_c_escapes(ex.text, true) + "  (rewrite --exact: the exact-match form of KB Q193643)");
    if (nm.status == PSH_OK) row("name", nm.text);
    else failure("name", nm.status, c.status, rw.status);
    files(s.info, rw);
    ++(c.status == PSH_OK ? t.safe : rw.status == PSH_OK ? t.by_rewrite : nm.status == PSH_OK ? t.by_name : t.unusable);
}

int run(const std::vector<Given>& given) {
    if (given.size() > 1) return usage_error("demo takes at most one FILE");
    // With no FILE: the samples beside the program (the build tree, the Windows zip), then
    // where a Linux install puts them, ../share/profshim beside bin/.
    const std::filesystem::path dir = program_directory();
    std::vector<std::filesystem::path> paths{dir / "profileinfo-samples.txt"};
#ifndef _WIN32
    paths.push_back(dir / ".." / "share" / "profshim" / "profileinfo-samples.txt");
#endif
    if (!given.empty()) paths = {std::filesystem::path(given[0].value)};
    std::ifstream file;
    std::string looked, path, why;
    for (const auto& p : paths) {
        looked += "\n    " + p.string();
        why = open_to_read(p, file);
        if (why.empty()) {
            path = p.string();
            break;
        }
    }
    if (path.empty() && !given.empty()) {
        const std::string name(given[0].value);
        return file_error("cannot read '" + name + "': " + why +
                           (name == "-" ? " (demo reads a file; check, rewrite and name read standard input with -f -)" : ""));
    }
    if (path.empty())
        return usage_error("no FILE given, and no profileinfo-samples.txt where demo looks for it:" + looked);
    std::cout << "profshim demo: the samples of " << path << "\n"
              << "For each: psh_check's verdict (a caret under the unit at fault), psh_rewrite, psh_profile_name,\n"
                 "and whether MAPI's temporary profile file <mailbox>.mmp (mailbox: the text after the last LF)\n"
                 "can be created on " << system_name() << ", as given and rewritten, each in a new temporary directory.\n";
    Tally t;
    SampleReader reader(file);
    for (Sample s; reader.next(s);) sample(s, "line " + std::to_string(s.line), t);
    if (reader.failed()) return file_error(path + ":" + reader.error());
    std::cout << "\n" << t.samples << " samples: " << t.safe << " safe as given, " << t.by_rewrite << " made safe by rewrite, "
              << t.by_name << " need a profile name, " << t.unusable << " unusable until fixed by hand.\n";
    return kExitOk;
}

}  // namespace

const Command kDemoCommand{
    "demo", "walk through the samples: verdict, rewrite, name, MAPI's <mailbox>.mmp file", {},
    {nullptr, 0, "FILE", false, "the samples (default: profileinfo-samples.txt beside the\nprogram, or in ../share/profshim)"}, "", run};

}  // namespace profshim_cli
