// profshim.h section 2: every function "allocates nothing on the heap". A batch of calls of
// every export, over the corpus, in both widths, through every path (success, each failure,
// size query, too small a buffer, in place, argument errors), with malloc and operator new
// counted (alloc_interpose.cpp). First, controls prove that the counter sees allocations made
// from this executable and from a shared library.
#include <cstdlib>
#include <cstring>
#include <memory>

#include "abi_support.hpp"
#include "alloc_counter.hpp"
#include "corpus.hpp"

namespace psh_abi {
namespace {

// A function in libc that allocates: calls from a shared library reach our malloc through
// its PLT, exactly as libprofshim's would.
using StrdupFn = char* (*)(const char*);
StrdupFn volatile g_strdup = &::strdup;

TEST(Alloc, ControlAllocationsAreCounted) {
    alloc::start();
    char* p = g_strdup("counted by malloc, called from libc");
    int* q = new int(7);
    void* volatile r = std::malloc(40);
    const alloc::Counts c = alloc::stop();
    std::free(r);
    delete q;
    std::free(p);
    EXPECT_TRUE(alloc::interposed());
    EXPECT_GE(c.mallocs, 2) << "strdup inside libc, and malloc here";
    EXPECT_GE(c.news, 1) << "operator new";
    EXPECT_EQ(c.frees, 0);
    alloc::start();
    std::free(g_strdup("x"));
    const alloc::Counts d = alloc::stop();
    EXPECT_GE(d.mallocs, 1);
    EXPECT_GE(d.frees, 1);
}

// Every path of every export. `sink` keeps the results so that no call is dropped.
template <class U>
void batch(const std::vector<Units<U>>& inputs, U* out, int32_t cap, std::vector<int32_t>& sink) {
    static const U empty_string[1] = {0};
    int32_t n = 0;
    psh_report r{};
    for (const auto& in : inputs) {
        const U* info = in.empty() ? empty_string : in.data();
        const int32_t len = static_cast<int32_t>(in.size());
        r.size = static_cast<int32_t>(sizeof r);
        sink.push_back(Width<U>::check()(info, len, &r));
        sink.push_back(Width<U>::check()(info, len, nullptr));
        for (uint32_t flags : {0u, 1u, 2u}) {
            sink.push_back(Width<U>::rewrite()(info, len, flags, out, cap, &n));
            sink.push_back(Width<U>::rewrite()(info, len, flags, nullptr, 0, &n));  // size query
            sink.push_back(Width<U>::rewrite()(info, len, flags, out, 3, &n));      // too small
            sink.push_back(Width<U>::profile_name()(info, len, flags, out, cap, &n));
            sink.push_back(Width<U>::profile_name()(info, len, flags, nullptr, 0, nullptr));
            sink.push_back(Width<U>::profile_name()(info, len, flags, out, 3, &n));
        }
        // In place, successful or not.
        if (static_cast<int32_t>(in.size()) + 1 <= cap) {
            std::memcpy(out, info, in.size() * sizeof(U));
            out[in.size()] = 0;
            sink.push_back(Width<U>::rewrite()(out, -1, 0, out, cap, &n));
            std::memcpy(out, info, in.size() * sizeof(U));
            out[in.size()] = 0;
            sink.push_back(Width<U>::profile_name()(out, -1, 0, out, cap, &n));
        }
    }
    // Argument errors.
    sink.push_back(Width<U>::check()(nullptr, -1, &r));
    r.size = 35;
    sink.push_back(Width<U>::check()(empty_string, -1, &r));
    sink.push_back(Width<U>::rewrite()(nullptr, -1, 0, out, cap, &n));
    sink.push_back(Width<U>::rewrite()(empty_string, -1, 0, nullptr, 5, &n));
    sink.push_back(Width<U>::rewrite()(empty_string, -1, 0, out, -1, &n));
    sink.push_back(Width<U>::profile_name()(nullptr, -1, 0, out, cap, &n));
    sink.push_back(Width<U>::profile_name()(empty_string, 5000, 0, out, cap, &n));
    for (const auto& s : contract_statuses()) {
        sink.push_back(Width<U>::describe()(s.value, out, cap, &n));
        sink.push_back(Width<U>::describe()(s.value, nullptr, 0, &n));
        sink.push_back(Width<U>::describe()(s.value, out, 2, &n));
    }
    for (int32_t v : {0x12345678, INT32_MIN, -1, 1}) {
        sink.push_back(Width<U>::describe()(v, out, cap, &n));
        sink.push_back(Width<U>::describe()(v, nullptr, 0, nullptr));
    }
    sink.push_back(Width<U>::describe()(PSH_OK, nullptr, 5, &n));
    sink.push_back(Width<U>::describe()(PSH_OK, out, -5, &n));
    sink.push_back(api().version());
}

TEST(Alloc, NoExportAllocatesOnTheHeap) {
    PSH_REQUIRE_API();
    // Everything the batch needs is made before counting starts.
    std::vector<Units<char>> narrow;
    std::vector<Units<psh_wchar>> wide;
    for (const auto& s : corpus()) {
        narrow.push_back(units<char>(s));
        wide.push_back(units<psh_wchar>(s));
    }
    constexpr int32_t kCap = 8192;
    auto out_n = std::make_unique<char[]>(kCap);
    auto out_w = std::make_unique<psh_wchar[]>(kCap);
    std::vector<int32_t> sink;
    sink.reserve(100000);
    const size_t reserved = sink.capacity();
    (void)contract_statuses();  // the test's own lazily built table, built now

    // The very first calls into the library are counted too (no warm-up): a lazily built
    // table would be an allocation and mutable global state.
    alloc::start();
    for (int round = 0; round < 3; ++round) {
        batch<char>(narrow, out_n.get(), kCap, sink);
        batch<psh_wchar>(wide, out_w.get(), kCap, sink);
    }
    const alloc::Counts c = alloc::stop();

    ASSERT_EQ(sink.capacity(), reserved) << "the test's own vector grew while counting; raise the reserve";
    EXPECT_GT(sink.size(), 1000u);
    EXPECT_EQ(c.mallocs, 0) << "malloc-family calls during " << sink.size() << " calls of the exports";
    EXPECT_EQ(c.news, 0) << "operator new calls during " << sink.size() << " calls of the exports";
    EXPECT_EQ(c.frees, 0) << "free/delete calls during " << sink.size() << " calls of the exports";
    // The batch did reach the library: a sample of results.
    int ok = 0, failures = 0;
    for (int32_t s : sink) (s == PSH_OK ? ok : failures) += (s <= 0 ? 1 : 0);
    EXPECT_GT(ok, 100);
    EXPECT_GT(failures, 100);
}

}  // namespace
}  // namespace psh_abi
