// The C boundary: every export of exports.def is defined here, and nowhere else.
//
// Each export is one line, `return guarded([&] { ... });` (guarded.hpp). Each width's pair
// of exports calls the one engine over UTF-8 (profshim.h section 11.1): a UTF-16 input is
// transcoded here, the report's offsets mapped back to its units, and the result
// transcoded back, or, when it is the input itself, written from the caller's own units
// (buffers.hpp). Work buffers live on the stack: an input is at most
// PSH_MAX_INPUT units, kMaxInputBytes bytes of UTF-8.

#include <array>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "profshim.h"

#include "buffers.hpp"
#include "describe.hpp"
#include "guarded.hpp"
#include "profile_info.hpp"
#include "profile_name.hpp"
#include "rewrite.hpp"

namespace profshim {
namespace {

// What psh_check reports before anything is parsed.
void reset_report(psh_report& report, int32_t status) {
    report.status = status;
    report.form = PSH_FORM_UNKNOWN;
    report.server_offset = -1;
    report.server_length = 0;
    report.mailbox_offset = -1;
    report.mailbox_length = 0;
    report.error_offset = -1;
    report.rewritable = 0;
}

template <class Unit>
int32_t check(const Unit* info, int32_t len, psh_report* report) {
    const bool report_usable = report != nullptr && report->size >= PSH_REPORT_V1_SIZE;
    const auto finish_without_parse = [&](int32_t status) {
        if (report_usable) reset_report(*report, status);
        return status;
    };
    if (info == nullptr) return finish_without_parse(PSH_E_POINTER);
    if (report != nullptr && !report_usable) return PSH_E_INVALIDARG;
    Scratch<Unit> scratch;
    Input input;
    // Without a report the answer is the status alone, which a UTF-16 input settles by its
    // first control other than LF (buffers.hpp, Reading).
    const int32_t read = report_usable ? read_input(info, len, scratch, input)
                                       : read_input<Reading::kToFirstControl>(info, len, scratch, input);
    if (read != PSH_OK) return finish_without_parse(read);
    const CheckResult result = check_profile_info(input.text);
    const int32_t status = result.fault.status;
    if (report_usable) {
        CallerOffsets offset(input);
        reset_report(*report, status);
        report->error_offset = result.fault.offset < 0 ? -1 : offset(result.fault.offset);
        if (result.layout.parsed) {
            const Range server = result.layout.server;
            const Range mailbox = result.layout.mailbox;
            report->form = result.layout.form;
            report->server_offset = offset(server.begin);
            report->server_length = offset(server.end) - report->server_offset;
            report->mailbox_offset = offset(mailbox.begin);
            report->mailbox_length = offset(mailbox.end) - report->mailbox_offset;
        }
        report->rewritable = is_rewritable(input.text, result) ? 1 : 0;
    }
    return status;
}

template <class Unit>
int32_t rewrite(const Unit* info, int32_t len, uint32_t flags, Unit* out, int32_t cap, int32_t* out_len) {
    OutputBuffer<Unit> output(out, cap, out_len, out != nullptr && out == info);
    if (info == nullptr) return output.fail(PSH_E_POINTER);
    if (const int32_t status = output.validate(); status != PSH_OK) return output.fail(status);
    if ((flags & ~(PSH_REWRITE_KEEP_DN | PSH_REWRITE_EXACT)) != 0) return output.fail(PSH_E_UNKNOWN_FLAGS);
    Scratch<Unit> scratch;
    Input input;
    if (const int32_t status = read_input(info, len, scratch, input); status != PSH_OK) return output.fail(status);

    WorkBytes<Unit> work;
    const Written result = rewrite_profile_info(input.text, flags, gsl::span<char>(work));
    if (result.status != PSH_OK) return output.fail(result.status);
    const gsl::span<const char> bytes(work.data(), gsl::narrow_cast<std::size_t>(result.size));
    if constexpr (!std::is_same_v<Unit, char>) {
        // A rewrite of text already in the form it makes is that text, as for most inputs
        // outside ASCII (a display name as the alias): then the answer is the caller's units
        // as they are, since the input it passed (PSH_OK: no lone surrogate) transcodes one
        // to one. Other results are transcoded back.
        if (!input.ascii && result.size == input.text.size() &&
            std::memcmp(bytes.data(), scratch.data(), bytes.size()) == 0) {
            return output.deliver_units(info, input.units);
        }
    }
    return output.deliver(bytes, input.ascii ? ResultText::kAscii : ResultText::kLikelyNotAscii);
}

template <class Unit>
int32_t profile_name(const Unit* info, int32_t len, uint32_t flags, Unit* out, int32_t cap, int32_t* out_len) {
    OutputBuffer<Unit> output(out, cap, out_len, out != nullptr && out == info);
    if (info == nullptr) return output.fail(PSH_E_POINTER);
    if (const int32_t status = output.validate(); status != PSH_OK) return output.fail(status);
    if (flags != 0) return output.fail(PSH_E_UNKNOWN_FLAGS);
    Scratch<Unit> scratch;
    Input input;
    if (const int32_t status = read_input(info, len, scratch, input); status != PSH_OK) return output.fail(status);

    WorkBytes<Unit> work;
    std::array<char, PSH_PROFILE_NAME_MAX> name;
    const Written result = make_profile_name(input.text, gsl::span<char>(work), gsl::span<char>(name));
    if (result.status != PSH_OK) return output.fail(result.status);
    return output.deliver(gsl::span<const char>(name.data(), gsl::narrow_cast<std::size_t>(result.size)));
}

template <class Unit>
int32_t describe(int32_t status, Unit* out, int32_t cap, int32_t* out_len) {
    OutputBuffer<Unit> output(out, cap, out_len, false);
    if (const int32_t invalid = output.validate(); invalid != PSH_OK) return output.fail(invalid);
    UnknownStatusText scratch;
    const std::string_view text = describe_status(status, scratch);
    return output.deliver(gsl::span<const char>(text.data(), text.size()));
}

}  // namespace
}  // namespace profshim

using profshim::guarded;

extern "C" {

int32_t PSH_CALL psh_version(void) {
    return guarded([] { return int32_t{PSH_VERSION_NUMBER}; });
}

int32_t PSH_CALL psh_check(const char* info, int32_t len, psh_report* report) {
    return guarded([&] { return profshim::check(info, len, report); });
}

int32_t PSH_CALL psh_check_w(const psh_wchar* info, int32_t len, psh_report* report) {
    return guarded([&] { return profshim::check(info, len, report); });
}

int32_t PSH_CALL psh_rewrite(const char* info, int32_t len, uint32_t flags, char* out, int32_t cap,
                             int32_t* out_len) {
    return guarded([&] { return profshim::rewrite(info, len, flags, out, cap, out_len); });
}

int32_t PSH_CALL psh_rewrite_w(const psh_wchar* info, int32_t len, uint32_t flags, psh_wchar* out,
                               int32_t cap, int32_t* out_len) {
    return guarded([&] { return profshim::rewrite(info, len, flags, out, cap, out_len); });
}

int32_t PSH_CALL psh_profile_name(const char* info, int32_t len, uint32_t flags, char* out, int32_t cap,
                                  int32_t* out_len) {
    return guarded([&] { return profshim::profile_name(info, len, flags, out, cap, out_len); });
}

int32_t PSH_CALL psh_profile_name_w(const psh_wchar* info, int32_t len, uint32_t flags, psh_wchar* out,
                                    int32_t cap, int32_t* out_len) {
    return guarded([&] { return profshim::profile_name(info, len, flags, out, cap, out_len); });
}

int32_t PSH_CALL psh_describe(int32_t status, char* out, int32_t cap, int32_t* out_len) {
    return guarded([&] { return profshim::describe(status, out, cap, out_len); });
}

int32_t PSH_CALL psh_describe_w(int32_t status, psh_wchar* out, int32_t cap, int32_t* out_len) {
    return guarded([&] { return profshim::describe(status, out, cap, out_len); });
}

}  // extern "C"
