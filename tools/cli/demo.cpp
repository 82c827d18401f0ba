// profshim demo: walk through ProfileInfo samples and reproduce the KB Q271913 failure.
//
// For each sample: psh_check's verdict with a caret under the unit at fault, psh_rewrite,
// psh_profile_name, and an attempt to create the temporary profile file MAPI would make,
// "<mailbox part>.mmp" (the mailbox part being the text after the last LF), in a new
// directory, for the ProfileInfo as given and as rewritten. On Linux a DN's '/' makes the
// creation fail with ENOENT, the analogue of the ERROR_PATH_NOT_FOUND behind CDO's
// MAPI_E_NOT_FOUND. Whether the library meets the samples' EXPECT fields is the samples
// test's business (tests/samples), not the demo's.

#include <fstream>
#include <iostream>

#include "api.hpp"
#include "cescape.hpp"
#include "commands.hpp"
#include "osfile.hpp"
#include "samples.hpp"
#include "term.hpp"

namespace profshim_cli {

namespace {

constexpr std::size_t kIndent = 12;

struct Tally {
    int samples = 0, safe = 0, by_rewrite = 0, by_name = 0, unusable = 0;
    int given_failed = 0, rewritten_tried = 0, rewritten_failed = 0, system_trouble = 0;
};

class Demo {
public:
    Demo() : style_(Style::for_stdout()), width_(output_width()) {}
    void sample(const Sample& s, const std::string& source);
    int finish() const;

private:
    void row(std::string_view key, const std::string& text) const {
        std::cout << "  " << key << std::string(kIndent - 2 - key.size(), ' ') << text << "\n";
    }
    void wrapped(std::string_view key, std::string_view text) const {
        const auto lines = word_wrap(text, width_ > kIndent + 20 ? width_ - kIndent : 20);
        for (std::size_t i = 0; i < lines.size(); ++i) row(i == 0 ? key : "", lines[i]);
    }
    // Tries `name` in `dir` and says what happened.
    CreateResult try_file(const std::string& dir, const std::string& name, bool lenient, std::string& said);
    void files(const std::string& info, const Text& rw, const Check& c);

    Style style_;
    std::size_t width_;
    Tally tally_;
};

CreateResult Demo::try_file(const std::string& dir, const std::string& name, bool lenient, std::string& said) {
    const CreateResult r = try_create_file(dir, name);
    switch (r.outcome) {
        case CreateOutcome::created:
            said = style_.green("created");
            if (lenient) said += style_.dim(std::string(" (") + system_name() + " allows this name; Windows would not)");
            break;
        case CreateOutcome::device: said = style_.yellow("opened a device, not a file"); break;
        case CreateOutcome::failed: said = style_.red("cannot create: " + r.error.text); break;
        case CreateOutcome::not_tried: said = style_.yellow("not tried: " + r.why); break;
    }
    if (!r.cleanup_ok) {
        ++tally_.system_trouble;
        said += style_.red(" (could not remove it: " + r.error.text + ")");
    }
    return r;
}

bool not_created(const CreateResult& r) { return r.outcome == CreateOutcome::failed || r.outcome == CreateOutcome::device; }

void Demo::files(const std::string& info, const Text& rw, const Check& c) {
    std::string dir;
    OsError oe;
    if (!make_temp_dir(dir, oe)) {
        ++tally_.system_trouble;
        row("file", style_.red("cannot make a temporary directory: " + oe.text));
        return;
    }
    const std::string given = info.substr(info.rfind('\n') + 1) + ".mmp";  // npos + 1 == 0
    const std::string rewritten = rw.status == PSH_OK ? rw.text.substr(rw.text.rfind('\n') + 1) + ".mmp" : "";
    const std::string given_shown = encode_c_escapes(given, true);
    const std::string rewritten_shown = rw.status == PSH_OK ? encode_c_escapes(rewritten, true) : "-";
    const std::size_t w = std::max(given_shown.size(), rewritten_shown.size());
    auto pad = [w](const std::string& s) { return s + std::string(w - s.size(), ' '); };
    // psh_check faulted the mailbox for a Windows file-name rule: if this system creates
    // the file anyway, say that Windows would not.
    const bool lenient = lenient_file_names() && (c.status == PSH_E_UNSAFE_CHAR || c.status == PSH_E_RESERVED_NAME) &&
                         c.report.mailbox_offset >= 0 && c.report.error_offset >= c.report.mailbox_offset;
    std::string said;
    const CreateResult as_given = try_file(dir, given, lenient, said);
    tally_.given_failed += not_created(as_given) ? 1 : 0;
    row("file", "as given   " + pad(given_shown) + "  " + said);
    if (as_given.outcome == CreateOutcome::failed && is_path_not_found(as_given.error) &&
        given.find_first_of(lenient_file_names() ? "/" : "/\\") != std::string::npos) {
        const std::string why = lenient_file_names()
            ? "(the '/' makes the name a path through directories that do not exist: ENOENT here is the analogue "
              "of the ERROR_PATH_NOT_FOUND behind CDO's MAPI_E_NOT_FOUND, KB Q271913)"
            : "(the name is a path through directories that do not exist: the error behind CDO's MAPI_E_NOT_FOUND, "
              "KB Q271913)";
        for (const auto& line : word_wrap(why, width_ > kIndent + 41 ? width_ - kIndent - 11 : 30))
            std::cout << std::string(kIndent + 11, ' ') << style_.dim(line) << "\n";
    }
    if (rw.status == PSH_OK) {
        ++tally_.rewritten_tried;
        tally_.rewritten_failed += not_created(try_file(dir, rewritten, false, said)) ? 1 : 0;
        row("", "rewritten  " + pad(rewritten_shown) + "  " + said);
    } else {
        row("", "rewritten  " + pad(rewritten_shown) + "  " + style_.dim("nothing to try: the rewrite failed"));
    }
    if (!remove_dir(dir, oe)) {
        ++tally_.system_trouble;
        row("", style_.red("could not remove " + dir + ": " + oe.text));
    }
}

void Demo::sample(const Sample& s, const std::string& source) {
    const Check c = check(s.info);
    const psh_report& r = c.report;
    const Text rw = rewrite(s.info, 0);
    const Text nm = profile_name(s.info);
    ++tally_.samples;
    std::cout << "\n" << style_.bold("[" + std::to_string(tally_.samples) + "] " + (s.label.empty() ? source : s.label)) << "\n";

    std::vector<std::size_t> column;
    row("input", encode_c_escapes(s.info, true, &column));
    if (r.error_offset >= 0 && static_cast<std::size_t>(r.error_offset) < column.size()) {
        const auto at = static_cast<std::size_t>(r.error_offset);
        std::cout << std::string(kIndent + column[at], ' ') << style_.yellow("^ ")
                  << style_.dim((at == s.info.size() ? "the end, unit " : "unit ") + std::to_string(at)) << "\n";
    }
    wrapped("verdict", describe(c.status));
    row("", style_.dim(std::string("form ") + form_name(r.form) +
                       (c.status == PSH_OK ? "" : r.rewritable != 0 ? "; psh_rewrite can fix it" : "; psh_rewrite cannot fix it")));
    if (rw.status == PSH_OK)
        row("rewrite", encode_c_escapes(rw.text, true) + (rw.text == s.info ? style_.dim("  (unchanged)") : ""));
    else if (rw.status == c.status)
        row("rewrite", style_.red("fails: " + status_name(rw.status)) + style_.dim("  (as above)"));
    else
        wrapped("rewrite", "fails: " + describe(rw.status));
    if (nm.status == PSH_OK)
        row("name", nm.text);
    else if (nm.status == c.status || nm.status == rw.status)
        row("name", style_.red("fails: " + status_name(nm.status)) + style_.dim("  (as above)"));
    else
        wrapped("name", "fails: " + describe(nm.status));
    files(s.info, rw, c);

    if (c.status == PSH_OK) ++tally_.safe;
    else if (rw.status == PSH_OK) ++tally_.by_rewrite;
    else if (nm.status == PSH_OK) ++tally_.by_name;
    else ++tally_.unusable;
}

int Demo::finish() const {
    const Tally& t = tally_;
    std::string files = "\nThe temporary profile file could not be created for " + std::to_string(t.given_failed) + " of " +
                        std::to_string(t.samples) + " samples as given";
    if (t.rewritten_tried > 0)
        files += t.rewritten_failed == 0
                     ? ", and was created for all " + std::to_string(t.rewritten_tried) + " that psh_rewrite returned"
                     : ", nor for " + std::to_string(t.rewritten_failed) + " of the " + std::to_string(t.rewritten_tried) +
                           " that psh_rewrite returned";
    for (const auto& line : word_wrap(files + ".", width_)) std::cout << line << "\n";
    if (t.system_trouble > 0)
        std::cout << style_.red(std::to_string(t.system_trouble) + " file-system step(s) failed (see above).") << "\n";
    std::cout << style_.bold(std::to_string(t.samples) + " samples: " + std::to_string(t.safe) + " safe as given, " +
                             std::to_string(t.by_rewrite) + " made safe by rewrite, " + std::to_string(t.by_name) +
                             " need a profile name, " + std::to_string(t.unusable) + " unusable until fixed by hand.")
              << "\n";
    return t.system_trouble == 0 ? kExitOk : kExitNotOk;
}

// With no FILE: the samples file beside the program (the build tree, the Windows zip),
// then, on Linux, where `cmake --install` puts it: ../share/profshim beside bin/.
std::vector<std::string> default_samples() {
    const std::string dir = program_directory();
#ifdef _WIN32
    return {dir + "\\profileinfo-samples.txt"};
#else
    return {dir + "/profileinfo-samples.txt", dir + "/../share/profshim/profileinfo-samples.txt"};
#endif
}

int run(const std::vector<Given>& given) {
    if (given.size() > 1) return usage_error("demo takes at most one FILE");
    const std::vector<std::string> candidates = given.empty() ? default_samples() : std::vector<std::string>{std::string(given[0].value)};
    std::ifstream file;
    std::string path;
    for (const std::string& p : candidates) {
        file.open(p, std::ios::binary);
        if (file) {
            path = p;
            break;
        }
        file.clear();
    }
    if (path.empty()) {
        if (!given.empty()) return usage_error("cannot read '" + candidates[0] + "'");
        std::string looked;
        for (const std::string& p : candidates) looked += "\n    " + p;
        return usage_error("no FILE given, and no profileinfo-samples.txt where demo looks for it:" + looked +
                           "\nname the samples file: profshim demo FILE");
    }
    const Style style = Style::for_stdout();
    std::cout << style.bold("profshim demo") << ": the ProfileInfo samples of " << path << "\n"
              << "For each: psh_check's verdict (a caret under the unit at fault), psh_rewrite,\n"
                 "psh_profile_name, and whether MAPI's temporary profile file <mailbox>.mmp can be\n"
                 "created on " << system_name()
              << ", as given and rewritten (mailbox = the text after the last LF; each\n"
                 "try in a new temporary directory, removed afterwards).\n";
    Demo demo;
    SampleReader reader(file);
    Sample s;
    while (reader.next(s)) demo.sample(s, path + ":" + std::to_string(s.line));
    if (reader.failed()) return usage_error(path + ":" + reader.error());
    return demo.finish();
}

constexpr Option kOptions[] = {
    {nullptr, 0, "FILE", false, "the samples file (default: profileinfo-samples.txt beside the\nprogram, or in ../share/profshim on Linux)"},
};

}  // namespace

const Command kDemoCommand{
    "demo", "walk through the samples: verdict, rewrite, name, MAPI's <mailbox>.mmp file", kOptions,
    "For each sample: the verdict with a caret, the rewrite, the profile name, and whether\n"
    "<mailbox>.mmp can be created in a new temporary directory, as given and rewritten.\n",
    run};

}  // namespace profshim_cli
