/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Errors found in a scenario file, each with its position and key path, so a
 * user sees every mistake at once in the usual compiler format. The log also
 * remembers where each key path was read, so that checks running after the
 * YAML tree is gone can still point at the offending value.
 */
#ifndef IPVPN_SCENARIO_DIAGNOSTICS_H
#define IPVPN_SCENARIO_DIAGNOSTICS_H

#include "scenario-spec.h"

#include <map>
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

/// The candidate closest to `word` by edit distance when it is close enough
/// to be a likely misspelling (fewer than three edits), else empty.
std::string ClosestName(const std::string& word, const std::vector<std::string>& candidates);

/// "a, b, c".
std::string JoinNames(const std::vector<std::string>& names);

/// The errors of one scenario file and the positions of its key paths.
class DiagnosticLog
{
  public:
    explicit DiagnosticLog(std::string file);

    const std::string& File() const;

    void Error(SourceMark mark, const std::string& path, const std::string& message);

    /// Reports at the position recorded for `path` or its nearest parent.
    void ErrorAt(const std::string& path, const std::string& message);

    /// Records where the value at `path` was read (the first record wins).
    void Mark(const std::string& path, SourceMark mark);

    /// Whether an error was reported at exactly this path.
    bool HasErrorAt(const std::string& path) const;

    size_t Count() const;

    /// Every error, in file order.
    std::vector<Diagnostic> Sorted() const;

  private:
    std::string m_file;
    std::vector<Diagnostic> m_errors;
    std::map<std::string, SourceMark> m_marks;
};

} // namespace scenario
} // namespace ns3

#endif
