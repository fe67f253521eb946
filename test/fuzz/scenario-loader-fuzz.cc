// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: the scenario loader (YAML text in; located errors or a
// resolved scenario out), and with it every feature's reader, checks and
// resolution. Invariants: the loader throws nothing; every error names a
// position (line and column from 1) and says something; loading is
// deterministic; a resolved scenario echoes into results.json's form
// (what ipvpn-sim writes, JSON text included).
#include "fuzz-util.h"

#include "ns3/scenario-feature.h"
#include "ns3/scenario-loader.h"

using namespace ns3;
using namespace ns3::scenario;

namespace
{

std::vector<std::string>
Lines(const LoadResult& r)
{
    std::vector<std::string> lines;
    for (const Diagnostic& d : r.errors)
    {
        lines.push_back(d.ToString());
    }
    return lines;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    const LoadResult r = LoadScenarioText(text, "fuzz.yaml");
    for (const Diagnostic& d : r.errors)
    {
        FUZZ_CHECK(d.mark.line >= 1 && d.mark.column >= 1);
        FUZZ_CHECK(!d.message.empty());
        FUZZ_CHECK(d.file == "fuzz.yaml");
    }
    if (r.Ok())
    {
        FUZZ_CHECK(r.scenario.simulation.stopNs > 0);
        const std::string json = EchoScenario(r.scenario).dump(2);
        FUZZ_CHECK(!json.empty());
    }
    const LoadResult again = LoadScenarioText(text, "fuzz.yaml");
    FUZZ_CHECK(Lines(again) == Lines(r));
    return 0;
}
