/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-diagnostics.h"

#include <fmt/format.h>

#include <algorithm>

namespace ns3
{
namespace scenario
{

std::string
Diagnostic::ToString() const
{
    std::string where = path.empty() ? "" : path + ": ";
    return fmt::format("{}:{}:{}: error: {}{}", file, mark.line, mark.column, where, message);
}

void
SortDiagnostics(std::vector<Diagnostic>& diagnostics)
{
    std::stable_sort(diagnostics.begin(),
                     diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         return std::tie(a.mark.line, a.mark.column) <
                                std::tie(b.mark.line, b.mark.column);
                     });
}

namespace
{

/// Levenshtein distance.
size_t
Distance(const std::string& a, const std::string& b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
    {
        row[j] = j;
    }
    for (size_t i = 1; i <= a.size(); ++i)
    {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
        {
            size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
            diag = up;
        }
    }
    return row[b.size()];
}

} // namespace

std::string
ClosestName(const std::string& word, const std::vector<std::string>& candidates)
{
    std::string best;
    size_t bestDistance = 3;
    for (const auto& c : candidates)
    {
        const size_t d = Distance(word, c);
        if (d < bestDistance)
        {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

std::string
JoinNames(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names)
    {
        out += (out.empty() ? "" : ", ") + n;
    }
    return out;
}

DiagnosticLog::DiagnosticLog(std::string file)
    : m_file(std::move(file))
{
}

const std::string&
DiagnosticLog::File() const
{
    return m_file;
}

void
DiagnosticLog::Error(SourceMark mark, const std::string& path, const std::string& message)
{
    m_errors.push_back({m_file, mark, path, message});
}

void
DiagnosticLog::ErrorAt(const std::string& path, const std::string& message)
{
    std::string p = path;
    while (!p.empty() && !m_marks.count(p))
    {
        auto cut = p.find_last_of(".[");
        p = cut == std::string::npos ? "" : p.substr(0, cut);
    }
    // A path read from nowhere (a default): the file's start.
    Error(p.empty() ? SourceMark{1, 1} : m_marks.at(p), path, message);
}

void
DiagnosticLog::Mark(const std::string& path, SourceMark mark)
{
    m_marks.emplace(path, mark);
}

bool
DiagnosticLog::HasErrorAt(const std::string& path) const
{
    return std::any_of(m_errors.begin(), m_errors.end(), [&](const Diagnostic& d) {
        return d.path == path;
    });
}

size_t
DiagnosticLog::Count() const
{
    return m_errors.size();
}

std::vector<Diagnostic>
DiagnosticLog::Sorted() const
{
    std::vector<Diagnostic> out = m_errors;
    SortDiagnostics(out);
    return out;
}

} // namespace scenario
} // namespace ns3
