// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-packet-tags.h"

#include "ns3/tag.h"

#include <memory>

namespace ns3
{

void
CopyPacketTags(Ptr<const Packet> from, Ptr<Packet> to)
{
    PacketTagIterator tags = from->GetPacketTagIterator();
    while (tags.HasNext())
    {
        const PacketTagIterator::Item item = tags.Next();
        if (!item.GetTypeId().HasConstructor())
        {
            continue;
        }
        Callback<ObjectBase*> create = item.GetTypeId().GetConstructor();
        std::unique_ptr<Tag> tag(dynamic_cast<Tag*>(create()));
        if (tag)
        {
            item.GetTag(*tag);
            to->AddPacketTag(*tag);
        }
    }
}

} // namespace ns3
