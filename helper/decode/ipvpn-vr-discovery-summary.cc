// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-vr-discovery-summary.h"

#include "ns3/buffer.h"
#include "ns3/log.h"
#include "ns3/vr-discovery-header.h"

#include <sstream>
#include <string>

namespace ns3
{
namespace decode
{

NS_LOG_COMPONENT_DEFINE("IpvpnVrDiscoverySummary");

namespace
{

/// "BAD_TLV" -> "bad-tlv": the codec's error name as a reason token.
std::string
VrReason(vr::DiscoveryHeader::Error error)
{
    std::string name = vr::DiscoveryHeader::ErrorName(error);
    for (char& c : name)
    {
        c = c == '_' ? ' ' : c;
    }
    return name;
}

} // namespace

DecodedMessage
SummarizeVrDiscovery(const std::vector<uint8_t>& bytes)
{
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    if (!bytes.empty())
    {
        buffer.Begin().Write(bytes.data(), bytes.size());
    }
    // The message is the whole UDP payload (doc/vr-discovery.md): its
    // Length must equal the octets given.
    vr::DiscoveryHeader h;
    h.Deserialize(buffer.Begin(), buffer.End());
    const std::string type = Token(vr::TypeName(h.GetType()));
    if (!h.IsValid())
    {
        DecodedMessage line = DecodedMessage::Malformed("vr-discovery", VrReason(h.GetError()));
        switch (h.GetError())
        {
        case vr::DiscoveryHeader::TRUNCATED:
            line.Add("need", vr::DiscoveryHeader::FIXED_SIZE).Add("have", bytes.size());
            break;
        case vr::DiscoveryHeader::BAD_VERSION:
            line.Add("version", h.GetVersion());
            break;
        case vr::DiscoveryHeader::BAD_LENGTH:
            line.Add("type", type).Add("seq", h.GetSequence());
            line.Add("length", (uint32_t(bytes[2]) << 8) | bytes[3]).Add("have", bytes.size());
            break;
        default:
            line.Add("type", type).Add("seq", h.GetSequence());
            break;
        }
        return line;
    }
    DecodedMessage line("vr-discovery", type);
    line.Add("seq", h.GetSequence()).Add("vpn", h.GetVpnId().ToString());
    line.Add("router", Text(h.GetRouterId()));
    if (h.HasPortAddress())
    {
        line.Add("port", Text(h.GetPortAddress()));
    }
    if (h.GetUnknownTlvCount() > 0)
    {
        line.Add("unknown-tlvs", h.GetUnknownTlvCount());
    }
    return line;
}

} // namespace decode
} // namespace ns3
