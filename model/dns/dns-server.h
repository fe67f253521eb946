/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A public authoritative DNS server as an ns-3 Application: UDP and TCP on
 * port 53 (RFC 1035 4.2.1, 4.2.2) in front of one dns::Zone, which answers
 * QUERY and applies UPDATE (RFC 2136). This class only moves octets: it
 * decodes, asks the zone, truncates for UDP and frames for TCP.
 */
#ifndef IPVPN_DNS_SERVER_H
#define IPVPN_DNS_SERVER_H

#include "dns-message.h"
#include "dns-name.h"
#include "dns-zone.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace ns3
{
namespace dns
{

/// What the server did, for results and tests.
struct ServerCounters
{
    uint64_t queries = 0;                      ///< QUERY requests (UDP and TCP)
    uint64_t updates = 0;                      ///< UPDATE requests
    uint64_t updatesApplied = 0;               ///< UPDATEs answered NOERROR
    uint64_t updatesRefused = 0;               ///< UPDATEs answered with any other RCODE
    uint64_t otherOpcodes = 0;                 ///< requests of another opcode (answered NOTIMP)
    uint64_t malformed = 0;                    ///< requests that did not decode
    uint64_t malformedDropped = 0;             ///< of those, too short for a header: no answer
    uint64_t responsesIgnored = 0;             ///< messages with QR set: never answered
    uint64_t truncated = 0;                    ///< UDP answers cut to MaxUdpSize (RFC 1035 4.2.1)
    uint64_t tcpQueries = 0;                   ///< requests received over TCP, any opcode
    uint64_t tcpConnections = 0;               ///< connections accepted
    uint64_t tcpIdleCloses = 0;                ///< connections closed by TcpIdleTimeout
    uint64_t sendErrors = 0;                   ///< answers a socket did not take
    std::array<uint64_t, 16> answersByRcode{}; ///< answers sent, by RCODE

    /// Answers sent with `rcode`.
    uint64_t AnswersWith(uint8_t rcode) const;
    /// Answers sent, all RCODEs.
    uint64_t Answers() const;
};

/**
 * DNS server application. Configure the zone (SetZone() or GetZone()) and
 * the update policy (AddUpdatePrefix()) before or while it runs.
 *
 * Requests with QR set are ignored (a server answers only queries). A
 * request that does not decode gets FORMERR with its ID and OPCODE when its
 * 12 header octets are there, and is dropped otherwise; both count as
 * malformed and fire "Malformed". Over UDP an answer longer than MaxUdpSize
 * is cut with TC set (Message::EncodeTruncated) so the client retries over
 * TCP; over TCP each message is framed by its two-octet length (RFC 1035
 * 4.2.2), several per connection, frames split across segments joined.
 */
class Server : public Application
{
  public:
    static TypeId GetTypeId();

    Server();
    ~Server() override;

    /// Replaces the zone served (records, SOA and update policy).
    void SetZone(const Zone& zone);
    /// The zone served, to add records or read them.
    Zone& GetZone();
    const Zone& GetZone() const;
    /// Accepts UPDATEs from `prefix`/`mask` (Zone::AllowUpdatesFrom).
    void AddUpdatePrefix(Ipv4Address prefix, Ipv4Mask mask);

    const ServerCounters& GetCounters() const;
    /// TCP connections open now.
    uint32_t GetTcpConnectionCount() const;

    /// "Query": name, QTYPE, RCODE answered (the root and 0 when there was no question).
    typedef void (*QueryTracedCallback)(const Name& name, uint16_t type, uint8_t rcode);
    /// "Update": the first updated name (else the zone's), sender, RCODE answered.
    typedef void (*UpdateTracedCallback)(const Name& name, Ipv4Address from, uint8_t rcode);
    /// "Malformed": sender and why the request did not decode.
    typedef void (*MalformedTracedCallback)(Ipv4Address from, DecodeError error);
    /// "Rx" and "Tx": one DNS message (no TCP length), the peer, over TCP or not.
    typedef void (*MessageTracedCallback)(Ptr<const Packet> message, const Address& peer, bool tcp);
    /// "ZoneChanged": the zone's new serial.
    typedef void (*ZoneChangedTracedCallback)(uint32_t serial);

  protected:
    void DoDispose() override;

  private:
    /// One accepted TCP connection.
    struct Connection
    {
        Address peer;
        std::vector<uint8_t> buffer; ///< octets received, not yet a whole frame
        EventId idle;                ///< TcpIdleTimeout
    };

    void StartApplication() override;
    void StopApplication() override;

    /// Decodes, counts, traces and asks the zone. \return the answer, nothing to stay silent
    std::optional<Message> Handle(const std::vector<uint8_t>& request,
                                  const Address& peer,
                                  bool tcp);
    /// Counts and traces an answer about to leave.
    void CountAnswer(const Message& answer,
                     const std::vector<uint8_t>& bytes,
                     const Address& peer,
                     bool tcp);

    void HandleUdpRead(Ptr<Socket> socket);
    void HandleAccept(Ptr<Socket> socket, const Address& from);
    void HandleTcpRead(Ptr<Socket> socket);
    void HandlePeerClose(Ptr<Socket> socket);
    void HandleIdle(Ptr<Socket> socket);
    /// Forgets and closes a connection.
    void CloseConnection(Ptr<Socket> socket);

    uint16_t m_port;       ///< attribute Port
    uint32_t m_maxUdpSize; ///< attribute MaxUdpSize
    Time m_tcpIdleTimeout; ///< attribute TcpIdleTimeout
    bool m_enableTcp;      ///< attribute EnableTcp
    Zone m_zone;
    ServerCounters m_counters;
    Ptr<Socket> m_udp;
    Ptr<Socket> m_tcp;
    std::map<Ptr<Socket>, Connection> m_connections;

    TracedCallback<const Name&, uint16_t, uint8_t> m_queryTrace;
    TracedCallback<const Name&, Ipv4Address, uint8_t> m_updateTrace;
    TracedCallback<Ipv4Address, DecodeError> m_malformedTrace;
    TracedCallback<Ptr<const Packet>, const Address&, bool> m_rxTrace;
    TracedCallback<Ptr<const Packet>, const Address&, bool> m_txTrace;
    TracedCallback<uint32_t> m_zoneChangedTrace;
};

} // namespace dns
} // namespace ns3

#endif /* IPVPN_DNS_SERVER_H */
