/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-session-messages.h"

#include "ldp-status.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpSessionMessages");

namespace ldp
{

NS_OBJECT_ENSURE_REGISTERED(NotificationMessage);
NS_OBJECT_ENSURE_REGISTERED(HelloMessage);
NS_OBJECT_ENSURE_REGISTERED(InitializationMessage);
NS_OBJECT_ENSURE_REGISTERED(KeepAliveMessage);

// ---------------------------------------------------------------- Notification

TypeId
NotificationMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::NotificationMessage")
                            .SetParent<Message>()
                            .SetGroupName("Ldp")
                            .AddConstructor<NotificationMessage>();
    return tid;
}

NotificationMessage::NotificationMessage()
    : Message(MSG_NOTIFICATION, 0, true)
{
}

NotificationMessage::NotificationMessage(const StatusTlv& status, uint32_t messageId)
    : Message(MSG_NOTIFICATION, messageId, true)
    , m_statusTlv(status)
{
}

void
NotificationMessage::SetStatusTlv(const StatusTlv& status)
{
    m_statusTlv = status;
}

const StatusTlv&
NotificationMessage::GetStatusTlv() const
{
    return m_statusTlv;
}

TypeId
NotificationMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
NotificationMessage::EncodeParameters(std::vector<Tlv>& out) const
{
    out.push_back(m_statusTlv.ToTlv());
}

uint32_t
NotificationMessage::DecodeParameters(const std::vector<Tlv>& tlvs)
{
    // Section 3.5.1: Status TLV first; the optional TLVs are kept as they are.
    m_statusTlv = StatusTlv();
    uint32_t status = STATUS_SUCCESS;
    bool haveStatus = false;
    std::vector<Tlv> other;
    for (const auto& tlv : tlvs)
    {
        if (tlv.type == TLV_STATUS && !haveStatus)
        {
            KeepFirstStatus(status, m_statusTlv.FromTlv(tlv));
            haveStatus = true;
        }
        else
        {
            other.push_back(tlv);
        }
    }
    SetOtherParameters(std::move(other));
    if (!haveStatus)
    {
        KeepFirstStatus(status, STATUS_MISSING_MESSAGE_PARAMETERS);
    }
    return status;
}

void
NotificationMessage::PrintParameters(std::ostream& os) const
{
    os << " " << m_statusTlv;
    Message::PrintParameters(os);
}

// ---------------------------------------------------------------- Hello

TypeId
HelloMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::HelloMessage")
                            .SetParent<Message>()
                            .SetGroupName("Ldp")
                            .AddConstructor<HelloMessage>();
    return tid;
}

HelloMessage::HelloMessage()
    : Message(MSG_HELLO, 0, true)
{
}

void
HelloMessage::SetHelloParams(const CommonHelloParamsTlv& params)
{
    m_params = params;
}

const CommonHelloParamsTlv&
HelloMessage::GetHelloParams() const
{
    return m_params;
}

void
HelloMessage::SetTransportAddress(Ipv4Address address)
{
    m_transport = Ipv4TransportAddressTlv{address};
}

void
HelloMessage::ClearTransportAddress()
{
    m_transport.reset();
}

bool
HelloMessage::HasTransportAddress() const
{
    return m_transport.has_value();
}

Ipv4Address
HelloMessage::GetTransportAddress() const
{
    return m_transport ? m_transport->address : Ipv4Address::GetAny();
}

void
HelloMessage::SetConfigSequenceNumber(uint32_t sequence)
{
    m_configSequence = ConfigSequenceNumberTlv{sequence};
}

void
HelloMessage::ClearConfigSequenceNumber()
{
    m_configSequence.reset();
}

bool
HelloMessage::HasConfigSequenceNumber() const
{
    return m_configSequence.has_value();
}

uint32_t
HelloMessage::GetConfigSequenceNumber() const
{
    return m_configSequence ? m_configSequence->sequence : 0;
}

TypeId
HelloMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
HelloMessage::EncodeParameters(std::vector<Tlv>& out) const
{
    out.push_back(m_params.ToTlv());
    if (m_transport)
    {
        out.push_back(m_transport->ToTlv());
    }
    if (m_configSequence)
    {
        out.push_back(m_configSequence->ToTlv());
    }
}

uint32_t
HelloMessage::DecodeParameters(const std::vector<Tlv>& tlvs)
{
    // Section 3.5.2: Common Hello Parameters, then optional parameters.
    m_params = CommonHelloParamsTlv();
    m_transport.reset();
    m_configSequence.reset();
    uint32_t status = STATUS_SUCCESS;
    bool haveParams = false;
    std::vector<Tlv> other;
    for (const auto& tlv : tlvs)
    {
        if (tlv.type == TLV_COMMON_HELLO_PARAMS && !haveParams)
        {
            KeepFirstStatus(status, m_params.FromTlv(tlv));
            haveParams = true;
        }
        else if (tlv.type == TLV_IPV4_TRANSPORT_ADDRESS && !m_transport)
        {
            m_transport.emplace();
            KeepFirstStatus(status, m_transport->FromTlv(tlv));
        }
        else if (tlv.type == TLV_CONFIG_SEQUENCE_NUMBER && !m_configSequence)
        {
            m_configSequence.emplace();
            KeepFirstStatus(status, m_configSequence->FromTlv(tlv));
        }
        else
        {
            other.push_back(tlv);
        }
    }
    SetOtherParameters(std::move(other));
    if (!haveParams)
    {
        KeepFirstStatus(status, STATUS_MISSING_MESSAGE_PARAMETERS);
    }
    return status;
}

void
HelloMessage::PrintParameters(std::ostream& os) const
{
    os << " " << m_params;
    if (m_transport)
    {
        os << " " << *m_transport;
    }
    if (m_configSequence)
    {
        os << " " << *m_configSequence;
    }
    Message::PrintParameters(os);
}

// ---------------------------------------------------------------- Initialization

TypeId
InitializationMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::InitializationMessage")
                            .SetParent<Message>()
                            .SetGroupName("Ldp")
                            .AddConstructor<InitializationMessage>();
    return tid;
}

InitializationMessage::InitializationMessage()
    : Message(MSG_INITIALIZATION, 0, true)
{
}

void
InitializationMessage::SetSessionParams(const CommonSessionParamsTlv& params)
{
    m_params = params;
}

const CommonSessionParamsTlv&
InitializationMessage::GetSessionParams() const
{
    return m_params;
}

TypeId
InitializationMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
InitializationMessage::EncodeParameters(std::vector<Tlv>& out) const
{
    out.push_back(m_params.ToTlv());
}

uint32_t
InitializationMessage::DecodeParameters(const std::vector<Tlv>& tlvs)
{
    // Section 3.5.3: Common Session Parameters, then optional parameters.
    m_params = CommonSessionParamsTlv();
    uint32_t status = STATUS_SUCCESS;
    bool haveParams = false;
    std::vector<Tlv> other;
    for (const auto& tlv : tlvs)
    {
        if (tlv.type == TLV_COMMON_SESSION_PARAMS && !haveParams)
        {
            KeepFirstStatus(status, m_params.FromTlv(tlv));
            haveParams = true;
        }
        else
        {
            other.push_back(tlv);
        }
    }
    SetOtherParameters(std::move(other));
    if (!haveParams)
    {
        KeepFirstStatus(status, STATUS_MISSING_MESSAGE_PARAMETERS);
    }
    return status;
}

void
InitializationMessage::PrintParameters(std::ostream& os) const
{
    os << " " << m_params;
    Message::PrintParameters(os);
}

// ---------------------------------------------------------------- KeepAlive

TypeId
KeepAliveMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::KeepAliveMessage")
                            .SetParent<Message>()
                            .SetGroupName("Ldp")
                            .AddConstructor<KeepAliveMessage>();
    return tid;
}

KeepAliveMessage::KeepAliveMessage()
    : Message(MSG_KEEPALIVE, 0, true)
{
}

TypeId
KeepAliveMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

} // namespace ldp
} // namespace ns3
