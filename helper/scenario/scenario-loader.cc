/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-loader.h"

#include "scenario-checker.h"
#include "scenario-feature.h"
#include "scenario-reader.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

namespace ns3
{
namespace scenario
{

namespace
{

/// Keys of the file itself rather than of a feature.
const std::vector<std::string> kMetadataKeys{"schema_version", "name", "description"};

void
ReadMetadata(const YAML::Node& root, YamlReader& in, Scenario& s)
{
    if (!root["schema_version"])
    {
        in.Log().Error(SourceMark{1, 1},
                       "schema_version",
                       fmt::format("missing required key 'schema_version' (this program reads "
                                   "version {})",
                                   kSchemaVersion));
    }
    else if (auto v = in.Integer(root["schema_version"], "schema_version", 0, 1000))
    {
        if (*v != kSchemaVersion)
        {
            in.Error(root["schema_version"],
                     "schema_version",
                     fmt::format("version {} is not supported (this program reads version {})",
                                 *v,
                                 kSchemaVersion));
        }
    }
    if (root["name"])
    {
        s.name = in.Name(root["name"], "name").value_or("");
    }
    else
    {
        // Default name: the file's base name without extension.
        const std::string base = s.file.substr(s.file.find_last_of('/') + 1);
        s.name = base.substr(0, base.find_last_of('.'));
    }
    if (root["description"])
    {
        s.description = in.Scalar(root["description"], "description").value_or("");
    }
}

void
ApplyOverrides(const LoadOverrides& o, Scenario& s)
{
    if (o.stopNs)
    {
        s.simulation.stopNs = *o.stopNs;
    }
    if (o.seed)
    {
        s.simulation.seed = *o.seed;
    }
    if (o.run)
    {
        s.simulation.run = *o.run;
    }
    if (o.outFolder)
    {
        s.outputs.folder = *o.outFolder;
    }
    if (o.pcapAll)
    {
        s.outputs.pcap.all = true;
    }
}

LoadResult
Load(const std::string& text, const std::string& fileName, const LoadOverrides& overrides)
{
    LoadResult result;
    Scenario& s = result.scenario;
    s.file = fileName;
    DiagnosticLog log(fileName);
    YamlReader in(log);

    YAML::Node root;
    try
    {
        root = YAML::Load(text);
    }
    catch (const YAML::Exception& e)
    {
        const SourceMark at = e.mark.is_null() ? SourceMark{1, 1}
                                               : SourceMark{e.mark.line + 1, e.mark.column + 1};
        log.Error(at, "", "YAML syntax: " + e.msg);
        result.errors = log.Sorted();
        return result;
    }
    std::vector<std::string> keys = kMetadataKeys;
    for (const auto& feature : Features())
    {
        for (const std::string& key : feature->Keys())
        {
            keys.push_back(key);
        }
    }
    if (!in.CheckMap(root, "", keys))
    {
        result.errors = log.Sorted();
        return result;
    }

    ReadMetadata(root, in, s);
    for (const auto& feature : Features())
    {
        feature->Read(root, in, s);
    }
    ApplyOverrides(overrides, s);

    ScenarioChecker check(s, log);
    for (const auto& feature : Features())
    {
        feature->Validate(s, check);
    }
    // Resolution derives values from valid input only.
    if (log.Count() == 0)
    {
        for (const auto& feature : Features())
        {
            feature->Resolve(s, check);
        }
    }
    result.errors = log.Sorted();
    return result;
}

} // namespace

LoadResult
LoadScenarioText(const std::string& text,
                 const std::string& fileName,
                 const LoadOverrides& overrides)
{
    return Load(text, fileName, overrides);
}

LoadResult
LoadScenarioFile(const std::string& path, const LoadOverrides& overrides)
{
    std::ifstream in(path);
    if (!in)
    {
        LoadResult r;
        r.scenario.file = path;
        r.errors.push_back({path, {}, "", "cannot open the scenario file"});
        return r;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    return LoadScenarioText(buffer.str(), path, overrides);
}

} // namespace scenario
} // namespace ns3
