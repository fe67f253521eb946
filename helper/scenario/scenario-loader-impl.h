/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The scenario loader's reader class, shared by the files that read its
 * sections (scenario-loader.cc: the core sections and cross checks;
 * scenario-loader-mpls.cc: the MPLS/LDP section). Internal: not installed.
 */
#ifndef IPVPN_SCENARIO_LOADER_IMPL_H
#define IPVPN_SCENARIO_LOADER_IMPL_H

#include "scenario-loader.h"
#include "scenario-values.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{
namespace detail
{

SourceMark MarkOf(const YAML::Node& node);
std::string Index(const std::string& path, size_t i);
std::string Child(const std::string& path, const std::string& key);

/// Reads one file into a Scenario, collecting every error on the way.
class Loader
{
  public:
    Loader(std::string file, const LoadOverrides& overrides)
        : m_overrides(overrides)
    {
        m_s.file = std::move(file);
    }

    LoadResult Run(const std::string& text);

  private:
    // --- reporting
    void Error(SourceMark mark, const std::string& path, const std::string& message)
    {
        m_errors.push_back({m_s.file, mark, path, message});
    }

    void Error(const YAML::Node& at, const std::string& path, const std::string& message)
    {
        Error(MarkOf(at), path, message);
    }

    /// Reports at the position recorded for `path` (or its nearest parent):
    /// used by cross checks that run after the YAML tree is gone.
    void ErrorAt(const std::string& path, const std::string& message)
    {
        std::string p = path;
        while (!p.empty() && !m_marks.count(p))
        {
            auto cut = p.find_last_of(".[");
            p = cut == std::string::npos ? "" : p.substr(0, cut);
        }
        Error(p.empty() ? SourceMark{} : m_marks[p], path, message);
    }

    // --- structure
    /// True when `node` is a map; reports unknown and duplicate keys.
    bool CheckMap(const YAML::Node& node,
                  const std::string& path,
                  const std::vector<std::string>& allowed);
    bool CheckSequence(const YAML::Node& node, const std::string& path);

    // --- typed scalars; each returns nullopt (after reporting) on error
    std::optional<std::string> Scalar(const YAML::Node& node, const std::string& path);
    std::optional<int64_t> Integer(const YAML::Node& node,
                                   const std::string& path,
                                   int64_t min,
                                   int64_t max);
    std::optional<double> Real(const YAML::Node& node,
                               const std::string& path,
                               double min,
                               double max);
    std::optional<bool> Boolean(const YAML::Node& node, const std::string& path);
    /// A scalar read with one of the value parsers, reporting its error.
    template <typename T>
    std::optional<T> Parse(const YAML::Node& node,
                           const std::string& path,
                           Parsed<T> (*parser)(const std::string&));
    std::optional<int64_t> Duration(const YAML::Node& node, const std::string& path);
    std::optional<uint64_t> DataRate(const YAML::Node& node, const std::string& path);
    std::optional<Ipv4Prefix> Prefix(const YAML::Node& node, const std::string& path);
    /// Checks `name` is a usable identifier.
    std::optional<std::string> Name(const YAML::Node& node, const std::string& path);

    // --- sections
    void ReadSimulation(const YAML::Node& node);
    void ReadNodes(const YAML::Node& node);
    void ReadLinks(const YAML::Node& node);
    void ReadAddressing(const YAML::Node& node);
    void ReadRouting(const YAML::Node& node);
    void ReadTraffic(const YAML::Node& node);
    void ReadEvents(const YAML::Node& node);
    void ReadOutputs(const YAML::Node& node);
    void ReadExpect(const YAML::Node& node);
    void ReadMpls(const YAML::Node& node); ///< scenario-loader-mpls.cc
    void ReadRadius(const YAML::Node& node);  ///< scenario-loader-tunnels.cc
    void ReadTunnels(const YAML::Node& node); ///< scenario-loader-tunnels.cc
    std::optional<TunnelAuthSpec> ReadTunnelAuth(const YAML::Node& node, const std::string& path);

    // --- cross checks, after every section is read
    void CheckNames();
    void CheckReferences();
    void CheckAddresses();
    void CheckTimes();
    void CheckConnectivity();
    void AssignPoolAddresses();
    void AssignPorts();
    void CheckMpls(); ///< scenario-loader-mpls.cc
    void CheckTunnels(); ///< scenario-loader-tunnels.cc

    const LoadOverrides& m_overrides;
    Scenario m_s;
    std::vector<Diagnostic> m_errors;
    /// Position of every value by key path ("links[2].delay"), recorded
    /// while reading, so cross checks can point at the offending value.
    std::map<std::string, SourceMark> m_marks;
    /// False when the node list itself is unusable (not a list, duplicate
    /// names): checks that resolve node names would only add noise then.
    bool m_nodesUsable = true;
};

} // namespace detail
} // namespace scenario
} // namespace ns3

#endif
