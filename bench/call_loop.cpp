// profshim_call_loop: one profshim function on one input of the benchmark, COUNT times, through
// the dlopen'ed library; nothing else. For instruction counts (bench/instructions runs it
// under callgrind, which counts the same on a busy machine as on a quiet one) and profiling.
//
//   profshim_call_loop LIBRARY FUNCTION INPUT COUNT
//     FUNCTION  psh_check, psh_check_w, psh_check+report, psh_rewrite, psh_rewrite_w,
//               psh_profile_name, psh_profile_name_w
//     INPUT     alias, kb_dn, max_dn, crlf_dirty, tail_N, dn_N, display_name_de,
//               display_name_zh, alias_cjk_64 (see corpus.hpp)
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "corpus.hpp"
#include "profshim_api.hpp"

namespace {

std::string input_named(const std::string& name) {
    if (name.rfind("tail_", 0) == 0) return bench::tail_input(std::stoul(name.substr(5)));
    if (name.rfind("dn_", 0) == 0) return bench::dn_input(std::stoul(name.substr(3)));
    for (const bench::Sample& sample : bench::unicode_inputs()) {
        if (sample.name == name) return sample.text;
    }
    return bench::realistic_input(name).text;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: profshim_call_loop LIBRARY FUNCTION INPUT COUNT\n");
        return 2;
    }
    const bench::ProfshimApi& api = bench::load_profshim(argv[1]);
    const std::string function = argv[2];
    const std::string text = input_named(argv[3]);
    const long count = std::atol(argv[4]);
    std::vector<psh_wchar> wide = bench::utf16_of(text);
    const auto wide_size = static_cast<int32_t>(wide.size());
    wide.push_back(0);
    const auto size = static_cast<int32_t>(text.size());
    static char out[PSH_MAX_INPUT + 1];
    static psh_wchar out_w[PSH_MAX_INPUT + 1];
    constexpr int32_t cap = PSH_MAX_INPUT + 1;
    int32_t length = 0;
    psh_report report{};
    report.size = sizeof report;

    // Resolved once, so the loop is one indirect call per iteration and nothing more.
    int32_t (*check)(const char*, int32_t, psh_report*) = nullptr;
    int32_t (*check_w)(const psh_wchar*, int32_t, psh_report*) = nullptr;
    int32_t (*transform)(const char*, int32_t, uint32_t, char*, int32_t, int32_t*) = nullptr;
    int32_t (*transform_w)(const psh_wchar*, int32_t, uint32_t, psh_wchar*, int32_t, int32_t*) = nullptr;
    psh_report* report_pointer = nullptr;
    if (function == "psh_check") check = api.check;
    else if (function == "psh_check+report") check = api.check, report_pointer = &report;
    else if (function == "psh_check_w") check_w = api.check_w;
    else if (function == "psh_rewrite") transform = api.rewrite;
    else if (function == "psh_rewrite_w") transform_w = api.rewrite_w;
    else if (function == "psh_profile_name") transform = api.profile_name;
    else if (function == "psh_profile_name_w") transform_w = api.profile_name_w;
    else {
        std::fprintf(stderr, "profshim_call_loop: no function %s\n", function.c_str());
        return 2;
    }

    long sum = 0;
    if (check != nullptr) {
        for (long i = 0; i < count; ++i) sum += check(text.data(), size, report_pointer);
    } else if (check_w != nullptr) {
        for (long i = 0; i < count; ++i) sum += check_w(wide.data(), wide_size, nullptr);
    } else if (transform != nullptr) {
        for (long i = 0; i < count; ++i) sum += transform(text.data(), size, 0, out, cap, &length);
    } else {
        for (long i = 0; i < count; ++i) sum += transform_w(wide.data(), wide_size, 0, out_w, cap, &length);
    }
    std::printf("%s %s x%ld: status sum %ld, bytes %d\n", function.c_str(), argv[3], count, sum, size);
    return 0;
}
