/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Full-duplex point-to-point device that frames packets with the PPP
 * protocol field (RFC 1661 section 2) and, unlike ns3::PointToPointNetDevice,
 * carries MPLS: EtherType 0x8847 <-> PPP 0x0281 (RFC 3032 section 5,
 * "MPLS unicast" over PPP), IPv4 0x0800 <-> 0x0021, IPv6 0x86DD <-> 0x0057.
 * Its "PromiscSniffer"/"Sniffer" traces carry the PPP frame, so pcaps are
 * written as DLT_PPP and Wireshark decodes 0x0281 as MPLS.
 */
#ifndef IPVPN_MPLS_P2P_NET_DEVICE_H
#define IPVPN_MPLS_P2P_NET_DEVICE_H

#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/queue-fwd.h"
#include "ns3/traced-callback.h"

#include <cstdint>

namespace ns3
{

class ErrorModel;

namespace mpls
{

class P2pChannel;

class P2pNetDevice : public NetDevice
{
  public:
    static TypeId GetTypeId();

    P2pNetDevice();
    ~P2pNetDevice() override;

    /// PPP protocol number for an EtherType, 0 when unmapped.
    static uint16_t EtherToPpp(uint16_t etherType);
    /// EtherType for a PPP protocol number, 0 when unmapped.
    static uint16_t PppToEther(uint16_t pppProtocol);

    bool Attach(Ptr<P2pChannel> channel);
    void SetQueue(Ptr<Queue<Packet>> queue);
    Ptr<Queue<Packet>> GetQueue() const;
    void SetReceiveErrorModel(Ptr<ErrorModel> model);

    /// Called by the channel when a frame (with its PPP header) arrives.
    void Receive(Ptr<Packet> packet);
    /// Called by the channel once both ends are attached.
    void NotifyLinkUp();

    // NetDevice
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsPointToPoint() const override;
    bool IsBridge() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

  protected:
    void DoDispose() override;

  private:
    bool TransmitStart(Ptr<Packet> packet);
    void TransmitComplete();
    Address GetRemote() const;

    Ptr<Node> m_node;
    Ptr<P2pChannel> m_channel;
    Ptr<Queue<Packet>> m_queue;
    Ptr<ErrorModel> m_receiveErrorModel;
    Mac48Address m_address;
    uint32_t m_ifIndex;
    uint16_t m_mtu;
    DataRate m_bps;
    Time m_interframeGap;
    bool m_linkUp;
    bool m_txBusy;
    Ptr<Packet> m_currentPkt;
    EventId m_txCompleteEvent;
    NetDevice::ReceiveCallback m_rxCallback;
    NetDevice::PromiscReceiveCallback m_promiscCallback;
    TracedCallback<> m_linkChangeCallbacks;

    TracedCallback<Ptr<const Packet>> m_macTxTrace;
    TracedCallback<Ptr<const Packet>> m_macTxDropTrace;
    TracedCallback<Ptr<const Packet>> m_macRxTrace;
    TracedCallback<Ptr<const Packet>> m_phyRxDropTrace;
    TracedCallback<Ptr<const Packet>> m_snifferTrace;
    TracedCallback<Ptr<const Packet>> m_promiscSnifferTrace;
};

} // namespace mpls
} // namespace ns3

#endif
