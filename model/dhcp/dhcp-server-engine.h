/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The lease decisions of a DHCP server (RFC 2131 section 4.3) as a pure
 * class: no simulator, no sockets, no clock of its own. The driver
 * (dhcp::Server) passes each decoded message and the time in, puts the
 * replies on the wire to the destination named, and calls Expire() at
 * the wake-up time.
 *
 * Choices where RFC 2131 leaves room:
 *  - A client is known by option 61 when it sends one, else by htype and
 *    chaddr (4.2: "the combination of 'client identifier' or 'chaddr' and
 *    assigned network address").
 *  - DISCOVER (4.3.1) offers, in order: the client's current binding or
 *    offer, its previous (expired or released) address if free, the
 *    requested address (option 50) if free, else the lowest free address
 *    never leased to another client, else the lowest free one. An offer is
 *    reserved for offerHold, then forgotten.
 *  - REQUEST without a record of the client in INIT-REBOOT or REBINDING
 *    form is ignored ("MUST remain silent"), unless the address is not on
 *    the server's network, which gets a NAK; a RENEWING/REBINDING request
 *    whose ciaddr is not the client's lease gets a NAK.
 *  - A declined address (4.3.3) is out of the pool for declineHold.
 *  - Replies name their destination per 4.1; a unicast to the client's
 *    hardware address before it has an address (broadcast bit clear) is
 *    left to the driver, which broadcasts (see dhcp::Server).
 *  - No relay agent support beyond sending to giaddr when it is set.
 */
#ifndef IPVPN_DHCP_SERVER_ENGINE_H
#define IPVPN_DHCP_SERVER_ENGINE_H

#include "dhcp-message.h"

#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace dhcp
{

/// The pool and the options a server hands out.
struct ServerConfig
{
    Ipv4Address serverId = Ipv4Address("192.168.0.1"); ///< option 54, our own address
    Ipv4Address poolStart = Ipv4Address("192.168.0.100");
    Ipv4Address poolEnd = Ipv4Address("192.168.0.199"); ///< inclusive
    Ipv4Mask mask = Ipv4Mask("255.255.255.0");          ///< option 1
    Ipv4Address router = Ipv4Address("192.168.0.1");    ///< option 3
    Ipv4Address dns = Ipv4Address("192.168.0.1");       ///< option 6
    std::set<Ipv4Address> excluded;                     ///< never offered (the gateway)
    Time leaseTime = Seconds(86400);                    ///< option 51
    Time renewalTime = Seconds(0);    ///< option 58; 0: 0.5 * lease (RFC 2131 4.4.5)
    Time rebindingTime = Seconds(0);  ///< option 59; 0: 0.875 * lease (RFC 2131 4.4.5)
    Time offerHold = Seconds(60);     ///< how long an offer reserves its address
    Time declineHold = Seconds(3600); ///< how long a declined address stays out
};

/// Where a reply goes (RFC 2131 section 4.1).
enum class Destination
{
    BROADCAST,    ///< 255.255.255.255:68
    CIADDR,       ///< unicast to ciaddr:68
    GIADDR,       ///< to the relay, giaddr:67
    YIADDR_CHADDR ///< unicast to yiaddr at chaddr (broadcast bit clear, no ciaddr)
};

/// A reply to send.
struct Reply
{
    Message message;
    Destination destination = Destination::BROADCAST;
    Ipv4Address address =
        Ipv4Address::GetAny(); ///< the unicast address for CIADDR, GIADDR, YIADDR_CHADDR
};

/// Why a lease ended.
enum class EndReason
{
    RELEASED, ///< DHCPRELEASE (4.3.4)
    DECLINED, ///< DHCPDECLINE (4.3.3)
    EXPIRED,  ///< lease time passed
    NAKED,    ///< the client's binding was refused (REQUEST for another address)
};

std::string EndReasonName(EndReason reason);

/// A binding that started, was renewed or ended.
struct LeaseEvent
{
    enum Kind
    {
        GRANTED, ///< first ACK of a binding
        RENEWED, ///< ACK extending a binding
        ENDED,
    };

    Kind kind = GRANTED;
    std::string hostName; ///< option 12 of the client, "" if none
    Ipv4Address address = Ipv4Address::GetAny();
    Mac48Address chaddr;
    EndReason reason = EndReason::EXPIRED; ///< for ENDED
    Time expiry;                           ///< for GRANTED and RENEWED
};

/// What the server counted.
struct ServerCounters
{
    uint64_t received = 0; ///< messages given to Receive()
    uint64_t discovers = 0;
    uint64_t requests = 0;
    uint64_t declines = 0;
    uint64_t releases = 0;
    uint64_t informs = 0;
    uint64_t offers = 0;
    uint64_t acks = 0;
    uint64_t naks = 0;
    uint64_t poolExhausted = 0; ///< DISCOVERs that got no offer
    uint64_t ignored = 0;       ///< well-formed messages answered by silence
    uint64_t invalid = 0;       ///< malformed, replies, or no option 53
    uint64_t offersExpired = 0; ///< offers not taken within offerHold
    uint64_t leasesExpired = 0;
};

/// RFC 2131 4.3 lease logic.
class ServerEngine
{
  public:
    /// State of one lease record.
    enum class LeaseState
    {
        OFFERED,
        BOUND,
        FREE, ///< expired or released: the client's previous address
    };

    /// One client's record.
    struct Lease
    {
        Ipv4Address address = Ipv4Address::GetAny();
        Mac48Address chaddr;
        std::string hostName;
        LeaseState state = LeaseState::FREE;
        Time expiry; ///< end of the offer hold or of the lease
    };

    /// What the driver must do after one call.
    struct Actions
    {
        std::vector<Reply> replies;
        std::vector<LeaseEvent> events;
        /// Call Expire() at this time when hasWakeUp.
        bool hasWakeUp = false;
        Time wakeUp;
    };

    explicit ServerEngine(const ServerConfig& config = ServerConfig());

    /// A decoded message from port 68 arrived.
    Actions Receive(const Message& message, Time now);
    /// Offers and leases whose time has passed end now.
    Actions Expire(Time now);

    const ServerConfig& GetConfig() const;
    const ServerCounters& GetCounters() const;
    /// Records by client key (option 61, else htype + chaddr).
    const std::map<std::string, Lease>& GetLeases() const;
    /// Addresses in BOUND state.
    uint32_t GetBoundCount() const;
    /// The T1 and T2 given with a lease (the defaults resolved).
    Time GetRenewalTime() const;
    Time GetRebindingTime() const;
    /// The client key of a message.
    static std::string ClientKey(const Message& message);

  private:
    void Discover(const Message& m, Time now, Actions& actions);
    void Request(const Message& m, Time now, Actions& actions);
    void Decline(const Message& m, Time now, Actions& actions);
    void Release(const Message& m, Time now, Actions& actions);
    void Inform(const Message& m, Actions& actions);
    /// The address to offer, or 0.0.0.0 when the pool is exhausted.
    Ipv4Address Choose(const std::string& key, const Message& m, Time now) const;
    bool InPool(Ipv4Address a) const;
    bool OnNetwork(Ipv4Address a) const;
    /// Not excluded, not declined, no OFFERED/BOUND record of another client.
    bool IsFree(Ipv4Address a, const std::string& key, Time now) const;
    /// The record (any state) holding this address, other than `key`'s.
    const std::string* Holder(Ipv4Address a, const std::string& key) const;
    Message MakeReply(const Message& request, uint8_t type) const;
    void AddLeaseOptions(Message& reply) const;
    Reply Address(Message reply, const Message& request) const;
    void Ack(const Message& m, const std::string& key, Time now, Actions& actions);
    void Nak(const Message& m, Actions& actions);
    void End(const std::string& key, EndReason reason, Actions& actions);
    void SetWakeUp(Actions& actions) const;

    ServerConfig m_config;
    ServerCounters m_counters;
    std::map<std::string, Lease> m_leases;
    std::map<Ipv4Address, Time> m_declined; ///< address -> end of the hold
};

} // namespace dhcp
} // namespace ns3

#endif /* IPVPN_DHCP_SERVER_ENGINE_H */
