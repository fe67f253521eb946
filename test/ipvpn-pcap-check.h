/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * For the ns-3 test suites: finding tshark and the shared pcap-check script
 * (tshark as an independent oracle on the captures a test writes).
 *
 * A check that cannot run for want of either tool is skipped, never passed:
 * CanCheckPcaps() and HaveTshark() record the skip when they answer false,
 * and ipvpn-test-runner turns a passing run with a recorded skip into exit
 * code 77, which ctest shows as skipped. IPVPN_REQUIRE_PCAP_CHECKS=1 makes
 * both answer true, so that a missing tool fails the checks instead (for
 * runners that have no skip status, such as ns-3's test.py).
 */
#ifndef IPVPN_PCAP_CHECK_H
#define IPVPN_PCAP_CHECK_H

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace ipvpntest
{

/// The environment variable that holds the reasons for the checks this
/// process skipped, one a line. In-tree the suites live in a shared library
/// with its own copy of this header's inline code; the environment is the
/// one record that the library and ipvpn-test-runner both see.
constexpr const char* kSkippedChecksVariable = "IPVPN_SKIPPED_CHECKS";

/// The reasons recorded so far, one a line; empty when nothing was skipped.
inline std::string
SkippedChecks()
{
    const char* env = std::getenv(kSkippedChecksVariable);
    return env != nullptr ? env : "";
}

/// Notes a check that could not run; printed once per reason. The word
/// "SKIP" keeps clear of the FAIL|CRASH pattern ctest looks for.
inline void
RecordSkip(const std::string& reason)
{
    const std::string all = SkippedChecks();
    if (("\n" + all).find("\n" + reason + "\n") != std::string::npos)
    {
        return;
    }
    ::setenv(kSkippedChecksVariable, (all + reason + "\n").c_str(), 1);
    std::cerr << "SKIP " << reason << "\n";
}

/// IPVPN_REQUIRE_PCAP_CHECKS set and not "0": never skip.
inline bool
PcapChecksRequired()
{
    const char* env = std::getenv("IPVPN_REQUIRE_PCAP_CHECKS");
    return env != nullptr && *env != '\0' && std::string(env) != "0";
}

inline bool
FileExists(const std::string& path)
{
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

inline bool
TsharkOnPath()
{
    return std::system("command -v tshark >/dev/null 2>&1") == 0;
}

/// $IPVPN_PCAP_CHECK, else shared/tools/pcap-check beside the source tree
/// (standalone builds), else empty.
inline std::string
PcapCheckTool()
{
    if (const char* env = std::getenv("IPVPN_PCAP_CHECK"))
    {
        return env;
    }
#ifdef IPVPN_SOURCE_DIR
    return std::string(IPVPN_SOURCE_DIR) + "/../shared/tools/pcap-check";
#else
    return "";
#endif
}

/// Whether a check that runs tshark directly can run; records a skip if not.
inline bool
HaveTshark()
{
    if (TsharkOnPath() || PcapChecksRequired())
    {
        return true;
    }
    RecordSkip("tshark checks: tshark is not installed");
    return false;
}

/// Whether tshark and pcap-check are both there; records a skip if not.
inline bool
CanCheckPcaps()
{
    const std::string tool = PcapCheckTool();
    const bool haveTool = !tool.empty() && FileExists(tool);
    if ((haveTool && TsharkOnPath()) || PcapChecksRequired())
    {
        return true;
    }
    RecordSkip(haveTool ? "pcap checks: tshark is not installed"
                        : "pcap checks: pcap-check not found at '" + tool +
                              "' (set IPVPN_PCAP_CHECK)");
    return false;
}

/// pcap-check FILE --quiet [--expect FILTER ...]; true on exit 0.
inline bool
PcapCheck(const std::string& file, const std::vector<std::string>& expects)
{
    std::string cmd = "'" + PcapCheckTool() + "' '" + file + "' --quiet";
    for (const auto& e : expects)
    {
        cmd += " --expect '" + e + "'";
    }
    return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0;
}

/// Frames tshark finds in `file` matching `filter`, -1 on error.
inline int
CountFrames(const std::string& file, const std::string& filter, const std::string& scratch)
{
    std::string cmd =
        "tshark -r '" + file + "' -Y '" + filter + "' 2>/dev/null | wc -l > '" + scratch + "'";
    if (std::system(cmd.c_str()) != 0)
    {
        return -1;
    }
    std::ifstream in(scratch);
    int n = -1;
    in >> n;
    return n;
}

} // namespace ipvpntest

#endif
