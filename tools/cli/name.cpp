// profshim name: a safe, stable, unique MAPI profile name for each ProfileInfo
// (psh_profile_name).

#include "cli.hpp"

namespace profshim_cli {

namespace {

int run(const std::vector<Given>& given) {
    std::size_t ok = 0;
    auto answer = [&](const Entry& e) {
        const Text t = profile_name(e.info);
        const bool good = t.status == PSH_OK;
        ok += good ? 1 : 0;
        return Answer{
            .status = t.status,
            .message = good ? "PSH_OK: the profile name was made: a safe, stable MAPI profile name for this server and mailbox."
                            : "psh_profile_name failed, there is no name: " + what_happened(t.status),
            .json = ",\"name\":" + (good ? json_string(t.text) : std::string("null")),
            .cells = {status_name(t.status), good ? t.text : "-"}};
    };
    auto summary = [&](std::size_t n) {
        return std::to_string(n) + (n == 1 ? " ProfileInfo" : " ProfileInfos") + " named: " + std::to_string(ok) + " OK, " +
               std::to_string(n - ok) + " failed.";
    };
    return run_lines(given, {"name", {{"STATUS", 25, false}, {"PROFILE NAME", 28, false}}, answer, summary});
}

constexpr Option kOptions[] = {kJsonOption, kFileOption, kInfoOperand};

}  // namespace

const Command kNameCommand{
    "name", "a safe, stable, unique MAPI profile name for each ProfileInfo (psh_profile_name)", kOptions,
    "SERVER_MAILBOX_HASH, at most 64 units of A-Z a-z 0-9 _, the same for inputs that differ\n"
    "only in case or in whitespace.\n",
    run};

}  // namespace profshim_cli
