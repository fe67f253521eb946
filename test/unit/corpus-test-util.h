/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Where the tests find the shared capture corpus: $IPVPN_CORPUS_DIR/pcap
 * when the variable is set, else ../shared/corpus/pcap beside the source
 * tree (the default of the IPVPN_CORPUS_DIR CMake cache variable).
 */
#ifndef IPVPN_CORPUS_TEST_UTIL_H
#define IPVPN_CORPUS_TEST_UTIL_H

#include <cstdlib>
#include <string>

namespace ns3
{
namespace corpus
{

/// Path of a file of the corpus, e.g. File("tcpdump/pppoes.pcap").
inline std::string
File(const std::string& relativePath)
{
    const char* dir = std::getenv("IPVPN_CORPUS_DIR");
    const std::string base =
        dir != nullptr ? std::string(dir) : std::string(IPVPN_SOURCE_DIR) + "/../shared/corpus";
    return base + "/pcap/" + relativePath;
}

} // namespace corpus
} // namespace ns3

#endif
