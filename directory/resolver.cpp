#include "resolver.hpp"

#include <algorithm>

#include <profshim.h>

namespace profshim::directory {

Answer resolve(Source& source, std::string_view info, const Options& options) {
    Answer answer;
    answer.input = std::string(info);
    std::string why;
    const auto request = parse_request(info, why);
    if (!request) {
        answer.result = Result::invalid;
        answer.reason = why;
        const auto len = static_cast<std::int32_t>(std::min<std::size_t>(info.size(), PSH_MAX_INPUT + 1));
        const std::int32_t status = psh_check(info.data(), len, nullptr);
        if (status != PSH_OK) answer.status = status;
        return answer;
    }
    answer.filter = filter_of(request->lookup);

    std::vector<Entry> found;
    try {
        found = source.find(request->lookup);
    } catch (const DirectoryError& e) {
        answer.result = Result::error;
        answer.reason = e.what();
        return answer;
    }
    if (found.empty()) {
        answer.result = Result::not_found;
        answer.reason = "no entry matches " + answer.filter;
        return answer;
    }
    if (found.size() > 1) {
        answer.result = Result::ambiguous;
        answer.reason = std::to_string(found.size()) + " entries match " + answer.filter +
                        "; none is chosen: give the mailbox by one of their DNs";
        for (const Entry& entry : found) answer.candidates.push_back(entry.dn);
        return answer;
    }
    build_answer(*request, found.front(), options, answer);
    return answer;
}

}  // namespace profshim::directory
