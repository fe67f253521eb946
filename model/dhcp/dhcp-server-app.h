/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The DHCP server of a home gateway (seed 004 [0066], unit 144): runs
 * dhcp::ServerEngine on UDP port 67 of one inside interface and reports
 * each lease with its host name, for the gateway's DNS table.
 */
#ifndef IPVPN_DHCP_SERVER_APP_H
#define IPVPN_DHCP_SERVER_APP_H

#include "dhcp-server-engine.h"

#include "ns3/application.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <set>
#include <string>

namespace ns3
{
namespace dhcp
{

/**
 * DHCP server application. Give it the inside device (SetDevice) and the
 * pool before it starts; the options it hands out (mask, router, DNS
 * server, lease time, T1, T2) are attributes.
 *
 * Replies go per RFC 2131 4.1; where 4.1 asks for a unicast to a client
 * that has no address yet (broadcast bit clear, ciaddr zero), the server
 * broadcasts instead, as ns-3 sockets cannot address a frame to a MAC
 * address without ARP (the client's address is not on the wire yet).
 */
class Server : public Application
{
  public:
    /// A binding started: host name (option 12, "" if none), address, chaddr.
    using LeaseGrantedCallback = Callback<void, const std::string&, Ipv4Address, Mac48Address>;
    /// A binding ended: host name, address, reason ("released", "declined",
    /// "expired", "nak").
    using LeaseEndedCallback = Callback<void, const std::string&, Ipv4Address, const std::string&>;

    static TypeId GetTypeId();

    Server();
    ~Server() override;

    /// The interface the server answers on (required before the start).
    void SetDevice(Ptr<NetDevice> device);
    /// An address of the pool never to offer (the gateway's own, fixed hosts).
    void AddExcludedAddress(Ipv4Address address);
    /// Called for every new binding (not for renewals), e.g. to add the host
    /// name to the DNS table.
    void SetLeaseGrantedCallback(LeaseGrantedCallback callback);
    /// Called when a binding ends, e.g. to remove the name from the DNS table.
    void SetLeaseEndedCallback(LeaseEndedCallback callback);

    /// Counters of the engine (all zero before the start).
    const ServerCounters& GetCounters() const;
    /// The engine, for inspection; nullptr before the start.
    const ServerEngine* GetEngine() const;

    typedef void (*MessageTracedCallback)(const Message& message);
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);
    typedef void (*LeaseTracedCallback)(const std::string& hostName,
                                        Ipv4Address address,
                                        Mac48Address chaddr);
    typedef void (*LeaseEndedTracedCallback)(const std::string& hostName,
                                             Ipv4Address address,
                                             const std::string& reason);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void HandleRead(Ptr<Socket> socket);
    void Wakeup();
    void Apply(const ServerEngine::Actions& actions);

    Ipv4Address m_serverAddress; ///< attribute ServerAddress
    Ipv4Address m_poolStart;     ///< attribute PoolStart
    Ipv4Address m_poolEnd;       ///< attribute PoolEnd
    Ipv4Mask m_mask;             ///< attribute SubnetMask
    Ipv4Address m_router;        ///< attribute Router
    Ipv4Address m_dns;           ///< attribute DnsServer
    Time m_leaseTime;            ///< attribute LeaseTime
    Time m_renewalTime;          ///< attribute RenewalTime
    Time m_rebindingTime;        ///< attribute RebindingTime
    Time m_offerHold;            ///< attribute OfferHoldTime
    Time m_declineHold;          ///< attribute DeclineHoldTime
    std::set<Ipv4Address> m_excluded;
    Ptr<NetDevice> m_device;
    Ptr<Socket> m_socket;
    std::unique_ptr<ServerEngine> m_engine;
    EventId m_wakeup;
    LeaseGrantedCallback m_grantedCallback;
    LeaseEndedCallback m_endedCallback;
    TracedCallback<const Message&> m_rxTrace;
    TracedCallback<const Message&> m_txTrace;
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace;
    TracedCallback<const std::string&, Ipv4Address, Mac48Address> m_grantedTrace;
    TracedCallback<const std::string&, Ipv4Address, Mac48Address> m_renewedTrace;
    TracedCallback<const std::string&, Ipv4Address, const std::string&> m_endedTrace;
};

} // namespace dhcp
} // namespace ns3

#endif /* IPVPN_DHCP_SERVER_APP_H */
