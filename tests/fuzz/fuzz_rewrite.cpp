// libFuzzer target: psh_rewrite on bytes, compared with the other width (targets.hpp).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    psh_fuzz::fuzz_rewrite<char>(data, size);
    return 0;
}
