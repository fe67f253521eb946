/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-parameter-tlvs.h"

#include "ldp-status.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpParameterTlvs");

namespace ldp
{

namespace
{
/// Checks the type and (when fixedLength >= 0) the exact value length.
uint32_t
Check(const Tlv& tlv, uint16_t type, int fixedLength)
{
    if (tlv.type != type)
    {
        return STATUS_UNKNOWN_TLV;
    }
    if (fixedLength >= 0 && tlv.value.size() != static_cast<std::size_t>(fixedLength))
    {
        NS_LOG_LOGIC(TlvTypeName(type)
                     << " TLV has length " << tlv.value.size() << ", expected " << fixedLength);
        return STATUS_BAD_TLV_LENGTH;
    }
    return STATUS_SUCCESS;
}

/// One 32-bit field TLV (label, message ID, sequence number).
Tlv
U32Tlv(uint16_t type, uint32_t v)
{
    ValueWriter w;
    w.WriteU32(v);
    return Tlv(type, w.GetBytes());
}

uint32_t
ReadU32Tlv(const Tlv& tlv, uint16_t type, uint32_t& v)
{
    uint32_t status = Check(tlv, type, 4);
    if (status == STATUS_SUCCESS)
    {
        ValueReader r(tlv.value);
        v = r.ReadU32();
    }
    return status;
}

constexpr uint32_t LABEL_MASK = 0xFFFFF;
constexpr uint16_t HELLO_T_BIT = 0x8000;
constexpr uint16_t HELLO_R_BIT = 0x4000;
constexpr uint16_t HELLO_RESERVED_MASK = 0x3FFF;
constexpr uint8_t SESSION_A_BIT = 0x80;
constexpr uint8_t SESSION_D_BIT = 0x40;
constexpr uint8_t SESSION_RESERVED_MASK = 0x3F;
constexpr uint32_t STATUS_E_BIT = 0x80000000;
constexpr uint32_t STATUS_F_BIT = 0x40000000;
} // namespace

// ---------------------------------------------------------------- Generic Label

Tlv
GenericLabelTlv::ToTlv() const
{
    return U32Tlv(TLV_GENERIC_LABEL, label & LABEL_MASK);
}

uint32_t
GenericLabelTlv::FromTlv(const Tlv& tlv)
{
    uint32_t word = 0;
    uint32_t status = ReadU32Tlv(tlv, TLV_GENERIC_LABEL, word);
    if (status != STATUS_SUCCESS)
    {
        return status;
    }
    label = word & LABEL_MASK;
    // Section 3.4.2.1: the label is a 20-bit number; higher bits are unused.
    return word > LABEL_MASK ? STATUS_MALFORMED_TLV_VALUE : STATUS_SUCCESS;
}

bool
GenericLabelTlv::operator==(const GenericLabelTlv& other) const
{
    return label == other.label;
}

// ---------------------------------------------------------------- Hop Count

Tlv
HopCountTlv::ToTlv() const
{
    return Tlv(TLV_HOP_COUNT, {count});
}

uint32_t
HopCountTlv::FromTlv(const Tlv& tlv)
{
    uint32_t status = Check(tlv, TLV_HOP_COUNT, 1);
    if (status == STATUS_SUCCESS)
    {
        count = tlv.value[0];
    }
    return status;
}

bool
HopCountTlv::operator==(const HopCountTlv& other) const
{
    return count == other.count;
}

// ---------------------------------------------------------------- Path Vector

Tlv
PathVectorTlv::ToTlv() const
{
    ValueWriter w;
    for (const auto& id : lsrIds)
    {
        w.WriteIpv4(id);
    }
    return Tlv(TLV_PATH_VECTOR, w.GetBytes());
}

uint32_t
PathVectorTlv::FromTlv(const Tlv& tlv)
{
    lsrIds.clear();
    uint32_t status = Check(tlv, TLV_PATH_VECTOR, -1);
    if (status != STATUS_SUCCESS)
    {
        return status;
    }
    if (tlv.value.empty() || tlv.value.size() % 4 != 0)
    {
        return STATUS_BAD_TLV_LENGTH;
    }
    ValueReader r(tlv.value);
    while (!r.AtEnd())
    {
        lsrIds.push_back(r.ReadIpv4());
    }
    return STATUS_SUCCESS;
}

bool
PathVectorTlv::operator==(const PathVectorTlv& other) const
{
    return lsrIds == other.lsrIds;
}

// ---------------------------------------------------------------- Label Request Message ID

Tlv
LabelRequestMessageIdTlv::ToTlv() const
{
    return U32Tlv(TLV_LABEL_REQUEST_MESSAGE_ID, messageId);
}

uint32_t
LabelRequestMessageIdTlv::FromTlv(const Tlv& tlv)
{
    return ReadU32Tlv(tlv, TLV_LABEL_REQUEST_MESSAGE_ID, messageId);
}

bool
LabelRequestMessageIdTlv::operator==(const LabelRequestMessageIdTlv& other) const
{
    return messageId == other.messageId;
}

// ---------------------------------------------------------------- Address List

Tlv
AddressListTlv::ToTlv() const
{
    ValueWriter w;
    w.WriteU16(family);
    if (family == ADDRESS_FAMILY_IPV4)
    {
        for (const auto& a : addresses)
        {
            w.WriteIpv4(a);
        }
    }
    else
    {
        w.WriteBytes(otherFamilyBytes);
    }
    return Tlv(TLV_ADDRESS_LIST, w.GetBytes());
}

uint32_t
AddressListTlv::FromTlv(const Tlv& tlv)
{
    addresses.clear();
    otherFamilyBytes.clear();
    uint32_t status = Check(tlv, TLV_ADDRESS_LIST, -1);
    if (status != STATUS_SUCCESS)
    {
        return status;
    }
    if (tlv.value.size() < 2)
    {
        return STATUS_BAD_TLV_LENGTH;
    }
    ValueReader r(tlv.value);
    family = r.ReadU16();
    if (family != ADDRESS_FAMILY_IPV4)
    {
        // Section 3.5.5.1: the receiver answers "Unsupported Address Family".
        otherFamilyBytes = r.ReadBytes(r.GetRemaining());
        return STATUS_UNSUPPORTED_ADDRESS_FAMILY;
    }
    if (r.GetRemaining() % 4 != 0)
    {
        return STATUS_MALFORMED_TLV_VALUE;
    }
    while (!r.AtEnd())
    {
        addresses.push_back(r.ReadIpv4());
    }
    return STATUS_SUCCESS;
}

bool
AddressListTlv::operator==(const AddressListTlv& other) const
{
    return family == other.family && addresses == other.addresses &&
           otherFamilyBytes == other.otherFamilyBytes;
}

// ---------------------------------------------------------------- Common Hello Parameters

Tlv
CommonHelloParamsTlv::ToTlv() const
{
    ValueWriter w;
    w.WriteU16(holdTime);
    w.WriteU16((targeted ? HELLO_T_BIT : 0) | (requestTargeted ? HELLO_R_BIT : 0) |
               (reserved & HELLO_RESERVED_MASK));
    return Tlv(TLV_COMMON_HELLO_PARAMS, w.GetBytes());
}

uint32_t
CommonHelloParamsTlv::FromTlv(const Tlv& tlv)
{
    uint32_t status = Check(tlv, TLV_COMMON_HELLO_PARAMS, 4);
    if (status == STATUS_SUCCESS)
    {
        ValueReader r(tlv.value);
        holdTime = r.ReadU16();
        uint16_t flags = r.ReadU16();
        targeted = (flags & HELLO_T_BIT) != 0;
        requestTargeted = (flags & HELLO_R_BIT) != 0;
        reserved = flags & HELLO_RESERVED_MASK;
    }
    return status;
}

bool
CommonHelloParamsTlv::operator==(const CommonHelloParamsTlv& other) const
{
    return holdTime == other.holdTime && targeted == other.targeted &&
           requestTargeted == other.requestTargeted && reserved == other.reserved;
}

// ---------------------------------------------------------------- IPv4 Transport Address

Tlv
Ipv4TransportAddressTlv::ToTlv() const
{
    return U32Tlv(TLV_IPV4_TRANSPORT_ADDRESS, address.Get());
}

uint32_t
Ipv4TransportAddressTlv::FromTlv(const Tlv& tlv)
{
    uint32_t bits = 0;
    uint32_t status = ReadU32Tlv(tlv, TLV_IPV4_TRANSPORT_ADDRESS, bits);
    if (status == STATUS_SUCCESS)
    {
        address = Ipv4Address(bits);
    }
    return status;
}

bool
Ipv4TransportAddressTlv::operator==(const Ipv4TransportAddressTlv& other) const
{
    return address == other.address;
}

// ---------------------------------------------------------------- Configuration Sequence Number

Tlv
ConfigSequenceNumberTlv::ToTlv() const
{
    return U32Tlv(TLV_CONFIG_SEQUENCE_NUMBER, sequence);
}

uint32_t
ConfigSequenceNumberTlv::FromTlv(const Tlv& tlv)
{
    return ReadU32Tlv(tlv, TLV_CONFIG_SEQUENCE_NUMBER, sequence);
}

bool
ConfigSequenceNumberTlv::operator==(const ConfigSequenceNumberTlv& other) const
{
    return sequence == other.sequence;
}

// ---------------------------------------------------------------- Common Session Parameters

Tlv
CommonSessionParamsTlv::ToTlv() const
{
    ValueWriter w;
    w.WriteU16(protocolVersion);
    w.WriteU16(keepAliveTime);
    w.WriteU8((downstreamOnDemand ? SESSION_A_BIT : 0) | (loopDetection ? SESSION_D_BIT : 0) |
              (reserved & SESSION_RESERVED_MASK));
    w.WriteU8(pathVectorLimit);
    w.WriteU16(maxPduLength);
    w.WriteIpv4(receiverLsrId);
    w.WriteU16(receiverLabelSpace);
    return Tlv(TLV_COMMON_SESSION_PARAMS, w.GetBytes());
}

uint32_t
CommonSessionParamsTlv::FromTlv(const Tlv& tlv)
{
    uint32_t status = Check(tlv, TLV_COMMON_SESSION_PARAMS, 14);
    if (status == STATUS_SUCCESS)
    {
        ValueReader r(tlv.value);
        protocolVersion = r.ReadU16();
        keepAliveTime = r.ReadU16();
        uint8_t flags = r.ReadU8();
        downstreamOnDemand = (flags & SESSION_A_BIT) != 0;
        loopDetection = (flags & SESSION_D_BIT) != 0;
        reserved = flags & SESSION_RESERVED_MASK;
        pathVectorLimit = r.ReadU8();
        maxPduLength = r.ReadU16();
        receiverLsrId = r.ReadIpv4();
        receiverLabelSpace = r.ReadU16();
    }
    return status;
}

bool
CommonSessionParamsTlv::operator==(const CommonSessionParamsTlv& other) const
{
    return protocolVersion == other.protocolVersion && keepAliveTime == other.keepAliveTime &&
           downstreamOnDemand == other.downstreamOnDemand && loopDetection == other.loopDetection &&
           reserved == other.reserved && pathVectorLimit == other.pathVectorLimit &&
           maxPduLength == other.maxPduLength && receiverLsrId == other.receiverLsrId &&
           receiverLabelSpace == other.receiverLabelSpace;
}

// ---------------------------------------------------------------- Status

StatusTlv
StatusTlv::Make(uint32_t statusData, uint32_t messageId, uint16_t messageType)
{
    StatusTlv s;
    s.statusData = statusData & MAX_STATUS_DATA;
    s.fatal = IsFatalStatus(statusData);
    s.messageId = messageId;
    s.messageType = messageType;
    return s;
}

Tlv
StatusTlv::ToTlv() const
{
    ValueWriter w;
    w.WriteU32((fatal ? STATUS_E_BIT : 0) | (forward ? STATUS_F_BIT : 0) |
               (statusData & MAX_STATUS_DATA));
    w.WriteU32(messageId);
    w.WriteU16(messageType);
    return Tlv(TLV_STATUS, w.GetBytes());
}

uint32_t
StatusTlv::FromTlv(const Tlv& tlv)
{
    uint32_t status = Check(tlv, TLV_STATUS, 10);
    if (status == STATUS_SUCCESS)
    {
        ValueReader r(tlv.value);
        uint32_t code = r.ReadU32();
        fatal = (code & STATUS_E_BIT) != 0;
        forward = (code & STATUS_F_BIT) != 0;
        statusData = code & MAX_STATUS_DATA;
        messageId = r.ReadU32();
        messageType = r.ReadU16();
    }
    return status;
}

bool
StatusTlv::operator==(const StatusTlv& other) const
{
    return statusData == other.statusData && fatal == other.fatal && forward == other.forward &&
           messageId == other.messageId && messageType == other.messageType;
}

// ---------------------------------------------------------------- printing

std::ostream&
operator<<(std::ostream& os, const GenericLabelTlv& tlv)
{
    return os << "Label(" << tlv.label << ")";
}

std::ostream&
operator<<(std::ostream& os, const HopCountTlv& tlv)
{
    return os << "HopCount(" << +tlv.count << ")";
}

std::ostream&
operator<<(std::ostream& os, const PathVectorTlv& tlv)
{
    os << "PathVector(";
    for (std::size_t k = 0; k < tlv.lsrIds.size(); ++k)
    {
        os << (k == 0 ? "" : " ") << tlv.lsrIds[k];
    }
    return os << ")";
}

std::ostream&
operator<<(std::ostream& os, const LabelRequestMessageIdTlv& tlv)
{
    return os << "LabelRequestId(" << tlv.messageId << ")";
}

std::ostream&
operator<<(std::ostream& os, const AddressListTlv& tlv)
{
    os << "AddressList(af=" << tlv.family;
    for (const auto& a : tlv.addresses)
    {
        os << " " << a;
    }
    if (!tlv.otherFamilyBytes.empty())
    {
        os << " ";
        PrintHex(os, tlv.otherFamilyBytes);
    }
    return os << ")";
}

std::ostream&
operator<<(std::ostream& os, const CommonHelloParamsTlv& tlv)
{
    return os << "HelloParams(hold=" << tlv.holdTime << " T=" << tlv.targeted
              << " R=" << tlv.requestTargeted << ")";
}

std::ostream&
operator<<(std::ostream& os, const Ipv4TransportAddressTlv& tlv)
{
    return os << "TransportAddress(" << tlv.address << ")";
}

std::ostream&
operator<<(std::ostream& os, const ConfigSequenceNumberTlv& tlv)
{
    return os << "ConfigSeq(" << tlv.sequence << ")";
}

std::ostream&
operator<<(std::ostream& os, const CommonSessionParamsTlv& tlv)
{
    return os << "SessionParams(ver=" << tlv.protocolVersion << " ka=" << tlv.keepAliveTime
              << " A=" << tlv.downstreamOnDemand << " D=" << tlv.loopDetection
              << " pvlim=" << +tlv.pathVectorLimit << " maxpdu=" << tlv.maxPduLength
              << " rx=" << tlv.receiverLsrId << ":" << tlv.receiverLabelSpace << ")";
}

std::ostream&
operator<<(std::ostream& os, const StatusTlv& tlv)
{
    return os << "Status(" << StatusCodeName(tlv.statusData) << " E=" << tlv.fatal
              << " F=" << tlv.forward << " msgId=" << tlv.messageId
              << " msgType=" << tlv.messageType << ")";
}

} // namespace ldp
} // namespace ns3
