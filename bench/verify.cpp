#include "verify.hpp"

#include <cstdio>
#include <fstream>
#include <set>
#include <stdexcept>
#include <vector>

#include "baseline_ldap.hpp"
#include "baseline_regex.hpp"
#include "corpus.hpp"
#include "profshim_api.hpp"

namespace bench {
namespace {

constexpr int32_t kRoom = PSH_MAX_INPUT + 1;

// The _w functions get the text's UTF-16 and write UTF-16 back (profshim.h section 11.1).
std::vector<psh_wchar> widen(const std::string& text) { return utf16_of(text); }

std::string narrow(const psh_wchar* units, int32_t size) { return utf8_of(units, static_cast<std::size_t>(size)); }

int32_t wide_length_of(const std::string& info) { return static_cast<int32_t>(widen(info).size()); }

int32_t length_of(const std::string& text) { return static_cast<int32_t>(text.size()); }

Answer rewrite_w_answer(const std::string& info, uint32_t flags) {
    const std::vector<psh_wchar> units = widen(info);
    std::vector<psh_wchar> out(kRoom);
    int32_t size = 0;
    Answer answer;
    answer.status = profshim().rewrite_w(units.data(), wide_length_of(info), flags, out.data(), kRoom, &size);
    if (answer.status == PSH_OK) answer.text = narrow(out.data(), size);
    return answer;
}

Answer profile_name_w_answer(const std::string& info) {
    const std::vector<psh_wchar> units = widen(info);
    std::vector<psh_wchar> out(kRoom);
    int32_t size = 0;
    Answer answer;
    answer.status = profshim().profile_name_w(units.data(), wide_length_of(info), 0, out.data(), kRoom, &size);
    if (answer.status == PSH_OK) answer.text = narrow(out.data(), size);
    return answer;
}

psh_report report_of(const std::string& info) {
    psh_report report{};
    report.size = sizeof report;
    profshim().check(info.data(), length_of(info), &report);
    return report;
}

struct Mismatches {
    int count = 0;
    void add(const Sample& sample, const std::string& what, const Answer& expected, const Answer& got) {
        ++count;
        std::fprintf(stderr, "MISMATCH %s on %s %s:\n    profshim %s %s\n    baseline %s %s\n",
                     what.c_str(), sample.name.c_str(), escaped(sample.text).c_str(),
                     status_name(expected.status).c_str(), escaped(expected.text).c_str(),
                     status_name(got.status).c_str(), escaped(got.text).c_str());
    }
    void add(const std::string& message) {
        ++count;
        std::fprintf(stderr, "MISMATCH %s\n", message.c_str());
    }
};

void compare(Mismatches& mismatches, const Sample& sample, const std::string& what,
             const Answer& expected, const Answer& got) {
    if (!(expected == got)) mismatches.add(sample, what, expected, got);
}

// The DN part of a sample and profshim's verdict on it, when profshim got as far as it.
struct DnCase {
    std::string dn;
    bool well_formed = false;
};

bool dn_case_of(const std::string& info, DnCase& found) {
    const psh_report report = report_of(info);
    if (report.server_offset < 0) return false;
    if (report.form == PSH_FORM_ANONYMOUS) {
        if (report.status != PSH_OK && report.status != PSH_E_BAD_DN) return false;
        found.dn = info.substr(static_cast<std::size_t>(report.server_offset),
                               static_cast<std::size_t>(report.server_length));
        found.well_formed = report.status == PSH_OK;
        return true;
    }
    if (report.form == PSH_FORM_DN) {
        if (report.status != PSH_E_UNSAFE_CHAR && report.status != PSH_E_BAD_DN) return false;
        found.dn = info.substr(static_cast<std::size_t>(report.mailbox_offset),
                               static_cast<std::size_t>(report.mailbox_length));
        found.well_formed = report.status == PSH_E_UNSAFE_CHAR;
        return true;
    }
    return false;
}

// OpenLDAP's DCE syntax gives ',' (between the AVAs of one RDN), '=' and '\' meanings that
// an Exchange DN's values do not have: such DNs are outside what the two can agree on.
bool ldap_comparable(const std::string& dn) {
    for (std::size_t slash = 0; slash != std::string::npos; slash = dn.find('/', slash + 1)) {
        const std::size_t value = dn.find('=', slash) + 1;
        const std::size_t end = dn.find('/', slash + 1);
        const std::string text = dn.substr(value, end == std::string::npos ? end : end - value);
        if (text.find_first_of(",=\\") != std::string::npos) return false;
    }
    return true;
}

void verify_ldap(Mismatches& mismatches, bool verbose) {
    int agreed = 0;
    std::set<std::string> must_agree = {"kb_dn", "max_dn"};
    for (const Sample& sample : sample_corpus()) {
        DnCase dn_case;
        if (!dn_case_of(sample.text, dn_case)) continue;
        const ldap_baseline::RoundTrip trip = ldap_baseline::round_trip(dn_case.dn);
        if (dn_case.well_formed && ldap_comparable(dn_case.dn)) {
            const std::string last_rdn = dn_case.dn.substr(dn_case.dn.rfind('/') + 4);
            if (!trip.ok() || trip.text != dn_case.dn || trip.last_rdn != last_rdn) {
                mismatches.add("OpenLDAP round trip on " + sample.name + " " + escaped(dn_case.dn) +
                               ": rc " + std::to_string(trip.rc_parse) + "/" + std::to_string(trip.rc_write) +
                               ", wrote " + escaped(trip.text) + ", last RDN " + escaped(trip.last_rdn) +
                               ", profshim's " + escaped(last_rdn));
                continue;
            }
            // Where profshim rewrote the DN to its directory name, OpenLDAP's is the same.
            const Answer rewritten = psh_rewrite_answer(sample.text, 0);
            if (rewritten.status == PSH_OK && rewritten.text.substr(rewritten.text.find('\n') + 1) != trip.last_rdn &&
                rewritten.text.find("\n\n") == std::string::npos) {
                mismatches.add("directory name of " + sample.name + ": profshim " + escaped(rewritten.text) +
                               ", OpenLDAP " + escaped(trip.last_rdn));
                continue;
            }
            ++agreed;
            must_agree.erase(sample.name);
        } else if (verbose) {
            std::fprintf(stderr, "  OpenLDAP differs by design on %-22s %s: profshim %s, OpenLDAP %s\n",
                        sample.name.c_str(), escaped(dn_case.dn).c_str(),
                        dn_case.well_formed ? "well-formed" : "PSH_E_BAD_DN",
                        !trip.ok() ? ("rejects (rc " + std::to_string(trip.rc_parse) + ")").c_str()
                        : trip.text == dn_case.dn ? "accepts, same text back"
                                                  : ("accepts, writes " + escaped(trip.text)).c_str());
        }
    }
    for (const std::string& name : must_agree) {
        mismatches.add("the timed DN input " + name + " is not one OpenLDAP and profshim agree on");
    }
    std::fprintf(stderr, "verify: OpenLDAP DCE round trip gives profshim's answers on %d DNs of the corpus\n", agreed);
}

}  // namespace

Answer psh_check_answer(const std::string& info) {
    return Answer{profshim().check(info.data(), length_of(info), nullptr), {}};
}

Answer psh_rewrite_answer(const std::string& info, uint32_t flags) {
    std::vector<char> out(kRoom);
    int32_t size = 0;
    Answer answer;
    answer.status = profshim().rewrite(info.data(), length_of(info), flags, out.data(), kRoom, &size);
    if (answer.status == PSH_OK) answer.text.assign(out.data(), static_cast<std::size_t>(size));
    return answer;
}

Answer psh_profile_name_answer(const std::string& info) {
    std::vector<char> out(kRoom);
    int32_t size = 0;
    Answer answer;
    answer.status = profshim().profile_name(info.data(), length_of(info), 0, out.data(), kRoom, &size);
    if (answer.status == PSH_OK) answer.text.assign(out.data(), static_cast<std::size_t>(size));
    return answer;
}

int verify_all(bool verbose) {
    Mismatches mismatches;
    std::set<int32_t> statuses;
    for (const Sample& sample : sample_corpus()) {
        const std::string& info = sample.text;
        const Answer check = psh_check_answer(info);
        statuses.insert(check.status);
        const std::vector<psh_wchar> units = widen(info);
        compare(mismatches, sample, "psh_check_w", check,
                Answer{profshim().check_w(units.data(), wide_length_of(info), nullptr), {}});
        compare(mismatches, sample, "psh_check with a report", check, Answer{report_of(info).status, {}});
        // The baselines implement 1.1's ASCII rules: a sample outside ASCII (section 11) is
        // held to the other width only.
        const bool baselines_apply = is_ascii(info);
        if (baselines_apply) compare(mismatches, sample, "regex check", check, Answer{regex_baseline::check(info), {}});

        for (uint32_t flags : {0u, PSH_REWRITE_KEEP_DN}) {
            const Answer rewrite = psh_rewrite_answer(info, flags);
            const std::string what = flags == 0 ? "rewrite" : "rewrite KEEP_DN";
            compare(mismatches, sample, "psh_" + what + " _w", rewrite, rewrite_w_answer(info, flags));
            Answer regex;
            regex.status = regex_baseline::rewrite(info, flags, regex.text);
            if (baselines_apply) compare(mismatches, sample, "regex " + what, rewrite, regex);
        }

        const Answer name = psh_profile_name_answer(info);
        compare(mismatches, sample, "psh_profile_name_w", name, profile_name_w_answer(info));
        Answer regex_name;
        regex_name.status = regex_baseline::profile_name(info, regex_name.text);
        if (baselines_apply) compare(mismatches, sample, "regex profile_name", name, regex_name);
        if (verbose) {
            std::fprintf(stderr, "  %-26s check %-26s rewrite %-26s name %s\n", sample.name.c_str(),
                        status_name(check.status).c_str(),
                        status_name(psh_rewrite_answer(info, 0).status).c_str(),
                        name.status == PSH_OK ? name.text.c_str() : status_name(name.status).c_str());
        }
    }
    std::fprintf(stderr, "verify: std::regex baseline and psh_*_w give psh_*'s answers on %zu inputs (%zu statuses; "
                "the baseline on the ASCII ones)\n", sample_corpus().size(), statuses.size());
    verify_ldap(mismatches, verbose);
    return mismatches.count;
}

namespace {

std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c > 0x7E) {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", c);
            out += escape;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

}  // namespace

void write_sanitiser_corpus(const std::string& path) {
    std::ofstream out(path);
    out << "{\n  \"cases\": [\n";
    bool first = true;
    std::set<std::string> seen;
    for (const Sample& sample : sample_corpus()) {
        if (!is_ascii(sample.text)) continue;   // the sanitisers are held to ASCII names only
        const psh_report report = report_of(sample.text);
        if (report.form != PSH_FORM_ALIAS && report.form != PSH_FORM_DN) continue;
        // profshim's verdict on the mailbox as a file name: fine, or unsafe or reserved at
        // the mailbox (not an earlier fault, nor a space or length fault that a sanitiser
        // would not call unsafe).
        const bool fine = report.status == PSH_OK;
        const bool unsafe = (report.status == PSH_E_UNSAFE_CHAR || report.status == PSH_E_RESERVED_NAME) &&
                            report.error_offset >= report.mailbox_offset;
        if (!fine && !unsafe) continue;
        const std::string mailbox = sample.text.substr(static_cast<std::size_t>(report.mailbox_offset),
                                                       static_cast<std::size_t>(report.mailbox_length));
        if (mailbox.size() > 255 || !seen.insert(mailbox).second) continue;   // sanitisers cut at 255
        out << (first ? "" : ",\n") << "    {\"name\": " << json_string(sample.name)
            << ", \"text\": " << json_string(mailbox) << ", \"unsafe\": " << (unsafe ? "true" : "false") << "}";
        first = false;
    }
    out << "\n  ],\n  \"timed\": [\n";
    first = true;
    for (const char* name : {"alias", "kb_dn", "max_dn"}) {
        out << (first ? "" : ",\n") << "    {\"name\": \"" << name
            << "\", \"text\": " << json_string(realistic_input(name).text) << "}";
        first = false;
    }
    out << "\n  ]\n}\n";
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string status_name(int32_t status) {
    static const std::pair<int32_t, const char*> kNames[] = {
        {PSH_OK, "PSH_OK"},
        {PSH_E_POINTER, "PSH_E_POINTER"},
        {PSH_E_INVALIDARG, "PSH_E_INVALIDARG"},
        {PSH_E_UNEXPECTED, "PSH_E_UNEXPECTED"},
        {PSH_E_INSUFFICIENT_BUFFER, "PSH_E_INSUFFICIENT_BUFFER"},
        {PSH_E_TOO_LONG, "PSH_E_TOO_LONG"},
        {PSH_E_UNKNOWN_FLAGS, "PSH_E_UNKNOWN_FLAGS"},
        {PSH_E_BAD_CHAR, "PSH_E_BAD_CHAR"},
        {PSH_E_NO_SEPARATOR, "PSH_E_NO_SEPARATOR"},
        {PSH_E_SYNTAX, "PSH_E_SYNTAX"},
        {PSH_E_EMPTY_SERVER, "PSH_E_EMPTY_SERVER"},
        {PSH_E_BAD_SERVER, "PSH_E_BAD_SERVER"},
        {PSH_E_EMPTY_MAILBOX, "PSH_E_EMPTY_MAILBOX"},
        {PSH_E_BAD_MAILBOX, "PSH_E_BAD_MAILBOX"},
        {PSH_E_BAD_DN, "PSH_E_BAD_DN"},
        {PSH_E_UNSAFE_CHAR, "PSH_E_UNSAFE_CHAR"},
        {PSH_E_RESERVED_NAME, "PSH_E_RESERVED_NAME"},
    };
    for (const auto& [value, name] : kNames) {
        if (value == status) return name;
    }
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08X", static_cast<unsigned>(status));
    return hex;
}

}  // namespace bench
