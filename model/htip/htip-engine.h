/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The tunnelling-initiation processor's protocol logic (seed 004 unit
 * 146A, [0115]-[0128], [0153]-[0165], claims 8-15) as a pure engine: it
 * takes requests, messages, the VPN processor's reports and the time, and
 * returns typed actions that its driver (htip::Processor) carries out. One
 * engine per gateway; it runs any number of negotiations, each with one
 * peer gateway, as requester (gateway A) or responder (gateway B), and
 * holds the connection table.
 *
 * Requester: REQUEST (retransmitted with back-off until RESPONSE or NAK;
 * a NAK starts the next round with new candidates, at most MaxNakRounds),
 * then ACK and the table row. SECOND embodiment: ACK is retransmitted until
 * READY, then StartClient. FIRST embodiment: StartClient right after the
 * ACK, and the ACK is retransmitted until TunnelUp.
 * Responder: RESPONSE or NAK (a repeated REQUEST gets the same answer
 * again), then on ACK the table row and PrepareServer; SECOND embodiment:
 * READY once the driver reports ServerReady, and again for each repeated
 * ACK. Either side gives up GiveUpTime after its negotiation started if
 * the tunnel is not up by then: NegotiationFailed, and the row goes.
 * doc/htip-engine.md gives the states, timers, the handling of copies,
 * stale rounds and crossing requests, and the counters.
 */
#ifndef IPVPN_HTIP_ENGINE_H
#define IPVPN_HTIP_ENGINE_H

#include "htip-connection-table.h"
#include "htip-message.h"
#include "htip-negotiation.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

namespace ns3
{
namespace htip
{

/// Why a negotiation failed.
enum class FailReason : uint8_t
{
    GIVE_UP,       ///< no tunnel within GiveUpTime (silent peer, lost messages)
    NAK_LIMIT,     ///< more than MaxNakRounds NAKs
    NO_CANDIDATE,  ///< no candidate prefix left to propose or take
    BUSY,          ///< a tunnel to, or a negotiation with, that peer exists already
    CROSSED,       ///< both gateways requested at once and the peer's request wins
    TUNNEL_FAILED, ///< the VPN tunnel went down before it came up
};

/// Why a received message was dropped.
enum class DropReason : uint8_t
{
    MALFORMED,    ///< the codec refused it
    REFUSED_PEER, ///< a REQUEST from a gateway the peer check refuses (unknown or spoofed)
    UNEXPECTED,   ///< no negotiation it belongs to, or the wrong type for its state
    STALE,        ///< a round older than the current one
    INCONSISTENT, ///< fields that contradict the negotiation so far
    UNSUPPORTED,  ///< a VPN protocol other than L2TP
    DUPLICATE,    ///< a copy already answered and nothing to resend
};

std::string FailReasonName(FailReason reason); ///< "give-up", "nak-limit", ...
std::string DropReasonName(DropReason reason); ///< "malformed", "refused-peer", ...

/// Send a message to a peer gateway (its public address, HTIP_PORT).
struct SendMessage
{
    Ipv4Address to;
    MessageHeader message;
    bool retransmission = false; ///< a copy of one sent before
};

/// Responder: make the VPN processor a server (L2TP LNS) for this peer, then call ServerReady().
struct PrepareServer
{
    Connection connection;
};

/// Requester: start the VPN client (L2TP LAC) towards this peer.
struct StartClient
{
    Connection connection;
};

/// A row was added to the connection table.
struct ConnectionAdded
{
    Connection connection;
};

/// A row left the table (TunnelDown, failure); the driver removes its tunnel, NAT and routes.
struct ConnectionRemoved
{
    Connection connection;
};

/// A negotiation ended without a tunnel.
struct NegotiationFailed
{
    Ipv4Address peer;
    std::string peerName; ///< empty when not known
    uint32_t negotiationId = 0;
    FailReason reason = FailReason::GIVE_UP;
};

/// A received message was dropped (and counted).
struct MessageDropped
{
    Ipv4Address from;
    uint8_t type = 0; ///< its message type; 0 when malformed
    DropReason reason = DropReason::MALFORMED;
};

using Action = std::variant<SendMessage,
                            PrepareServer,
                            StartClient,
                            ConnectionAdded,
                            ConnectionRemoved,
                            NegotiationFailed,
                            MessageDropped>;
using Actions = std::vector<Action>;

/**
 * The NAK refusing \p request ([0156]): its negotiation ID, round and
 * candidates, the responder's own prefix \p own, the cause, and \p inUse
 * (left out when empty, cut to MessageHeader::MAX_LIST).
 */
MessageHeader MakeRequestNak(const MessageHeader& request,
                             NakCause cause,
                             const Prefix& own,
                             const std::vector<Prefix>& inUse);

/// One line per action, for logs and test failure messages.
std::ostream& operator<<(std::ostream& os, const Action& action);

/// The engine's settings; the driver's attributes.
struct EngineConfig
{
    Prefix own;       ///< the LAN's prefix
    std::string name; ///< this gateway's domain name (REQUEST's gateway name)
    Embodiment embodiment = Embodiment::SECOND;
    uint32_t candidateCount = 3;         ///< candidates per REQUEST or RESPONSE
    Time retransmitInitial = Seconds(1); ///< first retransmission after this
    Time retransmitMax = Seconds(8);     ///< back-off doubles up to this
    Time giveUpTime = Seconds(60);       ///< from the start of a negotiation to its tunnel up
    uint32_t maxNakRounds = 4;           ///< NAKs one negotiation accepts before it fails
};

/// Per-negotiation figures, kept after it ends (results.json).
struct NegotiationRecord
{
    Ipv4Address peer;
    std::string peerName;
    uint32_t negotiationId = 0;
    bool requester = true;
    Time started;
    std::optional<Time> agreed;   ///< ACK sent (requester) or received (responder)
    std::optional<Time> tunnelUp; ///< TunnelUp reported
    std::optional<Time> ended;    ///< failed or removed
    uint32_t nakRounds = 0;       ///< NAKs received (requester) or sent (responder)
    uint32_t retransmissions = 0;
    std::optional<FailReason> failure;
};

/// Counters of the engine.
struct EngineCounters
{
    std::array<uint64_t, 6> sent{};     ///< by MessageType (index 1-5)
    std::array<uint64_t, 6> received{}; ///< valid messages by MessageType
    uint64_t retransmissions = 0;
    std::array<uint64_t, 7> dropped{}; ///< by DropReason
    uint64_t failures = 0;
};

/// The protocol logic of one gateway.
class Engine
{
  public:
    /// Draws a negotiation ID (the driver's random stream); 0 is never used.
    using IdSource = std::function<uint32_t()>;
    /// Whether a REQUEST naming gateway `name` from address `from` is welcome.
    using PeerCheck = std::function<bool(const std::string& name, Ipv4Address from)>;

    Engine(EngineConfig config, IdSource ids);

    /// Default: every peer is welcome.
    void SetPeerCheck(PeerCheck check);

    /// A host asked for a tunnel to `peerName`, resolved to `peerAddress`.
    Actions Start(const std::string& peerName, Ipv4Address peerAddress, Time now);
    /// A well-formed message from `from` (its IsValid() holds).
    Actions Receive(Ipv4Address from, const MessageHeader& message, Time now);
    /// A datagram the codec refused.
    Actions ReceiveMalformed(Ipv4Address from, MessageHeader::Error error, Time now);
    /// Responder: the VPN server for `peer` listens.
    Actions ServerReady(Ipv4Address peer, Time now);
    /// The tunnel (and its PPP session) to `peer` is up with our Tunnel ID `tunnelId`.
    Actions TunnelUp(Ipv4Address peer, uint16_t tunnelId, Time now);
    /// The tunnel to `peer` is down (or failed before coming up).
    Actions TunnelDown(Ipv4Address peer, Time now);
    /// Runs the timers due at `now`.
    Actions Advance(Time now);
    /// The earliest timer; nullopt when none runs.
    std::optional<Time> NextDeadline() const;

    const ConnectionTable& GetTable() const;
    const EngineCounters& GetCounters() const;
    /// Every negotiation so far, in the order they started.
    std::vector<NegotiationRecord> GetRecords() const;
    const EngineConfig& GetConfig() const;

  private:
    struct Negotiation;
    /// Deletes a Negotiation where its type is complete (htip-engine.cc), so
    /// that the engine stays movable without its definition here.
    struct NegotiationDeleter
    {
        void operator()(Negotiation* n) const;
    };
    using NegotiationPtr = std::unique_ptr<Negotiation, NegotiationDeleter>;

    Negotiation* Find(Ipv4Address peer);
    const Negotiation* Find(Ipv4Address peer) const;
    /// The table's view plus the tunnel prefixes offered in RESPONSEs not yet ACKed.
    GatewayView View() const;
    /// A message of negotiation \p n of type \p type: its ID, round and L2TP.
    MessageHeader Make(const Negotiation& n, uint8_t type) const;
    void Send(Actions& out, Ipv4Address to, const MessageHeader& m, bool retransmission);
    /// Sends \p m as the message the requester repeats until answered.
    void SendArmed(Actions& out, Negotiation& n, const MessageHeader& m, Time now);
    /// Sends the cached answer of a responder again.
    void Resend(Actions& out, Negotiation& n, const MessageHeader& m);
    void Drop(Actions& out, Ipv4Address from, uint8_t type, DropReason reason);
    /// Ends \p n without a tunnel: row removed, NegotiationFailed, record closed.
    void Fail(Actions& out, Ipv4Address peer, FailReason reason, Time now);
    /// Ends \p n: row removed (ConnectionRemoved), record closed, negotiation gone.
    void End(Actions& out, Ipv4Address peer, Time now);
    /// Adds the row of \p n. \return false (negotiation failed) if the table refuses it.
    bool AddRow(Actions& out, Negotiation& n, Time now);
    Connection Row(const Negotiation& n) const;
    NegotiationRecord& Record(const Negotiation& n);
    bool SendRequest(Actions& out,
                     Negotiation& n,
                     const std::optional<NakAdvice>& advice,
                     Time now);
    /// Answers a REQUEST that starts (or renews) a responder negotiation.
    void Answer(Actions& out, Negotiation& n, const MessageHeader& request);

    Actions OnRequest(Ipv4Address from, const MessageHeader& m, Time now);
    void OnRequesterMessage(Actions& out, Negotiation& n, const MessageHeader& m, Time now);
    void OnResponderMessage(Actions& out, Negotiation& n, const MessageHeader& m, Time now);
    void OnResponse(Actions& out, Negotiation& n, const MessageHeader& m, Time now);
    void OnRequestNak(Actions& out, Negotiation& n, const MessageHeader& m, Time now);
    void OnAck(Actions& out, Negotiation& n, const MessageHeader& m, Time now);
    void OnResponseNak(Actions& out, Negotiation& n, const MessageHeader& m, Time now);

    EngineConfig m_config;
    IdSource m_ids;
    PeerCheck m_peerCheck;
    ConnectionTable m_table;
    EngineCounters m_counters;
    /// The running negotiations (and UP tunnels), one per peer gateway.
    std::map<Ipv4Address, NegotiationPtr> m_negotiations;
    std::vector<NegotiationRecord> m_records;
};

} // namespace htip
} // namespace ns3

#endif /* IPVPN_HTIP_ENGINE_H */
