/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The DHCP client of a home host: runs dhcp::ClientFsm on UDP port 68 of
 * one interface, configures the address, mask and default route the ACK
 * gives, and reports the DNS server.
 */
#ifndef IPVPN_DHCP_CLIENT_APP_H
#define IPVPN_DHCP_CLIENT_APP_H

#include "dhcp-client-fsm.h"

#include "ns3/application.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <string>

namespace ns3
{
namespace dhcp
{

/**
 * DHCP client application. Give it the device (SetDevice) before it
 * starts. Like ns3::DhcpClient, it sends from 0.0.0.0 until bound: the
 * interface gets the address 0.0.0.0/0 (so a UDP socket bound to the
 * device sends with that source) and the socket broadcasts to
 * 255.255.255.255:67. On ACK the leased address and mask replace it and a
 * default route via the router goes into the node's Ipv4StaticRouting; on
 * loss of the lease both are removed and 0.0.0.0/0 comes back.
 */
class Client : public Application
{
  public:
    /// Bound: address, router, DNS server (0.0.0.0 when not given).
    using BoundCallback = Callback<void, Ipv4Address, Ipv4Address, Ipv4Address>;
    /// The lease was lost (NAK, expiry, Stop): the address removed.
    using UnboundCallback = Callback<void, Ipv4Address>;

    static TypeId GetTypeId();

    Client();
    ~Client() override;

    /// The interface to configure (required before the start).
    void SetDevice(Ptr<NetDevice> device);
    /// Called on every ACK that binds a new address (not on renewals).
    void SetBoundCallback(BoundCallback callback);
    void SetUnboundCallback(UnboundCallback callback);

    ClientFsm::State GetState() const;
    /// The bound address, 0.0.0.0 when not bound.
    Ipv4Address GetAddress() const;
    /// The current binding, if any.
    std::optional<Binding> GetBinding() const;
    /// Counters of the state machine (all zero before the start).
    const ClientFsm::Counters& GetCounters() const;
    /// Fixes the streams of the retransmission jitter and of the xid;
    /// returns 2.
    int64_t AssignStreams(int64_t stream);

    typedef void (*StateTracedCallback)(ClientFsm::State oldState, ClientFsm::State newState);
    typedef void (*MessageTracedCallback)(const Message& message);
    typedef void (*DropTracedCallback)(const std::string& reason);
    typedef void (*BoundTracedCallback)(Ipv4Address address, Ipv4Address router, Ipv4Address dns);
    typedef void (*AddressTracedCallback)(Ipv4Address address);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void HandleRead(Ptr<Socket> socket);
    void Wakeup();
    void Apply(const ClientFsm::Actions& actions);
    void Configure(const Binding& binding);
    void Deconfigure(Ipv4Address address);
    /// The interface index of m_device, added to the node's Ipv4 if needed.
    uint32_t Interface();

    std::string m_hostName;    ///< attribute HostName
    bool m_broadcastFlag;      ///< attribute BroadcastFlag
    Time m_initialRetransmit;  ///< attribute InitialRetransmit
    Time m_maxRetransmit;      ///< attribute MaxRetransmit
    Time m_minRenewRetransmit; ///< attribute MinRenewRetransmit
    uint32_t m_requestRetries; ///< attribute RequestRetries
    bool m_releaseOnStop;      ///< attribute ReleaseOnStop
    Ptr<NetDevice> m_device;
    Ptr<Socket> m_socket;
    Ptr<UniformRandomVariable> m_jitter;
    Ptr<UniformRandomVariable> m_xid;
    std::unique_ptr<ClientFsm> m_fsm;
    EventId m_wakeup;
    BoundCallback m_boundCallback;
    UnboundCallback m_unboundCallback;
    TracedCallback<ClientFsm::State, ClientFsm::State> m_stateTrace;
    TracedCallback<const Message&> m_txTrace;
    TracedCallback<const Message&> m_rxTrace;
    TracedCallback<const std::string&> m_dropTrace;
    TracedCallback<Ipv4Address, Ipv4Address, Ipv4Address> m_boundTrace;
    TracedCallback<Ipv4Address> m_renewedTrace;
    TracedCallback<Ipv4Address> m_unboundTrace;
};

} // namespace dhcp
} // namespace ns3

#endif /* IPVPN_DHCP_CLIENT_APP_H */
