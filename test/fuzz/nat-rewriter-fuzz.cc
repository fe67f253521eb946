// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: the NAPT datagram reader and rewriters (nat-packet-rewriter.h)
// as the gateway's NAT applies them to an IPv4 datagram held as bytes.
// Input: 17 octets of parameters, then the datagram.
//   [0]      flags: bit 0 the side of RewriteEndpoint/RewriteAddress (1:
//            destination), bit 1 the outer side of RewriteIcmpError, bit 2
//            make every checksum right before the rewrites
//   [1..6]   the endpoint to write (address, port)
//   [7..10]  the address RewriteAddress and RewriteIcmpError write outside
//   [11..16] the embedded endpoint RewriteIcmpError writes
// Each rewrite runs on its own copy of the datagram, the buffer exactly its
// octets. Invariants: a refused rewrite leaves every octet as it was; when
// a rewrite succeeds, a checksum that was right is still right: the IPv4
// header checksum (RFC 791; recomputed here), the UDP/TCP checksum with its
// pseudo-header, the ICMP checksum, and in an ICMP error the embedded IPv4
// header's checksum (RFC 5508 4.2); ParseDatagram then reads the endpoint
// written, and the other side as it was.
#include "fuzz-util.h"

#include "ns3/nat-packet-rewriter.h"

using namespace ns3;
using namespace ns3::nat;

namespace
{

constexpr size_t PARAMS = 17;

uint16_t
Get16(const std::vector<uint8_t>& d, size_t at)
{
    return static_cast<uint16_t>(d[at] << 8 | d[at + 1]);
}

uint32_t
Get32(const uint8_t* d)
{
    return uint32_t{d[0]} << 24 | uint32_t{d[1]} << 16 | uint32_t{d[2]} << 8 | d[3];
}

/// The one's complement sum (RFC 1071), folded, of `length` octets from `at`.
uint32_t
Sum(const std::vector<uint8_t>& d, size_t at, size_t length, uint32_t sum = 0)
{
    for (size_t i = 0; i + 1 < length; i += 2)
    {
        sum += Get16(d, at + i);
    }
    if (length % 2 == 1)
    {
        sum += uint32_t{d[at + length - 1]} << 8;
    }
    while (sum >> 16)
    {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    return sum;
}

/// Where the checksums of a datagram are and what they cover; each is
/// unset when its octets are not all there.
struct Checks
{
    std::optional<size_t> ipHeader; ///< IHL octets from 0
    std::optional<size_t> total;    ///< the IPv4 total length, within the buffer
    uint8_t protocol = 0;
    std::optional<size_t> embeddedHeader; ///< ICMP error: the embedded IPv4 header's IHL
};

Checks
Locate(const std::vector<uint8_t>& d)
{
    Checks c;
    if (d.size() < 20 || (d[0] >> 4) != 4)
    {
        return c;
    }
    const size_t ihl = (d[0] & 0x0F) * 4u;
    if (ihl < 20 || ihl > d.size())
    {
        return c;
    }
    c.ipHeader = ihl;
    const size_t total = Get16(d, 2);
    if (total < ihl || total > d.size() || (Get16(d, 6) & 0x1FFF) != 0)
    {
        return c;
    }
    c.total = total;
    c.protocol = d[9];
    const size_t inner = ihl + 8;
    if (c.protocol == 1 && inner + 20 <= total && (d[inner] >> 4) == 4)
    {
        const size_t innerIhl = (d[inner] & 0x0F) * 4u;
        if (innerIhl >= 20 && inner + innerIhl <= total)
        {
            c.embeddedHeader = innerIhl;
        }
    }
    return c;
}

/// Which of the checksums are right (a missing one counts as wrong).
struct Valid
{
    bool ipHeader = false;
    bool transport = false;
    bool embeddedHeader = false;
};

/// The UDP or TCP checksum field's offset, or ICMP's.
size_t
TransportChecksumAt(const Checks& c)
{
    return *c.ipHeader + (c.protocol == 17 ? 6 : c.protocol == 6 ? 16 : 2);
}

bool
HasTransport(const Checks& c)
{
    if (!c.ipHeader || !c.total)
    {
        return false;
    }
    const size_t length = *c.total - *c.ipHeader;
    return (c.protocol == 17 && length >= 8) || (c.protocol == 6 && length >= 20) ||
           (c.protocol == 1 && length >= 8);
}

uint32_t
TransportSum(const std::vector<uint8_t>& d, const Checks& c)
{
    const size_t ihl = *c.ipHeader;
    const size_t length = *c.total - ihl;
    uint32_t pseudo = 0;
    if (c.protocol != 1) // UDP and TCP: RFC 768, RFC 793 pseudo-header
    {
        pseudo = Sum(d, 12, 8, c.protocol + static_cast<uint32_t>(length));
    }
    return Sum(d, ihl, length, pseudo);
}

Valid
Verify(const std::vector<uint8_t>& d, const Checks& c)
{
    Valid v;
    if (c.ipHeader)
    {
        v.ipHeader = Sum(d, 0, *c.ipHeader) == 0xFFFF;
    }
    if (HasTransport(c))
    {
        // RFC 768: a UDP checksum of 0 was not computed.
        const bool none = c.protocol == 17 && Get16(d, TransportChecksumAt(c)) == 0;
        v.transport = !none && TransportSum(d, c) == 0xFFFF;
    }
    if (c.embeddedHeader)
    {
        v.embeddedHeader = Sum(d, *c.ipHeader + 8, *c.embeddedHeader) == 0xFFFF;
    }
    return v;
}

void
Put16(std::vector<uint8_t>& d, size_t at, uint16_t v)
{
    d[at] = static_cast<uint8_t>(v >> 8);
    d[at + 1] = static_cast<uint8_t>(v);
}

/// Makes every checksum Locate() finds right (embedded header first: the
/// ICMP checksum covers it).
void
MakeRight(std::vector<uint8_t>& d)
{
    const Checks c = Locate(d);
    if (c.embeddedHeader)
    {
        const size_t at = *c.ipHeader + 8;
        Put16(d, at + 10, 0);
        Put16(d, at + 10, static_cast<uint16_t>(~Sum(d, at, *c.embeddedHeader)));
    }
    if (HasTransport(c))
    {
        const size_t at = TransportChecksumAt(c);
        Put16(d, at, 0);
        const uint16_t sum = static_cast<uint16_t>(~TransportSum(d, c));
        Put16(d, at, c.protocol == 17 && sum == 0 ? 0xFFFF : sum);
    }
    if (c.ipHeader)
    {
        Put16(d, 10, 0);
        Put16(d, 10, static_cast<uint16_t>(~Sum(d, 0, *c.ipHeader)));
    }
}

/// After a successful rewrite: what was right still is.
void
CheckStillRight(const std::vector<uint8_t>& after, const Checks& c, const Valid& before)
{
    const Valid now = Verify(after, c);
    FUZZ_CHECK(!before.ipHeader || now.ipHeader);
    FUZZ_CHECK(!before.transport || now.transport);
    FUZZ_CHECK(!before.embeddedHeader || now.embeddedHeader);
}

const TransportAddress&
OnSide(const Flow& flow, Side side)
{
    return side == Side::SOURCE ? flow.source : flow.destination;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < PARAMS)
    {
        return 0;
    }
    const uint8_t flags = data[0];
    const Side side = flags & 1 ? Side::DESTINATION : Side::SOURCE;
    const Side outerSide = flags & 2 ? Side::DESTINATION : Side::SOURCE;
    const TransportAddress to{Ipv4Address(Get32(data + 1)),
                              static_cast<uint16_t>(data[5] << 8 | data[6])};
    const Ipv4Address outerAddress(Get32(data + 7));
    const TransportAddress embeddedTo{Ipv4Address(Get32(data + 11)),
                                      static_cast<uint16_t>(data[15] << 8 | data[16])};

    std::vector<uint8_t> datagram(data + PARAMS, data + size);
    if (flags & 4)
    {
        MakeRight(datagram);
    }
    const Checks checks = Locate(datagram);
    const Valid valid = Verify(datagram, checks);

    const ParsedDatagram parsed = ParseDatagram(datagram.data(), datagram.size());
    if (!parsed.error)
    {
        std::ostringstream printed;
        printed << parsed.flow << parsed.embedded;
        FUZZ_CHECK(checks.total.has_value());
    }
    else
    {
        std::ostringstream printed;
        printed << *parsed.error;
    }

    {
        std::vector<uint8_t> copy = datagram;
        const auto error = RewriteEndpoint(copy.data(), copy.size(), side, to);
        if (error)
        {
            FUZZ_CHECK(copy == datagram);
        }
        else
        {
            FUZZ_CHECK(!parsed.error && !parsed.icmpError);
            CheckStillRight(copy, checks, valid);
            const ParsedDatagram again = ParseDatagram(copy.data(), copy.size());
            FUZZ_CHECK(!again.error);
            FUZZ_CHECK(OnSide(again.flow, side) == to);
            const Side other = side == Side::SOURCE ? Side::DESTINATION : Side::SOURCE;
            FUZZ_CHECK(OnSide(again.flow, other).address == OnSide(parsed.flow, other).address);
            if (parsed.flow.protocol != Transport::ICMP)
            {
                FUZZ_CHECK(OnSide(again.flow, other) == OnSide(parsed.flow, other));
            }
        }
    }
    {
        std::vector<uint8_t> copy = datagram;
        const auto error = RewriteAddress(copy.data(), copy.size(), side, outerAddress);
        if (error)
        {
            FUZZ_CHECK(copy == datagram);
            FUZZ_CHECK(*error == RewriteError::TRUNCATED || *error == RewriteError::NOT_IPV4);
        }
        else
        {
            CheckStillRight(copy, checks, valid);
            const uint32_t written = Get32(copy.data() + (side == Side::SOURCE ? 12 : 16));
            FUZZ_CHECK(written == outerAddress.Get());
        }
    }
    {
        std::vector<uint8_t> copy = datagram;
        const auto error =
            RewriteIcmpError(copy.data(), copy.size(), outerSide, outerAddress, embeddedTo);
        if (error)
        {
            FUZZ_CHECK(copy == datagram);
        }
        else
        {
            FUZZ_CHECK(parsed.icmpError);
            CheckStillRight(copy, checks, valid);
            const ParsedDatagram again = ParseDatagram(copy.data(), copy.size());
            FUZZ_CHECK(!again.error && again.icmpError);
            FUZZ_CHECK(OnSide(again.flow, outerSide).address == outerAddress);
            const Side innerSide = outerSide == Side::SOURCE ? Side::DESTINATION : Side::SOURCE;
            FUZZ_CHECK(OnSide(again.embedded, innerSide) == embeddedTo);
        }
    }
    return 0;
}
