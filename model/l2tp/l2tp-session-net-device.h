/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A point-to-point NetDevice over one L2TP session: the tunnel interface an
 * Ipv4 interface is put on, so that routes can point over the tunnel.
 *
 *   IPv4 stack --Send()--> ppp::Endpoint::SendIpv4 --frame--> data message
 *   (ControlConnection::SendData, RFC 2661 3.1) ... network ... data
 *   message --> ppp::Endpoint::Receive --IPv4--> receive callback (0x0800)
 *
 * The device follows one session of a ControlConnection (Attach): when the
 * session comes up the PPP endpoint gets LowerUp and Open (RFC 1661 4.3),
 * when it goes down LowerDown. The link is up while IPCP is Opened (the
 * endpoint's link-change callback). When PPP no longer needs its lower
 * layer (LCP This-Layer-Finished, e.g. negotiation failed or the keepalive
 * declared the link dead) the device closes the session with a CDN.
 *
 * Choices of this model:
 *  - No ARP (NeedsArp false), IsPointToPoint true, Mac48 address for
 *    identification only; protocols other than IPv4 are refused.
 *  - MTU 1460 by default: 1500 minus IPv4 (20), UDP (8), the L2TP data
 *    header with Length (8) and the PPP header (4); with data sequencing
 *    the L2TP header is 4 octets longer.
 *  - The device binds to the first session that comes up while it has
 *    none (or the one given to Attach); after that session ends it binds
 *    to the next one that comes up.
 *  - A SessionChannel joins the two devices of a session for topology
 *    walks (global routing); frames never travel on it.
 */
#ifndef IPVPN_L2TP_SESSION_NET_DEVICE_H
#define IPVPN_L2TP_SESSION_NET_DEVICE_H

#include "l2tp-control-connection.h"
#include "l2tp-session-channel.h"
#include "l2tp-session-fsm.h"

#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace l2tp
{

/// The point-to-point device of one L2TP session carrying PPP.
class SessionNetDevice : public NetDevice
{
  public:
    /// Ethernet type of IPv4 datagrams given to and taken from the stack.
    static constexpr uint16_t IPV4 = 0x0800;

    static TypeId GetTypeId();
    SessionNetDevice();
    ~SessionNetDevice() override;

    /**
     * Follows a session of this tunnel end.
     * \param tunnel the tunnel end on this device's node
     * \param localSessionId our Session ID, or 0 for the first session
     *        that comes up while the device has none
     */
    void Attach(Ptr<ControlConnection> tunnel, uint16_t localSessionId = 0);
    Ptr<ControlConnection> GetTunnel() const;
    /// The session carried now, 0 while there is none.
    uint16_t GetSessionId() const;

    /// The PPP endpoint (one is created with the device; this replaces it).
    void SetPppEndpoint(Ptr<ppp::Endpoint> ppp);

    /// Takes an IPv4 datagram before it enters the session; returns true
    /// when it took it (a VR port's user data in MPLS mode leaves labelled
    /// through the core, its routing stays in the session).
    using Ipv4Diversion = Callback<bool, Ptr<Packet>>;
    void SetIpv4Diversion(Ipv4Diversion diversion);
    Ptr<ppp::Endpoint> GetPppEndpoint() const;
    /// Joins the device to the session channel (at most two devices).
    void SetChannel(Ptr<SessionChannel> channel);

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
    bool IsBridge() const override;
    bool IsPointToPoint() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

    /// MacTx / MacRx / MacTxDrop: the IPv4 datagram.
    typedef void (*PacketTracedCallback)(Ptr<const Packet> packet);

  protected:
    void DoDispose() override;

  private:
    void OnSessionUp(uint16_t localSessionId, uint16_t peerSessionId);
    void OnSessionDown(uint16_t localSessionId, SessionFsm::DownReason reason, uint16_t result);
    /// PPP frame to the tunnel.
    void SendFrame(Ptr<Packet> frame);
    /// PPP frame from the tunnel.
    void ReceiveFrame(Ptr<Packet> frame);
    /// IPv4 datagram from PPP to the stack.
    void DeliverIpv4(Ptr<Packet> datagram);
    /// IPCP Opened (true) or left Opened (false).
    void OnLinkChange(bool up);
    /// LCP This-Layer-Started (true) / This-Layer-Finished (false).
    void OnLowerLayer(bool needed);
    /// Sets the PPP endpoint's callbacks to this device.
    void HookPpp();
    void Unbind();

    Ptr<Node> m_node;
    uint32_t m_ifIndex;
    Mac48Address m_address;
    uint16_t m_mtu;
    bool m_closeOnPppFinished;
    bool m_linkUp;
    /// Checks a datagram for this tunnel's own UDP traffic (to the peer).
    bool IsOwnTunnelTraffic(Ptr<const Packet> packet) const;
    Ptr<ControlConnection> m_tunnel;
    uint16_t m_wantedSession; ///< Attach()'s session, 0 = any
    uint16_t m_session;       ///< carried now, 0 = none
    Ptr<ppp::Endpoint> m_ppp;
    Ptr<SessionChannel> m_channel;
    Ipv4Diversion m_diversion;
    NetDevice::ReceiveCallback m_rxCallback;
    NetDevice::PromiscReceiveCallback m_promiscCallback;
    std::vector<Callback<void>> m_linkChangeCallbacks;

    TracedCallback<Ptr<const Packet>> m_macTxTrace;
    TracedCallback<Ptr<const Packet>> m_macTxDropTrace;
    TracedCallback<Ptr<const Packet>> m_macRxTrace;
};

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_SESSION_NET_DEVICE_H
