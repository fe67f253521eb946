/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The DHCP client state machine of RFC 2131 section 4.4 (figure 5) as a
 * pure, table-driven class: no simulator, no I/O, no clock of its own.
 * The driver (dhcp::Client) passes the time into every call, puts
 * Actions::send on the wire, configures or removes the address named by
 * Actions::bound / Actions::unbound, and calls Expire() at Actions::wakeUp.
 * Randomness (the +-1 s of 4.1 and the xid) comes from functions the
 * driver supplies, so that tests can fix it.
 *
 * Choices where RFC 2131 leaves room:
 *  - The first acceptable DHCPOFFER is taken (4.4.1 lets the client choose;
 *    no collection period).
 *  - Retransmission (4.1): 4 s, doubled up to 64 s, each plus a uniform
 *    -1..+1 s; in SELECTING for ever, in REQUESTING at most requestRetries
 *    transmissions, then back to INIT. In RENEWING and REBINDING, half the
 *    time left until T2 or the lease end, at least 60 s (4.4.5).
 *  - DHCPNAK, an expired lease and giving up in REQUESTING all go to INIT,
 *    which sends a new DHCPDISCOVER at once (figure 5, "-/Send
 *    DHCPDISCOVER").
 *  - No INIT-REBOOT: a client always starts in INIT, asking (option 50) for
 *    the address it last had.
 *  - No ARP probe of the offered address, so no DHCPDECLINE is sent.
 *  - Times are counted from the moment the DHCPREQUEST was sent (4.4.1).
 *  - Stop() sends DHCPRELEASE from BOUND, RENEWING and REBINDING when
 *    releaseOnStop is set (4.4.6).
 */
#ifndef IPVPN_DHCP_CLIENT_FSM_H
#define IPVPN_DHCP_CLIENT_FSM_H

#include "dhcp-message.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipvpn-fsm-table.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace dhcp
{

/// What a client asks for and how patiently.
struct ClientConfig
{
    Mac48Address chaddr;                 ///< the interface's hardware address
    std::string hostName;                ///< option 12; empty: none sent
    bool broadcastFlag = true;           ///< 4.1: set when unicast cannot be received unconfigured
    Time initialRetransmit = Seconds(4); ///< 4.1
    Time maxRetransmit = Seconds(64);    ///< 4.1
    Time minRenewRetransmit = Seconds(60); ///< 4.4.5
    uint32_t requestRetries = 4;           ///< DHCPREQUEST transmissions in REQUESTING
    bool releaseOnStop = true;             ///< 4.4.6
};

/// The configuration an ACK gave.
struct Binding
{
    Ipv4Address address = Ipv4Address::GetAny();
    Ipv4Mask mask;
    Ipv4Address router = Ipv4Address::GetAny(); ///< 0.0.0.0 when option 3 is absent
    Ipv4Address dns = Ipv4Address::GetAny();    ///< 0.0.0.0 when option 6 is absent
    Ipv4Address serverId = Ipv4Address::GetAny();
    std::optional<std::string> domainName;
    Time lease;
    Time t1;
    Time t2;
    bool renewed = false; ///< an extension of the same address
};

/// A message to send.
struct ClientSend
{
    Message message;
    bool broadcast = true; ///< to 255.255.255.255:67, else unicast to `to`
    Ipv4Address to = Ipv4Address::GetAny();
};

/// RFC 2131 figure 5.
class ClientFsm
{
  public:
    enum State
    {
        INIT,
        SELECTING,
        REQUESTING,
        BOUND,
        RENEWING,
        REBINDING,
    };

    enum Event
    {
        START,         ///< Start(), or INIT entered while running
        STOP,          ///< Stop()
        RX_OFFER,      ///< acceptable DHCPOFFER
        RX_ACK,        ///< acceptable DHCPACK
        RX_NAK,        ///< DHCPNAK for our xid
        RETRANSMIT,    ///< retransmission timer
        GIVE_UP,       ///< retransmission timer, requestRetries reached
        T1_EXPIRED,    ///< 4.4.5 renewal time
        T2_EXPIRED,    ///< 4.4.5 rebinding time
        LEASE_EXPIRED, ///< lease end
    };

    /// Everything the driver must do after one call.
    struct Actions
    {
        std::vector<ClientSend> send;
        std::vector<std::pair<State, State>> transitions;
        std::optional<Binding> bound; ///< configure this (or keep it, when renewed)
        bool unbound = false;         ///< remove the address and route
        Ipv4Address unboundAddress = Ipv4Address::GetAny();
        /// A received message was dropped: the reason ("" if none).
        std::string ignored;
        bool hasWakeUp = false;
        Time wakeUp;
    };

    /// What the client counted.
    struct Counters
    {
        uint64_t discovers = 0;
        uint64_t requests = 0;
        uint64_t releases = 0;
        uint64_t retransmissions = 0;
        uint64_t offers = 0;
        uint64_t acks = 0;
        uint64_t naks = 0;
        uint64_t ignored = 0;
        uint64_t leasesExpired = 0;
        uint64_t gaveUp = 0;
    };

    /// \param jitter a uniform value in [-1, 1], seconds added to each 4.1 delay
    /// \param xid a fresh transaction identifier
    ClientFsm(const ClientConfig& config,
              std::function<double()> jitter,
              std::function<uint32_t()> xid);

    Actions Start(Time now);
    Actions Stop(Time now);
    /// A decoded message from port 67.
    Actions Receive(const Message& message, Time now);
    /// The driver's timer for Actions::wakeUp fired.
    Actions Expire(Time now);

    State GetState() const;
    const Counters& GetCounters() const;
    /// The current binding (BOUND, RENEWING, REBINDING).
    const std::optional<Binding>& GetBinding() const;
    uint32_t GetXid() const;
    /// Times of the running timers (Time::Max() when not running).
    Time GetRetransmitAt() const;
    Time GetT1At() const;
    Time GetT2At() const;
    Time GetExpiryAt() const;

  private:
    using ActionFn = void (ClientFsm::*)(const Message*, Time, Actions&);
    using Table = FsmTable<State, Event, ActionFn>;
    static const Table& Transitions();

    /// Runs one event through the table; unknown pairs are ignored.
    void Process(Event event, const Message* message, Time now, Actions& actions);
    void SetWakeUp(Actions& actions) const;
    Message MakeRequest(uint8_t type) const;
    /// 4.1: base * 2^attempt up to maxRetransmit, plus jitter.
    Time Backoff() const;
    uint16_t SecsSince(Time now) const;

    // Table actions.
    void SendDiscover(const Message*, Time now, Actions& actions);
    void SendSelectingRequest(const Message* offer, Time now, Actions& actions);
    void ResendRequest(const Message*, Time now, Actions& actions);
    void Bind(const Message* ack, Time now, Actions& actions);
    void Restart(const Message*, Time now, Actions& actions);
    void SendRenew(const Message*, Time now, Actions& actions);
    void SendRebind(const Message*, Time now, Actions& actions);
    void Unbind(const Message*, Time now, Actions& actions);
    void Release(const Message*, Time now, Actions& actions);
    void Halt(const Message*, Time now, Actions& actions);

    ClientConfig m_config;
    std::function<double()> m_jitter;
    std::function<uint32_t()> m_xidSource;
    State m_state;
    bool m_running;
    bool m_restart; ///< INIT entered by an action that starts over
    uint32_t m_xid;
    uint32_t m_attempt; ///< transmissions of the current message
    Time m_startedAt;   ///< start of the exchange, for 'secs'
    Time m_requestSentAt;
    Ipv4Address m_offered;
    Ipv4Address m_server;
    Ipv4Address m_previous; ///< last address held, asked for again
    std::optional<Binding> m_binding;
    Time m_retransmitAt;
    Time m_t1At;
    Time m_t2At;
    Time m_expiryAt;
    Counters m_counters;
};

std::ostream& operator<<(std::ostream& os, ClientFsm::State state);
std::ostream& operator<<(std::ostream& os, ClientFsm::Event event);

} // namespace dhcp
} // namespace ns3

#endif /* IPVPN_DHCP_CLIENT_FSM_H */
