/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ipvpn-decode: prints one line per protocol message found in pcap or
 * pcapng files, decoded with the module's own codecs:
 *
 *   <frame> <time> <proto> <type> key=value ...
 *
 * (see README.md, "Decoding captures"). Exit status: 0 when every file was
 * read (malformed frames included), 2 when a file cannot be read or is not
 * a capture, or the command line is wrong.
 */
#include "ns3/ipvpn-capture-decoder.h"
#include "ns3/ipvpn-capture-reader.h"

#include <iostream>
#include <set>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

void
Usage(std::ostream& os)
{
    os << "usage: ipvpn-decode FILE.pcap|FILE.pcapng ...\n"
          "Prints one line per MPLS, LDP, L2TP, PPP (LCP/IPCP) and RADIUS message:\n"
          "  <frame> <time> <proto> <type> key=value ...\n"
          "Malformed messages print <frame> <time> <proto> malformed reason=...\n"
          "With several files, each file's lines follow a line '# FILE'.\n"
          "Exit status: 0 files read, 2 a file is unreadable or not a capture.\n";
}

/// Decodes one file to std::cout. \return false when it cannot be read.
bool
DecodeFile(const std::string& path, bool header)
{
    decode::CaptureReader reader;
    if (!reader.Open(path))
    {
        std::cerr << "ipvpn-decode: " << reader.GetError() << "\n";
        return false;
    }
    if (header)
    {
        std::cout << "# " << path << "\n";
    }
    decode::CaptureDecoder decoder;
    decode::CaptureRecord record;
    std::set<uint32_t> unsupported;
    uint32_t number = 0;
    while (reader.Next(record))
    {
        ++number;
        const decode::Frame frame = decode::DecodeRecord(record, number);
        if (!decode::IsSupportedLinkType(frame.linkType))
        {
            unsupported.insert(frame.linkType);
        }
        for (const auto& line : decoder.Decode(frame))
        {
            std::cout << line.ToLine() << "\n";
        }
    }
    for (const auto& line : decoder.Finish())
    {
        std::cout << line.ToLine() << "\n";
    }
    for (uint32_t linkType : unsupported)
    {
        std::cerr << "ipvpn-decode: " << path << ": link type " << linkType
                  << " is not decoded\n";
    }
    if (!reader.GetError().empty())
    {
        std::cerr << "ipvpn-decode: " << path << ": " << reader.GetError() << " (after "
                  << number << " frames)\n";
    }
    return true;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::ios::sync_with_stdio(false);
    std::vector<std::string> files;
    for (int k = 1; k < argc; ++k)
    {
        const std::string arg = argv[k];
        if (arg == "-h" || arg == "--help")
        {
            Usage(std::cout);
            return 0;
        }
        if (arg.size() > 1 && arg[0] == '-')
        {
            std::cerr << "ipvpn-decode: unknown option " << arg << "\n";
            Usage(std::cerr);
            return 2;
        }
        files.push_back(arg);
    }
    if (files.empty())
    {
        Usage(std::cerr);
        return 2;
    }
    int status = 0;
    for (const auto& file : files)
    {
        if (!DecodeFile(file, files.size() > 1))
        {
            status = 2;
        }
    }
    std::cout.flush();
    return status;
}
