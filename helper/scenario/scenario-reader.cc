/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-reader.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace ns3
{
namespace scenario
{

SourceMark
MarkOf(const YAML::Node& node)
{
    YAML::Mark m = node.Mark();
    if (m.line < 0)
    {
        // No position (an empty document): the file's start, as for a
        // missing required key; "file:0:0" would point nowhere.
        return {1, 1};
    }
    return {m.line + 1, m.column + 1};
}

std::string
Index(const std::string& path, size_t i)
{
    return fmt::format("{}[{}]", path, i);
}

std::string
Child(const std::string& path, const std::string& key)
{
    return path.empty() ? key : path + "." + key;
}

YamlReader::YamlReader(DiagnosticLog& log)
    : m_log(log)
{
}

DiagnosticLog&
YamlReader::Log()
{
    return m_log;
}

void
YamlReader::Error(const YAML::Node& at, const std::string& path, const std::string& message)
{
    m_log.Error(MarkOf(at), path, message);
}

bool
YamlReader::CheckMap(const YAML::Node& node,
                     const std::string& path,
                     const std::vector<std::string>& allowed)
{
    if (!node.IsMap())
    {
        Error(node, path, "expected a map of keys");
        return false;
    }
    std::set<std::string> seen;
    for (auto it = node.begin(); it != node.end(); ++it)
    {
        if (!it->first.IsScalar())
        {
            Error(it->first, path, "keys must be plain words");
            continue;
        }
        const std::string key = it->first.Scalar();
        m_log.Mark(Child(path, key), MarkOf(it->second));
        if (!seen.insert(key).second)
        {
            Error(it->first, Child(path, key), "key appears twice");
        }
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        {
            const std::string hint = ClosestName(key, allowed);
            Error(it->first,
                  Child(path, key),
                  fmt::format("unknown key '{}'{}; allowed here: {}",
                              key,
                              hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint),
                              JoinNames(allowed)));
        }
    }
    return true;
}

bool
YamlReader::CheckSequence(const YAML::Node& node, const std::string& path)
{
    if (!node.IsSequence())
    {
        Error(node, path, "expected a list");
        return false;
    }
    for (size_t i = 0; i < node.size(); ++i)
    {
        m_log.Mark(Index(path, i), MarkOf(node[i]));
    }
    return true;
}

bool
YamlReader::Require(const YAML::Node& map,
                    const std::string& path,
                    const std::vector<std::string>& keys)
{
    bool all = true;
    for (const auto& key : keys)
    {
        if (!map[key])
        {
            Error(map, path, fmt::format("missing required key '{}'", key));
            all = false;
        }
    }
    return all;
}

std::optional<std::string>
YamlReader::Scalar(const YAML::Node& node, const std::string& path)
{
    if (!node.IsScalar())
    {
        Error(node,
              path,
              node.IsNull() ? "a value is required" : "expected a single value, not a list or map");
        return std::nullopt;
    }
    if (!IsUtf8(node.Scalar()))
    {
        // yaml-cpp passes any octets through; results.json could not hold them.
        Error(node, path, "not valid UTF-8 text");
        return std::nullopt;
    }
    return node.Scalar();
}

std::optional<int64_t>
YamlReader::Integer(const YAML::Node& node, const std::string& path, int64_t min, int64_t max)
{
    auto text = Scalar(node, path);
    if (!text)
    {
        return std::nullopt;
    }
    int64_t v = 0;
    try
    {
        size_t used = 0;
        v = std::stoll(*text, &used, 10);
        if (used != text->size())
        {
            throw std::invalid_argument("trailing");
        }
    }
    catch (const std::exception&)
    {
        Error(node, path, fmt::format("'{}' is not an integer", *text));
        return std::nullopt;
    }
    if (v < min || v > max)
    {
        Error(node, path, fmt::format("{} is out of range ({} to {})", v, min, max));
        return std::nullopt;
    }
    return v;
}

std::optional<double>
YamlReader::Real(const YAML::Node& node, const std::string& path, double min, double max)
{
    auto text = Scalar(node, path);
    if (!text)
    {
        return std::nullopt;
    }
    double v = 0;
    try
    {
        size_t used = 0;
        v = std::stod(*text, &used);
        if (used != text->size())
        {
            throw std::invalid_argument("trailing");
        }
    }
    catch (const std::exception&)
    {
        Error(node, path, fmt::format("'{}' is not a number", *text));
        return std::nullopt;
    }
    if (!(v >= min && v <= max))
    {
        Error(node, path, fmt::format("{} is out of range ({} to {})", *text, min, max));
        return std::nullopt;
    }
    return v;
}

std::optional<bool>
YamlReader::Boolean(const YAML::Node& node, const std::string& path)
{
    auto text = Scalar(node, path);
    if (!text)
    {
        return std::nullopt;
    }
    if (*text == "true")
    {
        return true;
    }
    if (*text == "false")
    {
        return false;
    }
    Error(node, path, fmt::format("'{}' is not a boolean (true or false)", *text));
    return std::nullopt;
}

std::optional<int64_t>
YamlReader::Duration(const YAML::Node& node, const std::string& path)
{
    return Parse(node, path, &ParseDuration);
}

std::optional<int64_t>
YamlReader::PositiveDuration(const YAML::Node& node, const std::string& path)
{
    auto v = Duration(node, path);
    if (v && *v <= 0)
    {
        Error(node, path, "must be positive");
        return std::nullopt;
    }
    return v;
}

std::optional<int64_t>
YamlReader::NonNegativeDuration(const YAML::Node& node, const std::string& path)
{
    auto v = Duration(node, path);
    if (v && *v < 0)
    {
        Error(node, path, "must not be negative");
        return std::nullopt;
    }
    return v;
}

std::optional<uint64_t>
YamlReader::DataRate(const YAML::Node& node, const std::string& path)
{
    return Parse(node, path, &ParseDataRate);
}

std::optional<Ipv4Prefix>
YamlReader::Prefix(const YAML::Node& node, const std::string& path)
{
    return Parse(node, path, &ParseIpv4Prefix);
}

std::optional<std::string>
YamlReader::Name(const YAML::Node& node, const std::string& path)
{
    auto text = Scalar(node, path);
    if (!text)
    {
        return std::nullopt;
    }
    // Names become file names (pcaps) and appear in key=value traces.
    const bool ok = !text->empty() && text->size() <= 64 &&
                    std::all_of(text->begin(), text->end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' ||
                               c == '_' || c == '.';
                    });
    if (!ok)
    {
        Error(node,
              path,
              fmt::format("'{}' is not a valid name (1 to 64 letters, digits, '-', '_' or '.')",
                          *text));
        return std::nullopt;
    }
    return text;
}

} // namespace scenario
} // namespace ns3
