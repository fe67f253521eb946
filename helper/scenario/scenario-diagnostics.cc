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

} // namespace scenario
} // namespace ns3
