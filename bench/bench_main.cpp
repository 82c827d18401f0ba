// profshim_bench: profshim through dlopen'ed function pointers, next to the std::regex and
// OpenLDAP baselines, after checking that they all give the same answers.
//
//   profshim_bench [--library=PATH] [--verify-verbose] [--verify-only]
//                  [--sanitiser-corpus=FILE] [--benchmark_... flags]
//
// Each benchmark reports the counters `allocs` (heap allocations per call, counted over the
// timed loop itself by alloc_count.cpp) and `bytes` (the input's length), and bytes/s.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "alloc_count.hpp"
#include "baseline_ldap.hpp"
#include "baseline_regex.hpp"
#include "corpus.hpp"
#include "profshim_api.hpp"
#include "verify.hpp"

namespace bench {
namespace {

struct Input {
    std::string name;
    std::string text;
    std::vector<psh_wchar> wide;   // the text's UTF-16 (section 11.1), and a NUL
    std::string dn;   // the DN part, for the OpenLDAP baseline (empty when none)
    int32_t size() const { return static_cast<int32_t>(text.size()); }
    int32_t wide_size() const { return static_cast<int32_t>(wide.size()) - 1; }
};

// Kept for the process's life: the benchmarks hold pointers to them.
std::vector<std::unique_ptr<Input>> g_inputs;

const Input& add_input(const std::string& name, const std::string& text) {
    auto input = std::make_unique<Input>();
    input->name = name;
    input->text = text;
    input->wide = utf16_of(text);
    input->wide.push_back(0);   // NUL-terminated too, for the len -1 calls (never a NULL data())
    const std::size_t lf = text.find('\n');
    if (lf != std::string::npos && text.compare(lf + 1, 1, "/") == 0) input->dn = text.substr(lf + 1);
    g_inputs.push_back(std::move(input));
    return *g_inputs.back();
}

// Room for any result, in both widths.
char g_out[PSH_MAX_INPUT + 1];
psh_wchar g_out_w[PSH_MAX_INPUT + 1];
constexpr int32_t kCap = PSH_MAX_INPUT + 1;

template <class Call>
void measure(benchmark::State& state, const Input& input, Call call) {
    const uint64_t allocations_before = profshim_bench_allocations();
    for (auto _ : state) {
        auto result = call();
        benchmark::DoNotOptimize(result);
        benchmark::ClobberMemory();
    }
    const uint64_t allocations = profshim_bench_allocations() - allocations_before;
    state.counters["allocs"] = benchmark::Counter(static_cast<double>(allocations),
                                                  benchmark::Counter::kAvgIterations);
    state.counters["bytes"] = static_cast<double>(input.text.size());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(input.text.size()));
}

void register_profshim(const std::string& label, const Input& input, bool with_report) {
    const ProfshimApi& api = profshim();
    const Input* in = &input;
    benchmark::RegisterBenchmark(("psh_check/" + label).c_str(), [&api, in](benchmark::State& state) {
        measure(state, *in, [&] { return api.check(in->text.data(), in->size(), nullptr); });
    });
    benchmark::RegisterBenchmark(("psh_check_w/" + label).c_str(), [&api, in](benchmark::State& state) {
        measure(state, *in, [&] { return api.check_w(in->wide.data(), in->wide_size(), nullptr); });
    });
    if (with_report) {
        benchmark::RegisterBenchmark(("psh_check+report/" + label).c_str(), [&api, in](benchmark::State& state) {
            psh_report report{};
            report.size = sizeof report;
            measure(state, *in, [&] { return api.check(in->text.data(), in->size(), &report); });
        });
    }
    benchmark::RegisterBenchmark(("psh_rewrite/" + label).c_str(), [&api, in](benchmark::State& state) {
        int32_t length = 0;
        measure(state, *in, [&] { return api.rewrite(in->text.data(), in->size(), 0, g_out, kCap, &length); });
    });
    benchmark::RegisterBenchmark(("psh_rewrite_w/" + label).c_str(), [&api, in](benchmark::State& state) {
        int32_t length = 0;
        measure(state, *in, [&] { return api.rewrite_w(in->wide.data(), in->wide_size(), 0, g_out_w, kCap, &length); });
    });
    benchmark::RegisterBenchmark(("psh_profile_name/" + label).c_str(), [&api, in](benchmark::State& state) {
        int32_t length = 0;
        measure(state, *in, [&] { return api.profile_name(in->text.data(), in->size(), 0, g_out, kCap, &length); });
    });
    benchmark::RegisterBenchmark(("psh_profile_name_w/" + label).c_str(), [&api, in](benchmark::State& state) {
        int32_t length = 0;
        measure(state, *in, [&] {
            return api.profile_name_w(in->wide.data(), in->wide_size(), 0, g_out_w, kCap, &length);
        });
    });
}

// The KB input as an FFI caller most often passes it, NUL-terminated (len -1) with a
// report for psh_check, next to the floor: strlen and memcpy of the same bytes, what any
// function that reads a C string and writes a copy must at least do. bench/report.py
// prints each function's time over the floor, and each _w function's over its byte twin.
void register_floor(const std::string& label, const Input& input) {
    const ProfshimApi& api = profshim();
    const Input* in = &input;
    benchmark::RegisterBenchmark(("floor_strlen+memcpy/" + label).c_str(), [in](benchmark::State& state) {
        measure(state, *in, [&] {
            const char* text = in->text.c_str();
            benchmark::DoNotOptimize(text);   // a pointer the compiler knows nothing of
            const std::size_t length = std::strlen(text);
            std::memcpy(g_out, text, length + 1);
            return length;
        });
    });
    benchmark::RegisterBenchmark(("psh_check+report_nul/" + label).c_str(), [&api, in](benchmark::State& state) {
        psh_report report{};
        report.size = sizeof report;
        measure(state, *in, [&] { return api.check(in->text.c_str(), -1, &report); });
    });
    benchmark::RegisterBenchmark(("psh_check_w+report_nul/" + label).c_str(), [&api, in](benchmark::State& state) {
        psh_report report{};
        report.size = sizeof report;
        measure(state, *in, [&] { return api.check_w(in->wide.data(), -1, &report); });
    });
    benchmark::RegisterBenchmark(("psh_rewrite_nul/" + label).c_str(), [&api, in](benchmark::State& state) {
        int32_t length = 0;
        measure(state, *in, [&] { return api.rewrite(in->text.c_str(), -1, 0, g_out, kCap, &length); });
    });
    benchmark::RegisterBenchmark(("psh_rewrite_w_nul/" + label).c_str(), [&api, in](benchmark::State& state) {
        int32_t length = 0;
        measure(state, *in, [&] { return api.rewrite_w(in->wide.data(), -1, 0, g_out_w, kCap, &length); });
    });
    benchmark::RegisterBenchmark(("psh_profile_name_nul/" + label).c_str(), [&api, in](benchmark::State& state) {
        int32_t length = 0;
        measure(state, *in, [&] { return api.profile_name(in->text.c_str(), -1, 0, g_out, kCap, &length); });
    });
    benchmark::RegisterBenchmark(("psh_profile_name_w_nul/" + label).c_str(), [&api, in](benchmark::State& state) {
        int32_t length = 0;
        measure(state, *in, [&] { return api.profile_name_w(in->wide.data(), -1, 0, g_out_w, kCap, &length); });
    });
}

void register_baselines(const std::string& label, const Input& input) {
    const Input* in = &input;
    benchmark::RegisterBenchmark(("regex_check/" + label).c_str(), [in](benchmark::State& state) {
        measure(state, *in, [&] { return regex_baseline::check(in->text); });
    });
    benchmark::RegisterBenchmark(("regex_rewrite/" + label).c_str(), [in](benchmark::State& state) {
        std::string out;   // reused, the baseline's best case
        measure(state, *in, [&] { return regex_baseline::rewrite(in->text, 0, out); });
    });
    benchmark::RegisterBenchmark(("regex_profile_name/" + label).c_str(), [in](benchmark::State& state) {
        std::string out;
        measure(state, *in, [&] { return regex_baseline::profile_name(in->text, out); });
    });
    if (!in->dn.empty() && in->text.find('\r') == std::string::npos) {
        // The DN part alone, as one NUL-terminated string (what ldap_str2dn takes).
        benchmark::RegisterBenchmark(("ldap_str2dn+dn2str/" + label).c_str(), [in](benchmark::State& state) {
            measure(state, *in, [&] { return ldap_baseline::round_trip_timed(in->dn.c_str()); });
            state.counters["bytes"] = static_cast<double>(in->dn.size());
            state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(in->dn.size()));
        });
    }
}

void register_all() {
    for (const Sample& sample : realistic_inputs()) {
        const Input& input = add_input(sample.name, sample.text);
        register_profshim(sample.name, input, true);
        register_baselines(sample.name, input);
        if (sample.name == "kb_dn") register_floor(sample.name, input);
    }
    for (std::size_t size : sweep_sizes()) {
        register_profshim("tail_" + std::to_string(size), add_input("tail", tail_input(size)), false);
    }
    for (std::size_t size : dn_sizes()) {
        register_profshim("dn_" + std::to_string(size), add_input("dn", dn_input(size)), false);
    }
    for (const Sample& sample : unicode_inputs()) {
        register_profshim(sample.name, add_input(sample.name, sample.text), false);
    }
}

bool take_flag(const char* arg, const char* name, std::string* value) {
    const std::size_t length = std::strlen(name);
    if (std::strncmp(arg, name, length) != 0) return false;
    if (value == nullptr) return arg[length] == '\0';
    if (arg[length] != '=') return false;
    *value = arg + length + 1;
    return true;
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
    std::string library = PROFSHIM_BENCH_LIBRARY;
    std::string sanitiser_corpus;
    bool verbose = false;
    bool verify_only = false;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        if (bench::take_flag(argv[i], "--library", &library) ||
            bench::take_flag(argv[i], "--sanitiser-corpus", &sanitiser_corpus)) {
            continue;
        }
        if (bench::take_flag(argv[i], "--verify-verbose", nullptr)) {
            verbose = true;
            continue;
        }
        if (bench::take_flag(argv[i], "--verify-only", nullptr)) {
            verify_only = true;
            continue;
        }
        argv[kept++] = argv[i];
    }
    argc = kept;
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

    bench::load_profshim(library);
    std::fprintf(stderr, "profshim_bench: %s\n", library.c_str());
    if (const int mismatches = bench::verify_all(verbose); mismatches != 0) {
        std::fprintf(stderr,
                     "profshim_bench: FAILED: %d mismatches between profshim and a baseline (above); "
                     "nothing was timed\n",
                     mismatches);
        return 1;
    }
    if (!sanitiser_corpus.empty()) bench::write_sanitiser_corpus(sanitiser_corpus);
    if (verify_only) return 0;

    benchmark::AddCustomContext("profshim_library", library);
    benchmark::AddCustomContext("compiler", PROFSHIM_BENCH_COMPILER);
    bench::register_all();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
