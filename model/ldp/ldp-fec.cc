/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-fec.h"

#include "ldp-status.h"

#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpFec");

namespace ldp
{

namespace
{
uint32_t
OctetsForBits(uint32_t bits)
{
    return (bits + 7) / 8;
}

/// Network mask with the leading `len` bits set.
uint32_t
PrefixMask(uint32_t len)
{
    if (len == 0)
    {
        return 0;
    }
    return len >= 32 ? 0xFFFFFFFF : ~((1U << (32 - len)) - 1);
}

/// Longest address, in bits, of the families this module checks.
uint32_t
MaxPrefixBits(uint16_t family)
{
    return family == ADDRESS_FAMILY_IPV4 ? 32 : 128;
}
} // namespace

// ---------------------------------------------------------------- element

FecElement
FecElement::Wildcard()
{
    FecElement e;
    e.type = FEC_WILDCARD;
    e.family = 0;
    return e;
}

FecElement
FecElement::Ipv4Prefix(Ipv4Address prefix, uint8_t prefixLength)
{
    NS_ASSERT_MSG(prefixLength <= 32, "IPv4 prefix length above 32");
    FecElement e;
    e.type = FEC_PREFIX;
    e.family = ADDRESS_FAMILY_IPV4;
    e.length = prefixLength;
    uint32_t bits = prefix.Get() & PrefixMask(prefixLength);
    for (uint32_t k = 0; k < OctetsForBits(prefixLength); ++k)
    {
        e.address.push_back((bits >> (24 - 8 * k)) & 0xFF);
    }
    return e;
}

FecElement
FecElement::Ipv4Host(Ipv4Address host)
{
    FecElement e;
    e.type = FEC_HOST_ADDRESS;
    e.family = ADDRESS_FAMILY_IPV4;
    e.length = 4;
    uint32_t bits = host.Get();
    e.address = {uint8_t(bits >> 24), uint8_t(bits >> 16), uint8_t(bits >> 8), uint8_t(bits)};
    return e;
}

bool
FecElement::IsIpv4() const
{
    return type != FEC_WILDCARD && family == ADDRESS_FAMILY_IPV4;
}

Ipv4Address
FecElement::GetIpv4Address() const
{
    uint32_t bits = 0;
    for (uint32_t k = 0; k < 4; ++k)
    {
        bits = (bits << 8) | (k < address.size() ? address[k] : 0);
    }
    return Ipv4Address(bits);
}

uint8_t
FecElement::GetPrefixLength() const
{
    return type == FEC_HOST_ADDRESS ? std::min(length * 8, 255) : length;
}

Ipv4Mask
FecElement::GetIpv4Mask() const
{
    return Ipv4Mask(PrefixMask(std::min<uint32_t>(GetPrefixLength(), 32)));
}

bool
FecElement::operator==(const FecElement& other) const
{
    return type == other.type && family == other.family && length == other.length &&
           address == other.address;
}

bool
FecElement::operator!=(const FecElement& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const FecElement& e)
{
    switch (e.type)
    {
    case FEC_WILDCARD:
        return os << "wildcard";
    case FEC_PREFIX:
        if (e.IsIpv4())
        {
            return os << e.GetIpv4Address() << "/" << +e.length;
        }
        os << "prefix(af=" << e.family << " len=" << +e.length << " ";
        break;
    case FEC_HOST_ADDRESS:
        if (e.IsIpv4() && e.length == 4)
        {
            return os << "host " << e.GetIpv4Address();
        }
        os << "host(af=" << e.family << " len=" << +e.length << " ";
        break;
    default:
        os << "fec-type-" << +e.type << "(";
        break;
    }
    PrintHex(os, e.address);
    return os << ")";
}

// ---------------------------------------------------------------- TLV

FecTlv::FecTlv(FecElement element)
    : elements{std::move(element)}
{
}

Tlv
FecTlv::ToTlv() const
{
    ValueWriter w;
    for (const auto& e : elements)
    {
        w.WriteU8(e.type);
        if (e.type == FEC_WILDCARD)
        {
            continue;
        }
        w.WriteU16(e.family);
        w.WriteU8(e.length);
        w.WriteBytes(e.address);
    }
    return Tlv(TLV_FEC, w.GetBytes());
}

uint32_t
FecTlv::FromTlv(const Tlv& tlv)
{
    elements.clear();
    if (tlv.type != TLV_FEC)
    {
        return STATUS_UNKNOWN_TLV;
    }
    if (tlv.value.empty())
    {
        return STATUS_MALFORMED_TLV_VALUE;
    }
    uint32_t status = STATUS_SUCCESS;
    ValueReader r(tlv.value);
    // Each element consumes at least its type octet, so the loop ends.
    while (!r.AtEnd())
    {
        FecElement e;
        e.type = r.ReadU8();
        if (e.type == FEC_WILDCARD)
        {
            e.family = 0;
            elements.push_back(e);
            continue;
        }
        if (e.type != FEC_PREFIX && e.type != FEC_HOST_ADDRESS)
        {
            // RFC 5036 section 3.4.1: an unknown element type makes the rest
            // of the TLV unreadable; the receiver answers "Unknown FEC".
            NS_LOG_LOGIC("unknown FEC element type " << +e.type);
            return STATUS_UNKNOWN_FEC;
        }
        e.family = r.ReadU16();
        e.length = r.ReadU8();
        uint32_t octets = e.type == FEC_PREFIX ? OctetsForBits(e.length) : e.length;
        e.address = r.ReadBytes(octets);
        if (!r.IsOk())
        {
            NS_LOG_LOGIC("FEC element runs past the TLV value");
            return STATUS_MALFORMED_TLV_VALUE;
        }
        bool knownFamily = e.family == ADDRESS_FAMILY_IPV4 || e.family == ADDRESS_FAMILY_IPV6;
        if (knownFamily && e.type == FEC_PREFIX && e.length > MaxPrefixBits(e.family))
        {
            return STATUS_MALFORMED_TLV_VALUE;
        }
        if (knownFamily && e.type == FEC_HOST_ADDRESS && e.length * 8 != MaxPrefixBits(e.family))
        {
            return STATUS_MALFORMED_TLV_VALUE;
        }
        if (!knownFamily && status == STATUS_SUCCESS)
        {
            status = STATUS_UNSUPPORTED_ADDRESS_FAMILY;
        }
        elements.push_back(e);
    }
    // RFC 5036 section 3.4.1: a Wildcard element must be alone in the TLV.
    if (elements.size() > 1)
    {
        for (const auto& e : elements)
        {
            if (e.type == FEC_WILDCARD)
            {
                return STATUS_MALFORMED_TLV_VALUE;
            }
        }
    }
    return status;
}

bool
FecTlv::operator==(const FecTlv& other) const
{
    return elements == other.elements;
}

bool
FecTlv::operator!=(const FecTlv& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const FecTlv& fec)
{
    os << "FEC{";
    for (std::size_t k = 0; k < fec.elements.size(); ++k)
    {
        os << (k == 0 ? "" : ", ") << fec.elements[k];
    }
    return os << "}";
}

} // namespace ldp
} // namespace ns3
