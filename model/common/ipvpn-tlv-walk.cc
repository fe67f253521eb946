// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-tlv-walk.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvpnTlvWalk");

TlvWalk
WalkTlvs(Buffer::Iterator& i,
         uint32_t length,
         int cutShort,
         const TlvShape& shape,
         const TlvRead& read)
{
    constexpr uint32_t HEADER = 2;
    TlvWalk walk;
    uint32_t left = length;
    // Each pass consumes at least the 2-octet header, so the loop ends.
    while (left > 0)
    {
        if (left < HEADER)
        {
            NS_LOG_LOGIC("TLV header cut short: " << left << " octets left");
            walk.error = cutShort;
            break;
        }
        const uint8_t type = i.ReadU8();
        const uint8_t valueLength = i.ReadU8();
        left -= HEADER;
        if (valueLength > left)
        {
            NS_LOG_LOGIC("TLV " << +type << " of " << +valueLength << " octets overruns the "
                                << left << " left");
            walk.error = cutShort;
            break;
        }
        const int verdict = shape(type, valueLength);
        if (verdict == TLV_SKIP)
        {
            // Unknown TLVs are skipped, so later versions can add fields.
            NS_LOG_LOGIC("unknown TLV " << +type << " skipped");
            ++walk.skipped;
            i.Next(valueLength);
            left -= valueLength;
            continue;
        }
        if (verdict != 0)
        {
            NS_LOG_LOGIC("TLV " << +type << " of " << +valueLength << " octets refused");
            walk.error = verdict;
            break;
        }
        const Buffer::Iterator value = i;
        i.Next(valueLength);
        left -= valueLength;
        walk.error = read(type, valueLength, value);
        if (walk.error != 0)
        {
            NS_LOG_LOGIC("TLV " << +type << ": a value out of range");
            break;
        }
    }
    walk.consumed = length - left;
    return walk;
}

} // namespace ns3
