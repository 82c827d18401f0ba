// The string targets: psh_check, psh_rewrite and psh_profile_name, each in the width
// `Unit`, with the other width called on the same text and compared.
//
// Input layout (the same for all six targets, so corpora are interchangeable between
// functions of one width):
//   byte 0  mode:  bit 0 NUL-terminated (len = -1) rather than an explicit length
//                  bit 1 one unit of slack after the input for the in-place call
//                  bit 2 `out` = NULL when the picked cap is 0
//                  bit 3 the report is 36 bytes in a larger block, else sizeof(psh_report)
//   byte 1  flags: below 0x80, bits 0-1 (PSH_REWRITE_KEEP_DN, PSH_REWRITE_EXACT); else
//           1 << (byte & 31) | (byte & 1)
//   bytes 2-3 cap: little-endian; the picked cap is this modulo (result length + 3)
//   the rest  the text: bytes, or UTF-16 little-endian units for the _w targets
#pragma once

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>

#include "harness.hpp"
#include "reference.hpp"

namespace psh_fuzz {

struct Header {
    bool nul_terminated = false;
    bool slack = false;
    bool null_out_for_zero_cap = false;
    bool short_report = false;
    uint32_t flags = 0;
    uint16_t cap_pick = 0;
};

inline Header read_header(Reader& r) {
    Header h;
    const uint8_t mode = r.byte();
    h.nul_terminated = (mode & 1) != 0;
    h.slack = (mode & 2) != 0;
    h.null_out_for_zero_cap = (mode & 4) != 0;
    h.short_report = (mode & 8) != 0;
    const uint8_t f = r.byte();
    h.flags = f < 0x80 ? (f & 3u) : ((1u << (f & 31)) | (f & 1u));
    h.cap_pick = r.u16();
    return h;
}

// What a call with room enough gave.
template <class Unit>
struct Outcome {
    int32_t status = 0;
    int32_t length = 0;
    std::vector<Unit> units;
    std::span<const Unit> text() const { return units; }
    bool operator==(const Outcome&) const = default;
};

template <class Unit>
using OutputCall = int32_t (*)(const Unit*, int32_t, uint32_t, Unit*, int32_t, int32_t*);

template <class Unit>
bool input_unchanged(const Input<Unit>& in, const Block<Unit>& before) {
    return std::memcmp(in.block.data(), before.data(), before.size() * sizeof(Unit)) == 0;
}

// profshim.h section 8 with room enough: `room` units, the input's length + 65. A rewrite is never
// longer than its input and a profile name is at most 64 units, so PSH_E_INSUFFICIENT_BUFFER
// here is a broken invariant. (Small buffers keep the targets fast.)
template <class Unit>
Outcome<Unit> call_with_room(OutputCall<Unit> call, const Unit* info, int32_t len, uint32_t flags,
                             int32_t room) {
    Guarded<Unit> out(static_cast<std::size_t>(room));
    Outcome<Unit> o;
    o.length = -7;
    o.status = call(info, len, flags, out.data(), out.cap(), &o.length);
    PSH_FUZZ_ASSERT(is_contract_status(o.status));
    PSH_FUZZ_ASSERT(o.status != PSH_E_INSUFFICIENT_BUFFER && o.status != PSH_E_POINTER &&
                    o.status != PSH_E_INVALIDARG);
    PSH_FUZZ_ASSERT(out.guards_intact());
    if (o.status == PSH_OK) {
        PSH_FUZZ_ASSERT(o.length >= 0 && o.length < room);
        PSH_FUZZ_ASSERT(out[static_cast<std::size_t>(o.length)] == Unit{0});
        o.units.assign(out.data(), out.data() + o.length);
        for (Unit u : o.units) PSH_FUZZ_ASSERT(u != Unit{0});
        // Past the NUL nothing is written.
        for (std::size_t i = static_cast<std::size_t>(o.length) + 1; i < out.size(); ++i) {
            PSH_FUZZ_ASSERT(out[i] == Unit{0x5A});
        }
    } else {
        PSH_FUZZ_ASSERT(o.length == 0);
        PSH_FUZZ_ASSERT(out[0] == Unit{0});
        for (std::size_t i = 1; i < out.size(); ++i) PSH_FUZZ_ASSERT(out[i] == Unit{0x5A});
    }
    return o;
}

template <class Unit>
Outcome<Unit> call_with_room(OutputCall<Unit> call, const Input<Unit>& in, uint32_t flags) {
    const Block<Unit> before(in.block.data(), in.block.size());
    Outcome<Unit> o = call_with_room(call, in.block.data(), in.len, flags, in.length + PSH_PROFILE_NAME_MAX + 1);
    PSH_FUZZ_ASSERT(input_unchanged(in, before));
    return o;
}

// profshim.h section 8 for the cap the fuzzer picked: the result and its NUL when they fit; else only
// out[0] = 0 and the length; never a unit past cap (the guards), nothing else touched.
template <class Unit>
void check_cap_protocol(OutputCall<Unit> call, const Input<Unit>& in, uint32_t flags,
                        const Outcome<Unit>& full, const Header& h) {
    const int32_t modulus = (full.status == PSH_OK ? full.length : 0) + 3;
    const int32_t cap = h.cap_pick % modulus;
    Guarded<Unit> out(static_cast<std::size_t>(cap));
    Unit* out_ptr = cap == 0 && h.null_out_for_zero_cap ? nullptr : out.data();
    int32_t length = -7;
    const int32_t status = call(in.block.data(), in.len, flags, out_ptr, cap, &length);
    PSH_FUZZ_ASSERT(out.guards_intact());
    std::size_t untouched_from = cap > 0 ? 1 : 0;
    if (full.status == PSH_OK && cap >= full.length + 1) {
        PSH_FUZZ_ASSERT(status == PSH_OK);
        PSH_FUZZ_ASSERT(length == full.length);
        PSH_FUZZ_ASSERT(same_units(out.units(static_cast<std::size_t>(length)), full.text()));
        PSH_FUZZ_ASSERT(out[static_cast<std::size_t>(length)] == Unit{0});
        untouched_from = static_cast<std::size_t>(length) + 1;
    } else if (full.status == PSH_OK) {
        PSH_FUZZ_ASSERT(status == PSH_E_INSUFFICIENT_BUFFER);
        PSH_FUZZ_ASSERT(length == full.length);
        if (cap > 0) PSH_FUZZ_ASSERT(out[0] == Unit{0});
    } else {
        PSH_FUZZ_ASSERT(status == full.status);
        PSH_FUZZ_ASSERT(length == 0);
        if (cap > 0) PSH_FUZZ_ASSERT(out[0] == Unit{0});
    }
    for (std::size_t i = untouched_from; i < out.size(); ++i) PSH_FUZZ_ASSERT(out[i] == Unit{0x5A});
    // out_len may be NULL: the same answer.
    Guarded<Unit> again(static_cast<std::size_t>(cap));
    Unit* again_ptr = out_ptr == nullptr ? nullptr : again.data();
    PSH_FUZZ_ASSERT(call(in.block.data(), in.len, flags, again_ptr, cap, nullptr) == status);
    PSH_FUZZ_ASSERT(again.guards_intact());
}

// profshim.h section 8, `out == info`: the result in place when it fits; else not one unit changed.
template <class Unit>
void check_in_place(OutputCall<Unit> call, const Input<Unit>& in, uint32_t flags,
                    const Outcome<Unit>& full, const Header& h) {
    const std::size_t size = in.block.size() + (h.slack ? 1 : 0);
    Block<Unit> buffer(size);
    if (size != 0) std::memset(buffer.data(), 0x5A, size * sizeof(Unit));
    if (in.block.size() != 0) std::memcpy(buffer.data(), in.block.data(), in.block.size() * sizeof(Unit));
    const Block<Unit> before(buffer.data(), size);
    const auto cap = static_cast<int32_t>(size);
    int32_t length = -7;
    const int32_t status = call(buffer.data(), in.len, flags, buffer.data(), cap, &length);
    if (full.status == PSH_OK && cap >= full.length + 1) {
        PSH_FUZZ_ASSERT(status == PSH_OK);
        PSH_FUZZ_ASSERT(length == full.length);
        PSH_FUZZ_ASSERT(same_units(std::span<const Unit>(buffer.data(), static_cast<std::size_t>(length)), full.text()));
        PSH_FUZZ_ASSERT(buffer.data()[length] == Unit{0});
        for (std::size_t i = static_cast<std::size_t>(length) + 1; i < size; ++i) {
            PSH_FUZZ_ASSERT(buffer.data()[i] == before.data()[i]);
        }
        return;
    }
    PSH_FUZZ_ASSERT(status == (full.status == PSH_OK ? PSH_E_INSUFFICIENT_BUFFER : full.status));
    PSH_FUZZ_ASSERT(length == (full.status == PSH_OK ? full.length : 0));
    PSH_FUZZ_ASSERT(size == 0 || std::memcmp(buffer.data(), before.data(), size * sizeof(Unit)) == 0);
}

// ---- the other width (section 11.6) -----------------------------------------------------------

// The same characters in the other width, when they have a twin there: well-formed, and
// within PSH_MAX_INPUT units in both widths (or over it in both). Ill-formed input has none
// (rule 1 of its own width answers for it, which check_report_fields holds it to).
template <class Other>
struct Twin {
    std::vector<Other> payload;
    Input<Other> input;
};

template <class Unit, class Other = typename Api<Unit>::Other>
std::optional<Twin<Other>> twin_of(const std::vector<Unit>& payload, bool nul_terminated, const Input<Unit>& in) {
    const std::optional<std::u32string> characters = reference_characters<Unit>(payload);
    if (!characters) return std::nullopt;
    Twin<Other> twin;
    twin.payload = reference_encode<Other>(*characters);
    twin.input = make_input<Other>(twin.payload, nul_terminated);
    if (twin.input.too_long != in.too_long) return std::nullopt;
    return twin;
}

// psh_check's status for `units`, given by their length (never a NULL pointer, even when
// there are none).
template <class Unit>
int32_t check_units(const std::vector<Unit>& units) {
    const Unit none[1] = {Unit{0}};
    return Api<Unit>::check(units.empty() ? none : units.data(), static_cast<int32_t>(units.size()), nullptr);
}

// Whether `a` and `b` hold the same characters.
template <class A, class B>
bool same_characters(std::span<const A> a, std::span<const B> b) {
    const auto ca = reference_characters(a);
    const auto cb = reference_characters(b);
    return ca && cb && *ca == *cb;
}

// ---- psh_check -----------------------------------------------------------------------------

// The fields of a report as psh_check fills them; offsets are checked against the text.
template <class Unit>
void check_report_fields(const psh_report& r, int32_t status, std::span<const Unit> text) {
    const auto n = static_cast<int32_t>(text.size());
    PSH_FUZZ_ASSERT(r.status == status);
    PSH_FUZZ_ASSERT(r.form >= PSH_FORM_UNKNOWN && r.form <= PSH_FORM_ANONYMOUS);
    PSH_FUZZ_ASSERT(r.rewritable == 0 || r.rewritable == 1);
    const bool parsed = r.server_offset != -1;
    const bool before_parse = status == PSH_E_BAD_CHAR || status == PSH_E_NO_SEPARATOR ||
                              status == PSH_E_SYNTAX || status == PSH_E_TOO_LONG;
    PSH_FUZZ_ASSERT(parsed == !before_parse);
    if (!parsed) {
        PSH_FUZZ_ASSERT(r.form == PSH_FORM_UNKNOWN && r.server_length == 0 &&
                        r.mailbox_offset == -1 && r.mailbox_length == 0);
    } else {
        PSH_FUZZ_ASSERT(r.server_offset == 0 && r.server_length >= 0 && r.server_length < n);
        PSH_FUZZ_ASSERT(value_of(text[static_cast<std::size_t>(r.server_length)]) == '\n');
        PSH_FUZZ_ASSERT(r.mailbox_length >= 0 && r.mailbox_offset + r.mailbox_length == n);
        if (r.form == PSH_FORM_ANONYMOUS) {
            PSH_FUZZ_ASSERT(r.mailbox_offset == r.server_length + 2 && r.mailbox_length == 4);
            PSH_FUZZ_ASSERT(value_of(text[static_cast<std::size_t>(r.server_length + 1)]) == '\n');
        } else {
            PSH_FUZZ_ASSERT(r.mailbox_offset == r.server_length + 1);
            const uint32_t first = r.mailbox_length > 0 ? value_of(text[static_cast<std::size_t>(r.mailbox_offset)]) : 0;
            if (r.form == PSH_FORM_UNKNOWN) PSH_FUZZ_ASSERT(r.mailbox_length == 0);
            if (r.form == PSH_FORM_DN) PSH_FUZZ_ASSERT(first == '/');
            if (r.form == PSH_FORM_ALIAS) PSH_FUZZ_ASSERT(r.mailbox_length > 0 && first != '/');
        }
    }

    // The error offset: -1 where no single unit is at fault; else inside the input, or its
    // end only where something is missing at the end of a part.
    const int32_t off = r.error_offset;
    const int32_t server_end = r.server_offset + r.server_length;
    const int32_t mailbox_end = r.mailbox_offset + r.mailbox_length;
    const bool in_server = parsed && off >= r.server_offset && off < server_end;
    const bool in_mailbox = parsed && off >= r.mailbox_offset && off < mailbox_end;
    switch (status) {
        case PSH_OK:
            PSH_FUZZ_ASSERT(off == -1 && parsed && r.rewritable == 1);
            PSH_FUZZ_ASSERT(r.form == PSH_FORM_ALIAS || r.form == PSH_FORM_ANONYMOUS);
            break;
        case PSH_E_NO_SEPARATOR:
        case PSH_E_TOO_LONG:
            PSH_FUZZ_ASSERT(off == -1);
            break;
        case PSH_E_BAD_CHAR:   // the first unit rule 1 refuses (section 11.2)
            PSH_FUZZ_ASSERT(off >= 0 && off < n && off == reference_first_refused(text, false));
            break;
        case PSH_E_SYNTAX: {
            PSH_FUZZ_ASSERT(off >= 0 && off < n && value_of(text[static_cast<std::size_t>(off)]) == '\n');
            int32_t lfs_before = 0;
            for (int32_t i = 0; i < off; ++i) lfs_before += value_of(text[static_cast<std::size_t>(i)]) == '\n';
            PSH_FUZZ_ASSERT(lfs_before == 1);
            break;
        }
        case PSH_E_EMPTY_SERVER:
            PSH_FUZZ_ASSERT(off == 0 && r.server_length == 0);
            break;
        case PSH_E_BAD_SERVER: {
            // At a unit of the server; or at its end where a personalized server name's host
            // is empty, "GUID@" (section 5, rule 3; the fuzzer found this case).
            const bool empty_host = off == server_end && r.server_length == 37 &&
                                    value_of(text[static_cast<std::size_t>(r.server_offset + 36)]) == '@';
            PSH_FUZZ_ASSERT((in_server || empty_host) && r.form != PSH_FORM_ANONYMOUS);
            break;
        }
        case PSH_E_EMPTY_MAILBOX:
            PSH_FUZZ_ASSERT(off == n && r.mailbox_length == 0 && r.form == PSH_FORM_UNKNOWN);
            break;
        case PSH_E_BAD_MAILBOX:
            PSH_FUZZ_ASSERT(in_mailbox && r.form == PSH_FORM_ALIAS);
            break;
        case PSH_E_BAD_DN:
            PSH_FUZZ_ASSERT(r.form == PSH_FORM_DN || r.form == PSH_FORM_ANONYMOUS);
            if (r.form == PSH_FORM_DN) {
                PSH_FUZZ_ASSERT(off >= r.mailbox_offset && off <= mailbox_end);
            } else {
                PSH_FUZZ_ASSERT(off >= r.server_offset && off <= server_end);
            }
            break;
        case PSH_E_UNSAFE_CHAR:
            PSH_FUZZ_ASSERT(in_mailbox && (r.form == PSH_FORM_ALIAS || r.form == PSH_FORM_DN));
            if (r.form == PSH_FORM_DN) PSH_FUZZ_ASSERT(off == r.mailbox_offset);
            break;
        case PSH_E_RESERVED_NAME:
            PSH_FUZZ_ASSERT(off == r.server_offset || (off == r.mailbox_offset && r.form == PSH_FORM_ALIAS));
            break;
        default:
            PSH_FUZZ_ASSERT(!"a status psh_check never returns for a valid call");
    }
    // A status found after rule 1 means every unit passed rule 1.
    if (status != PSH_E_BAD_CHAR && status != PSH_E_TOO_LONG) {
        PSH_FUZZ_ASSERT(reference_first_refused(text, false) == -1);
    }
    if (status == PSH_E_NO_SEPARATOR) {
        for (Unit u : text) PSH_FUZZ_ASSERT(value_of(u) != '\n');
    }
}

template <class Unit>
psh_report checked_report(const Input<Unit>& in, const Header& h) {
    using A = Api<Unit>;
    // The report inside a larger block: the library writes the version 1 fields and nothing
    // past them, whether the caller says 36 bytes or the size of a later version.
    alignas(psh_report) unsigned char block[64];
    std::memset(block, 0xCC, sizeof block);
    auto* report = reinterpret_cast<psh_report*>(block);
    report->size = h.short_report ? PSH_REPORT_V1_SIZE : static_cast<int32_t>(sizeof block);
    const int32_t status = A::check(in.block.data(), in.len, report);
    PSH_FUZZ_ASSERT(is_contract_status(status));
    for (std::size_t i = PSH_REPORT_V1_SIZE; i < sizeof block; ++i) PSH_FUZZ_ASSERT(block[i] == 0xCC);
    PSH_FUZZ_ASSERT(report->size == (h.short_report ? PSH_REPORT_V1_SIZE : 64));
    psh_report r;
    std::memcpy(&r, block, sizeof r);

    // A report too small: PSH_E_INVALIDARG and not one byte written.
    for (int32_t bad_size : {PSH_REPORT_V1_SIZE - 1, 0, -1}) {
        std::memset(block, 0xCC, sizeof block);
        report->size = bad_size;
        PSH_FUZZ_ASSERT(A::check(in.block.data(), in.len, report) == PSH_E_INVALIDARG);
        PSH_FUZZ_ASSERT(report->size == bad_size);
        for (std::size_t i = sizeof(int32_t); i < sizeof block; ++i) PSH_FUZZ_ASSERT(block[i] == 0xCC);
    }
    // No report: the same answer.
    PSH_FUZZ_ASSERT(A::check(in.block.data(), in.len, nullptr) == status);
    return r;
}

template <class Unit>
void fuzz_check(const uint8_t* data, std::size_t size) {
    using A = Api<Unit>;
    using Other = typename A::Other;
    Reader reader(data, size);
    const Header h = read_header(reader);
    const std::vector<Unit> payload = reader.rest<Unit>();
    const Input<Unit> in = make_input<Unit>(payload, h.nul_terminated);
    const Block<Unit> before(in.block.data(), in.block.size());

    const psh_report r = checked_report(in, h);
    PSH_FUZZ_ASSERT(input_unchanged(in, before));
    const int32_t status = r.status;
    if (in.too_long) PSH_FUZZ_ASSERT(status == PSH_E_TOO_LONG);
    if (status == PSH_E_TOO_LONG) PSH_FUZZ_ASSERT(in.too_long);
    check_report_fields<Unit>(r, status, in.text());

    // rewritable says what psh_rewrite(info, len, 0) does.
    const Outcome<Unit> rewritten = call_with_room<Unit>(&A::rewrite, in, 0);
    PSH_FUZZ_ASSERT(r.rewritable == (rewritten.status == PSH_OK ? 1 : 0));
    if (status == PSH_OK) {
        // A ProfileInfo that passes is kept as it is (anonymous: "anon" in lower case)...
        PSH_FUZZ_ASSERT(rewritten.length == in.length);
        for (int32_t i = 0; i < in.length; ++i) {
            const uint32_t a = value_of(in.text()[static_cast<std::size_t>(i)]);
            const uint32_t b = value_of(rewritten.units[static_cast<std::size_t>(i)]);
            const bool lowered = r.form == PSH_FORM_ANONYMOUS && i >= r.mailbox_offset;
            PSH_FUZZ_ASSERT(lowered ? (a | 0x20) == b : a == b);
        }
        // ... exactly, with PSH_REWRITE_KEEP_DN ...
        const Outcome<Unit> kept = call_with_room<Unit>(&A::rewrite, in, PSH_REWRITE_KEEP_DN);
        PSH_FUZZ_ASSERT(kept.status == PSH_OK && same_units(kept.text(), in.text()));
        // ... and has a profile name.
        PSH_FUZZ_ASSERT(call_with_room<Unit>(&A::profile_name, in, 0).status == PSH_OK);
    }

    // The other width, on the same characters, says the same (section 11.6): the same
    // status, form and rewritable, and offsets at the same characters.
    const std::optional<Twin<Other>> twin = twin_of<Unit>(payload, h.nul_terminated, in);
    if (!twin) return;
    const psh_report other_r = checked_report(twin->input, h);
    PSH_FUZZ_ASSERT(other_r.status == r.status && other_r.form == r.form && other_r.rewritable == r.rewritable);
    const std::span<const Unit> text = in.text();
    const std::span<const Other> other_text = twin->input.text();
    const auto same_place = [&](int32_t offset, int32_t other_offset) {
        const int32_t at = reference_character_index(text, offset);
        return at != -2 && at == reference_character_index(other_text, other_offset);
    };
    PSH_FUZZ_ASSERT(same_place(r.error_offset, other_r.error_offset));
    PSH_FUZZ_ASSERT(same_place(r.server_offset, other_r.server_offset));
    PSH_FUZZ_ASSERT(same_place(r.mailbox_offset, other_r.mailbox_offset));
    PSH_FUZZ_ASSERT(same_place(r.server_offset + r.server_length, other_r.server_offset + other_r.server_length));
    PSH_FUZZ_ASSERT(same_place(r.mailbox_offset + r.mailbox_length, other_r.mailbox_offset + other_r.mailbox_length));
}

// ---- psh_rewrite -----------------------------------------------------------------------------

template <class Unit>
Outcome<Unit> rewrite_outcome(const std::vector<Unit>& text, uint32_t flags) {
    const Input<Unit> in = make_input<Unit>(text, false);
    return call_with_room<Unit>(&Api<Unit>::rewrite, in, flags);
}

template <class Unit>
void fuzz_rewrite(const uint8_t* data, std::size_t size) {
    using A = Api<Unit>;
    using Other = typename A::Other;
    Reader reader(data, size);
    const Header h = read_header(reader);
    const std::vector<Unit> payload = reader.rest<Unit>();
    const Input<Unit> in = make_input<Unit>(payload, h.nul_terminated);

    const Outcome<Unit> full = call_with_room<Unit>(&A::rewrite, in, h.flags);
    constexpr uint32_t kRewriteFlags = PSH_REWRITE_KEEP_DN | PSH_REWRITE_EXACT;
    const bool flags_ok = (h.flags & ~kRewriteFlags) == 0;
    if (!flags_ok) {
        PSH_FUZZ_ASSERT(full.status == PSH_E_UNKNOWN_FLAGS);   // flags come before length
    } else if (in.too_long) {
        PSH_FUZZ_ASSERT(full.status == PSH_E_TOO_LONG);
    } else {
        PSH_FUZZ_ASSERT(full.status != PSH_E_TOO_LONG && full.status != PSH_E_UNKNOWN_FLAGS);
    }

    if (full.status == PSH_OK) {
        // Never longer than the input; passes psh_check; rewriting again changes nothing,
        // with any flags.
        PSH_FUZZ_ASSERT(full.length <= in.length);
        PSH_FUZZ_ASSERT(A::check(full.units.data(), full.length, nullptr) == PSH_OK);
        for (uint32_t again_flags : {0u, PSH_REWRITE_KEEP_DN, PSH_REWRITE_EXACT, kRewriteFlags}) {
            const Outcome<Unit> again = rewrite_outcome(full.units, again_flags);
            PSH_FUZZ_ASSERT(again.status == PSH_OK && again.length == full.length);
            const bool same_anon_case = (again_flags & PSH_REWRITE_KEEP_DN) == (h.flags & PSH_REWRITE_KEEP_DN);
            if (same_anon_case || (again_flags & PSH_REWRITE_KEEP_DN) != 0) {
                PSH_FUZZ_ASSERT(again.units == full.units);
            } else {
                // Kept with PSH_REWRITE_KEEP_DN, rewritten with 0: only "anon" is lowered.
                PSH_FUZZ_ASSERT(std::equal(full.units.begin(), full.units.end(), again.units.begin(),
                                           [](Unit a, Unit b) { return (value_of(a) | 0x20) == (value_of(b) | 0x20); }));
            }
        }
        // NUL-terminated output reads back the same.
        std::vector<Unit> terminated = full.units;
        terminated.push_back(Unit{0});
        PSH_FUZZ_ASSERT(A::check(terminated.data(), -1, nullptr) == PSH_OK);
    }

    if (flags_ok && !in.too_long) {
        // Steps 1-2 as profshim.h section 6 states them: with PSH_REWRITE_KEEP_DN a success is exactly
        // the normalised text, and psh_check of the normalised text is the status.
        const auto normalised = reference_normalise<Unit>(in.text());
        const Outcome<Unit> kept = call_with_room<Unit>(&A::rewrite, in, PSH_REWRITE_KEEP_DN);
        if (!normalised) {
            PSH_FUZZ_ASSERT(full.status == PSH_E_BAD_CHAR && kept.status == PSH_E_BAD_CHAR);
        } else {
            // psh_check of the normalised text, in this width, is the status; except that a
            // single line left by dropping empty ones names the missing part (section 11.7).
            const std::vector<Unit> expected = reference_encode<Unit>(*normalised);
            int32_t normalised_status = check_units<Unit>(expected);
            if (normalised_status == PSH_E_NO_SEPARATOR) normalised_status = named_empty_part(in.text(), normalised_status);
            PSH_FUZZ_ASSERT(kept.status == normalised_status);
            if (kept.status == PSH_OK) PSH_FUZZ_ASSERT(same_units(kept.text(), std::span<const Unit>(expected)));
        }
        // Step 3 only ever helps: what passes kept passes replaced, with "anon" lowered.
        const Outcome<Unit> replaced = call_with_room<Unit>(&A::rewrite, in, 0);
        if (kept.status == PSH_OK) {
            PSH_FUZZ_ASSERT(replaced.status == PSH_OK && replaced.length == kept.length);
            for (std::size_t i = 0; i < kept.units.size(); ++i) {
                const uint32_t a = value_of(kept.units[i]);
                const uint32_t b = value_of(replaced.units[i]);
                PSH_FUZZ_ASSERT(a == b || ((a | 0x20) == b && a >= 'A' && a <= 'Z'));
            }
        }
        // PSH_REWRITE_EXACT (profshim.h section 10.3) changes nothing but an '=' before a
        // replaced directory name. Where the result without it succeeds, the one with it is
        // the same or has '=' after its LF, unless that '=' makes a 65th unit. The '=' also
        // makes a device-name directory name ("COM1") an alias that is not one ("=COM1").
        if ((h.flags & PSH_REWRITE_EXACT) != 0) {
            const Outcome<Unit> plain = call_with_room<Unit>(&A::rewrite, in, h.flags & ~PSH_REWRITE_EXACT);
            if (plain.status == PSH_OK && full.status == PSH_OK && full.units != plain.units) {
                std::vector<Unit> with_equals = plain.units;
                const auto lf = std::find(with_equals.begin(), with_equals.end(), Unit{'\n'});
                PSH_FUZZ_ASSERT(lf != with_equals.end() && (h.flags & PSH_REWRITE_KEEP_DN) == 0);
                with_equals.insert(lf + 1, Unit{'='});
                PSH_FUZZ_ASSERT(full.units == with_equals);
            } else if (plain.status == PSH_OK) {
                PSH_FUZZ_ASSERT(full.status == PSH_OK || full.status == PSH_E_BAD_MAILBOX);
            } else if (full.status == PSH_OK) {
                PSH_FUZZ_ASSERT(plain.status == PSH_E_RESERVED_NAME);
            } else {
                PSH_FUZZ_ASSERT(full.status == plain.status ||
                                (plain.status == PSH_E_RESERVED_NAME && full.status == PSH_E_BAD_MAILBOX));
            }
        }
        // A psh_check success is kept as it is.
        if (A::check(in.block.data(), in.len, nullptr) == PSH_OK) {
            PSH_FUZZ_ASSERT(kept.status == PSH_OK && same_units(kept.text(), in.text()));
        }
    }

    check_cap_protocol<Unit>(&A::rewrite, in, h.flags, full, h);
    check_in_place<Unit>(&A::rewrite, in, h.flags, full, h);

    // The other width on the same characters: the same status and the same text.
    if (const auto twin = twin_of<Unit>(payload, h.nul_terminated, in)) {
        const Outcome<Other> other_full = call_with_room<Other>(&Api<Other>::rewrite, twin->input, h.flags);
        PSH_FUZZ_ASSERT(other_full.status == full.status);
        PSH_FUZZ_ASSERT(full.status != PSH_OK || same_characters(other_full.text(), full.text()));
    }
}

// ---- psh_profile_name ------------------------------------------------------------------------

template <class Unit>
void check_name_shape(const Outcome<Unit>& name) {
    // At most 64 units of A-Z a-z 0-9 _ (here: lower case), S "_" M "_" 16 hex digits.
    PSH_FUZZ_ASSERT(name.length >= 1 + 1 + 1 + 1 + 16 && name.length <= PSH_PROFILE_NAME_MAX);
    for (Unit unit : name.units) {
        const uint32_t u = value_of(unit);
        PSH_FUZZ_ASSERT((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '_');
    }
    const auto n = name.units.size();
    PSH_FUZZ_ASSERT(value_of(name.units[n - 17]) == '_');
    for (std::size_t i = n - 16; i < n; ++i) {
        const uint32_t u = value_of(name.units[i]);
        PSH_FUZZ_ASSERT((u >= '0' && u <= '9') || (u >= 'a' && u <= 'f'));
    }
}

template <class Unit>
std::vector<Unit> case_changed(const std::vector<Unit>& units, bool upper) {
    std::vector<Unit> out = units;
    for (Unit& unit : out) {
        const uint32_t u = value_of(unit);
        if (upper && u >= 'a' && u <= 'z') unit = static_cast<Unit>(u - 32);
        if (!upper && u >= 'A' && u <= 'Z') unit = static_cast<Unit>(u + 32);
    }
    return out;
}

template <class Unit>
void fuzz_profile_name(const uint8_t* data, std::size_t size) {
    using A = Api<Unit>;
    using Other = typename A::Other;
    Reader reader(data, size);
    const Header h = read_header(reader);
    // flags must be 0: let the fuzzer set a bit only now and then.
    const uint32_t flags = (h.cap_pick & 0x8000) != 0 ? h.flags : 0;
    const std::vector<Unit> payload = reader.rest<Unit>();
    const Input<Unit> in = make_input<Unit>(payload, h.nul_terminated);

    const Outcome<Unit> full = call_with_room<Unit>(&A::profile_name, in, flags);
    if (flags != 0) {
        PSH_FUZZ_ASSERT(full.status == PSH_E_UNKNOWN_FLAGS);
    } else if (in.too_long) {
        PSH_FUZZ_ASSERT(full.status == PSH_E_TOO_LONG);
    } else {
        // The file-name checks are skipped: the name is sanitised.
        PSH_FUZZ_ASSERT(full.status != PSH_E_UNSAFE_CHAR && full.status != PSH_E_RESERVED_NAME);
        const auto normalised = reference_normalise<Unit>(in.text());
        if (!normalised) {
            PSH_FUZZ_ASSERT(full.status == PSH_E_BAD_CHAR);
        } else if (full.status == PSH_OK) {
            // The name, recomputed from the contract's words by the harness.
            check_name_shape(full);
            const std::string expected = reference_profile_name(*normalised);
            PSH_FUZZ_ASSERT(same_units(full.text(), std::span<const char>(expected.data(), expected.size())));
        } else {
            // A failure is psh_check's status for the normalised text, unless psh_check
            // stops at a check psh_profile_name skips (then a later check failed here).
            const std::vector<Unit> encoded = reference_encode<Unit>(*normalised);
            int32_t checked = check_units<Unit>(encoded);
            if (checked == PSH_E_NO_SEPARATOR) checked = named_empty_part(in.text(), checked);
            PSH_FUZZ_ASSERT(checked != PSH_OK);
            if (checked != PSH_E_UNSAFE_CHAR && checked != PSH_E_RESERVED_NAME) {
                PSH_FUZZ_ASSERT(full.status == checked);
            }
        }
        if (full.status == PSH_OK) {
            // Names ignore case: the same name for the text in upper and in lower case.
            {
                const bool upper = h.slack;   // one of the two, chosen by the input
                const std::vector<Unit> changed = case_changed(payload, upper);
                const Input<Unit> changed_in = make_input<Unit>(changed, h.nul_terminated);
                const Outcome<Unit> same = call_with_room<Unit>(&A::profile_name, changed_in, 0);
                PSH_FUZZ_ASSERT(same == full);
            }
        }
    }

    check_cap_protocol<Unit>(&A::profile_name, in, flags, full, h);
    check_in_place<Unit>(&A::profile_name, in, flags, full, h);

    // The other width on the same characters: the same status and the same name.
    if (const auto twin = twin_of<Unit>(payload, h.nul_terminated, in)) {
        const Outcome<Other> other_full = call_with_room<Other>(&Api<Other>::profile_name, twin->input, flags);
        PSH_FUZZ_ASSERT(other_full.status == full.status && other_full.length == full.length);
        PSH_FUZZ_ASSERT(same_units(other_full.text(), full.text()));
    }
}

}  // namespace psh_fuzz
