// SPDX-License-Identifier: GPL-2.0-only
#include "htip-message.h"

#include "ns3/ipvpn-tlv-walk.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HtipMessage");

namespace htip
{

NS_OBJECT_ENSURE_REGISTERED(MessageHeader);

namespace
{

/// Value sizes of the one-octet TLVs.
constexpr uint8_t OCTET_LENGTH = 1;
/// Longest TLV value: the Length field is one octet.
constexpr std::size_t MAX_VALUE = 255;

/// A gateway name octet: visible ASCII, no space or control character, so
/// that Print() stays one line of words.
bool
IsNameOctet(uint8_t c)
{
    return c >= 0x21 && c <= 0x7e;
}

/// At most MessageHeader::MAX_LIST prefixes of `list`: a longer list does
/// not fit one TLV.
std::vector<Prefix>
Clamped(const std::vector<Prefix>& list)
{
    if (list.size() <= MessageHeader::MAX_LIST)
    {
        return list;
    }
    NS_LOG_WARN("prefix list of " << list.size() << " cut to " << MessageHeader::MAX_LIST);
    return std::vector<Prefix>(list.begin(), list.begin() + MessageHeader::MAX_LIST);
}

void
WritePrefix(Buffer::Iterator& i, const Prefix& p)
{
    i.WriteHtonU32(p.network.Get());
    i.WriteU8(p.length);
}

Prefix
ReadPrefix(Buffer::Iterator& i)
{
    const Ipv4Address network(i.ReadNtohU32());
    const uint8_t length = i.ReadU8();
    return Prefix(network, length);
}

void
WritePrefixTlv(Buffer::Iterator& i, uint8_t type, const Prefix& p)
{
    i.WriteU8(type);
    i.WriteU8(MessageHeader::PREFIX_SIZE);
    WritePrefix(i, p);
}

void
WriteListTlv(Buffer::Iterator& i, uint8_t type, const std::vector<Prefix>& list)
{
    i.WriteU8(type);
    i.WriteU8(static_cast<uint8_t>(list.size() * MessageHeader::PREFIX_SIZE));
    for (const Prefix& p : list)
    {
        WritePrefix(i, p);
    }
}

/// Whether `m` carries the fields its type needs (htip-message.h).
bool
HasTypeFields(const MessageHeader& m)
{
    const bool common = m.GetVpnProtocol() && m.GetRequesterPrefix();
    switch (m.GetType())
    {
    case REQUEST:
        return common && m.HasRequesterCandidates() && m.GetGatewayName();
    case RESPONSE:
        return common && m.GetResponderPrefix() && m.HasResponderCandidates() &&
               m.GetRequesterTunnel();
    case ACK:
    case READY:
        return common && m.GetResponderPrefix() && m.GetRequesterTunnel() && m.GetResponderTunnel();
    case NAK:
        // B refusing a REQUEST ([0156]) or A refusing a RESPONSE.
        return m.GetNakCause() && ((m.HasRequesterCandidates() && m.GetResponderPrefix()) ||
                                   (m.HasResponderCandidates() && m.GetRequesterPrefix()));
    default:
        return false;
    }
}

/// "10.0.0.0/24,10.0.1.0/24"; "none" for an empty list.
void
PrintList(std::ostream& os, const std::vector<Prefix>& list)
{
    if (list.empty())
    {
        os << "none";
    }
    for (std::size_t k = 0; k < list.size(); ++k)
    {
        os << (k > 0 ? "," : "") << list[k];
    }
}

} // namespace

std::string
TypeName(uint8_t type)
{
    switch (type)
    {
    case REQUEST:
        return "REQUEST";
    case RESPONSE:
        return "RESPONSE";
    case ACK:
        return "ACK";
    case READY:
        return "READY";
    case NAK:
        return "NAK";
    default:
        return "TYPE " + std::to_string(type);
    }
}

std::string
MessageHeader::ErrorName(Error error)
{
    switch (error)
    {
    case OK:
        return "OK";
    case TRUNCATED:
        return "TRUNCATED";
    case BAD_VERSION:
        return "BAD_VERSION";
    case BAD_TYPE:
        return "BAD_TYPE";
    case BAD_LENGTH:
        return "BAD_LENGTH";
    case BAD_RESERVED:
        return "BAD_RESERVED";
    case BAD_TLV:
        return "BAD_TLV";
    case DUPLICATE_TLV:
        return "DUPLICATE_TLV";
    case MISSING_FIELD:
        return "MISSING_FIELD";
    }
    return "Error " + std::to_string(static_cast<int>(error));
}

TypeId
MessageHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::htip::MessageHeader")
                            .SetParent<Header>()
                            .SetGroupName("Htip")
                            .AddConstructor<MessageHeader>();
    return tid;
}

MessageHeader::MessageHeader()
    : m_version(HTIP_VERSION)
    , m_type(REQUEST)
    , m_negotiationId(0)
    , m_round(1)
    , m_vpnProtocol(VPN_L2TP)
    , m_unknownTlvs(0)
    , m_error(OK)
{
}

void
MessageHeader::SetType(uint8_t type)
{
    m_type = type;
}

uint8_t
MessageHeader::GetType() const
{
    return m_type;
}

uint8_t
MessageHeader::GetVersion() const
{
    return m_version;
}

void
MessageHeader::SetNegotiationId(uint32_t id)
{
    m_negotiationId = id;
}

uint32_t
MessageHeader::GetNegotiationId() const
{
    return m_negotiationId;
}

void
MessageHeader::SetRound(uint16_t round)
{
    m_round = round;
}

uint16_t
MessageHeader::GetRound() const
{
    return m_round;
}

void
MessageHeader::SetVpnProtocol(uint8_t protocol)
{
    m_vpnProtocol = protocol;
}

std::optional<uint8_t>
MessageHeader::GetVpnProtocol() const
{
    return m_vpnProtocol;
}

void
MessageHeader::SetRequesterPrefix(const Prefix& p)
{
    m_requesterPrefix = p;
}

std::optional<Prefix>
MessageHeader::GetRequesterPrefix() const
{
    return m_requesterPrefix;
}

void
MessageHeader::SetRequesterCandidates(const std::vector<Prefix>& list)
{
    m_requesterCandidates = Clamped(list);
}

const std::vector<Prefix>&
MessageHeader::GetRequesterCandidates() const
{
    static const std::vector<Prefix> none;
    return m_requesterCandidates ? *m_requesterCandidates : none;
}

bool
MessageHeader::HasRequesterCandidates() const
{
    return m_requesterCandidates.has_value();
}

void
MessageHeader::SetResponderPrefix(const Prefix& p)
{
    m_responderPrefix = p;
}

std::optional<Prefix>
MessageHeader::GetResponderPrefix() const
{
    return m_responderPrefix;
}

void
MessageHeader::SetResponderCandidates(const std::vector<Prefix>& list)
{
    m_responderCandidates = Clamped(list);
}

const std::vector<Prefix>&
MessageHeader::GetResponderCandidates() const
{
    static const std::vector<Prefix> none;
    return m_responderCandidates ? *m_responderCandidates : none;
}

bool
MessageHeader::HasResponderCandidates() const
{
    return m_responderCandidates.has_value();
}

void
MessageHeader::SetRequesterTunnel(const Prefix& p)
{
    m_requesterTunnel = p;
}

std::optional<Prefix>
MessageHeader::GetRequesterTunnel() const
{
    return m_requesterTunnel;
}

void
MessageHeader::SetResponderTunnel(const Prefix& p)
{
    m_responderTunnel = p;
}

std::optional<Prefix>
MessageHeader::GetResponderTunnel() const
{
    return m_responderTunnel;
}

void
MessageHeader::SetGatewayName(const std::string& name)
{
    if (name.size() > MAX_VALUE)
    {
        NS_LOG_WARN("gateway name of " << name.size() << " octets cut to " << MAX_VALUE);
    }
    m_gatewayName = name.substr(0, MAX_VALUE);
}

std::optional<std::string>
MessageHeader::GetGatewayName() const
{
    return m_gatewayName;
}

void
MessageHeader::SetNakCause(NakCause cause)
{
    m_nakCause = cause;
}

std::optional<NakCause>
MessageHeader::GetNakCause() const
{
    return m_nakCause;
}

void
MessageHeader::SetInUse(const std::vector<Prefix>& list)
{
    m_inUse = Clamped(list);
}

const std::vector<Prefix>&
MessageHeader::GetInUse() const
{
    static const std::vector<Prefix> none;
    return m_inUse ? *m_inUse : none;
}

bool
MessageHeader::HasInUse() const
{
    return m_inUse.has_value();
}

uint32_t
MessageHeader::GetUnknownTlvCount() const
{
    return m_unknownTlvs;
}

bool
MessageHeader::IsValid() const
{
    return m_error == OK;
}

MessageHeader::Error
MessageHeader::GetError() const
{
    return m_error;
}

TypeId
MessageHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
MessageHeader::GetSerializedSize() const
{
    uint32_t size = FIXED_SIZE;
    if (m_vpnProtocol)
    {
        size += TLV_HEADER_SIZE + OCTET_LENGTH;
    }
    for (const auto* p :
         {&m_requesterPrefix, &m_responderPrefix, &m_requesterTunnel, &m_responderTunnel})
    {
        if (p->has_value())
        {
            size += TLV_HEADER_SIZE + PREFIX_SIZE;
        }
    }
    for (const auto* list : {&m_requesterCandidates, &m_responderCandidates, &m_inUse})
    {
        if (list->has_value())
        {
            size += TLV_HEADER_SIZE + PREFIX_SIZE * static_cast<uint32_t>((*list)->size());
        }
    }
    if (m_gatewayName)
    {
        size += TLV_HEADER_SIZE + static_cast<uint32_t>(m_gatewayName->size());
    }
    if (m_nakCause)
    {
        size += TLV_HEADER_SIZE + OCTET_LENGTH;
    }
    return size;
}

void
MessageHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(m_version);
    start.WriteU8(m_type);
    start.WriteHtonU16(static_cast<uint16_t>(GetSerializedSize()));
    start.WriteHtonU32(m_negotiationId);
    start.WriteHtonU16(m_round);
    start.WriteHtonU16(0); // Reserved
    // TLVs in type order.
    if (m_vpnProtocol)
    {
        start.WriteU8(TLV_VPN_PROTOCOL);
        start.WriteU8(OCTET_LENGTH);
        start.WriteU8(*m_vpnProtocol);
    }
    if (m_requesterPrefix)
    {
        WritePrefixTlv(start, TLV_REQUESTER_PREFIX, *m_requesterPrefix);
    }
    if (m_requesterCandidates)
    {
        WriteListTlv(start, TLV_REQUESTER_CANDIDATES, *m_requesterCandidates);
    }
    if (m_responderPrefix)
    {
        WritePrefixTlv(start, TLV_RESPONDER_PREFIX, *m_responderPrefix);
    }
    if (m_responderCandidates)
    {
        WriteListTlv(start, TLV_RESPONDER_CANDIDATES, *m_responderCandidates);
    }
    if (m_requesterTunnel)
    {
        WritePrefixTlv(start, TLV_REQUESTER_TUNNEL, *m_requesterTunnel);
    }
    if (m_responderTunnel)
    {
        WritePrefixTlv(start, TLV_RESPONDER_TUNNEL, *m_responderTunnel);
    }
    if (m_gatewayName)
    {
        start.WriteU8(TLV_GATEWAY_NAME);
        start.WriteU8(static_cast<uint8_t>(m_gatewayName->size()));
        start.Write(reinterpret_cast<const uint8_t*>(m_gatewayName->data()),
                    static_cast<uint32_t>(m_gatewayName->size()));
    }
    if (m_nakCause)
    {
        start.WriteU8(TLV_NAK_CAUSE);
        start.WriteU8(OCTET_LENGTH);
        start.WriteU8(static_cast<uint8_t>(*m_nakCause));
    }
    if (m_inUse)
    {
        WriteListTlv(start, TLV_IN_USE, *m_inUse);
    }
}

uint32_t
MessageHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator end = start;
    end.Next(start.GetRemainingSize());
    return Deserialize(start, end);
}

std::optional<Prefix>&
MessageHeader::PrefixField(uint8_t type)
{
    return type == TLV_REQUESTER_PREFIX   ? m_requesterPrefix
           : type == TLV_RESPONDER_PREFIX ? m_responderPrefix
           : type == TLV_REQUESTER_TUNNEL ? m_requesterTunnel
                                          : m_responderTunnel;
}

std::optional<std::vector<Prefix>>&
MessageHeader::ListField(uint8_t type)
{
    return type == TLV_REQUESTER_CANDIDATES   ? m_requesterCandidates
           : type == TLV_RESPONDER_CANDIDATES ? m_responderCandidates
                                              : m_inUse;
}

uint32_t
MessageHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    *this = MessageHeader();
    m_vpnProtocol.reset(); // only what the message carries
    const uint32_t available = end.GetDistanceFrom(start);
    if (available < FIXED_SIZE)
    {
        NS_LOG_LOGIC("HTIP message of " << available << " octets");
        m_error = TRUNCATED;
        return 0;
    }
    m_version = start.ReadU8();
    m_type = start.ReadU8();
    const uint16_t length = start.ReadNtohU16();
    m_negotiationId = start.ReadNtohU32();
    m_round = start.ReadNtohU16();
    const uint16_t reserved = start.ReadNtohU16();
    if (m_version != HTIP_VERSION)
    {
        NS_LOG_LOGIC("HTIP version " << +m_version);
        m_error = BAD_VERSION;
        return FIXED_SIZE;
    }
    if (length != available)
    {
        NS_LOG_LOGIC("HTIP Length " << length << " on " << available << " octets");
        m_error = BAD_LENGTH;
        return FIXED_SIZE;
    }
    if (m_type < REQUEST || m_type > NAK)
    {
        NS_LOG_LOGIC("HTIP message type " << +m_type);
        m_error = BAD_TYPE;
        return FIXED_SIZE;
    }
    if (reserved != 0)
    {
        NS_LOG_LOGIC("HTIP Reserved " << reserved);
        m_error = BAD_RESERVED;
        return FIXED_SIZE;
    }
    const TlvWalk walk = WalkTlvs(
        start,
        length - FIXED_SIZE,
        BAD_TLV,
        // The value's shape: its length rule, then whether it was seen.
        [this](uint8_t type, uint8_t valueLength) {
            bool seen = false;
            bool lengthOk = false;
            switch (type)
            {
            case TLV_VPN_PROTOCOL:
                seen = m_vpnProtocol.has_value();
                lengthOk = valueLength == OCTET_LENGTH;
                break;
            case TLV_NAK_CAUSE:
                seen = m_nakCause.has_value();
                lengthOk = valueLength == OCTET_LENGTH;
                break;
            case TLV_REQUESTER_PREFIX:
            case TLV_RESPONDER_PREFIX:
            case TLV_REQUESTER_TUNNEL:
            case TLV_RESPONDER_TUNNEL:
                seen = PrefixField(type).has_value();
                lengthOk = valueLength == PREFIX_SIZE;
                break;
            case TLV_REQUESTER_CANDIDATES:
            case TLV_RESPONDER_CANDIDATES:
                seen = ListField(type).has_value();
                lengthOk = valueLength > 0 && valueLength % PREFIX_SIZE == 0;
                break;
            case TLV_IN_USE:
                seen = m_inUse.has_value();
                lengthOk = valueLength % PREFIX_SIZE == 0;
                break;
            case TLV_GATEWAY_NAME:
                seen = m_gatewayName.has_value();
                lengthOk = valueLength > 0;
                break;
            default:
                return TLV_SKIP;
            }
            return !lengthOk ? static_cast<int>(BAD_TLV)
                   : seen    ? static_cast<int>(DUPLICATE_TLV)
                             : 0;
        },
        // A value out of range is not kept: Print() shows only well-formed
        // values, on one line.
        [this](uint8_t type, uint8_t valueLength, Buffer::Iterator value) {
            bool valueOk = true;
            switch (type)
            {
            case TLV_VPN_PROTOCOL:
                m_vpnProtocol = value.ReadU8();
                break;
            case TLV_NAK_CAUSE:
                m_nakCause = static_cast<NakCause>(value.ReadU8());
                break;
            case TLV_GATEWAY_NAME: {
                std::string name(valueLength, '\0');
                for (char& c : name)
                {
                    c = static_cast<char>(value.ReadU8());
                    valueOk = valueOk && IsNameOctet(static_cast<uint8_t>(c));
                }
                if (valueOk)
                {
                    m_gatewayName = name;
                }
                break;
            }
            case TLV_REQUESTER_CANDIDATES:
            case TLV_RESPONDER_CANDIDATES:
            case TLV_IN_USE: {
                std::vector<Prefix> list;
                for (uint32_t k = 0; k < valueLength / PREFIX_SIZE; ++k)
                {
                    list.push_back(ReadPrefix(value));
                    valueOk = valueOk && list.back().IsValid();
                }
                if (valueOk)
                {
                    ListField(type) = list;
                }
                break;
            }
            default: {
                const Prefix p = ReadPrefix(value);
                valueOk = p.IsValid();
                if (valueOk)
                {
                    PrefixField(type) = p;
                }
                break;
            }
            }
            return valueOk ? 0 : static_cast<int>(BAD_TLV);
        });
    m_unknownTlvs = walk.skipped;
    if (walk.error != 0)
    {
        m_error = static_cast<Error>(walk.error);
        return FIXED_SIZE + walk.consumed;
    }
    if (!HasTypeFields(*this))
    {
        NS_LOG_LOGIC(TypeName(m_type) << " without a field its type needs");
        m_error = MISSING_FIELD;
    }
    return length;
}

void
MessageHeader::Print(std::ostream& os) const
{
    os << TypeName(m_type) << " id=0x" << std::hex << m_negotiationId << std::dec
       << " round=" << m_round;
    if (m_vpnProtocol)
    {
        os << " proto=";
        switch (*m_vpnProtocol)
        {
        case VPN_L2TP:
            os << "L2TP";
            break;
        case VPN_PPTP:
            os << "PPTP";
            break;
        default:
            os << +*m_vpnProtocol;
            break;
        }
    }
    if (m_requesterPrefix)
    {
        os << " a=" << *m_requesterPrefix;
    }
    if (m_requesterCandidates)
    {
        os << " a-cand=";
        PrintList(os, *m_requesterCandidates);
    }
    if (m_responderPrefix)
    {
        os << " b=" << *m_responderPrefix;
    }
    if (m_responderCandidates)
    {
        os << " b-cand=";
        PrintList(os, *m_responderCandidates);
    }
    if (m_requesterTunnel)
    {
        os << " a-tun=" << *m_requesterTunnel;
    }
    if (m_responderTunnel)
    {
        os << " b-tun=" << *m_responderTunnel;
    }
    if (m_gatewayName)
    {
        os << " name=" << *m_gatewayName;
    }
    if (m_nakCause)
    {
        os << " cause=" << +static_cast<uint8_t>(*m_nakCause);
    }
    if (m_inUse)
    {
        os << " in-use=";
        PrintList(os, *m_inUse);
    }
    if (m_unknownTlvs > 0)
    {
        os << " unknown-tlvs=" << m_unknownTlvs;
    }
    if (m_error != OK)
    {
        os << " (malformed: " << ErrorName(m_error) << ")";
    }
}

bool
MessageHeader::operator==(const MessageHeader& other) const
{
    return m_version == other.m_version && m_type == other.m_type &&
           m_negotiationId == other.m_negotiationId && m_round == other.m_round &&
           m_vpnProtocol == other.m_vpnProtocol && m_requesterPrefix == other.m_requesterPrefix &&
           m_requesterCandidates == other.m_requesterCandidates &&
           m_responderPrefix == other.m_responderPrefix &&
           m_responderCandidates == other.m_responderCandidates &&
           m_requesterTunnel == other.m_requesterTunnel &&
           m_responderTunnel == other.m_responderTunnel && m_gatewayName == other.m_gatewayName &&
           m_nakCause == other.m_nakCause && m_inUse == other.m_inUse &&
           m_unknownTlvs == other.m_unknownTlvs && m_error == other.m_error;
}

bool
MessageHeader::operator!=(const MessageHeader& other) const
{
    return !(*this == other);
}

} // namespace htip
} // namespace ns3
