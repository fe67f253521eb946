// SPDX-License-Identifier: GPL-2.0-only
//
// For the loader's unit tests: a load result's errors as the lines the
// runner prints.
#ifndef IPVPN_SCENARIO_TEST_MESSAGES_H
#define IPVPN_SCENARIO_TEST_MESSAGES_H

#include "ns3/scenario-loader.h"

#include <string>
#include <vector>

namespace ipvpntest
{

inline std::vector<std::string>
Messages(const ns3::scenario::LoadResult& r)
{
    std::vector<std::string> out;
    for (const auto& d : r.errors)
    {
        out.push_back(d.ToString());
    }
    return out;
}

} // namespace ipvpntest

#endif
