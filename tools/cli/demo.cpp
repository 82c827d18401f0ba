// profshim demo: walk through ProfileInfo samples and reproduce the KB Q271913 failure.
//
// For each sample: psh_check's verdict with a caret under the unit at fault, psh_rewrite,
// psh_profile_name, and an attempt to create the temporary profile file MAPI would make,
// "<mailbox part>.mmp" (the mailbox part being the text after the last LF), in a new
// directory, for the ProfileInfo as given and as rewritten. On Linux a DN's '/' makes the
// creation fail with ENOENT, the analogue of the ERROR_PATH_NOT_FOUND behind CDO's
// MAPI_E_NOT_FOUND.
//
// A sample line may carry a third TAB field stating what the contract says it should give:
//     check=STATUS[@OFFSET] rewrite=STATUS|"OUTPUT" name=STATUS|"NAME"
// STATUS is a status name with or without its PSH_/PSH_E_ prefix; a quoted value (C
// escapes) means PSH_OK with exactly that result. The demo compares and shows DIFFERS;
// with --strict it exits 1 on any difference.

#include <cstdint>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "api.hpp"
#include "cescape.hpp"
#include "cli.hpp"
#include "inputs.hpp"
#include "osfile.hpp"
#include "term.hpp"

namespace profshim_cli {

namespace {

struct Expect {
    bool has_check = false;
    int32_t check_status = PSH_OK;
    bool has_at = false;
    int32_t at = -1;
    bool has_rewrite = false;
    int32_t rewrite_status = PSH_OK;
    std::string rewrite_out;
    bool has_name = false;
    int32_t name_status = PSH_OK;
    std::string name;
    bool has_exact = false;   // psh_rewrite with PSH_REWRITE_EXACT (since 1.1)
    int32_t exact_status = PSH_OK;
    std::string exact_out;
};

bool parse_int(std::string_view s, int32_t& v) {
    if (s.empty() || s.size() > 9) return false;
    bool neg = false;
    if (s[0] == '-') {
        neg = true;
        s.remove_prefix(1);
        if (s.empty()) return false;
    }
    int32_t r = 0;
    for (const char c : s) {
        if (c < '0' || c > '9') return false;
        r = r * 10 + (c - '0');
    }
    v = neg ? -r : r;
    return true;
}

// Reads `key=value` tokens separated by spaces; a value in double quotes holds C escapes.
bool parse_expect(std::string_view text, Expect& x, std::string& err) {
    std::size_t i = 0;
    while (true) {
        while (i < text.size() && text[i] == ' ') ++i;
        if (i >= text.size()) return true;
        const std::size_t eq = text.find('=', i);
        if (eq == std::string_view::npos) {
            err = "expected key=value at column " + std::to_string(i + 1);
            return false;
        }
        const std::string_view key = text.substr(i, eq - i);
        i = eq + 1;
        bool quoted = false;
        std::string value;
        if (i < text.size() && text[i] == '"') {
            quoted = true;
            std::size_t j = i + 1;
            while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
            if (j >= text.size()) {
                err = "unterminated quoted value for '" + std::string(key) + "'";
                return false;
            }
            DecodeError de;
            if (!decode_c_escapes(text.substr(i + 1, j - i - 1), value, de)) {
                err = "bad escape in '" + std::string(key) + "': " + de.message;
                return false;
            }
            i = j + 1;
        } else {
            std::size_t j = text.find(' ', i);
            if (j == std::string_view::npos) j = text.size();
            value = std::string(text.substr(i, j - i));
            i = j;
        }
        auto status_of = [&](std::string_view name, int32_t& st) {
            if (parse_status_name(name, st)) return true;
            err = "unknown status '" + std::string(name) + "' for '" + std::string(key) + "'";
            return false;
        };
        if (key == "check") {
            if (quoted) {
                err = "check= takes a status, not a quoted string";
                return false;
            }
            x.has_check = true;
            std::string_view v = value;
            const std::size_t at = v.find('@');
            if (at != std::string_view::npos) {
                if (!parse_int(v.substr(at + 1), x.at)) {
                    err = "bad offset in '" + value + "'";
                    return false;
                }
                x.has_at = true;
                v = v.substr(0, at);
            }
            if (!status_of(v, x.check_status)) return false;
        } else if (key == "rewrite" || key == "name" || key == "exact") {
            bool& has = key == "rewrite" ? x.has_rewrite : key == "name" ? x.has_name : x.has_exact;
            int32_t& st = key == "rewrite" ? x.rewrite_status : key == "name" ? x.name_status : x.exact_status;
            std::string& out = key == "rewrite" ? x.rewrite_out : key == "name" ? x.name : x.exact_out;
            has = true;
            if (quoted) {
                st = PSH_OK;
                out = value;
            } else if (!status_of(value, st)) {
                return false;
            } else if (st == PSH_OK) {
                err = std::string(key) + "=OK needs the expected result in quotes instead";
                return false;
            }
        } else {
            err = "unknown key '" + std::string(key) + "' (known: check, rewrite, exact, name)";
            return false;
        }
    }
}

// The mailbox part as MAPI would use it for the file name: everything after the last LF.
std::string_view mailbox_part(std::string_view info) {
    const std::size_t lf = info.rfind('\n');
    return lf == std::string_view::npos ? info : info.substr(lf + 1);
}

std::string at_text(int32_t offset) {
    return offset >= 0 ? " at " + std::to_string(offset) : std::string();
}

enum class Fate { safe, rewrite, name, unusable };

struct Tally {
    int samples = 0;
    int safe = 0;
    int by_rewrite = 0;
    int by_name = 0;
    int unusable = 0;
    int with_expect = 0;
    int differ = 0;
    int system_trouble = 0;
    int given_not_created = 0;      // <mailbox>.mmp as given could not be made
    int rewritten_not_created = 0;  // ... nor for the rewritten ProfileInfo
    int rewritten_tried = 0;
};

class Demo {
public:
    explicit Demo(const Style& style) : style_(style), width_(output_width()) {}

    bool sample(const Entry& e, std::size_t index, std::size_t count, Tally& tally, std::string& err);

private:
    static constexpr std::size_t kIndent = 12;

    void row(std::string_view key, const std::string& text) const {
        std::cout << "  " << pad_right(key, kIndent - 2) << text << "\n";
    }
    void wrapped(std::string_view key, std::string_view text) const {
        const std::size_t w = width_ > kIndent + 20 ? width_ - kIndent : 20;
        const auto lines = word_wrap(text, w);
        for (std::size_t i = 0; i < lines.size(); ++i)
            row(i == 0 ? key : "", lines[i]);
    }
    void file_rows(const std::string& given_name, const std::string* rewritten_name, const Check& c,
                   Tally& tally) const;
    std::string try_file(const std::string& dir, const std::string& name, bool note_lenient, Tally& tally,
                         CreateResult& result) const;

    const Style& style_;
    std::size_t width_;
};

std::string Demo::try_file(const std::string& dir, const std::string& name, bool note_lenient,
                           Tally& tally, CreateResult& result) const {
    result = try_create_file(dir, name);
    const CreateResult& r = result;
    std::string s;
    switch (r.outcome) {
        case CreateOutcome::created:
            s = style_.green("created");
            if (note_lenient)
                s += style_.dim(std::string(" (") + system_name() + " allows this name; Windows would not)");
            break;
        case CreateOutcome::device:
            s = style_.yellow("opened a device, not a file");
            break;
        case CreateOutcome::failed:
            s = style_.red("cannot create: " + to_string(r.error));
            break;
        case CreateOutcome::not_tried:
            s = style_.yellow("not tried: " + r.why);
            break;
    }
    if (!r.cleanup_ok) {
        ++tally.system_trouble;
        s += style_.red(" (could not remove it: " + to_string(r.cleanup_error) + ")");
    }
    return s;
}

void Demo::file_rows(const std::string& given_name, const std::string* rewritten_name,
                     const Check& c, Tally& tally) const {
    std::string dir;
    OsError oe;
    if (!make_temp_dir(dir, oe)) {
        ++tally.system_trouble;
        row("file", style_.red("cannot make a temporary directory: " + to_string(oe)));
        return;
    }
    const Shown given = show_escaped(given_name, true);
    const std::string rewritten = rewritten_name != nullptr ? escaped(*rewritten_name, true) : "-";
    const std::size_t w = std::max(given.text.size(), rewritten.size());
    // psh_check faulted the mailbox itself for a Windows file-name rule: if this system
    // creates the file anyway, say that Windows would not.
    const bool lenient = lenient_file_names() &&
                         (c.status == PSH_E_UNSAFE_CHAR || c.status == PSH_E_RESERVED_NAME) &&
                         c.report.mailbox_offset >= 0 && c.report.error_offset >= c.report.mailbox_offset;
    CreateResult given_result;
    row("file", "as given   " + pad_right(given.text, w) + "  " +
                    try_file(dir, given_name, lenient, tally, given_result));
    if (given_result.outcome == CreateOutcome::failed || given_result.outcome == CreateOutcome::device)
        ++tally.given_not_created;
    const bool q271913 = given_result.outcome == CreateOutcome::failed &&
                         is_path_not_found(given_result.error) &&
                         given_name.find_first_of(lenient_file_names() ? "/" : "/\\") != std::string::npos;
    if (q271913) {
        const std::string why =
            lenient_file_names()
                ? "(the '/' makes the name a path through directories that do not exist: ENOENT here is "
                  "the analogue of the ERROR_PATH_NOT_FOUND behind CDO's MAPI_E_NOT_FOUND, KB Q271913)"
                : "(the name is a path through directories that do not exist: the error behind CDO's "
                  "MAPI_E_NOT_FOUND, KB Q271913)";
        const std::size_t indent = kIndent + 11;
        for (const auto& line : word_wrap(why, width_ > indent + 30 ? width_ - indent : 30))
            std::cout << std::string(indent, ' ') << style_.dim(line) << "\n";
    }
    if (rewritten_name != nullptr) {
        CreateResult rewritten_result;
        row("", "rewritten  " + pad_right(rewritten, w) + "  " +
                    try_file(dir, *rewritten_name, false, tally, rewritten_result));
        ++tally.rewritten_tried;
        if (rewritten_result.outcome == CreateOutcome::failed || rewritten_result.outcome == CreateOutcome::device)
            ++tally.rewritten_not_created;
    } else
        row("", "rewritten  " + pad_right(rewritten, w) + "  " + style_.dim("nothing to try: the rewrite failed"));
    if (!remove_dir(dir, oe)) {
        ++tally.system_trouble;
        row("", style_.red("could not remove " + dir + ": " + to_string(oe)));
    }
}

bool Demo::sample(const Entry& e, std::size_t index, std::size_t count, Tally& tally, std::string& err) {
    Expect x;
    if (!e.expect.empty() && !parse_expect(e.expect, x, err)) {
        err = e.source + ": bad expectation: " + err;
        return false;
    }

    const Check c = check(e.info);
    const psh_report& r = c.report;
    const Text rw = rewrite(e.info, 0);
    const Text ex = rewrite(e.info, PSH_REWRITE_EXACT);
    const Text nm = profile_name(e.info);

    const std::string title = "[" + std::to_string(index + 1) + "/" + std::to_string(count) + "] " +
                              (e.label.empty() ? e.source : e.label);
    std::cout << "\n" << style_.bold(title) << "\n";

    // The input, and a caret under the unit at fault.
    const Shown shown = show_quoted_clipped(e.info);
    row("input", shown.text);
    if (r.error_offset >= 0 && static_cast<std::size_t>(r.error_offset) < shown.column.size() &&
        shown.column[static_cast<std::size_t>(r.error_offset)] != kNoColumn) {
        const auto off = static_cast<std::size_t>(r.error_offset);
        const std::string where = off == e.info.size() ? "the end, unit " + std::to_string(off)
                                                       : "unit " + std::to_string(off);
        std::cout << std::string(kIndent + shown.column[off], ' ') << style_.yellow("^ ")
                  << style_.dim(where) << "\n";
    }

    // The verdict.
    wrapped("verdict", describe(c.status));
    std::string facts = std::string("form ") + form_name(r.form);
    if (c.status != PSH_OK)
        facts += r.rewritable != 0 ? "; psh_rewrite can fix it" : "; psh_rewrite cannot fix it";
    row("", style_.dim(facts));

    // The rewrite and the profile name.
    if (rw.status == PSH_OK)
        row("rewrite", escaped(rw.text, true) + (rw.text == e.info ? style_.dim("  (unchanged)") : ""));
    else if (rw.status == c.status)
        row("rewrite", style_.red("fails: " + status_label(rw.status)) + style_.dim("  (as above)"));
    else
        wrapped("rewrite", "fails: " + describe(rw.status));
    if (ex.status == PSH_OK && ex.text != rw.text)
        row("exact", escaped(ex.text, true) + style_.dim("  (rewrite --exact: KB Q193643's exact match)"));
    if (nm.status == PSH_OK)
        row("name", nm.text);
    else if (nm.status == c.status || nm.status == rw.status)
        row("name", style_.red("fails: " + status_label(nm.status)) + style_.dim("  (as above)"));
    else
        wrapped("name", "fails: " + describe(nm.status));

    // MAPI's temporary profile file.
    const std::string given_file = std::string(mailbox_part(e.info)) + ".mmp";
    const std::string rewritten_file = rw.status == PSH_OK ? std::string(mailbox_part(rw.text)) + ".mmp" : "";
    file_rows(given_file, rw.status == PSH_OK ? &rewritten_file : nullptr, c, tally);

    // What the samples file says the contract gives.
    if (!e.expect.empty()) {
        ++tally.with_expect;
        std::vector<std::string> diffs;
        if (x.has_check && (c.status != x.check_status || (x.has_at && r.error_offset != x.at)))
            diffs.push_back("check: expected " + status_label(x.check_status) +
                            (x.has_at ? at_text(x.at) : "") + ", got " + status_label(c.status) +
                            at_text(r.error_offset));
        if (x.has_rewrite && (rw.status != x.rewrite_status ||
                              (x.rewrite_status == PSH_OK && rw.text != x.rewrite_out)))
            diffs.push_back("rewrite: expected " +
                            (x.rewrite_status == PSH_OK ? escaped(x.rewrite_out, true) : status_label(x.rewrite_status)) +
                            ", got " + (rw.status == PSH_OK ? escaped(rw.text, true) : status_label(rw.status)));
        if (x.has_exact && (ex.status != x.exact_status ||
                            (x.exact_status == PSH_OK && ex.text != x.exact_out)))
            diffs.push_back("exact: expected " +
                            (x.exact_status == PSH_OK ? escaped(x.exact_out, true) : status_label(x.exact_status)) +
                            ", got " + (ex.status == PSH_OK ? escaped(ex.text, true) : status_label(ex.status)));
        if (x.has_name && (nm.status != x.name_status || (x.name_status == PSH_OK && nm.text != x.name)))
            diffs.push_back("name: expected " +
                            (x.name_status == PSH_OK ? x.name : status_label(x.name_status)) + ", got " +
                            (nm.status == PSH_OK ? nm.text : status_label(nm.status)));
        if (diffs.empty()) {
            row("expected", style_.green("yes") + style_.dim("  (check, rewrite and name as the samples file says)"));
        } else {
            ++tally.differ;
            for (std::size_t i = 0; i < diffs.size(); ++i)
                row(i == 0 ? "expected" : "", style_.red("DIFFERS " + diffs[i]));
        }
    }

    ++tally.samples;
    if (c.status == PSH_OK) ++tally.safe;
    else if (rw.status == PSH_OK) ++tally.by_rewrite;
    else if (nm.status == PSH_OK) ++tally.by_name;
    else ++tally.unusable;
    return true;
}

}  // namespace

int run_demo(const std::string& file, bool strict) {
    const std::string path = file.empty() ? std::string(default_samples_path()) : file;
    std::vector<Entry> entries;
    std::string err;
    if (!entries_from_file(path, entries, err)) {
        if (file.empty()) err += "\n(the default samples file is fixed at build time; name another FILE)";
        return usage_error(err);
    }
    if (entries.empty()) return usage_error("no samples in '" + path + "'");
    // Every expectation is read before anything is printed, so a bad one is a usage error.
    for (const Entry& e : entries) {
        Expect x;
        if (!e.expect.empty() && !parse_expect(e.expect, x, err))
            return usage_error(e.source + ": bad expectation: " + err);
    }

    const Style style = Style::for_stdout();
    std::cout << style.bold("profshim demo") << ": " << entries.size() << " ProfileInfo samples from "
              << path << "\n"
              << "For each: psh_check's verdict (a caret under the unit at fault), psh_rewrite,\n"
                 "psh_profile_name, and whether MAPI's temporary profile file <mailbox>.mmp can be\n"
                 "created on "
              << system_name()
              << ", as given and rewritten (mailbox = the text after the last LF; each\n"
                 "try in a new temporary directory, removed afterwards).\n";

    Demo demo(style);
    Tally tally;
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (!demo.sample(entries[i], i, entries.size(), tally, err)) return usage_error(err);

    std::cout << "\n";
    if (tally.with_expect > 0) {
        if (tally.differ == 0)
            std::cout << style.green("All " + std::to_string(tally.with_expect) +
                                     " stated expectations met.")
                      << "\n";
        else
            std::cout << style.red(std::to_string(tally.differ) + " of " + std::to_string(tally.with_expect) +
                                   " samples differ from their stated expectations (DIFFERS above).")
                      << "\n";
    }
    std::string files = "The temporary profile file could not be created for " +
                        std::to_string(tally.given_not_created) + " of " + std::to_string(tally.samples) +
                        " samples as given";
    if (tally.rewritten_tried > 0) {
        if (tally.rewritten_not_created == 0)
            files += ", and was created for all " + std::to_string(tally.rewritten_tried) +
                     " that psh_rewrite returned";
        else
            files += ", nor for " + std::to_string(tally.rewritten_not_created) + " of the " +
                     std::to_string(tally.rewritten_tried) + " that psh_rewrite returned";
    }
    for (const auto& line : word_wrap(files + ".", output_width())) std::cout << line << "\n";
    if (tally.system_trouble > 0)
        std::cout << style.red(std::to_string(tally.system_trouble) +
                               " file-system step(s) failed (see above).")
                  << "\n";
    std::cout << style.bold(std::to_string(tally.samples) + " samples: " + std::to_string(tally.safe) +
                            " safe as given, " + std::to_string(tally.by_rewrite) +
                            " made safe by rewrite, " + std::to_string(tally.by_name) +
                            " need a profile name, " + std::to_string(tally.unusable) +
                            " unusable until fixed by hand.")
              << "\n";
    return !strict || (tally.differ == 0 && tally.system_trouble == 0) ? kExitOk : kExitNotOk;
}

}  // namespace profshim_cli
