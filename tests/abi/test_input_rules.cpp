// profshim.h section 4: input rules of every function that takes `info` (psh_check,
// psh_rewrite, psh_profile_name), and the order in which argument errors are found
// (sections 4 and 8).
#include "check_cases.hpp"

namespace psh_abi {
namespace {

enum class Kind { Check, Rewrite, ProfileName };
const Kind kKinds[] = {Kind::Check, Kind::Rewrite, Kind::ProfileName};
const char* kind_name(Kind k) {
    return k == Kind::Check ? "psh_check" : k == Kind::Rewrite ? "psh_rewrite" : "psh_profile_name";
}

struct Call {
    int32_t status;
    int32_t out_len;
    int32_t first_out_unit;
    psh_report report;
};

// One call of `kind` with a raw info pointer and length, and a roomy output buffer.
template <class U>
Call call_raw(Kind kind, const U* info, int32_t len, uint32_t flags = 0) {
    Call c{};
    c.report = fresh_report();
    c.out_len = 0x5A5A5A5A;
    GuardedUnits<U> out(8192);
    out.data()[0] = static_cast<U>('Z');
    switch (kind) {
        case Kind::Check: c.status = Width<U>::check()(info, len, &c.report); break;
        case Kind::Rewrite: c.status = Width<U>::rewrite()(info, len, flags, out.data(), 8192, &c.out_len); break;
        case Kind::ProfileName:
            c.status = Width<U>::profile_name()(info, len, flags, out.data(), 8192, &c.out_len);
            break;
    }
    c.first_out_unit = static_cast<int32_t>(out.data()[0]);
    return c;
}

template <class U>
class InputRules : public ::testing::Test {
protected:
    void SetUp() override { PSH_REQUIRE_API(); }
};
TYPED_TEST_SUITE(InputRules, Widths, WidthNames);

// "info NULL: PSH_E_POINTER", whatever the length.
TYPED_TEST(InputRules, Rule4_NullInfo) {
    using U = TypeParam;
    for (Kind k : kKinds) {
        for (int32_t len : {-1, 0, 5, PSH_MAX_INPUT + 1, INT32_MIN}) {
            SCOPED_TRACE(std::string(kind_name(k)) + ", len " + std::to_string(len));
            const Call c = call_raw<U>(k, nullptr, len);
            EXPECT_STATUS(c.status, PSH_E_POINTER);
            if (k != Kind::Check) {
                EXPECT_EQ(c.out_len, 0);
                EXPECT_EQ(c.first_out_unit, 0) << "section 8: out[0] = 0 when cap > 0 and out is usable";
            }
        }
    }
}

// "len < 0: info is NUL-terminated", for any negative value.
TYPED_TEST(InputRules, Rule4_NegativeLengthMeansNulTerminated) {
    using U = TypeParam;
    GuardedUnits<U> g(units<U>("EXCH01\nj:doe"), true);
    for (int32_t len : {-1, -2, -4097, INT32_MIN}) {
        SCOPED_TRACE(len);
        const Call c = call_raw<U>(Kind::Check, g.data(), len);
        EXPECT_STATUS(c.status, PSH_E_UNSAFE_CHAR);
        EXPECT_EQ(c.report.error_offset, 8);
        EXPECT_EQ(c.report.mailbox_length, 5);
        EXPECT_STATUS(call_raw<U>(Kind::Rewrite, g.data(), len).status, PSH_E_UNSAFE_CHAR);
        EXPECT_STATUS(call_raw<U>(Kind::ProfileName, g.data(), len).status, PSH_OK);
    }
}

// "len >= 0: exactly len units are read."
TYPED_TEST(InputRules, Rule4_ExplicitLengthReadsExactlyLen) {
    using U = TypeParam;
    GuardedUnits<U> g(units<U>("EXCH01\njdoe:"), false);
    Call c = call_raw<U>(Kind::Check, g.data(), 11);
    EXPECT_STATUS(c.status, PSH_OK);
    EXPECT_EQ(c.report.mailbox_length, 4);
    EXPECT_STATUS(call_raw<U>(Kind::Check, g.data(), 12).status, PSH_E_UNSAFE_CHAR);
    EXPECT_STATUS(call_raw<U>(Kind::Check, g.data(), 6).status, PSH_E_NO_SEPARATOR);
    EXPECT_STATUS(call_raw<U>(Kind::Check, g.data(), 7).status, PSH_E_EMPTY_MAILBOX);
    U out[64];
    int32_t n = 0;
    EXPECT_STATUS(Width<U>::rewrite()(g.data(), 11, 0, out, 64, &n), PSH_OK);
    EXPECT_EQ(show(Units<U>(out, out + (n >= 0 && n < 64 ? n : 0))), show(units<U>("EXCH01\njdoe")));
    EXPECT_STATUS(Width<U>::profile_name()(g.data(), 11, 0, out, 64, &n), PSH_OK);
    EXPECT_EQ(show(Units<U>(out, out + (n >= 0 && n < 64 ? n : 0))),
              show(units<U>("exch01_jdoe_" + hex16(fnv1a64("exch01\njdoe")))));
}

// "A NUL among them is an ordinary (bad) unit."
TYPED_TEST(InputRules, Rule4_EmbeddedNulWithExplicitLength) {
    using U = TypeParam;
    const Units<U> in = units<U>(std::string("EXCH01\nj\0doe", 12));
    GuardedUnits<U> g(in, false);
    const Call c = call_raw<U>(Kind::Check, g.data(), 12);
    EXPECT_STATUS(c.status, PSH_E_BAD_CHAR);
    EXPECT_EQ(c.report.error_offset, 8);
    EXPECT_STATUS(call_raw<U>(Kind::Rewrite, g.data(), 12).status, PSH_E_BAD_CHAR);
    EXPECT_STATUS(call_raw<U>(Kind::ProfileName, g.data(), 12).status, PSH_E_BAD_CHAR);
    // The same units NUL-terminated end at the NUL: "EXCH01\nj".
    const Call t = call_raw<U>(Kind::Check, g.data(), -1);
    EXPECT_STATUS(t.status, PSH_OK);
    EXPECT_EQ(t.report.mailbox_length, 1);
}

// len = 0 reads nothing: the pointer may even point at an unreadable page.
TYPED_TEST(InputRules, Rule4_ZeroLengthReadsNothing) {
    using U = TypeParam;
    GuardedUnits<U> nothing(0);
    for (Kind k : kKinds) {
        SCOPED_TRACE(kind_name(k));
        EXPECT_STATUS(call_raw<U>(k, nothing.data(), 0).status, PSH_E_NO_SEPARATOR);
    }
    // An empty NUL-terminated string.
    GuardedUnits<U> empty(Units<U>{}, true);
    for (Kind k : kKinds) EXPECT_STATUS(call_raw<U>(k, empty.data(), -1).status, PSH_E_NO_SEPARATOR) << kind_name(k);
}

// Exactly PSH_MAX_INPUT units is allowed, in both length modes.
TYPED_TEST(InputRules, Rule4_ExactlyMaxInput) {
    using U = TypeParam;
    const std::string core = "EXCH01\njdoe";
    const std::string spaces_after = core + std::string(PSH_MAX_INPUT - core.size(), ' ');
    const std::string spaces_before = std::string(PSH_MAX_INPUT - core.size(), ' ') + core;
    const std::string newlines_after = core + std::string(PSH_MAX_INPUT - core.size(), '\n');
    const std::string all_a(PSH_MAX_INPUT, 'a');
    ASSERT_EQ(spaces_after.size(), static_cast<size_t>(PSH_MAX_INPUT));
    const std::string name = "exch01_jdoe_" + hex16(fnv1a64("exch01\njdoe"));
    for (LenMode mode : kBothModes) {
        SCOPED_TRACE(mode_name(mode));
        // psh_check cannot pass a 4096-unit input; it must fail for what it holds, not its length.
        const CheckResult c = call_check<U>(units<U>(spaces_after), mode);
        EXPECT_STATUS(c.status, PSH_E_BAD_MAILBOX);
        EXPECT_EQ(c.report.error_offset, PSH_MAX_INPUT - 1) << "a space last: at the last unit";
        EXPECT_EQ(c.report.rewritable, 1);
        EXPECT_STATUS(call_check<U>(units<U>(all_a), mode).status, PSH_E_NO_SEPARATOR);
        for (const std::string& in : {spaces_after, spaces_before, newlines_after}) {
            const OutResult<U> r = call_rewrite<U>(units<U>(in), mode);
            EXPECT_STATUS(r.status, PSH_OK);
            EXPECT_EQ(show(r.text), show(units<U>(core)));
            const OutResult<U> p = call_profile_name<U>(units<U>(in), mode);
            EXPECT_STATUS(p.status, PSH_OK);
            EXPECT_EQ(show(p.text), show(units<U>(name)));
        }
        EXPECT_STATUS(call_rewrite<U>(units<U>(all_a), mode).status, PSH_E_NO_SEPARATOR);
        EXPECT_STATUS(call_profile_name<U>(units<U>(all_a), mode).status, PSH_E_NO_SEPARATOR);
    }
}

// Over PSH_MAX_INPUT: PSH_E_TOO_LONG, in both length modes, before anything else is looked at.
TYPED_TEST(InputRules, Rule4_OverMaxInput) {
    using U = TypeParam;
    const std::string core = "EXCH01\njdoe";
    const Units<U> valid_4097 = units<U>(std::string(PSH_MAX_INPUT + 1 - core.size(), ' ') + core);
    const Units<U> a_4097(PSH_MAX_INPUT + 1, static_cast<U>('a'));
    for (Kind k : kKinds) {
        SCOPED_TRACE(kind_name(k));
        for (const Units<U>* in : {&valid_4097, &a_4097}) {
            // Explicit length 4097.
            GuardedUnits<U> exact(*in, false);
            Call c = call_raw<U>(k, exact.data(), PSH_MAX_INPUT + 1);
            EXPECT_STATUS(c.status, PSH_E_TOO_LONG);
            if (k == Kind::Check) {
                EXPECT_EQ(c.report.error_offset, -1);
            } else {
                EXPECT_EQ(c.out_len, 0);
            }
            // len < 0 and no NUL among the first 4097 units; nothing readable after them.
            EXPECT_STATUS(call_raw<U>(k, exact.data(), -1).status, PSH_E_TOO_LONG) << "4097 units, no NUL";
            // len < 0, 4097 units and a NUL.
            GuardedUnits<U> terminated(*in, true);
            EXPECT_STATUS(call_raw<U>(k, terminated.data(), -1).status, PSH_E_TOO_LONG) << "4097 units + NUL";
        }
        // Far too long: found from the length alone.
        const Units<U> a_5000(5000, static_cast<U>('a'));
        GuardedUnits<U> big(a_5000, false);
        EXPECT_STATUS(call_raw<U>(k, big.data(), 5000).status, PSH_E_TOO_LONG);
        EXPECT_STATUS(call_raw<U>(k, big.data(), INT32_MAX).status, PSH_E_TOO_LONG);
    }
}

// Section 4: "Argument errors are found in this order: pointers, cap/report->size, flags,
// length." Section 8 spells it out for the output functions: info NULL; out NULL with
// cap > 0; cap < 0; flags; length.
TYPED_TEST(InputRules, Rule4_ArgumentErrorOrder) {
    using U = TypeParam;
    const Units<U> a_5000(5000, static_cast<U>('a'));
    GuardedUnits<U> info(a_5000, false);
    const int32_t long_len = 5000;
    struct Row {
        const char* what;
        bool null_info = false;
        bool null_out = false;
        int32_t cap;
        bool bad_flags = false;
        int32_t len;
        int32_t want;
    };
    const Row rows[] = {
        {.what = "all wrong", .null_info = true, .null_out = true, .cap = 10, .bad_flags = true, .len = long_len,
         .want = PSH_E_POINTER},
        {.what = "NULL info, negative cap", .null_info = true, .cap = -1, .bad_flags = true, .len = long_len,
         .want = PSH_E_POINTER},
        {.what = "NULL info only", .null_info = true, .cap = 10, .len = 5, .want = PSH_E_POINTER},
        {.what = "NULL out with cap > 0 before bad flags and length", .null_out = true, .cap = 10, .bad_flags = true,
         .len = long_len, .want = PSH_E_POINTER},
        {.what = "negative cap before flags and length", .cap = -1, .bad_flags = true, .len = long_len,
         .want = PSH_E_INVALIDARG},
        {.what = "NULL out with negative cap is a cap error", .null_out = true, .cap = -1, .bad_flags = true,
         .len = long_len, .want = PSH_E_INVALIDARG},
        {.what = "INT32_MIN cap", .cap = INT32_MIN, .len = 5, .want = PSH_E_INVALIDARG},
        {.what = "flags before length", .cap = 10, .bad_flags = true, .len = long_len, .want = PSH_E_UNKNOWN_FLAGS},
        {.what = "flags on a size query", .null_out = true, .cap = 0, .bad_flags = true, .len = long_len,
         .want = PSH_E_UNKNOWN_FLAGS},
        {.what = "length", .cap = 10, .len = long_len, .want = PSH_E_TOO_LONG},
        {.what = "length on a size query", .null_out = true, .cap = 0, .len = long_len, .want = PSH_E_TOO_LONG},
    };
    for (Kind k : {Kind::Rewrite, Kind::ProfileName}) {
        for (const Row& r : rows) {
            SCOPED_TRACE(std::string(kind_name(k)) + ": " + r.what);
            GuardedUnits<U> out(16);
            for (size_t i = 0; i < 16; ++i) out.data()[i] = static_cast<U>('Z');
            int32_t out_len = 0x5A5A5A5A;
            const uint32_t flags = r.bad_flags ? (k == Kind::Rewrite ? 0x4u : 0x1u) : 0u;
            const U* in = r.null_info ? nullptr : info.data();
            U* o = r.null_out ? nullptr : out.data();
            const int32_t st = k == Kind::Rewrite ? Width<U>::rewrite()(in, r.len, flags, o, r.cap, &out_len)
                                                  : Width<U>::profile_name()(in, r.len, flags, o, r.cap, &out_len);
            EXPECT_STATUS(st, r.want);
            EXPECT_EQ(out_len, 0);
            if (!r.null_out) {
                EXPECT_EQ(static_cast<uint32_t>(out.data()[0]), r.cap > 0 ? 0u : static_cast<uint32_t>('Z'))
                    << "out[0] = 0 exactly when cap > 0";
                for (size_t i = 1; i < 16; ++i) EXPECT_EQ(static_cast<uint32_t>(out.data()[i]), static_cast<uint32_t>('Z'));
            }
        }
    }
    // psh_check: pointers, then report->size, then length.
    psh_report bad = fresh_report();
    bad.size = 35;
    psh_report good = fresh_report();
    EXPECT_STATUS(Width<U>::check()(nullptr, long_len, &bad), PSH_E_POINTER);
    EXPECT_STATUS(Width<U>::check()(info.data(), long_len, &bad), PSH_E_INVALIDARG);
    EXPECT_STATUS(Width<U>::check()(info.data(), long_len, &good), PSH_E_TOO_LONG);
    EXPECT_STATUS(good.status, PSH_E_TOO_LONG);
}

}  // namespace
}  // namespace psh_abi
