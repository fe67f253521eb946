/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Errors found in a scenario file, each with its position and key path, so a
 * user sees every mistake at once in the usual compiler format.
 */
#ifndef IPVPN_SCENARIO_DIAGNOSTICS_H
#define IPVPN_SCENARIO_DIAGNOSTICS_H

#include "scenario-spec.h"

#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

struct Diagnostic
{
    std::string file;
    SourceMark mark;
    std::string path;    ///< key path such as "links[2].delay"
    std::string message; ///< what is wrong

    /// "file:line:column: error: path: message"
    std::string ToString() const;
};

/// Orders diagnostics by position (stable for equal positions).
void SortDiagnostics(std::vector<Diagnostic>& diagnostics);

} // namespace scenario
} // namespace ns3

#endif
