// profshim check: is each ProfileInfo safe to give to CDO as it is? (psh_check)

#include "cli.hpp"

namespace profshim_cli {

namespace {

class CheckLines : public LineCommand {
public:
    const char* verb() const override { return "check"; }

    std::vector<Column> columns() const override {
        return {{"STATUS", 25, false}, {"AT", 4, true}, {"FORM", 9, false}, {"REWRITABLE", 10, false}};
    }

    Answer answer(const Entry& e) override {
        const Check c = check(e.info);
        const psh_report& r = c.report;
        const bool ok = c.status == PSH_OK;
        ok_ += ok ? 1 : 0;
        rewritable_ += !ok && r.rewritable != 0 ? 1 : 0;
        Answer a;
        a.status = c.status;
        a.message = describe(c.status);  // psh_describe speaks of psh_check's result
        a.json = ",\"form\":\"" + std::string(form_name(r.form)) + "\",\"server_offset\":" +
                 std::to_string(r.server_offset) + ",\"server_length\":" + std::to_string(r.server_length) +
                 ",\"mailbox_offset\":" + std::to_string(r.mailbox_offset) + ",\"mailbox_length\":" +
                 std::to_string(r.mailbox_length) + ",\"error_offset\":" + std::to_string(r.error_offset) +
                 ",\"rewritable\":" + (r.rewritable != 0 ? "true" : "false");
        a.cells = {status_name(c.status), r.error_offset >= 0 ? std::to_string(r.error_offset) : "-",
                   r.form != PSH_FORM_UNKNOWN ? form_name(r.form) : "-", ok ? "-" : r.rewritable != 0 ? "yes" : "no"};
        a.caret = r.error_offset;
        return a;
    }

    std::string summary(std::size_t n) const override {
        std::string s = std::to_string(n) + (n == 1 ? " ProfileInfo" : " ProfileInfos") + " checked: " +
                        std::to_string(ok_) + " OK, " + std::to_string(n - ok_) + " not OK";
        if (n > ok_) s += " (" + std::to_string(rewritable_) + " of them can be fixed by 'profshim rewrite')";
        return s + ".";
    }

private:
    std::size_t ok_ = 0, rewritable_ = 0;
};

int run(const std::vector<Given>& given) {
    CheckLines lines;
    return run_lines(given, lines);
}

constexpr Option kOptions[] = {kJsonOption, kFileOption, kInfoOperand};

}  // namespace

const Command kCheckCommand{
    "check", "is each ProfileInfo safe to give to CDO as it is? (psh_check)", kOptions,
    "Table columns: STATUS, AT (the unit at fault, from 0, with a caret under it), FORM\n"
    "(alias, dn, anonymous), REWRITABLE (whether 'profshim rewrite' would make it safe).\n",
    run};

}  // namespace profshim_cli
