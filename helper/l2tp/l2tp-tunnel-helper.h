/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Installs one L2TP tunnel between two nodes that already have an internet
 * stack: a LAC (initiator) on one node that opens the control connection
 * to an address of the other, an LNS (responder) on the other, and - with
 * sessions on - one incoming call carrying PPP, with a SessionNetDevice on
 * each node that gets an Ipv4 interface with the given tunnel address, so
 * that routes can point over the tunnel.
 *
 * Usage:
 *   L2tpTunnelHelper l2tp;
 *   l2tp.SetSecret("tunnel-secret");
 *   l2tp.SetHostNames("gw-a", "gw-b");
 *   l2tp.SetTunnelAddresses(Ipv4Address("10.255.0.1"), Ipv4Address("10.255.0.2"),
 *                           Ipv4Mask("255.255.255.252"));
 *   L2tpTunnelHelper::Tunnel t = l2tp.Install(gwA, gwB, gwBPublicAddress);
 *   // routes over t.lacInterface / t.lnsInterface, e.g. with
 *   // Ipv4StaticRouting::AddNetworkRouteTo(..., t.lacInterface)
 *
 * Choices of this helper:
 *  - The LNS application starts at the start time and listens; the LAC
 *    starts then too and sends its SCCRQ, with OpenSessionOnUp when
 *    sessions are on (7.4.1: the call waits for the tunnel).
 *  - With a /32 mask each end gets a host route to the other end's tunnel
 *    address through the session interface; with a shorter mask the
 *    interface's own network route does it.
 *  - The session interfaces get a high metric (SetInterfaceMetric, default
 *    10000) so that ns-3's global routing, which sees the session link
 *    through the SessionChannel, never prefers it over the physical path
 *    the L2TP packets themselves take.
 *  - A node may hold several tunnel ends (they share its UDP port 1701,
 *    l2tp::UdpPort): give each tunnel its own Tunnel IDs, and when one node
 *    is the LNS of several tunnels, the LAC addresses to Install().
 */
#ifndef IPVPN_L2TP_TUNNEL_HELPER_H
#define IPVPN_L2TP_TUNNEL_HELPER_H

#include "ns3/attribute.h"
#include "ns3/ipv4-address.h"
#include "ns3/l2tp-control-connection.h"
#include "ns3/l2tp-session-net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>

namespace ns3
{

/// Installs an L2TP LAC/LNS pair and, optionally, the PPP session devices.
class L2tpTunnelHelper
{
  public:
    /// What Install() built.
    struct Tunnel
    {
        Ptr<l2tp::ControlConnection> lac; ///< initiator, LAC of the call
        Ptr<l2tp::ControlConnection> lns; ///< responder, LNS of the call
        /// Session devices; null when sessions are off.
        Ptr<l2tp::SessionNetDevice> lacDevice;
        Ptr<l2tp::SessionNetDevice> lnsDevice;
        /// Ipv4 interface indices of the session devices, -1 without.
        int32_t lacInterface = -1;
        int32_t lnsInterface = -1;
    };

    L2tpTunnelHelper();

    /// Tunnel secret of both ends (RFC 2661 5.1.1); empty: no tunnel
    /// authentication (the default).
    void SetSecret(const std::string& secret);
    /// Host Name AVPs (RFC 2661 4.4.3); default "lac" and "lns".
    void SetHostNames(const std::string& lac, const std::string& lns);
    /// Assigned Tunnel IDs (RFC 2661 4.4.3); default 1 and 2.
    void SetTunnelIds(uint16_t lac, uint16_t lns);
    /// Open one call carrying PPP with session devices (default true).
    void SetSessionEnabled(bool enabled);
    /// Tunnel addresses of the LAC and the LNS session interface, and the
    /// mask of both (a /30, or /32 with host routes). Also the IPCP
    /// addresses each end requests. Default 10.255.0.1, 10.255.0.2, /30.
    void SetTunnelAddresses(Ipv4Address lac, Ipv4Address lns, Ipv4Mask mask);
    /// Metric of the session interfaces (default 10000).
    void SetInterfaceMetric(uint16_t metric);
    /// When both applications start (default 0 s).
    void SetStartTime(Time start);

    /// An attribute of both ControlConnection objects (timers, etc.).
    void SetControlAttribute(const std::string& name, const AttributeValue& value);
    /// An attribute of both SessionNetDevice objects (Mtu, ...).
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);
    /// An attribute of both ppp::Endpoint objects (EchoInterval, ...).
    void SetPppAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Installs the tunnel.
     * \param lacNode the LAC, which opens the tunnel
     * \param lnsNode the LNS
     * \param lnsAddress an address of lnsNode the LAC can reach
     * \param lacAddress the address the LAC's packets come from; when
     *        given, the LNS end takes SCCRQs from it only (needed when one
     *        node terminates several tunnels: each end gets its own peer)
     */
    Tunnel Install(Ptr<Node> lacNode,
                   Ptr<Node> lnsNode,
                   Ipv4Address lnsAddress,
                   Ipv4Address lacAddress = Ipv4Address()) const;

    /**
     * Fixed random streams for both control connections (Challenge, Tie
     * Breaker, Random Vectors) and both PPP endpoints (Magic-Numbers).
     * \return the number of streams used
     */
    int64_t AssignStreams(const Tunnel& tunnel, int64_t stream) const;

  private:
    /// Adds the session device of one end with its Ipv4 interface.
    int32_t AddDevice(Ptr<Node> node,
                      Ptr<l2tp::ControlConnection> end,
                      Ptr<l2tp::SessionChannel> channel,
                      Ipv4Address local,
                      Ipv4Address peer,
                      Ptr<l2tp::SessionNetDevice>& device) const;

    ObjectFactory m_control;
    ObjectFactory m_device;
    ObjectFactory m_ppp;
    std::string m_secret;
    std::string m_lacHostName;
    std::string m_lnsHostName;
    uint16_t m_lacTunnelId;
    uint16_t m_lnsTunnelId;
    bool m_sessions;
    Ipv4Address m_lacAddress;
    Ipv4Address m_lnsAddress;
    Ipv4Mask m_mask;
    uint16_t m_metric;
    Time m_start;
};

} // namespace ns3

#endif // IPVPN_L2TP_TUNNEL_HELPER_H
