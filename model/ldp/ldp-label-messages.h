/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * LDP label distribution messages (RFC 5036 sections 3.5.7 to 3.5.11):
 * Label Mapping, Label Request, Label Abort Request, Label Withdraw and
 * Label Release. All start with a FEC TLV. Only the Generic Label TLV is
 * interpreted; ATM and Frame Relay label TLVs stay in GetOtherParameters()
 * like any TLV a class does not interpret.
 */
#ifndef IPVPN_LDP_LABEL_MESSAGES_H
#define IPVPN_LDP_LABEL_MESSAGES_H

#include "ns3/ldp-fec.h"
#include "ns3/ldp-message.h"
#include "ns3/ldp-parameter-tlvs.h"

#include <optional>

namespace ns3
{
namespace ldp
{

/**
 * Label Mapping, 0x0400 (section 3.5.7): FEC and Generic Label TLVs;
 * optional Label Request Message ID, Hop Count and Path Vector.
 */
class LabelMappingMessage : public Message
{
  public:
    static TypeId GetTypeId();
    LabelMappingMessage();

    void SetFec(const FecTlv& fec);
    const FecTlv& GetFec() const;
    void SetLabel(uint32_t label);
    uint32_t GetLabel() const;

    void SetLabelRequestId(uint32_t messageId);
    bool HasLabelRequestId() const;
    uint32_t GetLabelRequestId() const;
    void SetHopCount(uint8_t count);
    bool HasHopCount() const;
    uint8_t GetHopCount() const;
    void SetPathVector(const std::vector<Ipv4Address>& lsrIds);
    bool HasPathVector() const;
    /// The LSR IDs, empty when absent.
    std::vector<Ipv4Address> GetPathVector() const;

    TypeId GetInstanceTypeId() const override;

  protected:
    void EncodeParameters(std::vector<Tlv>& out) const override;
    uint32_t DecodeParameters(const std::vector<Tlv>& tlvs) override;
    void PrintParameters(std::ostream& os) const override;

  private:
    FecTlv m_fec;
    GenericLabelTlv m_label;
    std::optional<LabelRequestMessageIdTlv> m_requestId;
    std::optional<HopCountTlv> m_hopCount;
    std::optional<PathVectorTlv> m_pathVector;
};

/**
 * Label Request, 0x0401 (section 3.5.8): FEC TLV; optional Hop Count and
 * Path Vector.
 */
class LabelRequestMessage : public Message
{
  public:
    static TypeId GetTypeId();
    LabelRequestMessage();

    void SetFec(const FecTlv& fec);
    const FecTlv& GetFec() const;
    void SetHopCount(uint8_t count);
    bool HasHopCount() const;
    uint8_t GetHopCount() const;
    void SetPathVector(const std::vector<Ipv4Address>& lsrIds);
    bool HasPathVector() const;
    std::vector<Ipv4Address> GetPathVector() const;

    TypeId GetInstanceTypeId() const override;

  protected:
    void EncodeParameters(std::vector<Tlv>& out) const override;
    uint32_t DecodeParameters(const std::vector<Tlv>& tlvs) override;
    void PrintParameters(std::ostream& os) const override;

  private:
    FecTlv m_fec;
    std::optional<HopCountTlv> m_hopCount;
    std::optional<PathVectorTlv> m_pathVector;
};

/**
 * Label Abort Request, 0x0404 (section 3.5.9): FEC TLV and the Label
 * Request Message ID TLV naming the request to abort.
 */
class LabelAbortRequestMessage : public Message
{
  public:
    static TypeId GetTypeId();
    LabelAbortRequestMessage();

    void SetFec(const FecTlv& fec);
    const FecTlv& GetFec() const;
    void SetLabelRequestId(uint32_t messageId);
    uint32_t GetLabelRequestId() const;

    TypeId GetInstanceTypeId() const override;

  protected:
    void EncodeParameters(std::vector<Tlv>& out) const override;
    uint32_t DecodeParameters(const std::vector<Tlv>& tlvs) override;
    void PrintParameters(std::ostream& os) const override;

  private:
    FecTlv m_fec;
    LabelRequestMessageIdTlv m_requestId;
};

/// The encoding shared by Label Withdraw and Label Release: FEC TLV and an
/// optional Label TLV (absent: all labels for the FEC).
class FecOptionalLabelMessage : public Message
{
  public:
    static TypeId GetTypeId();

    void SetFec(const FecTlv& fec);
    const FecTlv& GetFec() const;
    void SetLabel(uint32_t label);
    void ClearLabel();
    bool HasLabel() const;
    /// The label, or 0 when absent.
    uint32_t GetLabel() const;

  protected:
    explicit FecOptionalLabelMessage(uint16_t type);

    void EncodeParameters(std::vector<Tlv>& out) const override;
    uint32_t DecodeParameters(const std::vector<Tlv>& tlvs) override;
    void PrintParameters(std::ostream& os) const override;

  private:
    FecTlv m_fec;
    std::optional<GenericLabelTlv> m_label;
};

/// Label Withdraw, 0x0402 (section 3.5.10).
class LabelWithdrawMessage : public FecOptionalLabelMessage
{
  public:
    static TypeId GetTypeId();
    LabelWithdrawMessage();
    TypeId GetInstanceTypeId() const override;
};

/// Label Release, 0x0403 (section 3.5.11).
class LabelReleaseMessage : public FecOptionalLabelMessage
{
  public:
    static TypeId GetTypeId();
    LabelReleaseMessage();
    TypeId GetInstanceTypeId() const override;
};

} // namespace ldp
} // namespace ns3

#endif
