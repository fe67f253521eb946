// SPDX-License-Identifier: GPL-2.0-only
#include "ospf-lsa.h"

#include "ospf-lsa-checksum.h"

#include "ns3/assert.h"
#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"

#include <algorithm>
#include <type_traits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfLsa");

namespace ospf
{

namespace
{

/// Router-LSA: flags, a zero octet, # links (RFC 2328 A.4.2).
constexpr size_t ROUTER_FIXED = 4;
/// One link without its TOS entries: Link ID, Link Data, Type, # TOS, metric.
constexpr size_t ROUTER_LINK = 12;
/// One TOS entry: TOS, a zero octet, TOS metric.
constexpr size_t ROUTER_TOS = 4;
/// Network-LSA: the mask, then one Attached Router per 4 octets (A.4.3).
constexpr size_t NETWORK_MASK = 4;
constexpr size_t ADDRESS = 4;

void
EncodeBody(const RouterLsaBody& body, std::vector<uint8_t>& out)
{
    NS_ASSERT_MSG(body.links.size() <= 0xFFFF, "too many Router-LSA links");
    // Sized once, then written in place: flooding encodes every LSA it
    // sends, and appending octet by octet was most of that.
    size_t size = ROUTER_FIXED;
    for (const RouterLink& link : body.links)
    {
        NS_ASSERT_MSG(link.tosMetrics.size() <= 0xFF, "too many TOS metrics");
        size += ROUTER_LINK + 4 * link.tosMetrics.size();
    }
    const size_t at = out.size();
    out.resize(at + size);
    uint8_t* p = out.data() + at;
    p[0] = body.flags;
    p[1] = 0;
    byteorder::WriteBe16(p + 2, static_cast<uint16_t>(body.links.size()));
    p += ROUTER_FIXED;
    for (const RouterLink& link : body.links)
    {
        byteorder::WriteBe32(p, link.linkId.Get());
        byteorder::WriteBe32(p + 4, link.linkData.Get());
        p[8] = link.type;
        p[9] = static_cast<uint8_t>(link.tosMetrics.size());
        byteorder::WriteBe16(p + 10, link.metric);
        p += ROUTER_LINK;
        for (const auto& tos : link.tosMetrics)
        {
            p[0] = tos.first;
            p[1] = 0;
            byteorder::WriteBe16(p + 2, tos.second);
            p += 4;
        }
    }
}

void
EncodeBody(const NetworkLsaBody& body, std::vector<uint8_t>& out)
{
    byteorder::AppendBe32(out, body.mask.Get());
    for (const Ipv4Address& router : body.attachedRouters)
    {
        byteorder::AppendBe32(out, router.Get());
    }
}

void
EncodeBody(const RawLsaBody& body, std::vector<uint8_t>& out)
{
    out.insert(out.end(), body.begin(), body.end());
}

/// Router-LSA body (A.4.2); false unless the links fill the body exactly.
bool
DecodeRouterBody(const uint8_t* p, size_t size, RouterLsaBody& body)
{
    if (size < ROUTER_FIXED)
    {
        return false;
    }
    body.flags = p[0];
    const uint16_t count = byteorder::ReadBe16(p + 2);
    size_t at = ROUTER_FIXED;
    body.links.clear();
    // Exactly the links announced, as far as the octets can hold them: a
    // database keeps the decoded body for the LSA's lifetime.
    body.links.reserve(std::min<size_t>(count, (size - ROUTER_FIXED) / ROUTER_LINK));
    for (uint16_t i = 0; i < count; ++i)
    {
        if (size - at < ROUTER_LINK)
        {
            return false;
        }
        RouterLink link;
        link.linkId = Ipv4Address(byteorder::ReadBe32(p + at));
        link.linkData = Ipv4Address(byteorder::ReadBe32(p + at + 4));
        link.type = p[at + 8];
        const uint8_t tosCount = p[at + 9];
        link.metric = byteorder::ReadBe16(p + at + 10);
        at += ROUTER_LINK;
        if (size - at < size_t(tosCount) * ROUTER_TOS)
        {
            return false;
        }
        for (uint8_t t = 0; t < tosCount; ++t)
        {
            link.tosMetrics.emplace_back(p[at], byteorder::ReadBe16(p + at + 2));
            at += ROUTER_TOS;
        }
        body.links.push_back(std::move(link));
    }
    return at == size;
}

/// Network-LSA body (A.4.3): a mask and whole Attached Router addresses.
bool
DecodeNetworkBody(const uint8_t* p, size_t size, NetworkLsaBody& body)
{
    if (size < NETWORK_MASK || size % ADDRESS != 0)
    {
        return false;
    }
    body.mask = Ipv4Mask(byteorder::ReadBe32(p));
    body.attachedRouters.clear();
    for (size_t at = NETWORK_MASK; at < size; at += ADDRESS)
    {
        body.attachedRouters.emplace_back(byteorder::ReadBe32(p + at));
    }
    return true;
}

} // namespace

bool
RouterLink::operator==(const RouterLink& other) const
{
    return linkId == other.linkId && linkData == other.linkData && type == other.type &&
           metric == other.metric && tosMetrics == other.tosMetrics;
}

bool
RouterLsaBody::operator==(const RouterLsaBody& other) const
{
    return flags == other.flags && links == other.links;
}

bool
NetworkLsaBody::operator==(const NetworkLsaBody& other) const
{
    return mask == other.mask && attachedRouters == other.attachedRouters;
}

std::vector<uint8_t>
Lsa::ToBytes() const
{
    std::vector<uint8_t> out;
    out.reserve(GetEncodedSize());
    AppendBytes(out);
    return out;
}

void
Lsa::AppendBytes(std::vector<uint8_t>& out) const
{
    const size_t at = out.size();
    out.resize(at + LsaHeader::SIZE);
    header.Write(out.data() + at);
    std::visit(
        [&out](const auto& b) {
            EncodeBody(b, out);
        },
        body);
}

size_t
Lsa::GetEncodedSize() const
{
    struct Size
    {
        size_t operator()(const RouterLsaBody& b) const
        {
            size_t n = ROUTER_FIXED;
            for (const RouterLink& link : b.links)
            {
                n += ROUTER_LINK + 4 * link.tosMetrics.size();
            }
            return n;
        }

        size_t operator()(const NetworkLsaBody& b) const
        {
            return 4 + 4 * b.attachedRouters.size();
        }

        size_t operator()(const RawLsaBody& b) const
        {
            return b.size();
        }
    };

    return LsaHeader::SIZE + std::visit(Size{}, body);
}

void
Lsa::Seal()
{
    std::vector<uint8_t> bytes = ToBytes();
    NS_ASSERT_MSG(bytes.size() <= 0xFFFF, "LSA longer than its 16-bit length field");
    header.SetLength(static_cast<uint16_t>(bytes.size()));
    bytes[18] = static_cast<uint8_t>(bytes.size() >> 8);
    bytes[19] = static_cast<uint8_t>(bytes.size());
    // RFC 2328 12.1.7: the checksum covers everything but LS age.
    header.SetChecksum(ComputeLsaChecksum(bytes.data(), bytes.size()));
}

bool
Lsa::FromBytes(const uint8_t* data, size_t length, Lsa& lsa)
{
    if (data == nullptr || length < LsaHeader::SIZE)
    {
        return false;
    }
    lsa.header = LsaHeader();
    lsa.header.Read(data);
    const size_t declared = lsa.header.GetLength();
    if (declared < LsaHeader::SIZE || declared > length)
    {
        NS_LOG_LOGIC("LSA length " << declared << " with " << length << " octets");
        return false;
    }
    const uint8_t* p = data + LsaHeader::SIZE;
    const size_t size = declared - LsaHeader::SIZE;
    switch (lsa.header.GetType())
    {
    case LS_ROUTER: {
        RouterLsaBody body;
        if (!DecodeRouterBody(p, size, body))
        {
            NS_LOG_LOGIC("malformed Router-LSA body");
            return false;
        }
        lsa.body = std::move(body);
        return true;
    }
    case LS_NETWORK: {
        NetworkLsaBody body;
        if (!DecodeNetworkBody(p, size, body))
        {
            NS_LOG_LOGIC("malformed Network-LSA body");
            return false;
        }
        lsa.body = std::move(body);
        return true;
    }
    default:
        lsa.body = RawLsaBody(p, p + size);
        return true;
    }
}

bool
Lsa::operator==(const Lsa& other) const
{
    return header == other.header && body == other.body;
}

} // namespace ospf
} // namespace ns3
