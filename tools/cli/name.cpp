// profshim name: a safe, stable, unique MAPI profile name for each ProfileInfo
// (psh_profile_name).

#include "cli.hpp"

namespace profshim_cli {

namespace {

class NameLines : public LineCommand {
public:
    const char* verb() const override { return "name"; }

    std::vector<Column> columns() const override {
        return {{"STATUS", 25, false}, {"PROFILE NAME", 28, false}};
    }

    Answer answer(const Entry& e) override {
        const Text t = profile_name(e.info);
        const bool ok = t.status == PSH_OK;
        ok_ += ok ? 1 : 0;
        Answer a;
        a.status = t.status;
        a.message = ok ? "PSH_OK: the profile name was made: a safe, stable MAPI profile name for this server and mailbox."
                       : "psh_profile_name failed, there is no name: " + describe(t.status);
        a.json = ",\"name\":" + (ok ? json_string(t.text) : std::string("null"));
        a.cells = {status_name(t.status), ok ? t.text : "-"};
        return a;
    }

    std::string summary(std::size_t n) const override {
        return std::to_string(n) + (n == 1 ? " ProfileInfo" : " ProfileInfos") + " named: " + std::to_string(ok_) +
               " OK, " + std::to_string(n - ok_) + " failed.";
    }

private:
    std::size_t ok_ = 0;
};

int run(const std::vector<Given>& given) {
    NameLines lines;
    return run_lines(given, lines);
}

constexpr Option kOptions[] = {kJsonOption, kFileOption, kInfoOperand};

}  // namespace

const Command kNameCommand{
    "name", "a safe, stable, unique MAPI profile name for each ProfileInfo (psh_profile_name)", kOptions,
    "SERVER_MAILBOX_HASH, at most 64 units of A-Z a-z 0-9 _, the same for inputs that\n"
    "differ only in case or in whitespace.\n",
    run};

}  // namespace profshim_cli
