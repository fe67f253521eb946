/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * For the ns-3 test suites: finding tshark and the shared pcap-check script
 * (tshark as an independent oracle on the captures a test writes). Checks
 * are skipped, with a note, where either is missing.
 */
#ifndef IPVPN_PCAP_CHECK_H
#define IPVPN_PCAP_CHECK_H

#include <cstdlib>
#include <iostream>
#include <string>
#include <sys/stat.h>

namespace ipvpntest
{

inline bool
FileExists(const std::string& path)
{
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

inline bool
HaveTshark()
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

/// Whether tshark and pcap-check are both there.
inline bool
CanCheckPcaps()
{
    const bool ok = HaveTshark() && !PcapCheckTool().empty() && FileExists(PcapCheckTool());
    if (!ok)
    {
        std::cerr << "tshark or pcap-check missing: pcap checks skipped\n";
    }
    return ok;
}

} // namespace ipvpntest

#endif
