// 64-bit FNV-1a (Fowler, Noll, Vo), the hash in profile names: tiny, allocation-free,
// and a published, stable definition, so a name can be recomputed anywhere.
#pragma once

#include <cstdint>
#include <string_view>

namespace profshim {

constexpr uint64_t kFnv1a64OffsetBasis = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnv1a64Prime = 0x100000001b3ULL;

class Fnv1a64 {
public:
    constexpr void add(uint8_t byte) {
        hash_ ^= byte;
        hash_ *= kFnv1a64Prime;
    }
    constexpr uint64_t value() const { return hash_; }

private:
    uint64_t hash_ = kFnv1a64OffsetBasis;
};

constexpr uint64_t fnv1a64(std::string_view bytes) {
    Fnv1a64 hash;
    for (char c : bytes) hash.add(static_cast<uint8_t>(c));
    return hash.value();
}

// Published test vectors (www.isthe.com/chongo/tech/comp/fnv).
static_assert(fnv1a64("") == 0xcbf29ce484222325ULL);
static_assert(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
static_assert(fnv1a64("foobar") == 0x85944171f73967e8ULL);

}  // namespace profshim
