/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * For the ns-3 test suites that run scenarios: loading a shipped scenario
 * file (or inline YAML) with the output folder redirected; a scenario that
 * does not load aborts the test with the loader's messages.
 */
#ifndef IPVPN_SCENARIO_TEST_UTIL_H
#define IPVPN_SCENARIO_TEST_UTIL_H

#include "ns3/abort.h"
#include "ns3/scenario-loader.h"

#include <string>

#ifndef IPVPN_SOURCE_DIR
// In-tree builds define it too; this is the module's place in an ns-3 tree,
// relative to the ns-3 root where test.py runs.
#define IPVPN_SOURCE_DIR "contrib/ipvpn"
#endif

namespace ipvpntest
{

inline ns3::scenario::Scenario
CheckLoaded(const ns3::scenario::LoadResult& r)
{
    std::string messages;
    for (const auto& d : r.errors)
    {
        messages += d.ToString() + "\n";
    }
    NS_ABORT_MSG_UNLESS(r.Ok(), "scenario does not load:\n" << messages);
    return r.scenario;
}

/// A file of scenarios/ with its outputs in `outFolder`.
inline ns3::scenario::Scenario
LoadShipped(const std::string& name, const std::string& outFolder, bool pcapAll = false)
{
    ns3::scenario::LoadOverrides o;
    o.outFolder = outFolder;
    o.pcapAll = pcapAll;
    return CheckLoaded(
        ns3::scenario::LoadScenarioFile(std::string(IPVPN_SOURCE_DIR) + "/scenarios/" + name, o));
}

/// Inline YAML with its outputs in `outFolder`.
inline ns3::scenario::Scenario
LoadInline(const std::string& yaml, const std::string& outFolder)
{
    ns3::scenario::LoadOverrides o;
    o.outFolder = outFolder;
    return CheckLoaded(ns3::scenario::LoadScenarioText(yaml, "inline.yaml", o));
}

} // namespace ipvpntest

#endif
