// check_cases.hpp - running one psh_check case and comparing every report field (contract
// section 5), in both widths and both length modes. Shared by the check and DN-grammar tests.
#pragma once

#include <string>

#include "abi_support.hpp"

namespace psh_abi {

// One expected psh_check outcome. The separator fields are derived from the contract's
// definitions: -1/0 until the separators are parsed (rule 2 succeeded); then the server is
// [0, first LF) and the mailbox is what follows the LF (authenticated form) or the "anon" after
// the two LFs (anonymous form).
struct CheckCase {
    std::string rule;           // the contract rule, for the failure message
    std::string info;           // the ProfileInfo
    int32_t status;             // expected return value (and report->status)
    int32_t error_offset = -1;  // expected report->error_offset; -1 (left out of the tables) when there is none
    int32_t form;               // expected report->form
    int32_t rewritable;         // expected report->rewritable
};

inline bool separators_parsed(int32_t status) {
    return !(status == PSH_E_BAD_CHAR || status == PSH_E_NO_SEPARATOR || status == PSH_E_SYNTAX ||
             status == PSH_E_TOO_LONG || status == PSH_E_POINTER || status == PSH_E_INVALIDARG ||
             status == PSH_E_UNKNOWN_FLAGS);
}

struct ExpectedParts {
    int32_t server_offset = -1, server_length = 0, mailbox_offset = -1, mailbox_length = 0;
};

inline ExpectedParts expected_parts(const std::string& info, int32_t status, int32_t form) {
    ExpectedParts p;
    if (!separators_parsed(status)) return p;
    const size_t lf = info.find('\n');
    p.server_offset = 0;
    p.server_length = static_cast<int32_t>(lf);
    if (form == PSH_FORM_ANONYMOUS) {
        p.mailbox_offset = static_cast<int32_t>(lf + 2);
        p.mailbox_length = 4;
    } else {
        p.mailbox_offset = static_cast<int32_t>(lf + 1);
        p.mailbox_length = static_cast<int32_t>(info.size() - lf - 1);
    }
    return p;
}

// Compares one call's report with the expectation; `what` names the call in messages.
inline void expect_report(const psh_report& r, int32_t status, int32_t form, const ExpectedParts& p,
                          int32_t error_offset, int32_t rewritable) {
    EXPECT_EQ(r.size, static_cast<int32_t>(sizeof(psh_report))) << "report->size must stay as the caller set it";
    EXPECT_STATUS(r.status, status) << "report->status";
    EXPECT_EQ(r.form, form) << "report->form";
    EXPECT_EQ(r.server_offset, p.server_offset) << "report->server_offset";
    EXPECT_EQ(r.server_length, p.server_length) << "report->server_length";
    EXPECT_EQ(r.mailbox_offset, p.mailbox_offset) << "report->mailbox_offset";
    EXPECT_EQ(r.mailbox_length, p.mailbox_length) << "report->mailbox_length";
    EXPECT_EQ(r.error_offset, error_offset) << "report->error_offset";
    if (rewritable >= 0) {
        EXPECT_EQ(r.rewritable, rewritable) << "report->rewritable";
    }
}

// Runs `c` in width U, both length modes, with and without a report. `rewritable` is also
// checked against its definition: psh_rewrite(info, len, 0, ...) with room enough is PSH_OK.
template <class U>
void run_check_case(const CheckCase& c) {
    SCOPED_TRACE("rule " + c.rule + ", info " + show(c.info) + ", " + Width<U>::name);
    const Units<U> in = units<U>(c.info);
    const ExpectedParts parts = expected_parts(c.info, c.status, c.form);
    for (LenMode mode : kBothModes) {
        if (mode == LenMode::NulTerminated && c.info.find('\0') != std::string::npos) continue;
        SCOPED_TRACE(mode_name(mode));
        const CheckResult res = call_check<U>(in, mode);
        EXPECT_STATUS(res.status, c.status);
        EXPECT_STATUS(res.status_without_report, c.status) << "report = NULL";
        expect_report(res.report, c.status, c.form, parts, c.error_offset, c.rewritable);
        const OutResult<U> rw = call_rewrite<U>(in, mode, 0);
        EXPECT_EQ(res.report.rewritable, rw.status == PSH_OK ? 1 : 0)
            << "rewritable disagrees with psh_rewrite, which returned " << status_name(rw.status);
    }
}

template <class U>
void run_check_cases(const std::vector<CheckCase>& cases) {
    for (const auto& c : cases) run_check_case<U>(c);
}

// Shorthands for the tables.
inline std::string A(size_t n) { return std::string(n, 'a'); }
constexpr int32_t kUnknown = PSH_FORM_UNKNOWN;
constexpr int32_t kAlias = PSH_FORM_ALIAS;
constexpr int32_t kDn = PSH_FORM_DN;
constexpr int32_t kAnon = PSH_FORM_ANONYMOUS;

// A host name of exactly n units: labels of 50 letters joined by '.', never ending in '.'.
inline std::string host_of_length(size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += (i % 51 == 50) ? '.' : static_cast<char>('a' + i % 26);
    if (!s.empty() && s.back() == '.') s.back() = 'z';
    return s;
}

}  // namespace psh_abi
