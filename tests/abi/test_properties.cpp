// Properties the contract implies for every input, checked over many generated inputs
// (corpus strings mutated with the units that matter: separators, DN punctuation, spaces,
// CR, TAB, NUL, non-ASCII), with a fixed seed so a failure repeats. Each input ends right
// before a guard page. No call may crash, and:
//  - section 3/5: the status is a contract code (never PSH_E_UNEXPECTED), report->status is
//    the value returned, error_offset is -1 exactly for PSH_OK / PSH_E_NO_SEPARATOR /
//    PSH_E_TOO_LONG and otherwise inside [0, len], and the separator fields match the LFs;
//  - section 5: rewritable == (psh_rewrite(info, len, 0) == PSH_OK);
//  - section 6: a rewrite is not longer, passes psh_check, and rewriting it changes nothing;
//    an input that passes psh_check rewrites to itself (anon aside) ;
//  - section 7: a name is S_M_<16 hex>, at most 64 units of [a-z0-9_]; the name of the
//    KEEP_DN rewrite (the normalised ProfileInfo) is the name of the input;
//  - sections 2/5: case does not change psh_check's verdict; both widths agree on ASCII and
//    on 0x80 and 0x85, refused in both (a stray UTF-8 byte; the C1 controls U+0080, U+0085).
//    test_unicode.cpp has the equivalence of widths for any characters (section 11.6).
#include <random>

#include "check_cases.hpp"
#include "corpus.hpp"

namespace psh_abi {
namespace {

class Generator {
public:
    explicit Generator(uint32_t seed) : rng_(seed) {}
    uint32_t below(uint32_t n) { return static_cast<uint32_t>(rng_() % n); }

    // A corpus string with a few mutations, as units (may hold units above 0x7F).
    std::vector<uint32_t> next(const std::vector<std::string>& seeds) {
        const std::string& s = seeds[below(static_cast<uint32_t>(seeds.size()))];
        std::vector<uint32_t> v(s.begin(), s.end());
        for (auto& u : v) u &= 0xFF;
        const uint32_t edits = below(5);
        for (uint32_t e = 0; e < edits; ++e) {
            const uint32_t op = below(4);
            const size_t pos = v.empty() ? 0 : below(static_cast<uint32_t>(v.size() + 1));
            if (op == 0 && !v.empty() && pos < v.size()) {
                v.erase(v.begin() + static_cast<long>(pos));
            } else if (op == 1 && pos < v.size()) {
                v[pos] = pick();
            } else if (op == 2) {
                v.insert(v.begin() + static_cast<long>(pos), pick());
            } else if (!v.empty() && pos < v.size()) {  // flip the case of a letter
                if (v[pos] >= 'a' && v[pos] <= 'z') v[pos] -= 32;
                else if (v[pos] >= 'A' && v[pos] <= 'Z') v[pos] += 32;
            }
        }
        if (v.size() > static_cast<size_t>(PSH_MAX_INPUT) + 8) v.resize(PSH_MAX_INPUT + 8);
        return v;
    }

private:
    uint32_t pick() {
        static const uint32_t interesting[] = {'\n', '\n', '\n', '\r', '\t', ' ', ' ', '/', '/', '=', 'o', 'u', 'c', 'n',
                                               '.', '.', '-', '_', ':', '?', '#', '$', 'a', 'Z', '0', 'A', 'N', 0, 0x7F,
                                               0x80, 0x85, 0x1F};
        return interesting[below(static_cast<uint32_t>(sizeof interesting / sizeof interesting[0]))];
    }
    std::mt19937 rng_;
};

bool is_contract_code(int32_t s) {
    for (const auto& c : contract_statuses())
        if (c.value == s) return s != PSH_E_UNEXPECTED;
    return false;
}

template <class U>
Units<U> to_units(const std::vector<uint32_t>& v) {
    Units<U> out;
    for (uint32_t u : v) out.push_back(static_cast<U>(u));
    return out;
}

template <class U>
Units<U> lowered_anon(Units<U> v) {
    // The only change psh_rewrite makes to an input that already passes psh_check.
    const size_t n = v.size();
    if (n >= 6 && v[n - 5] == '\n' && v[n - 6] == '\n')
        for (size_t i = n - 4; i < n; ++i)
            if (v[i] >= 'A' && v[i] <= 'Z') v[i] = static_cast<U>(v[i] + 32);
    return v;
}

template <class U>
void check_properties(const std::vector<uint32_t>& raw, int& checked_ok, int& rewritten) {
    const Units<U> in = to_units<U>(raw);
    const int32_t len = static_cast<int32_t>(in.size());
    SCOPED_TRACE(std::string(Width<U>::name) + " " + show(in));

    const CheckResult c = call_check<U>(in, LenMode::Explicit);
    ASSERT_TRUE(is_contract_code(c.status)) << status_name(c.status);
    ASSERT_EQ(c.status, c.status_without_report);
    const psh_report& r = c.report;
    EXPECT_EQ(r.status, c.status);
    if (len > PSH_MAX_INPUT) {
        EXPECT_STATUS(c.status, PSH_E_TOO_LONG);
        return;
    }
    const bool no_unit = c.status == PSH_OK || c.status == PSH_E_NO_SEPARATOR;
    if (no_unit) {
        EXPECT_EQ(r.error_offset, -1);
    } else {
        EXPECT_GE(r.error_offset, 0);
        EXPECT_LE(r.error_offset, len);
    }
    if (separators_parsed(c.status)) {
        EXPECT_EQ(r.server_offset, 0);
        ASSERT_GE(r.server_length, 0);
        ASSERT_LT(r.server_length, len);
        EXPECT_EQ(static_cast<uint32_t>(in[static_cast<size_t>(r.server_length)]), static_cast<uint32_t>('\n'));
        EXPECT_EQ(r.mailbox_offset + r.mailbox_length, len);
        if (r.form == PSH_FORM_ANONYMOUS) {
            EXPECT_EQ(r.mailbox_length, 4);
        }
    } else {
        EXPECT_EQ(r.form, PSH_FORM_UNKNOWN);
        EXPECT_EQ(r.server_offset, -1);
        EXPECT_EQ(r.server_length, 0);
        EXPECT_EQ(r.mailbox_offset, -1);
        EXPECT_EQ(r.mailbox_length, 0);
    }

    const OutResult<U> rw = call_rewrite<U>(in, LenMode::Explicit, 0);
    ASSERT_TRUE(is_contract_code(rw.status)) << status_name(rw.status);
    EXPECT_EQ(r.rewritable, rw.status == PSH_OK ? 1 : 0);
    if (c.status == PSH_OK) {
        ++checked_ok;
        EXPECT_STATUS(rw.status, PSH_OK);
        EXPECT_EQ(show(rw.text), show(lowered_anon(in))) << "a safe input rewrites to itself";
    }
    if (rw.status == PSH_OK) {
        ++rewritten;
        EXPECT_EQ(rw.out_len, static_cast<int32_t>(rw.text.size()));
        EXPECT_LE(rw.text.size(), in.size());
        EXPECT_STATUS(call_check<U>(rw.text, LenMode::Explicit).status, PSH_OK);
        const OutResult<U> again = call_rewrite<U>(rw.text, LenMode::Explicit, 0);
        EXPECT_EQ(show(again.text), show(rw.text));
    } else {
        EXPECT_EQ(rw.out_len, 0);
    }

    const OutResult<U> name = call_profile_name<U>(in, LenMode::Explicit, 0);
    ASSERT_TRUE(is_contract_code(name.status)) << status_name(name.status);
    if (rw.status == PSH_OK) {
        EXPECT_STATUS(name.status, PSH_OK) << "rewritable implies nameable";
    }
    if (name.status == PSH_OK) {
        ASSERT_GE(name.text.size(), 20u);
        EXPECT_LE(name.text.size(), 64u);
        for (size_t i = 0; i < name.text.size(); ++i) {
            const auto u = static_cast<uint32_t>(name.text[i]);
            const bool ok = (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '_';
            EXPECT_TRUE(ok) << show(name.text);
        }
        EXPECT_EQ(static_cast<uint32_t>(name.text[name.text.size() - 17]), static_cast<uint32_t>('_'));
        for (size_t i = name.text.size() - 16; i < name.text.size(); ++i) {
            const auto u = static_cast<uint32_t>(name.text[i]);
            EXPECT_TRUE((u >= '0' && u <= '9') || (u >= 'a' && u <= 'f')) << show(name.text);
        }
        const OutResult<U> kept = call_rewrite<U>(in, LenMode::Explicit, PSH_REWRITE_KEEP_DN);
        if (kept.status == PSH_OK) {
            EXPECT_EQ(show(call_profile_name<U>(kept.text, LenMode::Explicit, 0).text), show(name.text))
                << "the normalised ProfileInfo has the same name";
        }
    }

    // Case does not change the verdict of psh_check (every rule ignores ASCII case).
    Units<U> upper = in;
    for (auto& u : upper)
        if (u >= 'a' && u <= 'z') u = static_cast<U>(u - 32);
    const CheckResult cu = call_check<U>(upper, LenMode::Explicit);
    EXPECT_STATUS(cu.status, c.status) << "upper-cased: " << show(upper);
    EXPECT_EQ(cu.report.error_offset, r.error_offset);
    EXPECT_EQ(cu.report.form, r.form);
    EXPECT_EQ(cu.report.rewritable, r.rewritable);
}

TEST(Properties, GeneratedInputsKeepTheContractsInvariants) {
    PSH_REQUIRE_API();
    Generator gen(20240601u);
    const auto seeds = corpus();
    int checked_ok = 0, rewritten = 0;
    for (int i = 0; i < 2500; ++i) {
        const std::vector<uint32_t> raw = gen.next(seeds);
        check_properties<char>(raw, checked_ok, rewritten);
        check_properties<psh_wchar>(raw, checked_ok, rewritten);
        // Both widths agree on the same units.
        const CheckResult n = call_check<char>(to_units<char>(raw), LenMode::Explicit);
        const CheckResult w = call_check<psh_wchar>(to_units<psh_wchar>(raw), LenMode::Explicit);
        EXPECT_EQ(std::memcmp(&n.report, &w.report, sizeof n.report), 0) << show(to_units<char>(raw));
        if (::testing::Test::HasFailure()) {
            ADD_FAILURE() << "stopping at generated input " << i;
            return;
        }
    }
    // The generator reaches both sides of the rules.
    EXPECT_GT(checked_ok, 100);
    EXPECT_GT(rewritten, 500);
}

}  // namespace
}  // namespace psh_abi
