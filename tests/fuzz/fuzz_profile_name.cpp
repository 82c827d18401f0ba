// libFuzzer target: psh_profile_name on bytes, compared with the other width (targets.hpp).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    psh_fuzz::fuzz_profile_name<char>(data, size);
    return 0;
}
