// profshim.h section 8: the output buffer protocol of psh_rewrite, psh_profile_name and
// psh_describe, over every cap from 0 to L + 1 (and a little more), with guard units after
// the buffer and a guard page after those; size queries; in-place rewriting.
#include "check_cases.hpp"

namespace psh_abi {
namespace {

template <class U>
using OutCall = std::function<int32_t(U* out, int32_t cap, int32_t* out_len)>;

constexpr size_t kGuardUnits = 8;
constexpr int32_t kLenSentinel = 0x5A5A5A5A;
template <class U>
constexpr U fill_unit() {
    return static_cast<U>(sizeof(U) == 1 ? 0xA5 : 0xA5C3);
}

// A successful call whose result is `expected` (L units).
template <class U>
void sweep_success(const OutCall<U>& call, const Units<U>& expected) {
    const int32_t L = static_cast<int32_t>(expected.size());
    // Size query: out = NULL, cap = 0.
    int32_t n = kLenSentinel;
    EXPECT_STATUS(call(nullptr, 0, &n), PSH_E_INSUFFICIENT_BUFFER) << "size query";
    EXPECT_EQ(n, L) << "size query";
    EXPECT_STATUS(call(nullptr, 0, nullptr), PSH_E_INSUFFICIENT_BUFFER) << "size query, out_len NULL";

    for (int32_t cap = 0; cap <= L + 3; ++cap) {
        SCOPED_TRACE("cap " + std::to_string(cap) + ", L " + std::to_string(L));
        const size_t total = static_cast<size_t>(cap) + kGuardUnits;
        GuardedUnits<U> buf(total);
        for (size_t i = 0; i < total; ++i) buf.data()[i] = fill_unit<U>();
        n = kLenSentinel;
        const int32_t st = call(buf.data(), cap, &n);
        EXPECT_EQ(n, L) << "*out_len is L whether or not it fits";
        size_t untouched_from = 0;
        if (cap >= L + 1) {
            EXPECT_STATUS(st, PSH_OK);
            EXPECT_EQ(show(Units<U>(buf.data(), buf.data() + L)), show(expected));
            EXPECT_EQ(static_cast<uint32_t>(buf.data()[L]), 0u) << "terminating NUL";
            untouched_from = static_cast<size_t>(L) + 1;
        } else {
            EXPECT_STATUS(st, PSH_E_INSUFFICIENT_BUFFER);
            if (cap > 0) {
                EXPECT_EQ(static_cast<uint32_t>(buf.data()[0]), 0u) << "out[0] = 0";
                untouched_from = 1;
            }
        }
        for (size_t i = untouched_from; i < total; ++i) {
            ASSERT_EQ(static_cast<uint32_t>(buf.data()[i]), static_cast<uint32_t>(fill_unit<U>()))
                << "unit " << i << (i >= static_cast<size_t>(cap) ? " (a guard unit past cap)" : " (inside cap)")
                << " was written";
        }
        // The same call with out_len NULL.
        for (size_t i = 0; i < total; ++i) buf.data()[i] = fill_unit<U>();
        EXPECT_STATUS(call(buf.data(), cap, nullptr), cap >= L + 1 ? PSH_OK : PSH_E_INSUFFICIENT_BUFFER)
            << "out_len NULL";
        if (cap >= L + 1) {
            EXPECT_EQ(show(Units<U>(buf.data(), buf.data() + L)), show(expected)) << "out_len NULL";
        }
        for (size_t i = static_cast<size_t>(cap); i < total; ++i)
            ASSERT_EQ(static_cast<uint32_t>(buf.data()[i]), static_cast<uint32_t>(fill_unit<U>())) << "guard unit " << i;
    }
}

// A call that fails with `want` (not a buffer error): out[0] = 0 when cap > 0, *out_len = 0.
template <class U>
void sweep_failure(const OutCall<U>& call, int32_t want, int32_t max_cap) {
    int32_t n = kLenSentinel;
    EXPECT_STATUS(call(nullptr, 0, &n), want) << "size query of a failing call";
    EXPECT_EQ(n, 0);
    EXPECT_STATUS(call(nullptr, 0, nullptr), want);
    for (int32_t cap = 0; cap <= max_cap; ++cap) {
        SCOPED_TRACE("cap " + std::to_string(cap));
        const size_t total = static_cast<size_t>(cap) + kGuardUnits;
        GuardedUnits<U> buf(total);
        for (size_t i = 0; i < total; ++i) buf.data()[i] = fill_unit<U>();
        n = kLenSentinel;
        EXPECT_STATUS(call(buf.data(), cap, &n), want);
        EXPECT_EQ(n, 0);
        if (cap > 0) {
            EXPECT_EQ(static_cast<uint32_t>(buf.data()[0]), 0u) << "out[0] = 0";
        }
        for (size_t i = static_cast<size_t>(cap); i < total; ++i)
            ASSERT_EQ(static_cast<uint32_t>(buf.data()[i]), static_cast<uint32_t>(fill_unit<U>())) << "guard unit " << i;
        EXPECT_STATUS(call(buf.data(), cap, nullptr), want) << "out_len NULL";
    }
}

template <class U>
OutCall<U> rewrite_call(const Units<U>& in, uint32_t flags, LenMode mode) {
    auto g = std::make_shared<GuardedUnits<U>>(in, mode == LenMode::NulTerminated);
    const int32_t len = mode == LenMode::Explicit ? static_cast<int32_t>(in.size()) : -1;
    return [g, len, flags](U* out, int32_t cap, int32_t* n) { return Width<U>::rewrite()(g->data(), len, flags, out, cap, n); };
}
template <class U>
OutCall<U> profile_call(const Units<U>& in, uint32_t flags, LenMode mode) {
    auto g = std::make_shared<GuardedUnits<U>>(in, mode == LenMode::NulTerminated);
    const int32_t len = mode == LenMode::Explicit ? static_cast<int32_t>(in.size()) : -1;
    return [g, len, flags](U* out, int32_t cap, int32_t* n) {
        return Width<U>::profile_name()(g->data(), len, flags, out, cap, n);
    };
}
template <class U>
OutCall<U> describe_call(int32_t status) {
    return [status](U* out, int32_t cap, int32_t* n) { return Width<U>::describe()(status, out, cap, n); };
}

template <class U>
class Buffers : public ::testing::Test {
protected:
    void SetUp() override { PSH_REQUIRE_API(); }
};
TYPED_TEST_SUITE(Buffers, Widths, WidthNames);

const std::string kKb = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";

TYPED_TEST(Buffers, Rule8_RewriteEveryCap) {
    using U = TypeParam;
    const std::pair<std::string, std::string> cases[] = {
        {kKb, "EXCH01\njdoe"},
        {"/o=A/ou=B/cn=C\r\n\r\nANON\r\n", "/o=A/ou=B/cn=C\n\nanon"},
        {"  x \n y ", "x\ny"},
        {"exch01.contoso.com\n" + A(64), "exch01.contoso.com\n" + A(64)},
    };
    for (const auto& [in, out] : cases) {
        for (LenMode mode : kBothModes) {
            SCOPED_TRACE(show(in) + ", " + mode_name(mode));
            sweep_success<U>(rewrite_call<U>(units<U>(in), 0, mode), units<U>(out));
        }
    }
}

TYPED_TEST(Buffers, Rule8_ProfileNameEveryCap) {
    using U = TypeParam;
    const std::pair<std::string, std::string> cases[] = {
        {"EXCH01\njdoe", "exch01_jdoe_" + hex16(fnv1a64("exch01\njdoe"))},
        {"x\n" + A(64), "x_" + A(45) + "_" + hex16(fnv1a64("x\n" + A(64)))},
    };
    for (const auto& [in, out] : cases) {
        for (LenMode mode : kBothModes) {
            SCOPED_TRACE(show(in) + ", " + mode_name(mode));
            sweep_success<U>(profile_call<U>(units<U>(in), 0, mode), units<U>(out));
        }
    }
}

TYPED_TEST(Buffers, Rule8_DescribeEveryCap) {
    using U = TypeParam;
    sweep_success<U>(describe_call<U>(0x12345678), units<U>("unknown status 0x12345678"));
    for (int32_t code : {PSH_OK, PSH_E_UNSAFE_CHAR, PSH_E_INSUFFICIENT_BUFFER}) {
        SCOPED_TRACE(status_name(code));
        const OutResult<U> full = call_describe<U>(code);
        ASSERT_STATUS(full.status, PSH_OK);
        sweep_success<U>(describe_call<U>(code), full.text);
    }
}

TYPED_TEST(Buffers, Rule8_FailuresClearOut0AndOutLen) {
    using U = TypeParam;
    sweep_failure<U>(rewrite_call<U>(units<U>("a\nb\nc"), 0, LenMode::Explicit), PSH_E_SYNTAX, 8);
    sweep_failure<U>(rewrite_call<U>(units<U>(kKb), PSH_REWRITE_KEEP_DN, LenMode::NulTerminated), PSH_E_UNSAFE_CHAR, 8);
    sweep_failure<U>(rewrite_call<U>(units<U>("EXCH01\njdoe"), 0x40, LenMode::Explicit), PSH_E_UNKNOWN_FLAGS, 4);
    sweep_failure<U>(profile_call<U>(units<U>("EXCH01"), 0, LenMode::Explicit), PSH_E_NO_SEPARATOR, 8);
    sweep_failure<U>(profile_call<U>(units<U>("EXCH01\njdoe"), 1, LenMode::Explicit), PSH_E_UNKNOWN_FLAGS, 4);
}

// cap < 0 is E_INVALIDARG and writes nothing (out[0] = 0 is only for cap > 0); out NULL
// with cap > 0 is E_POINTER.
TYPED_TEST(Buffers, Rule8_BadCapAndNullOut) {
    using U = TypeParam;
    const Units<U> in = units<U>(kKb);
    const std::vector<std::pair<const char*, OutCall<U>>> calls = {
        {"psh_rewrite", rewrite_call<U>(in, 0, LenMode::Explicit)},
        {"psh_profile_name", profile_call<U>(in, 0, LenMode::Explicit)},
        {"psh_describe", describe_call<U>(PSH_E_BAD_DN)},
    };
    for (const auto& [name, call] : calls) {
        SCOPED_TRACE(name);
        for (int32_t cap : {-1, -2, -100, INT32_MIN}) {
            GuardedUnits<U> buf(kGuardUnits);
            for (size_t i = 0; i < kGuardUnits; ++i) buf.data()[i] = fill_unit<U>();
            int32_t n = kLenSentinel;
            EXPECT_STATUS(call(buf.data(), cap, &n), PSH_E_INVALIDARG) << cap;
            EXPECT_EQ(n, 0);
            for (size_t i = 0; i < kGuardUnits; ++i)
                EXPECT_EQ(static_cast<uint32_t>(buf.data()[i]), static_cast<uint32_t>(fill_unit<U>()));
            EXPECT_STATUS(call(nullptr, cap, &n), PSH_E_INVALIDARG) << "NULL out, cap " << cap;
            EXPECT_STATUS(call(buf.data(), cap, nullptr), PSH_E_INVALIDARG);
        }
        for (int32_t cap : {1, 100, INT32_MAX}) {
            int32_t n = kLenSentinel;
            EXPECT_STATUS(call(nullptr, cap, &n), PSH_E_POINTER) << cap;
            EXPECT_EQ(n, 0);
        }
    }
}

// ---- In place: out == info ----------------------------------------------------------------

// The buffer: the input, a NUL, then 8 'Q' units.
template <class U>
GuardedUnits<U> in_place_buffer(const std::string& input, size_t slack = 8) {
    Units<U> content = units<U>(input);
    content.push_back(0);
    content.resize(content.size() + slack, static_cast<U>('Q'));
    return GuardedUnits<U>(content, false);
}

TYPED_TEST(Buffers, Rule8_RewriteInPlaceSuccess) {
    using U = TypeParam;
    const std::pair<std::string, std::string> cases[] = {
        {kKb, "EXCH01\njdoe"},
        {"EXCH01\r\njdoe\r\n", "EXCH01\njdoe"},
        {"  EXCH01 \t\n\t jdoe  ", "EXCH01\njdoe"},
        {"/o=A/ou=B/cn=C\r\n\r\nANON", "/o=A/ou=B/cn=C\n\nanon"},
        {"EXCH01\njdoe", "EXCH01\njdoe"},
    };
    for (const auto& [in, want] : cases) {
        const int32_t L = static_cast<int32_t>(want.size());
        const int32_t total = static_cast<int32_t>(in.size()) + 1 + 8;
        for (LenMode mode : kBothModes) {
            for (int32_t cap : {L + 1, static_cast<int32_t>(in.size()) + 1, total}) {
                SCOPED_TRACE(show(in) + ", " + mode_name(mode) + ", cap " + std::to_string(cap));
                GuardedUnits<U> buf = in_place_buffer<U>(in);
                const Units<U> before = buf.to_vector();
                const int32_t len = mode == LenMode::Explicit ? static_cast<int32_t>(in.size()) : -1;
                int32_t n = kLenSentinel;
                EXPECT_STATUS(Width<U>::rewrite()(buf.data(), len, 0, buf.data(), cap, &n), PSH_OK);
                EXPECT_EQ(n, L);
                EXPECT_EQ(show(Units<U>(buf.data(), buf.data() + L)), show(units<U>(want)));
                EXPECT_EQ(static_cast<uint32_t>(buf.data()[L]), 0u);
                for (int32_t i = cap; i < total; ++i)
                    EXPECT_EQ(buf.data()[i], before[static_cast<size_t>(i)]) << "unit " << i << " past cap was written";
            }
        }
    }
}

// "In place, a call that does not return PSH_OK leaves the buffer exactly as it was."
TYPED_TEST(Buffers, Rule8_RewriteInPlaceFailureLeavesBufferAsItWas) {
    using U = TypeParam;
    struct Row {
        std::string in;
        uint32_t flags = 0;
        int32_t cap = -1;  // -1: the whole buffer
        int32_t want;
        int32_t want_len;
    };
    const Row rows[] = {
        {.in = "  EXCH01\r\n/o=A/ou=B/cn=R/cn=j:doe \r\n", .want = PSH_E_UNSAFE_CHAR, .want_len = 0},
        {.in = "EXCH01\r\n/o=A/ou=B/cn=R/cn=COM1\r\n", .want = PSH_E_RESERVED_NAME, .want_len = 0},
        {.in = "  " + kKb + "  ", .flags = PSH_REWRITE_KEEP_DN, .want = PSH_E_UNSAFE_CHAR, .want_len = 0},
        {.in = " EXCH01 \r\n j\tdoe ", .want = PSH_E_BAD_CHAR, .want_len = 0},
        {.in = "a\r\nb\r\nc", .want = PSH_E_SYNTAX, .want_len = 0},
        {.in = " EXCH01\n" + A(65), .want = PSH_E_BAD_MAILBOX, .want_len = 0},
        {.in = "  EXCH01\n/o=A/ou=B ", .want = PSH_E_BAD_DN, .want_len = 0},
        {.in = " EXCH01 ", .want = PSH_E_NO_SEPARATOR, .want_len = 0},
        {.in = "EXCH01\r\njdoe", .flags = 0x4, .want = PSH_E_UNKNOWN_FLAGS, .want_len = 0},
        {.in = "EXCH01\r\njdoe\r\n", .cap = 11, .want = PSH_E_INSUFFICIENT_BUFFER, .want_len = 11},  // one unit short
        {.in = "EXCH01\r\njdoe\r\n", .cap = 1, .want = PSH_E_INSUFFICIENT_BUFFER, .want_len = 11},
        {.in = kKb, .cap = 5, .want = PSH_E_INSUFFICIENT_BUFFER, .want_len = 11},
    };
    for (const Row& r : rows) {
        for (LenMode mode : kBothModes) {
            SCOPED_TRACE(show(r.in) + ", " + mode_name(mode) + ", cap " + std::to_string(r.cap));
            GuardedUnits<U> buf = in_place_buffer<U>(r.in);
            const Units<U> before = buf.to_vector();
            const int32_t cap = r.cap < 0 ? static_cast<int32_t>(buf.size()) : r.cap;
            const int32_t len = mode == LenMode::Explicit ? static_cast<int32_t>(r.in.size()) : -1;
            int32_t n = kLenSentinel;
            EXPECT_STATUS(Width<U>::rewrite()(buf.data(), len, r.flags, buf.data(), cap, &n), r.want);
            EXPECT_EQ(n, r.want_len);
            EXPECT_EQ(show(buf.to_vector()), show(before)) << "the caller's string was changed";
        }
    }
    // Too long, in place.
    GuardedUnits<U> big = in_place_buffer<U>(std::string(PSH_MAX_INPUT + 1, ' ') + "EXCH01\njdoe");
    const Units<U> before = big.to_vector();
    EXPECT_STATUS(Width<U>::rewrite()(big.data(), -1, 0, big.data(), static_cast<int32_t>(big.size()), nullptr),
                  PSH_E_TOO_LONG);
    EXPECT_TRUE(big.to_vector() == before);
}

// psh_profile_name in place: its result may be longer than its input; cap must cover it.
TYPED_TEST(Buffers, Rule8_ProfileNameInPlace) {
    using U = TypeParam;
    const std::string want = "a_b_" + hex16(fnv1a64("a\nb"));
    {
        GuardedUnits<U> buf = in_place_buffer<U>("A\r\nB", 40);
        int32_t n = kLenSentinel;
        EXPECT_STATUS(Width<U>::profile_name()(buf.data(), -1, 0, buf.data(), static_cast<int32_t>(buf.size()), &n),
                      PSH_OK);
        EXPECT_EQ(n, static_cast<int32_t>(want.size()));
        EXPECT_EQ(show(Units<U>(buf.data(), buf.data() + want.size())), show(units<U>(want)));
    }
    const struct {
        std::string in;
        int32_t cap;
        int32_t want;
        int32_t want_len;
    } failures[] = {
        {.in = "A\r\nB", .cap = 10, .want = PSH_E_INSUFFICIENT_BUFFER, .want_len = static_cast<int32_t>(want.size())},
        {.in = "A\r\nB", .cap = 0, .want = PSH_E_INSUFFICIENT_BUFFER, .want_len = static_cast<int32_t>(want.size())},
        {.in = "EXCH01 ", .cap = 40, .want = PSH_E_NO_SEPARATOR, .want_len = 0},
        {.in = "EXCH01\r\n/o=A/ou=B", .cap = 40, .want = PSH_E_BAD_DN, .want_len = 0},
    };
    for (const auto& f : failures) {
        SCOPED_TRACE(show(f.in) + ", cap " + std::to_string(f.cap));
        GuardedUnits<U> buf = in_place_buffer<U>(f.in, 40);
        const Units<U> before = buf.to_vector();
        int32_t n = kLenSentinel;
        EXPECT_STATUS(Width<U>::profile_name()(buf.data(), -1, 0, buf.data(), f.cap, &n), f.want);
        EXPECT_EQ(n, f.want_len);
        EXPECT_EQ(show(buf.to_vector()), show(before));
    }
}

}  // namespace
}  // namespace psh_abi
