/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvpn-run-results.h"

#include "ns3/scenario-values.h"

#include <fmt/format.h>

#include <algorithm>

namespace ns3
{
namespace metrics
{

nlohmann::json
JsonLinesOutcome::ToJson() const
{
    return json;
}

void
JsonLinesOutcome::PrintSummary(std::ostream& os) const
{
    for (const std::string& line : lines)
    {
        os << line << "\n";
    }
}

bool
RunResults::ExpectationsMet() const
{
    return std::all_of(expectations.begin(), expectations.end(), [](const auto& e) {
        return e.ok;
    });
}

std::vector<ExpectationOutcome>
CheckExpectations(const scenario::Scenario& s, const std::vector<FlowOutcome>& flows)
{
    std::vector<ExpectationOutcome> out;
    for (const auto& e : s.expectations)
    {
        const int index = s.FlowIndex(e.flow);
        if (index < 0 || static_cast<size_t>(index) >= flows.size())
        {
            out.push_back({e.flow, "flow", false, "no such flow in the results"});
            continue;
        }
        const FlowStats& st = flows[index].stats;
        const double ratio = st.DeliveryRatio();
        if (e.minDelivery)
        {
            out.push_back({e.flow,
                           "min_delivery",
                           ratio >= *e.minDelivery,
                           fmt::format("delivered {:.4f} ({}/{}), expected at least {}",
                                       ratio,
                                       st.rxPackets,
                                       st.txPackets,
                                       *e.minDelivery)});
        }
        if (e.maxDelivery)
        {
            out.push_back({e.flow,
                           "max_delivery",
                           ratio <= *e.maxDelivery,
                           fmt::format("delivered {:.4f} ({}/{}), expected at most {}",
                                       ratio,
                                       st.rxPackets,
                                       st.txPackets,
                                       *e.maxDelivery)});
        }
        if (e.maxMeanDelayNs)
        {
            const double mean = st.MeanDelayNs();
            out.push_back({e.flow,
                           "max_mean_delay",
                           mean >= 0 && mean <= static_cast<double>(*e.maxMeanDelayNs),
                           fmt::format("mean delay {}, expected at most {}",
                                       mean < 0 ? std::string("n/a (nothing received)")
                                                : fmt::format("{:.3f}ms", mean / 1e6),
                                       scenario::FormatDuration(*e.maxMeanDelayNs))});
        }
    }
    return out;
}

nlohmann::json
EventToJson(const scenario::EventSpec& e, int64_t atNs)
{
    nlohmann::json args = nlohmann::json::object();
    for (const auto& [key, value] : e.args)
    {
        args[key] = value;
    }
    // `target` (the first argument) keeps the shape plots already read.
    return {{"at_s", atNs / 1e9},
            {"action", e.action},
            {"target", e.args.empty() ? std::string() : e.args.front().second},
            {"args", args}};
}

std::string
SecondsText(const std::optional<int64_t>& ns)
{
    return ns ? fmt::format("{:.3f} s", *ns / 1e9) : std::string("never");
}

nlohmann::json
SecondsOrNull(const std::optional<int64_t>& ns)
{
    return ns ? nlohmann::json(*ns / 1e9) : nlohmann::json(nullptr);
}

std::string
PathText(const std::vector<std::string>& path)
{
    std::string out;
    for (const auto& n : path)
    {
        out += (out.empty() ? "" : ">") + n;
    }
    return out;
}

} // namespace metrics
} // namespace ns3
