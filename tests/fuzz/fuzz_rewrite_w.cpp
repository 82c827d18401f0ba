// libFuzzer target: psh_rewrite_w on UTF-16 units, compared with the other width (targets.hpp).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    psh_fuzz::fuzz_rewrite<psh_wchar>(data, size);
    return 0;
}
