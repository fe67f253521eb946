/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A RADIUS authentication server as an ns-3 Application: a UDP socket on
 * port 1812 (RFC 2865 section 3) feeding every datagram to a ServerEngine
 * and sending back whatever reply it decides on. All decisions (secrets,
 * users, duplicate detection) live in ServerEngine.
 */
#ifndef IPVPN_RADIUS_SERVER_H
#define IPVPN_RADIUS_SERVER_H

#include "radius-server-engine.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <memory>
#include <string>

namespace ns3
{
namespace radius
{

/**
 * RADIUS server application. Users and clients (NAS) may be added before or
 * while the application runs.
 */
class Server : public Application
{
  public:
    static TypeId GetTypeId();

    Server();
    ~Server() override;

    /// Adds or replaces a user and its password.
    void AddUser(const std::string& userName, const std::string& password);
    /// Adds or replaces a client (NAS) by source address, with its shared
    /// secret (RFC 2865 section 3).
    void AddClient(Ipv4Address address, const std::string& secret);

    /// Counters of the decision engine.
    const ServerCounters& GetCounters() const;
    /// Datagrams dropped (by the engine, or not from an IPv4 source).
    uint64_t GetDropCount() const;

    /// Signature of the "Rx" and "Tx" traces: the datagram and the peer.
    typedef void (*PacketTracedCallback)(Ptr<const Packet> packet, const Address& peer);
    /// Signature of the "Drop" trace.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, DropReason reason);
    /// Signature of the "Decision" trace.
    typedef void (*DecisionTracedCallback)(const std::string& userName,
                                           bool accepted,
                                           Ipv4Address client);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /// Reads every datagram queued on the socket.
    void HandleRead(Ptr<Socket> socket);

    uint16_t m_port;                      ///< UDP port listened on
    Ipv4Address m_localAddress;           ///< address listened on (any by default)
    Time m_duplicateWindow;               ///< passed to ServerEngine
    std::unique_ptr<ServerEngine> m_engine; ///< created on first use
    Ptr<Socket> m_socket;
    uint64_t m_drop = 0;
    TracedCallback<Ptr<const Packet>, const Address&> m_rxTrace;
    TracedCallback<Ptr<const Packet>, const Address&> m_txTrace;
    TracedCallback<Ptr<const Packet>, DropReason> m_dropTrace;
    TracedCallback<const std::string&, bool, Ipv4Address> m_decisionTrace;

    /// The engine, created with the current attribute values when needed.
    ServerEngine& Engine();
};

} // namespace radius
} // namespace ns3

#endif // IPVPN_RADIUS_SERVER_H
