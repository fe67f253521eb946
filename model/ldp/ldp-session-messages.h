/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * LDP discovery and session messages (RFC 5036 sections 3.5.1 to 3.5.4):
 * Notification, Hello, Initialization, KeepAlive. Each interprets its own
 * TLVs; any other TLV is kept, in order, in GetOtherParameters() and is
 * encoded after the interpreted ones.
 */
#ifndef IPVPN_LDP_SESSION_MESSAGES_H
#define IPVPN_LDP_SESSION_MESSAGES_H

#include "ns3/ldp-message.h"
#include "ns3/ldp-parameter-tlvs.h"

#include <optional>

namespace ns3
{
namespace ldp
{

/**
 * Notification, 0x0001 (section 3.5.1): a mandatory Status TLV; optional
 * Extended Status, Returned PDU and Returned Message TLVs stay in
 * GetOtherParameters().
 */
class NotificationMessage : public Message
{
  public:
    static TypeId GetTypeId();
    NotificationMessage();
    explicit NotificationMessage(const StatusTlv& status, uint32_t messageId = 0);

    void SetStatusTlv(const StatusTlv& status);
    const StatusTlv& GetStatusTlv() const;

    TypeId GetInstanceTypeId() const override;

  protected:
    void EncodeParameters(std::vector<Tlv>& out) const override;
    uint32_t DecodeParameters(const std::vector<Tlv>& tlvs) override;
    void PrintParameters(std::ostream& os) const override;

  private:
    StatusTlv m_statusTlv;
};

/**
 * Hello, 0x0100 (section 3.5.2): mandatory Common Hello Parameters;
 * optional IPv4 Transport Address and Configuration Sequence Number.
 */
class HelloMessage : public Message
{
  public:
    static TypeId GetTypeId();
    HelloMessage();

    void SetHelloParams(const CommonHelloParamsTlv& params);
    const CommonHelloParamsTlv& GetHelloParams() const;

    void SetTransportAddress(Ipv4Address address);
    void ClearTransportAddress();
    bool HasTransportAddress() const;
    /// The transport address, or 0.0.0.0 when absent.
    Ipv4Address GetTransportAddress() const;

    void SetConfigSequenceNumber(uint32_t sequence);
    void ClearConfigSequenceNumber();
    bool HasConfigSequenceNumber() const;
    /// The sequence number, or 0 when absent.
    uint32_t GetConfigSequenceNumber() const;

    TypeId GetInstanceTypeId() const override;

  protected:
    void EncodeParameters(std::vector<Tlv>& out) const override;
    uint32_t DecodeParameters(const std::vector<Tlv>& tlvs) override;
    void PrintParameters(std::ostream& os) const override;

  private:
    CommonHelloParamsTlv m_params;
    std::optional<Ipv4TransportAddressTlv> m_transport;
    std::optional<ConfigSequenceNumberTlv> m_configSequence;
};

/**
 * Initialization, 0x0200 (section 3.5.3): mandatory Common Session
 * Parameters; ATM and Frame Relay session parameters stay in
 * GetOtherParameters().
 */
class InitializationMessage : public Message
{
  public:
    static TypeId GetTypeId();
    InitializationMessage();

    void SetSessionParams(const CommonSessionParamsTlv& params);
    const CommonSessionParamsTlv& GetSessionParams() const;

    TypeId GetInstanceTypeId() const override;

  protected:
    void EncodeParameters(std::vector<Tlv>& out) const override;
    uint32_t DecodeParameters(const std::vector<Tlv>& tlvs) override;
    void PrintParameters(std::ostream& os) const override;

  private:
    CommonSessionParamsTlv m_params;
};

/// KeepAlive, 0x0201 (section 3.5.4): no mandatory parameters.
class KeepAliveMessage : public Message
{
  public:
    static TypeId GetTypeId();
    KeepAliveMessage();

    TypeId GetInstanceTypeId() const override;
};

} // namespace ldp
} // namespace ns3

#endif
