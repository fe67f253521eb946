/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What a home gateway uses to register its public address with the public
 * DNS server (seed 004 [0057], [0059]): RFC 2136 UPDATE over UDP, with
 * retransmission (RFC 1123 6.1.3.3) and the reply matched by ID and source.
 */
#ifndef IPVPN_DNS_UPDATE_CLIENT_H
#define IPVPN_DNS_UPDATE_CLIENT_H

#include "dns-message.h"
#include "dns-name.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{
namespace dns
{

/// The RCODE given to a DoneCallback when no reply came after the last
/// retransmission. Not a wire value: a header's RCODE has 4 bits.
constexpr uint8_t RCODE_NO_REPLY = 0xff;

/// What the client did.
struct UpdateClientCounters
{
    uint64_t requests = 0;        ///< updates started
    uint64_t transmissions = 0;   ///< datagrams sent, retransmissions included
    uint64_t retransmissions = 0; ///< of those, resends after a timeout
    uint64_t replies = 0;         ///< replies matched to a request
    uint64_t noReply = 0;         ///< requests given up (RCODE_NO_REPLY)
    uint64_t unmatched = 0;       ///< datagrams from elsewhere, unknown IDs, not UPDATE responses
    uint64_t malformed = 0;       ///< datagrams that did not decode
};

/**
 * RFC 2136 UPDATE client bound to one node and one server. Setup() opens an
 * ephemeral UDP socket; Register() and Unregister() send an UPDATE and call
 * back once, with the reply's RCODE and the time since the call, or with
 * RCODE_NO_REPLY after MaxRetransmissions resends went unanswered. Resends
 * carry the same ID; the wait doubles after each (RFC 1123 6.1.3.3:
 * "constrained by an exponential backoff algorithm").
 */
class UpdateClient : public Object
{
  public:
    /// RCODE of the reply (or RCODE_NO_REPLY), time since the request started.
    using DoneCallback = Callback<void, uint8_t, Time>;

    static TypeId GetTypeId();

    UpdateClient();
    ~UpdateClient() override;

    /// Opens the socket on `node` towards `server`; call once, before any request.
    void Setup(Ptr<Node> node, Ipv4Address server);

    /**
     * Registers `name` A `address` in `zone`: one UPDATE with zone section
     * `zone` SOA IN, no prerequisite, and the update section "delete the
     * name's A RRset" (RFC 2136 2.5.2) then "add name A address" (2.5.1).
     * Deleting first leaves the gateway's current address as the name's only
     * A record, also when the ISP gave it a new one, in one atomic update
     * (3.4.2.1); and the update is idempotent, so a retransmission applied
     * twice does no harm.
     * \return the request's ID; 0 and no callback when Setup() was not called
     */
    uint16_t Register(
        const Name& name, const Name& zone, Ipv4Address address, uint32_t ttl, DoneCallback done);
    /// Deletes the name's A RRset (RFC 2136 2.5.2). \return as Register()
    uint16_t Unregister(const Name& name, const Name& zone, DoneCallback done);
    /// Sends any UPDATE built by the caller; its ID is replaced. \return as Register()
    uint16_t SendUpdate(Message update, DoneCallback done);

    /// Fixes the random stream of the message IDs; returns the streams used (1).
    int64_t AssignStreams(int64_t stream);

    const UpdateClientCounters& GetCounters() const;
    /// Requests not answered nor given up yet.
    uint32_t GetPendingCount() const;

    /// "Tx": the UPDATE sent, its ID, a retransmission or not.
    typedef void (*TxTracedCallback)(Ptr<const Packet> packet, uint16_t id, bool resend);
    /// "Rx": a datagram received, from anywhere.
    typedef void (*RxTracedCallback)(Ptr<const Packet> packet);
    /// "Done": a request ended: the first updated name, RCODE (or RCODE_NO_REPLY), latency.
    typedef void (*DoneTracedCallback)(const Name& name, uint8_t rcode, Time latency);

  protected:
    void DoDispose() override;

  private:
    struct Pending
    {
        Name name;                  ///< for the Done trace
        std::vector<uint8_t> bytes; ///< the UPDATE as sent
        Time start;
        Time wait; ///< before the next resend or giving up
        uint32_t retransmissions = 0;
        EventId timer;
        DoneCallback done;
    };

    /// A fresh ID, not in use (RFC 5452 4.3: unpredictable).
    uint16_t NewId();
    void Transmit(uint16_t id, bool resend);
    void HandleTimeout(uint16_t id);
    void HandleRead(Ptr<Socket> socket);
    /// Ends request `id` with `rcode`.
    void Finish(uint16_t id, uint8_t rcode);

    uint16_t m_serverPort;         ///< attribute ServerPort
    Time m_retransmitTimeout;      ///< attribute RetransmitTimeout
    uint32_t m_maxRetransmissions; ///< attribute MaxRetransmissions
    double m_backoff;              ///< attribute BackoffFactor
    Ipv4Address m_localAddress;    ///< attribute LocalAddress
    Ipv4Address m_server;
    Ptr<Socket> m_socket;
    Ptr<UniformRandomVariable> m_random;
    std::map<uint16_t, Pending> m_pending;
    UpdateClientCounters m_counters;
    TracedCallback<Ptr<const Packet>, uint16_t, bool> m_txTrace;
    TracedCallback<Ptr<const Packet>> m_rxTrace;
    TracedCallback<const Name&, uint8_t, Time> m_doneTrace;
};

} // namespace dns
} // namespace ns3

#endif /* IPVPN_DNS_UPDATE_CLIENT_H */
