// SPDX-License-Identifier: GPL-2.0-only
#include "nat-packet-rewriter.h"

#include "nat-checksum.h"

#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatPacketRewriter");

namespace nat
{

std::ostream&
operator<<(std::ostream& os, RewriteError e)
{
    switch (e)
    {
    case RewriteError::TRUNCATED:
        return os << "truncated";
    case RewriteError::NOT_IPV4:
        return os << "not-ipv4";
    case RewriteError::FRAGMENT:
        return os << "fragment";
    case RewriteError::UNSUPPORTED:
        return os << "unsupported";
    case RewriteError::NOT_ICMP_ERROR:
        return os << "not-icmp-error";
    }
    return os << "error " << static_cast<int>(e);
}

namespace
{

constexpr std::size_t NONE = static_cast<std::size_t>(-1);
constexpr std::size_t IP_CHECKSUM = 10;
constexpr std::size_t IP_SOURCE = 12;
constexpr std::size_t IP_DESTINATION = 16;

bool
IsIcmpQuery(uint8_t type)
{
    // RFC 792: echo reply 0, echo 8, timestamp 13, timestamp reply 14.
    return type == 0 || type == 8 || type == 13 || type == 14;
}

bool
IsIcmpError(uint8_t type)
{
    // RFC 792: destination unreachable 3, source quench 4, time exceeded 11,
    // parameter problem 12 (RFC 5508 section 4.1).
    return type == 3 || type == 4 || type == 11 || type == 12;
}

// Where the headers of one IPv4 datagram are, from offset `ip`.
struct Layout
{
    std::size_t ip = 0;
    std::size_t l4 = 0;  // transport header
    std::size_t end = 0; // end of what is there to read
    uint8_t protocol = 0;
};

// An outer datagram ends at its total length; an embedded one (RFC 792: its
// IP header and at least 8 octets) at the end of the buffer.
std::optional<RewriteError>
ReadLayout(const uint8_t* d, std::size_t length, std::size_t ip, bool embedded, Layout& out)
{
    if (length < ip + 20)
    {
        return RewriteError::TRUNCATED;
    }
    const uint8_t version = d[ip] >> 4;
    const std::size_t ihl = (d[ip] & 0x0F) * 4u;
    if (version != 4 || ihl < 20)
    {
        return RewriteError::NOT_IPV4;
    }
    std::size_t end = length;
    if (!embedded)
    {
        const std::size_t total = byteorder::ReadBe16(d + ip + 2);
        if (total < ihl)
        {
            return RewriteError::NOT_IPV4;
        }
        if (ip + total > length)
        {
            return RewriteError::TRUNCATED;
        }
        end = ip + total;
    }
    if (ip + ihl > end)
    {
        return RewriteError::TRUNCATED;
    }
    if ((byteorder::ReadBe16(d + ip + 6) & 0x1FFF) != 0)
    {
        return RewriteError::FRAGMENT;
    }
    out.ip = ip;
    out.l4 = ip + ihl;
    out.end = end;
    out.protocol = d[ip + 9];
    std::size_t need = 8; // UDP, ICMP, or an embedded header (RFC 792)
    if (out.protocol == static_cast<uint8_t>(Transport::TCP) && !embedded)
    {
        need = 20;
    }
    switch (out.protocol)
    {
    case static_cast<uint8_t>(Transport::UDP):
    case static_cast<uint8_t>(Transport::TCP):
    case static_cast<uint8_t>(Transport::ICMP):
        break;
    default:
        return RewriteError::UNSUPPORTED;
    }
    if (out.l4 + need > end)
    {
        return RewriteError::TRUNCATED;
    }
    return std::nullopt;
}

Flow
ReadFlow(const uint8_t* d, const Layout& l)
{
    Flow f;
    f.protocol = static_cast<Transport>(l.protocol);
    f.source.address = Ipv4Address(byteorder::ReadBe32(d + l.ip + IP_SOURCE));
    f.destination.address = Ipv4Address(byteorder::ReadBe32(d + l.ip + IP_DESTINATION));
    if (f.protocol == Transport::ICMP)
    {
        f.source.port = f.destination.port = byteorder::ReadBe16(d + l.l4 + 4); // identifier
        return f;
    }
    f.source.port = byteorder::ReadBe16(d + l.l4);
    f.destination.port = byteorder::ReadBe16(d + l.l4 + 2);
    if (f.protocol == Transport::TCP && l.l4 + 14 <= l.end)
    {
        f.tcpFlags = d[l.l4 + 13];
    }
    return f;
}

// A checksum field that covers a changed word: where it is, whether it is a
// UDP checksum (0 = none), and the checksum that covers it in turn.
struct Sum
{
    std::size_t at;
    bool udp;
    std::size_t coveredBy;
    bool icmp = false; ///< an ICMP checksum: its message may be all zero
};

// Up to four checksums over one word.
struct Sums
{
    Sum s[4];
    int n = 0;

    void
    Add(Sum sum)
    {
        s[n++] = sum;
    }
};

void ChangeWord(uint8_t* d, std::size_t at, uint16_t value, const Sums& sums);

void
Adjust(uint8_t* d, const Sum& sum, uint16_t oldValue, uint16_t newValue)
{
    const uint16_t checksum = byteorder::ReadBe16(d + sum.at);
    if (sum.udp && checksum == 0)
    {
        return; // RFC 768: no checksum was computed; none is
    }
    uint16_t updated = ChecksumAdjust16(checksum, oldValue, newValue);
    if (sum.udp && updated == 0)
    {
        updated = 0xFFFF; // RFC 768: a computed zero is sent as all ones
    }
    if (sum.icmp && updated == 0)
    {
        // RFC 1624 eqn. 3 gives 0x0000 (one's complement -0) for a message
        // whose words sum to +0, i.e. all zero (an echo with identifier,
        // sequence and data 0), where only 0xFFFF verifies; for any other
        // message 0xFFFF verifies as 0x0000 does (RFC 1071).
        updated = 0xFFFF;
    }
    if (sum.coveredBy == NONE)
    {
        byteorder::WriteBe16(d + sum.at, updated);
        return;
    }
    Sums outer;
    outer.Add(Sum{sum.coveredBy, false, NONE, true}); // an ICMP error's checksum
    ChangeWord(d, sum.at, updated, outer);
}

void
ChangeWord(uint8_t* d, std::size_t at, uint16_t value, const Sums& sums)
{
    const uint16_t old = byteorder::ReadBe16(d + at);
    byteorder::WriteBe16(d + at, value);
    for (int i = 0; i < sums.n; ++i)
    {
        Adjust(d, sums.s[i], old, value);
    }
}

void
ChangeAddress(uint8_t* d, std::size_t at, Ipv4Address to, const Sums& sums)
{
    const uint32_t v = to.Get();
    ChangeWord(d, at, static_cast<uint16_t>(v >> 16), sums);
    ChangeWord(d, at + 2, static_cast<uint16_t>(v), sums);
}

// The transport checksum of a datagram, if its bytes are there.
std::optional<Sum>
TransportSum(const Layout& l, std::size_t coveredBy)
{
    switch (static_cast<Transport>(l.protocol))
    {
    case Transport::UDP:
        return Sum{l.l4 + 6, true, coveredBy};
    case Transport::TCP:
        if (l.l4 + 18 <= l.end)
        {
            return Sum{l.l4 + 16, false, coveredBy};
        }
        return std::nullopt;
    case Transport::ICMP:
        return Sum{l.l4 + 2, false, coveredBy, true};
    }
    return std::nullopt;
}

// Address and port of one side of a datagram; `coveredBy` is the ICMP
// checksum of an error that embeds it, or NONE.
void
ChangeEndpoint(uint8_t* d, const Layout& l, Side side, const TransportAddress& to, std::size_t coveredBy)
{
    const auto transport = TransportSum(l, coveredBy);
    Sums addressSums;
    addressSums.Add(Sum{l.ip + IP_CHECKSUM, false, coveredBy});
    if (coveredBy != NONE)
    {
        addressSums.Add(Sum{coveredBy, false, NONE, true});
    }
    // UDP and TCP checksums cover the pseudo-header's addresses; ICMP's does not.
    if (transport && l.protocol != static_cast<uint8_t>(Transport::ICMP))
    {
        addressSums.Add(*transport);
    }
    ChangeAddress(
        d, l.ip + (side == Side::SOURCE ? IP_SOURCE : IP_DESTINATION), to.address, addressSums);

    Sums portSums;
    if (coveredBy != NONE)
    {
        portSums.Add(Sum{coveredBy, false, NONE, true});
    }
    if (transport)
    {
        portSums.Add(*transport);
    }
    std::size_t portAt = l.l4 + (side == Side::SOURCE ? 0 : 2);
    if (l.protocol == static_cast<uint8_t>(Transport::ICMP))
    {
        portAt = l.l4 + 4; // the query identifier, both ways
    }
    ChangeWord(d, portAt, to.port, portSums);
}

} // namespace

ParsedDatagram
ParseDatagram(const uint8_t* data, std::size_t length)
{
    ParsedDatagram p;
    Layout l;
    if (auto e = ReadLayout(data, length, 0, false, l))
    {
        p.error = e;
        return p;
    }
    p.flow = ReadFlow(data, l);
    if (l.protocol != static_cast<uint8_t>(Transport::ICMP))
    {
        return p;
    }
    p.icmpType = data[l.l4];
    if (IsIcmpQuery(p.icmpType))
    {
        return p;
    }
    if (!IsIcmpError(p.icmpType))
    {
        p.error = RewriteError::UNSUPPORTED;
        return p;
    }
    Layout inner;
    if (auto e = ReadLayout(data, l.end, l.l4 + 8, true, inner))
    {
        p.error = e;
        return p;
    }
    if (inner.protocol == static_cast<uint8_t>(Transport::ICMP) && !IsIcmpQuery(data[inner.l4]))
    {
        p.error = RewriteError::UNSUPPORTED; // RFC 1122 3.2.2: no error about an error
        return p;
    }
    p.icmpError = true;
    p.embedded = ReadFlow(data, inner);
    return p;
}

std::optional<RewriteError>
RewriteEndpoint(uint8_t* data, std::size_t length, Side side, const TransportAddress& to)
{
    Layout l;
    if (auto e = ReadLayout(data, length, 0, false, l))
    {
        NS_LOG_LOGIC("datagram not rewritten: " << *e);
        return e;
    }
    if (l.protocol == static_cast<uint8_t>(Transport::ICMP) && !IsIcmpQuery(data[l.l4]))
    {
        return RewriteError::UNSUPPORTED;
    }
    ChangeEndpoint(data, l, side, to, NONE);
    return std::nullopt;
}

std::optional<RewriteError>
RewriteIcmpError(uint8_t* data,
                 std::size_t length,
                 Side outerSide,
                 Ipv4Address outerAddress,
                 const TransportAddress& embeddedTo)
{
    auto parsed = ParseDatagram(data, length);
    if (parsed.error)
    {
        NS_LOG_LOGIC("ICMP error not rewritten: " << *parsed.error);
        return parsed.error;
    }
    if (!parsed.icmpError)
    {
        return RewriteError::NOT_ICMP_ERROR;
    }
    Layout l;
    ReadLayout(data, length, 0, false, l);
    Layout inner;
    ReadLayout(data, l.end, l.l4 + 8, true, inner);

    // The outer header: its own checksum only (ICMP has no pseudo-header).
    Sums ipSum;
    ipSum.Add(Sum{IP_CHECKSUM, false, NONE});
    ChangeAddress(
        data, outerSide == Side::SOURCE ? IP_SOURCE : IP_DESTINATION, outerAddress, ipSum);
    // The embedded datagram travelled the other way (RFC 5508 section 4.2).
    const Side innerSide = outerSide == Side::SOURCE ? Side::DESTINATION : Side::SOURCE;
    ChangeEndpoint(data, inner, innerSide, embeddedTo, l.l4 + 2);
    return std::nullopt;
}

std::optional<RewriteError>
RewriteAddress(uint8_t* data, std::size_t length, Side side, Ipv4Address to)
{
    const std::size_t at = side == Side::SOURCE ? IP_SOURCE : IP_DESTINATION;
    Layout l;
    const auto error = ReadLayout(data, length, 0, false, l);
    if (error == RewriteError::TRUNCATED || error == RewriteError::NOT_IPV4)
    {
        return error;
    }
    if (error) // a non-first fragment or no transport the NAT knows: the header only
    {
        Sums ipSum;
        ipSum.Add(Sum{IP_CHECKSUM, false, NONE});
        ChangeAddress(data, at, to, ipSum);
        return std::nullopt;
    }
    const Ipv4Address old(byteorder::ReadBe32(data + at));
    auto parsed = ParseDatagram(data, length);
    if (parsed.icmpError)
    {
        // The embedded datagram travelled the other way: its other side is
        // the old address when the error is about a datagram of this host.
        const Flow& e = parsed.embedded;
        const TransportAddress& embeddedSide = side == Side::SOURCE ? e.destination : e.source;
        if (embeddedSide.address == old)
        {
            return RewriteIcmpError(
                data, length, side, to, TransportAddress{to, embeddedSide.port});
        }
    }
    if (l.protocol == static_cast<uint8_t>(Transport::ICMP))
    {
        Sums ipSum; // ICMP has no pseudo-header
        ipSum.Add(Sum{IP_CHECKSUM, false, NONE});
        ChangeAddress(data, at, to, ipSum);
        return std::nullopt;
    }
    const Flow f = ReadFlow(data, l);
    ChangeEndpoint(
        data, l, side, {to, side == Side::SOURCE ? f.source.port : f.destination.port}, NONE);
    return std::nullopt;
}

} // namespace nat
} // namespace ns3
