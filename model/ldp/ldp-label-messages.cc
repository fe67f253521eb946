/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-label-messages.h"

#include "ldp-status.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpLabelMessages");

namespace ldp
{

NS_OBJECT_ENSURE_REGISTERED(LabelMappingMessage);
NS_OBJECT_ENSURE_REGISTERED(LabelRequestMessage);
NS_OBJECT_ENSURE_REGISTERED(LabelAbortRequestMessage);
NS_OBJECT_ENSURE_REGISTERED(FecOptionalLabelMessage);
NS_OBJECT_ENSURE_REGISTERED(LabelWithdrawMessage);
NS_OBJECT_ENSURE_REGISTERED(LabelReleaseMessage);

namespace
{
/**
 * Decodes `tlv` into `slot` when it has the wanted type and the slot is
 * still empty (a repeated TLV is left to the caller's "other" list).
 * \return true when the TLV was taken.
 */
template <typename T>
bool
Take(const Tlv& tlv, uint16_t type, std::optional<T>& slot, uint32_t& status)
{
    if (tlv.type != type || slot)
    {
        return false;
    }
    slot.emplace();
    KeepFirstStatus(status, slot->FromTlv(tlv));
    return true;
}

/// Copies a mandatory field out of its decode slot, or notes it missing.
template <typename T>
void
Require(std::optional<T>& slot, T& field, uint32_t& status)
{
    if (slot)
    {
        field = *slot;
    }
    else
    {
        KeepFirstStatus(status, STATUS_MISSING_MESSAGE_PARAMETERS);
    }
}

void
PrintOptional(std::ostream& os, const std::optional<HopCountTlv>& hops)
{
    if (hops)
    {
        os << " " << *hops;
    }
}

void
PrintOptional(std::ostream& os, const std::optional<PathVectorTlv>& path)
{
    if (path)
    {
        os << " " << *path;
    }
}
} // namespace

// ---------------------------------------------------------------- Label Mapping

TypeId
LabelMappingMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::LabelMappingMessage")
                            .SetParent<Message>()
                            .SetGroupName("Ldp")
                            .AddConstructor<LabelMappingMessage>();
    return tid;
}

LabelMappingMessage::LabelMappingMessage()
    : Message(MSG_LABEL_MAPPING, 0, true)
{
}

void
LabelMappingMessage::SetFec(const FecTlv& fec)
{
    m_fec = fec;
}

const FecTlv&
LabelMappingMessage::GetFec() const
{
    return m_fec;
}

void
LabelMappingMessage::SetLabel(uint32_t label)
{
    m_label.label = label;
}

uint32_t
LabelMappingMessage::GetLabel() const
{
    return m_label.label;
}

void
LabelMappingMessage::SetLabelRequestId(uint32_t messageId)
{
    m_requestId = LabelRequestMessageIdTlv{messageId};
}

bool
LabelMappingMessage::HasLabelRequestId() const
{
    return m_requestId.has_value();
}

uint32_t
LabelMappingMessage::GetLabelRequestId() const
{
    return m_requestId ? m_requestId->messageId : 0;
}

void
LabelMappingMessage::SetHopCount(uint8_t count)
{
    m_hopCount = HopCountTlv{count};
}

bool
LabelMappingMessage::HasHopCount() const
{
    return m_hopCount.has_value();
}

uint8_t
LabelMappingMessage::GetHopCount() const
{
    return m_hopCount ? m_hopCount->count : 0;
}

void
LabelMappingMessage::SetPathVector(const std::vector<Ipv4Address>& lsrIds)
{
    m_pathVector = PathVectorTlv{lsrIds};
}

bool
LabelMappingMessage::HasPathVector() const
{
    return m_pathVector.has_value();
}

std::vector<Ipv4Address>
LabelMappingMessage::GetPathVector() const
{
    return m_pathVector ? m_pathVector->lsrIds : std::vector<Ipv4Address>();
}

TypeId
LabelMappingMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LabelMappingMessage::EncodeParameters(std::vector<Tlv>& out) const
{
    out.push_back(m_fec.ToTlv());
    out.push_back(m_label.ToTlv());
    if (m_requestId)
    {
        out.push_back(m_requestId->ToTlv());
    }
    if (m_hopCount)
    {
        out.push_back(m_hopCount->ToTlv());
    }
    if (m_pathVector)
    {
        out.push_back(m_pathVector->ToTlv());
    }
}

uint32_t
LabelMappingMessage::DecodeParameters(const std::vector<Tlv>& tlvs)
{
    // Section 3.5.7: FEC TLV, Label TLV, then optional parameters.
    m_fec = FecTlv();
    m_label = GenericLabelTlv();
    m_requestId.reset();
    m_hopCount.reset();
    m_pathVector.reset();
    std::optional<FecTlv> fec;
    std::optional<GenericLabelTlv> label;
    uint32_t status = STATUS_SUCCESS;
    std::vector<Tlv> other;
    for (const auto& tlv : tlvs)
    {
        if (!Take(tlv, TLV_FEC, fec, status) && !Take(tlv, TLV_GENERIC_LABEL, label, status) &&
            !Take(tlv, TLV_LABEL_REQUEST_MESSAGE_ID, m_requestId, status) &&
            !Take(tlv, TLV_HOP_COUNT, m_hopCount, status) &&
            !Take(tlv, TLV_PATH_VECTOR, m_pathVector, status))
        {
            other.push_back(tlv);
        }
    }
    SetOtherParameters(std::move(other));
    Require(fec, m_fec, status);
    Require(label, m_label, status);
    return status;
}

void
LabelMappingMessage::PrintParameters(std::ostream& os) const
{
    os << " " << m_fec << " " << m_label;
    if (m_requestId)
    {
        os << " " << *m_requestId;
    }
    PrintOptional(os, m_hopCount);
    PrintOptional(os, m_pathVector);
    Message::PrintParameters(os);
}

// ---------------------------------------------------------------- Label Request

TypeId
LabelRequestMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::LabelRequestMessage")
                            .SetParent<Message>()
                            .SetGroupName("Ldp")
                            .AddConstructor<LabelRequestMessage>();
    return tid;
}

LabelRequestMessage::LabelRequestMessage()
    : Message(MSG_LABEL_REQUEST, 0, true)
{
}

void
LabelRequestMessage::SetFec(const FecTlv& fec)
{
    m_fec = fec;
}

const FecTlv&
LabelRequestMessage::GetFec() const
{
    return m_fec;
}

void
LabelRequestMessage::SetHopCount(uint8_t count)
{
    m_hopCount = HopCountTlv{count};
}

bool
LabelRequestMessage::HasHopCount() const
{
    return m_hopCount.has_value();
}

uint8_t
LabelRequestMessage::GetHopCount() const
{
    return m_hopCount ? m_hopCount->count : 0;
}

void
LabelRequestMessage::SetPathVector(const std::vector<Ipv4Address>& lsrIds)
{
    m_pathVector = PathVectorTlv{lsrIds};
}

bool
LabelRequestMessage::HasPathVector() const
{
    return m_pathVector.has_value();
}

std::vector<Ipv4Address>
LabelRequestMessage::GetPathVector() const
{
    return m_pathVector ? m_pathVector->lsrIds : std::vector<Ipv4Address>();
}

TypeId
LabelRequestMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LabelRequestMessage::EncodeParameters(std::vector<Tlv>& out) const
{
    out.push_back(m_fec.ToTlv());
    if (m_hopCount)
    {
        out.push_back(m_hopCount->ToTlv());
    }
    if (m_pathVector)
    {
        out.push_back(m_pathVector->ToTlv());
    }
}

uint32_t
LabelRequestMessage::DecodeParameters(const std::vector<Tlv>& tlvs)
{
    // Section 3.5.8: FEC TLV, then optional parameters.
    m_fec = FecTlv();
    m_hopCount.reset();
    m_pathVector.reset();
    std::optional<FecTlv> fec;
    uint32_t status = STATUS_SUCCESS;
    std::vector<Tlv> other;
    for (const auto& tlv : tlvs)
    {
        if (!Take(tlv, TLV_FEC, fec, status) && !Take(tlv, TLV_HOP_COUNT, m_hopCount, status) &&
            !Take(tlv, TLV_PATH_VECTOR, m_pathVector, status))
        {
            other.push_back(tlv);
        }
    }
    SetOtherParameters(std::move(other));
    Require(fec, m_fec, status);
    return status;
}

void
LabelRequestMessage::PrintParameters(std::ostream& os) const
{
    os << " " << m_fec;
    PrintOptional(os, m_hopCount);
    PrintOptional(os, m_pathVector);
    Message::PrintParameters(os);
}

// ---------------------------------------------------------------- Label Abort Request

TypeId
LabelAbortRequestMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::LabelAbortRequestMessage")
                            .SetParent<Message>()
                            .SetGroupName("Ldp")
                            .AddConstructor<LabelAbortRequestMessage>();
    return tid;
}

LabelAbortRequestMessage::LabelAbortRequestMessage()
    : Message(MSG_LABEL_ABORT_REQUEST, 0, true)
{
}

void
LabelAbortRequestMessage::SetFec(const FecTlv& fec)
{
    m_fec = fec;
}

const FecTlv&
LabelAbortRequestMessage::GetFec() const
{
    return m_fec;
}

void
LabelAbortRequestMessage::SetLabelRequestId(uint32_t messageId)
{
    m_requestId.messageId = messageId;
}

uint32_t
LabelAbortRequestMessage::GetLabelRequestId() const
{
    return m_requestId.messageId;
}

TypeId
LabelAbortRequestMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LabelAbortRequestMessage::EncodeParameters(std::vector<Tlv>& out) const
{
    out.push_back(m_fec.ToTlv());
    out.push_back(m_requestId.ToTlv());
}

uint32_t
LabelAbortRequestMessage::DecodeParameters(const std::vector<Tlv>& tlvs)
{
    // Section 3.5.9: FEC TLV and Label Request Message ID TLV.
    m_fec = FecTlv();
    m_requestId = LabelRequestMessageIdTlv();
    std::optional<FecTlv> fec;
    std::optional<LabelRequestMessageIdTlv> requestId;
    uint32_t status = STATUS_SUCCESS;
    std::vector<Tlv> other;
    for (const auto& tlv : tlvs)
    {
        if (!Take(tlv, TLV_FEC, fec, status) &&
            !Take(tlv, TLV_LABEL_REQUEST_MESSAGE_ID, requestId, status))
        {
            other.push_back(tlv);
        }
    }
    SetOtherParameters(std::move(other));
    Require(fec, m_fec, status);
    Require(requestId, m_requestId, status);
    return status;
}

void
LabelAbortRequestMessage::PrintParameters(std::ostream& os) const
{
    os << " " << m_fec << " " << m_requestId;
    Message::PrintParameters(os);
}

// ---------------------------------------------------------------- Withdraw / Release

TypeId
FecOptionalLabelMessage::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ldp::FecOptionalLabelMessage").SetParent<Message>().SetGroupName("Ldp");
    return tid;
}

FecOptionalLabelMessage::FecOptionalLabelMessage(uint16_t type)
    : Message(type, 0, true)
{
}

void
FecOptionalLabelMessage::SetFec(const FecTlv& fec)
{
    m_fec = fec;
}

const FecTlv&
FecOptionalLabelMessage::GetFec() const
{
    return m_fec;
}

void
FecOptionalLabelMessage::SetLabel(uint32_t label)
{
    m_label = GenericLabelTlv{label};
}

void
FecOptionalLabelMessage::ClearLabel()
{
    m_label.reset();
}

bool
FecOptionalLabelMessage::HasLabel() const
{
    return m_label.has_value();
}

uint32_t
FecOptionalLabelMessage::GetLabel() const
{
    return m_label ? m_label->label : 0;
}

void
FecOptionalLabelMessage::EncodeParameters(std::vector<Tlv>& out) const
{
    out.push_back(m_fec.ToTlv());
    if (m_label)
    {
        out.push_back(m_label->ToTlv());
    }
}

uint32_t
FecOptionalLabelMessage::DecodeParameters(const std::vector<Tlv>& tlvs)
{
    // Sections 3.5.10 / 3.5.11: FEC TLV, optional Label TLV, optional parameters.
    m_fec = FecTlv();
    m_label.reset();
    std::optional<FecTlv> fec;
    uint32_t status = STATUS_SUCCESS;
    std::vector<Tlv> other;
    for (const auto& tlv : tlvs)
    {
        if (!Take(tlv, TLV_FEC, fec, status) && !Take(tlv, TLV_GENERIC_LABEL, m_label, status))
        {
            other.push_back(tlv);
        }
    }
    SetOtherParameters(std::move(other));
    Require(fec, m_fec, status);
    return status;
}

void
FecOptionalLabelMessage::PrintParameters(std::ostream& os) const
{
    os << " " << m_fec;
    if (m_label)
    {
        os << " " << *m_label;
    }
    Message::PrintParameters(os);
}

TypeId
LabelWithdrawMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::LabelWithdrawMessage")
                            .SetParent<FecOptionalLabelMessage>()
                            .SetGroupName("Ldp")
                            .AddConstructor<LabelWithdrawMessage>();
    return tid;
}

LabelWithdrawMessage::LabelWithdrawMessage()
    : FecOptionalLabelMessage(MSG_LABEL_WITHDRAW)
{
}

TypeId
LabelWithdrawMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

TypeId
LabelReleaseMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::LabelReleaseMessage")
                            .SetParent<FecOptionalLabelMessage>()
                            .SetGroupName("Ldp")
                            .AddConstructor<LabelReleaseMessage>();
    return tid;
}

LabelReleaseMessage::LabelReleaseMessage()
    : FecOptionalLabelMessage(MSG_LABEL_RELEASE)
{
}

TypeId
LabelReleaseMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

} // namespace ldp
} // namespace ns3
