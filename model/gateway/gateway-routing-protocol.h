/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The forwarding path of a home gateway (seed 004: IP processor 142 and
 * router 145 with NAT/NAPT 141). ns-3 has no netfilter hook, so the NAT sits
 * in the gateway's routing protocol: RouteInput() rewrites a datagram and
 * hands the new header and packet to the unicast-forward callback.
 *
 * Routes come from an IpvpnRoutingProtocol held inside (connected and static
 * routes: the home prefix and a default route to the ISP). Around it:
 *
 *  - NAPT on the ISP interface (EnableNapt; nat::NaptEngine decides, the
 *    NAT's attributes below configure it): a datagram leaving through that
 *    interface with a source other than the public address gets the public
 *    address and an external port; one arriving for the public address on a
 *    port of the NAPT range gets its mapping's inside address and port, or
 *    is dropped and counted (unsolicited or filtered). Datagrams for the
 *    public address outside the range, ICMP queries to it and ICMP errors
 *    about the gateway's own datagrams are the gateway's own: delivered
 *    locally. Datagrams for private (RFC 1918) destinations are not sent to
 *    the ISP (DropPrivateDestinations): without a tunnel one home cannot
 *    reach another's private addresses.
 *  - 1:1 prefix NAT on any interface (AddPrefixRule; nat::PrefixTable):
 *    sources rewritten leaving the interface, destinations arriving on it.
 *
 * Arriving: 1:1 destination first, then NAPT inbound. Leaving: the private
 * destination check, 1:1 source, then NAPT outbound. Locally originated
 * datagrams (RouteOutput) are not translated: the gateway sends from its own
 * addresses.
 */
#ifndef IPVPN_GATEWAY_ROUTING_PROTOCOL_H
#define IPVPN_GATEWAY_ROUTING_PROTOCOL_H

#include "ns3/event-id.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/nat-napt-engine.h"
#include "ns3/nat-packet-rewriter.h"
#include "ns3/nat-prefix-table.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <memory>
#include <set>
#include <string>

namespace ns3
{
namespace gateway
{

/// Why the gateway's NAT dropped a datagram (besides the NAPT engine's own reasons).
enum class NatDrop : uint8_t
{
    NAPT,                ///< the NAPT engine refused it (see its DropReason counters)
    PRIVATE_DESTINATION, ///< a private (RFC 1918) destination towards the ISP
    UNTRANSLATABLE, ///< towards the ISP, not UDP, TCP or ICMP (or malformed): would leak a private
                    ///< source
};

std::ostream& operator<<(std::ostream& os, NatDrop d);

class RoutingProtocol : public Ipv4RoutingProtocol, public IpvpnRoutingOwner
{
  public:
    static TypeId GetTypeId();

    RoutingProtocol();
    ~RoutingProtocol() override;

    /// Datagrams translated and dropped, for results.json.
    struct Counters
    {
        uint64_t naptOutbound = 0;   ///< sources translated to the public address
        uint64_t naptInbound = 0;    ///< destinations translated back to inside hosts
        uint64_t prefixOutbound = 0; ///< 1:1 sources rewritten
        uint64_t prefixInbound = 0;  ///< 1:1 destinations rewritten
        uint64_t toGateway = 0;      ///< for the public address, delivered to the gateway itself
        uint64_t napt = 0;           ///< dropped: NatDrop::NAPT
        uint64_t privateDestination = 0;
        uint64_t untranslatable = 0;
    };

    typedef void (*TranslateTracedCallback)(const std::string& kind,
                                            const Ipv4Header& before,
                                            const Ipv4Header& after);
    typedef void (*DropTracedCallback)(NatDrop reason, const Ipv4Header& header);
    typedef void (*MappingTracedCallback)(const nat::MappingInfo& mapping);

    // Ipv4RoutingProtocol
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

    /// The routes (connected, static): add the default route to the ISP here.
    Ptr<IpvpnRoutingProtocol> GetRouting() const;
    /// IpvpnRoutingOwner: GetRouting(), so IpvpnRoutingProtocol::GetNodeRouting() finds it.
    Ptr<IpvpnRoutingProtocol> GetCore() const override;

    /**
     * Turns NAPT on for the ISP interface \p interface, whose first address
     * is the public address, with the NAT attributes' values. Once, after
     * the interface has its address.
     */
    void EnableNapt(uint32_t interface);
    /// A port inside the NAPT range that the gateway's own service listens on. Before EnableNapt().
    void ReserveNaptPort(uint16_t port);
    bool IsNaptEnabled() const;
    /// The NAPT engine; nullptr before EnableNapt().
    const nat::NaptEngine* GetNapt() const;
    Ipv4Address GetPublicAddress() const;

    /// Adds a 1:1 rule; \return an empty string or why it is refused (nat::PrefixTable::Add).
    std::string AddPrefixRule(const nat::PrefixRule& rule);
    bool RemovePrefixRule(uint32_t interface, Ipv4Address inner, uint8_t length);
    const nat::PrefixTable& GetPrefixTable() const;

    const Counters& GetCounters() const;

    /// RFC 1918 private address.
    static bool IsPrivate(Ipv4Address address);

    /// Payload octets the NAT reads: a TCP header with options, or an ICMP
    /// error's type, code, unused word, embedded header and 8 octets.
    static constexpr uint32_t HEAD_OCTETS = 128;

  protected:
    void DoDispose() override;

  private:
    enum class Inbound
    {
        TRANSLATED,
        LOCAL,
        DROPPED,
    };

    /// The IPv4 header (20 octets: ns-3 writes no options) and the payload's
    /// head, as the rewriter reads them; on the stack.
    struct Head
    {
        std::array<uint8_t, 20 + HEAD_OCTETS> octets;
        std::size_t length = 0;

        uint8_t* data()
        {
            return octets.data();
        }

        const uint8_t* data() const
        {
            return octets.data();
        }

        std::size_t size() const
        {
            return length;
        }
    };

    static Head Bytes(Ptr<const Packet> packet, const Ipv4Header& header);
    // The rewritten bytes back into `packet` (a copy: tags kept) and
    // `header` (its addresses).
    static void Rebuild(const Head& bytes,
                        Ptr<const Packet>& packet,
                        Ipv4Header& header);
    // 1:1: one address rewritten; false if the datagram cannot be read.
    static bool RewriteAddress(Ptr<const Packet>& packet,
                               Ipv4Header& header,
                               nat::Side side,
                               Ipv4Address to);

    Inbound NaptInbound(Ptr<const Packet>& packet, Ipv4Header& header);
    bool NaptOutbound(Ptr<const Packet>& packet, Ipv4Header& header);
    bool InNaptRange(uint16_t port) const;
    // The inner routing's unicast-forward callback: NAT, then m_ucb.
    void Forward(Ptr<Ipv4Route> route, Ptr<const Packet> p, const Ipv4Header& header);
    void Drop(NatDrop reason, const Ipv4Header& header);
    void Translated(const std::string& kind, const Ipv4Header& before, const Ipv4Header& after);
    // Schedules Expire() at the NAPT's next deadline; with an event pending,
    // only if `mayBeEarlier`.
    void ScheduleExpiry(bool mayBeEarlier);
    static bool ChangesTcpState(const nat::Flow& flow);
    void Expire();

    Ptr<Ipv4> m_ipv4;
    Ptr<IpvpnRoutingProtocol> m_routes;
    UnicastForwardCallback m_forward; ///< Forward(), made once
    UnicastForwardCallback m_ucb;     ///< Ipv4's callback for the datagram being routed
    nat::PrefixTable m_prefixes;
    std::unique_ptr<nat::NaptEngine> m_napt;
    uint32_t m_outside = 0;
    std::set<uint16_t> m_reserved;
    EventId m_expiry;
    Time m_expiryAt;
    Counters m_counters;

    // Attributes (the NAPT engine's configuration).
    Time m_udpTimeout;
    Time m_tcpEstablishedTimeout;
    Time m_tcpTransitoryTimeout;
    Time m_icmpTimeout;
    int m_filtering; // nat::Filtering (an int for EnumValue)
    uint16_t m_portMin;
    uint16_t m_portMax;
    uint32_t m_maxMappings;
    bool m_inboundRefresh;
    bool m_dropPrivate;

    TracedCallback<const std::string&, const Ipv4Header&, const Ipv4Header&> m_translateTrace;
    TracedCallback<NatDrop, const Ipv4Header&> m_dropTrace;
    TracedCallback<const nat::MappingInfo&> m_mappingCreatedTrace;
    TracedCallback<const nat::MappingInfo&> m_mappingExpiredTrace;
};

} // namespace gateway
} // namespace ns3

#endif // IPVPN_GATEWAY_ROUTING_PROTOCOL_H
