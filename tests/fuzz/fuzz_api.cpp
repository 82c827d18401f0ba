// libFuzzer target: a sequence of API calls decoded from the input, in the manner of
// libxml2's fuzz/api.c. Three buffers ("slots") of each width live across the calls; an
// operation either refills a slot or calls an export with arguments the input chooses:
// which function and width, which slot as `info` or NULL, the length mode (explicit, -1,
// another negative value, a length past PSH_MAX_INPUT), which slot as `out` (another one,
// the same one: in place, or NULL), `cap` (0, negative, up to the slot's size, or positive
// with a NULL `out`), `out_len` or NULL, flags, and a report of any `size`. Results written
// to a slot stay there for the next calls, so outputs are fed back in as inputs.
//
// After each call: the status is one of the contract's (never PSH_E_UNEXPECTED); argument
// errors come in the contract's order; nothing is written past any slot's size (guard units)
// or to any unit the buffer rules do not allow; a failed in-place call changes nothing; the
// report is filled exactly when its size allows; and the answer equals that of the same
// text passed again with an explicit length and room enough.
#include <array>
#include <climits>
#include <cstdio>
#include <memory>
#include <string>

#include "harness.hpp"

namespace {

using namespace psh_fuzz;

constexpr int kSlots = 3;
constexpr int kMaxOperations = 64;

template <class Unit>
using Slots = std::array<std::unique_ptr<Guarded<Unit>>, kSlots>;

struct State {
    Slots<char> narrow;
    Slots<psh_wchar> wide;
    State() {
        for (auto& s : narrow) s = std::make_unique<Guarded<char>>(0);
        for (auto& s : wide) s = std::make_unique<Guarded<psh_wchar>>(0);
    }
    template <class Unit>
    Slots<Unit>& slots() {
        if constexpr (sizeof(Unit) == 1) {
            return narrow;
        } else {
            return wide;
        }
    }
    bool all_guards_intact() const {
        for (const auto& s : narrow) {
            if (!s->guards_intact()) return false;
        }
        for (const auto& s : wide) {
            if (!s->guards_intact()) return false;
        }
        return true;
    }
};

constexpr int32_t kStatuses[] = {
    PSH_OK, PSH_E_POINTER, PSH_E_INVALIDARG, PSH_E_UNEXPECTED, PSH_E_INSUFFICIENT_BUFFER,
    PSH_E_TOO_LONG, PSH_E_UNKNOWN_FLAGS, PSH_E_BAD_CHAR, PSH_E_NO_SEPARATOR, PSH_E_SYNTAX,
    PSH_E_EMPTY_SERVER, PSH_E_BAD_SERVER, PSH_E_EMPTY_MAILBOX, PSH_E_BAD_MAILBOX,
    PSH_E_BAD_DN, PSH_E_UNSAFE_CHAR, PSH_E_RESERVED_NAME,
};
constexpr const char* kStatusNames[] = {
    "PSH_OK", "PSH_E_POINTER", "PSH_E_INVALIDARG", "PSH_E_UNEXPECTED",
    "PSH_E_INSUFFICIENT_BUFFER", "PSH_E_TOO_LONG", "PSH_E_UNKNOWN_FLAGS", "PSH_E_BAD_CHAR",
    "PSH_E_NO_SEPARATOR", "PSH_E_SYNTAX", "PSH_E_EMPTY_SERVER", "PSH_E_BAD_SERVER",
    "PSH_E_EMPTY_MAILBOX", "PSH_E_BAD_MAILBOX", "PSH_E_BAD_DN", "PSH_E_UNSAFE_CHAR",
    "PSH_E_RESERVED_NAME",
};

// Refill a slot with a pattern of 1 to 256 units from the input: the slot is the pattern
// itself, or (size byte 0x80 and up) that pattern repeated over a size of up to past
// PSH_MAX_INPUT; size byte 0x7F makes an empty slot. Then maybe a NUL somewhere.
template <class Unit>
void fill(State& state, Reader& r) {
    auto& slot = state.slots<Unit>()[r.byte() % kSlots];
    const uint8_t size_byte = r.byte();
    const std::size_t pattern_size = r.byte() + 1u;
    std::vector<Unit> pattern(pattern_size);
    for (Unit& u : pattern) u = static_cast<Unit>(sizeof(Unit) == 1 ? r.byte() : r.u16());
    std::size_t size = pattern_size;
    if (size_byte == 0x7F) size = 0;
    if (size_byte >= 0x80) size = r.u16() % 4200u;
    slot = std::make_unique<Guarded<Unit>>(size);
    for (std::size_t i = 0; i < size; ++i) (*slot)[i] = pattern[i % pattern_size];
    const std::size_t nul_at = r.u16();
    if (nul_at < size) (*slot)[nul_at] = Unit{0};
}

// Copy a slot into the other width (units above 0x7F become 0x80 in bytes).
template <class From>
void convert_slot(State& state, Reader& r) {
    using To = typename Api<From>::Other;
    const auto& from = *state.slots<From>()[r.byte() % kSlots];
    auto& to = state.slots<To>()[r.byte() % kSlots];
    const std::vector<To> units = convert<To, From>(from.units(from.size()));
    to = std::make_unique<Guarded<To>>(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) (*to)[i] = units[i];
}

// The NUL-terminated length of a slot's units, as the contract reads it: -1 when no NUL is
// among the first PSH_MAX_INPUT + 1 units.
template <class Unit>
int32_t terminated_length(const Guarded<Unit>& slot) {
    const std::size_t limit = std::min<std::size_t>(slot.size(), PSH_MAX_INPUT + 1);
    for (std::size_t i = 0; i < limit; ++i) {
        if (slot.units(slot.size())[i] == Unit{0}) return static_cast<int32_t>(i);
    }
    return -1;
}

enum Function { kCheck, kRewrite, kProfileName, kDescribe, kVersion, kFunctions };

template <class Unit>
void call(State& state, Reader& r, Function function) {
    using A = Api<Unit>;
    auto& slots = state.slots<Unit>();

    // info
    const uint8_t info_byte = r.byte();
    const int info_slot = info_byte % kSlots;
    const bool info_null = (info_byte & 0xF0) == 0xF0;
    Guarded<Unit>& info_buf = *slots[info_slot];
    const auto info_size = static_cast<int32_t>(info_buf.size());

    // len: the call's value, and what the library must take from it
    int32_t len = 0;
    const uint8_t len_byte = r.byte();
    switch (len_byte % 6) {
        case 0: len = -1; break;
        case 1: len = len_byte & 0x80 ? INT32_MIN : -2; break;
        case 2: len = info_size; break;
        case 3: len = static_cast<int32_t>(r.u16() % static_cast<uint32_t>(info_size + 1)); break;
        case 4: len = len_byte & 0x80 ? INT32_MAX : PSH_MAX_INPUT + 1 + (len_byte >> 3); break;
        default: len = info_size >= PSH_MAX_INPUT ? PSH_MAX_INPUT : info_size; break;
    }
    if (len < 0 && !info_null && terminated_length(info_buf) < 0 && info_buf.size() <= PSH_MAX_INPUT) {
        // Reading on would be the caller's fault: end the slot with a NUL, or pass 0 units.
        if (info_size > 0) {
            info_buf[info_buf.size() - 1] = Unit{0};
        } else {
            len = 0;
        }
    }
    bool too_long = len > PSH_MAX_INPUT;
    int32_t length = len;
    if (len < 0) {
        length = info_null ? 0 : terminated_length(info_buf);
        too_long = !info_null && length < 0;
    }

    // out, cap, out_len
    const uint8_t out_byte = r.byte();
    int out_slot = -1;   // -1: NULL
    switch (out_byte % 4) {
        case 0: break;
        case 1: out_slot = info_slot; break;
        default: out_slot = (info_slot + 1 + ((out_byte >> 2) & 1)) % kSlots; break;
    }
    Guarded<Unit>* out_buf = out_slot < 0 ? nullptr : slots[out_slot].get();
    const bool in_place = out_buf != nullptr && out_buf == &info_buf && !info_null &&
                          (function == kRewrite || function == kProfileName);
    const uint8_t cap_byte = r.byte();
    int32_t cap = 0;
    switch (cap_byte % 8) {
        case 0: cap = 0; break;
        case 1: cap = -1; break;
        case 2: cap = INT32_MIN; break;
        case 3: cap = 1; break;
        default: cap = static_cast<int32_t>(r.u16()); break;
    }
    if (out_buf != nullptr && cap > out_buf->cap()) cap = out_buf->cap();
    const bool out_len_null = (out_byte & 0x10) != 0;

    // flags
    const uint8_t flag_byte = r.byte();
    const uint32_t flags = flag_byte < 0xC0 ? flag_byte & 1u : 1u << (flag_byte & 31);

    // report, in a larger block so that writes past the version 1 fields show
    alignas(psh_report) unsigned char report_block[64];
    std::memset(report_block, 0xCC, sizeof report_block);
    auto* report = reinterpret_cast<psh_report*>(report_block);
    constexpr int32_t kReportSizes[] = {PSH_REPORT_V1_SIZE, static_cast<int32_t>(sizeof(psh_report)), 64,
                                        PSH_REPORT_V1_SIZE - 1, 0, -1, INT32_MIN};
    const uint8_t report_byte = r.byte();
    const bool report_null = report_byte % 8 == 7;
    if (!report_null) report->size = kReportSizes[report_byte % 7];
    const bool report_usable = !report_null && report->size >= PSH_REPORT_V1_SIZE;

    // describe's status
    int32_t describe_status = 0;
    if (function == kDescribe) {
        const uint8_t pick = r.byte();
        describe_status = pick < 0x80 ? kStatuses[pick % std::size(kStatuses)] : static_cast<int32_t>(r.u32());
    }

    // What the arguments alone decide, in the contract's order.
    int32_t argument_error = PSH_OK;
    const bool out_null = out_buf == nullptr;
    if (function == kCheck) {
        if (info_null) argument_error = PSH_E_POINTER;
        else if (!report_null && !report_usable) argument_error = PSH_E_INVALIDARG;
        else if (too_long) argument_error = PSH_E_TOO_LONG;
    } else if (function == kRewrite || function == kProfileName) {
        const uint32_t allowed = function == kRewrite ? (PSH_REWRITE_KEEP_DN | PSH_REWRITE_EXACT) : 0u;
        if (info_null) argument_error = PSH_E_POINTER;
        else if (out_null && cap > 0) argument_error = PSH_E_POINTER;
        else if (cap < 0) argument_error = PSH_E_INVALIDARG;
        else if ((flags & ~allowed) != 0) argument_error = PSH_E_UNKNOWN_FLAGS;
        else if (too_long) argument_error = PSH_E_TOO_LONG;
    } else if (function == kDescribe) {
        if (out_null && cap > 0) argument_error = PSH_E_POINTER;
        else if (cap < 0) argument_error = PSH_E_INVALIDARG;
    }

    // Snapshots of every slot of this width, to see what the call touched.
    std::array<std::vector<Unit>, kSlots> before;
    for (int i = 0; i < kSlots; ++i) {
        const auto units = slots[i]->units(slots[i]->size());
        before[i].assign(units.begin(), units.end());
    }

    const Unit* info = info_null ? nullptr : info_buf.data();
    Unit* out = out_null ? nullptr : out_buf->data();
    int32_t out_len_value = -7;
    int32_t* out_len = out_len_null ? nullptr : &out_len_value;
    int32_t status = 0;
    switch (function) {
        case kCheck: status = A::check(info, len, report_null ? nullptr : report); break;
        case kRewrite: status = A::rewrite(info, len, flags, out, cap, out_len); break;
        case kProfileName: status = A::profile_name(info, len, flags, out, cap, out_len); break;
        case kDescribe: status = A::describe(describe_status, out, cap, out_len); break;
        default: status = psh_version(); break;
    }

    PSH_FUZZ_ASSERT(state.all_guards_intact());
    if (function == kVersion) {
        PSH_FUZZ_ASSERT(status == PSH_VERSION_NUMBER);
        return;
    }
    PSH_FUZZ_ASSERT(is_contract_status(status));
    if (argument_error != PSH_OK) PSH_FUZZ_ASSERT(status == argument_error);

    if (function == kCheck) {
        // Nothing but the report is written.
        for (int i = 0; i < kSlots; ++i) {
            PSH_FUZZ_ASSERT(std::equal(before[i].begin(), before[i].end(), slots[i]->data()));
        }
        for (std::size_t i = PSH_REPORT_V1_SIZE; i < sizeof report_block; ++i) {
            PSH_FUZZ_ASSERT(report_block[i] == 0xCC);
        }
        if (!report_null && !report_usable) {
            for (std::size_t i = sizeof(int32_t); i < sizeof report_block; ++i) {
                PSH_FUZZ_ASSERT(report_block[i] == 0xCC);
            }
        }
        if (report_usable) {
            PSH_FUZZ_ASSERT(report->status == status);
            if (argument_error != PSH_OK) {
                PSH_FUZZ_ASSERT(report->form == PSH_FORM_UNKNOWN && report->server_offset == -1 &&
                                report->server_length == 0 && report->mailbox_offset == -1 &&
                                report->mailbox_length == 0 && report->error_offset == -1 &&
                                report->rewritable == 0);
            } else {
                PSH_FUZZ_ASSERT(report->error_offset >= -1 && report->error_offset <= length);
                PSH_FUZZ_ASSERT(report->server_offset >= -1 && report->server_offset <= length);
                PSH_FUZZ_ASSERT(report->mailbox_offset >= -1 && report->mailbox_offset <= length);
                PSH_FUZZ_ASSERT(report->mailbox_offset + report->mailbox_length <= length);
            }
        }
        if (argument_error == PSH_OK) {
            // The same text with an explicit length says the same.
            const Block<Unit> copy(info, static_cast<std::size_t>(length));
            PSH_FUZZ_ASSERT(A::check(copy.data(), length, nullptr) == status);
        }
        return;
    }

    // Output functions (rewrite, profile_name, describe), contract 8.
    PSH_FUZZ_ASSERT(status != PSH_E_UNEXPECTED);
    const std::vector<Unit>* out_before = out_null ? nullptr : &before[out_slot];
    std::size_t untouched_from = 0;
    if (status == PSH_OK) {
        PSH_FUZZ_ASSERT(!out_len_null ? out_len_value >= 0 && out_len_value < cap : true);
        const Unit* end = std::find(out, out + cap, Unit{0});
        PSH_FUZZ_ASSERT(end != out + cap);
        const auto written = static_cast<int32_t>(end - out);
        if (!out_len_null) PSH_FUZZ_ASSERT(out_len_value == written);
        untouched_from = static_cast<std::size_t>(written) + 1;
    } else if (in_place) {
        untouched_from = 0;   // a failed in-place call writes nothing at all
        if (!out_len_null) {
            PSH_FUZZ_ASSERT(status == PSH_E_INSUFFICIENT_BUFFER ? out_len_value >= cap : out_len_value == 0);
        }
    } else {
        if (!out_len_null) {
            PSH_FUZZ_ASSERT(status == PSH_E_INSUFFICIENT_BUFFER ? out_len_value >= cap : out_len_value == 0);
        }
        if (!out_null && cap > 0) PSH_FUZZ_ASSERT(out[0] == Unit{0});
        untouched_from = out_null || cap == 0 ? 0 : 1;
    }
    if (out_before != nullptr) {
        for (std::size_t i = untouched_from; i < out_before->size(); ++i) {
            PSH_FUZZ_ASSERT((*out_before)[i] == out_buf->data()[i]);
        }
    }
    for (int i = 0; i < kSlots; ++i) {
        if (i == out_slot) continue;
        PSH_FUZZ_ASSERT(std::equal(before[i].begin(), before[i].end(), slots[i]->data()));
    }
    if (argument_error != PSH_OK) return;

    // The same question asked again with an explicit length and room enough.
    Guarded<Unit> room(function == kDescribe ? 512u : static_cast<std::size_t>(length) + PSH_PROFILE_NAME_MAX + 1);
    int32_t room_len = -7;
    int32_t expected = 0;
    if (function == kDescribe) {
        expected = A::describe(describe_status, room.data(), room.cap(), &room_len);
    } else {
        const Block<Unit> copy(before[info_slot].data(), static_cast<std::size_t>(length));
        expected = function == kRewrite
            ? A::rewrite(copy.data(), length, flags, room.data(), room.cap(), &room_len)
            : A::profile_name(copy.data(), length, flags, room.data(), room.cap(), &room_len);
    }
    PSH_FUZZ_ASSERT(expected != PSH_E_INSUFFICIENT_BUFFER && room.guards_intact());
    if (expected == PSH_OK) {
        if (cap >= room_len + 1) {
            PSH_FUZZ_ASSERT(status == PSH_OK);
            PSH_FUZZ_ASSERT(std::equal(room.data(), room.data() + room_len + 1, out));
        } else {
            PSH_FUZZ_ASSERT(status == PSH_E_INSUFFICIENT_BUFFER);
            if (!out_len_null) PSH_FUZZ_ASSERT(out_len_value == room_len);
        }
    } else {
        PSH_FUZZ_ASSERT(status == expected);
    }

    if (function == kDescribe && expected == PSH_OK) {
        std::string text;
        for (int32_t i = 0; i < room_len; ++i) {
            const uint32_t u = value_of(room.data()[i]);
            PSH_FUZZ_ASSERT(u >= 0x20 && u <= 0x7E);
            text.push_back(static_cast<char>(u));
        }
        const auto* known = std::find(std::begin(kStatuses), std::end(kStatuses), describe_status);
        if (known != std::end(kStatuses)) {
            const std::string prefix = std::string(kStatusNames[known - std::begin(kStatuses)]) + ": ";
            PSH_FUZZ_ASSERT(text.compare(0, prefix.size(), prefix) == 0 && text.size() > prefix.size());
        } else {
            char unknown[32];
            std::snprintf(unknown, sizeof unknown, "unknown status 0x%08X", static_cast<unsigned>(describe_status));
            PSH_FUZZ_ASSERT(text == unknown);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    State state;
    Reader r(data, size);
    for (int op = 0; op < kMaxOperations && !r.done(); ++op) {
        const uint8_t code = r.byte();
        const bool wide = (code & 0x80) != 0;
        switch (code & 0x0F) {
            case 0: case 1:
                wide ? fill<psh_wchar>(state, r) : fill<char>(state, r);
                break;
            case 2:
                wide ? convert_slot<psh_wchar>(state, r) : convert_slot<char>(state, r);
                break;
            default: {
                const auto function = static_cast<Function>((code & 0x0F) % kFunctions);
                wide ? call<psh_wchar>(state, r, function) : call<char>(state, r, function);
                break;
            }
        }
    }
    return 0;
}
