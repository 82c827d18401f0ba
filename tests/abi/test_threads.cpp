// profshim.h section 2: "Every function is reentrant and thread-safe (no mutable global state)".
// Several threads call every export at once over a corpus, each comparing every result with
// the one computed first on a single thread.
#include <atomic>
#include <thread>

#include "abi_support.hpp"
#include "corpus.hpp"

namespace psh_abi {
namespace {

// Everything one input gives, in one width.
template <class U>
struct Results {
    int32_t check_status = 0;
    psh_report report{};
    int32_t rewrite_status = 0, rewrite_len = 0;
    Units<U> rewrite_out;
    int32_t keep_status = 0, keep_len = 0;
    Units<U> keep_out;
    int32_t name_status = 0, name_len = 0;
    Units<U> name_out;
    bool operator==(const Results& o) const {
        return check_status == o.check_status && std::memcmp(&report, &o.report, sizeof report) == 0 &&
               rewrite_status == o.rewrite_status && rewrite_len == o.rewrite_len && rewrite_out == o.rewrite_out &&
               keep_status == o.keep_status && keep_len == o.keep_len && keep_out == o.keep_out &&
               name_status == o.name_status && name_len == o.name_len && name_out == o.name_out;
    }
};

template <class U>
Results<U> compute(const Units<U>& in, U* scratch, int32_t cap) {
    Results<U> r;
    static const U empty_string[1] = {0};
    const U* info = in.empty() ? empty_string : in.data();  // never a NULL info here
    const int32_t len = static_cast<int32_t>(in.size());
    r.report.size = static_cast<int32_t>(sizeof r.report);
    r.check_status = Width<U>::check()(info, len, &r.report);
    r.rewrite_status = Width<U>::rewrite()(info, len, 0, scratch, cap, &r.rewrite_len);
    if (r.rewrite_status == PSH_OK) r.rewrite_out.assign(scratch, scratch + r.rewrite_len);
    r.keep_status = Width<U>::rewrite()(info, len, PSH_REWRITE_KEEP_DN, scratch, cap, &r.keep_len);
    if (r.keep_status == PSH_OK) r.keep_out.assign(scratch, scratch + r.keep_len);
    r.name_status = Width<U>::profile_name()(info, len, 0, scratch, cap, &r.name_len);
    if (r.name_status == PSH_OK) r.name_out.assign(scratch, scratch + r.name_len);
    return r;
}

template <class U>
Units<U> describe_text(int32_t status, U* scratch, int32_t cap) {
    int32_t n = 0;
    if (Width<U>::describe()(status, scratch, cap, &n) != PSH_OK) return {};
    return Units<U>(scratch, scratch + n);
}

TEST(Threads, EveryExportConcurrentlyMatchesSingleThreadResults) {
    PSH_REQUIRE_API();
    const auto inputs = corpus();
    std::vector<Units<char>> narrow;
    std::vector<Units<psh_wchar>> wide;
    for (const auto& s : inputs) {
        narrow.push_back(units<char>(s));
        wide.push_back(units<psh_wchar>(s));
    }
    std::vector<int32_t> codes;
    for (const auto& s : contract_statuses()) codes.push_back(s.value);
    codes.push_back(0x12345678);
    codes.push_back(INT32_MIN);

    // Single-thread reference results.
    constexpr int32_t kCap = 8192;
    std::vector<char> sn(kCap);
    std::vector<psh_wchar> sw(kCap);
    std::vector<Results<char>> ref_n;
    std::vector<Results<psh_wchar>> ref_w;
    for (size_t i = 0; i < inputs.size(); ++i) {
        ref_n.push_back(compute<char>(narrow[i], sn.data(), kCap));
        ref_w.push_back(compute<psh_wchar>(wide[i], sw.data(), kCap));
    }
    std::vector<Units<char>> ref_dn;
    std::vector<Units<psh_wchar>> ref_dw;
    for (int32_t c : codes) {
        ref_dn.push_back(describe_text<char>(c, sn.data(), kCap));
        ref_dw.push_back(describe_text<psh_wchar>(c, sw.data(), kCap));
    }
    const int32_t version = api().version();

    constexpr int kThreads = 6;
    constexpr int kRounds = 40;
    std::atomic<int> mismatches{0};
    std::atomic<int> calls{0};
    std::atomic<bool> go{false};
    std::vector<std::string> first_failure(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            std::vector<char> bn(kCap);
            std::vector<psh_wchar> bw(kCap);
            while (!go.load()) std::this_thread::yield();
            for (int round = 0; round < kRounds; ++round) {
                for (size_t k = 0; k < inputs.size(); ++k) {
                    const size_t i = (k + static_cast<size_t>(t) * 7 + static_cast<size_t>(round)) % inputs.size();
                    bool ok = true;
                    if (!(compute<char>(narrow[i], bn.data(), kCap) == ref_n[i])) ok = false;
                    if (!(compute<psh_wchar>(wide[i], bw.data(), kCap) == ref_w[i])) ok = false;
                    const size_t d = (i + static_cast<size_t>(round)) % codes.size();
                    if (describe_text<char>(codes[d], bn.data(), kCap) != ref_dn[d]) ok = false;
                    if (describe_text<psh_wchar>(codes[d], bw.data(), kCap) != ref_dw[d]) ok = false;
                    if (api().version() != version) ok = false;
                    calls.fetch_add(9);
                    if (!ok) {
                        if (mismatches.fetch_add(1) == 0) first_failure[static_cast<size_t>(t)] = inputs[i];
                    }
                }
            }
        });
    }
    go.store(true);
    for (auto& th : threads) th.join();
    std::string which;
    for (const auto& f : first_failure)
        if (!f.empty()) which = f;
    EXPECT_EQ(mismatches.load(), 0) << "first input that differed: " << show(which);
    EXPECT_EQ(calls.load(), kThreads * kRounds * static_cast<int>(inputs.size()) * 9);
}

}  // namespace
}  // namespace psh_abi
