/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reads a YAML scenario file (schema version 1) and either returns the
 * resolved Scenario or the full list of errors with file, line, column and
 * key path. Three passes, every feature taking part in each: read (values as
 * written), validate (located errors, nothing changed), resolve (every
 * default and derived value made explicit; only when validation passed).
 */
#ifndef IPVPN_SCENARIO_LOADER_H
#define IPVPN_SCENARIO_LOADER_H

#include "scenario-diagnostics.h"
#include "scenario-spec.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

/// Values from the command line that replace those in the file. They are
/// applied before validation, so an event after a shortened stop is an error.
struct LoadOverrides
{
    std::optional<int64_t> stopNs;
    std::optional<uint32_t> seed;
    std::optional<uint64_t> run;
    std::optional<std::string> outFolder;
    bool pcapAll = false;
};

struct LoadResult
{
    Scenario scenario;
    std::vector<Diagnostic> errors; ///< sorted by position

    bool Ok() const
    {
        return errors.empty();
    }
};

/// The schema version this loader reads.
constexpr int kSchemaVersion = 1;

/// UDP flows without a port get one from here upwards, unique per destination.
constexpr uint16_t kFirstAutomaticPort = 9000;

LoadResult LoadScenarioFile(const std::string& path, const LoadOverrides& overrides = {});

/// Same, from text; `fileName` is used in messages only.
LoadResult LoadScenarioText(const std::string& text,
                            const std::string& fileName,
                            const LoadOverrides& overrides = {});

} // namespace scenario
} // namespace ns3

#endif
