/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * How the gateway's web/middleware server (seed 004 unit 147, [0067]) hands
 * a user's tunnel request to the tunnelling-initiation processor (unit
 * 146A): given the peer gateway's domain name and the requesting host, the
 * processor starts a tunnel and answers at once whether it took the request.
 * The tunnel itself is set up afterwards and reported by the processor.
 *
 * Also the domain-name check the web server applies before handing a name
 * on (RFC 1035 section 2.3.1), and RecordingTunnelRequester, which only
 * records requests: for tests and for scenarios without a tunnelling
 * processor. It sets up no tunnel.
 */
#ifndef IPVPN_GATEWAY_TUNNEL_REQUEST_H
#define IPVPN_GATEWAY_TUNNEL_REQUEST_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace gateway
{

/// How a tunnel request was answered.
enum class TunnelRequestOutcome
{
    ACCEPTED,    ///< taken: the processor starts setting up the tunnel
    CONFLICT,    ///< refused for the peer's state (a tunnel to it exists or is being set up)
    UNAVAILABLE, ///< refused for the processor's state (none, busy, out of resources)
};

/// \return "ACCEPTED", "CONFLICT" or "UNAVAILABLE".
std::string OutcomeName(TunnelRequestOutcome outcome);
std::ostream& operator<<(std::ostream& os, TunnelRequestOutcome outcome);

/// The immediate answer to a tunnel request.
struct TunnelRequestAnswer
{
    TunnelRequestOutcome outcome = TunnelRequestOutcome::ACCEPTED;
    std::string reason; ///< why it was refused, shown to the user; empty when accepted

    static TunnelRequestAnswer Accept();
    static TunnelRequestAnswer Conflict(const std::string& reason);
    static TunnelRequestAnswer Unavailable(const std::string& reason);
};

/**
 * The interface the tunnelling-initiation processor implements. The web
 * server calls RequestTunnel() once per valid request; the call must return
 * at once (no simulated time passes) and must not call back into the web
 * server. An implementation is an ns-3 Object so that it can be aggregated
 * to the gateway node, where the web server finds it.
 */
class TunnelRequester : public Object
{
  public:
    static TypeId GetTypeId();

    /**
     * Starts a tunnel to the gateway named `peerDomain` on behalf of the
     * host `requester` (the address the request came from).
     * \param peerDomain a domain name in RFC 1035 2.3.1 preferred syntax
     *        (IsPreferredDomainName() holds), as the user typed it
     */
    virtual TunnelRequestAnswer RequestTunnel(const std::string& peerDomain,
                                              Ipv4Address requester) = 0;
};

/**
 * Records every request and gives every one the same answer (by default
 * ACCEPTED). It starts no tunnel: a stand-in for tests and for scenarios
 * until a tunnelling processor is aggregated instead.
 */
class RecordingTunnelRequester : public TunnelRequester
{
  public:
    /// One request as received.
    struct Record
    {
        std::string peerDomain;
        Ipv4Address requester;
        Time at; ///< simulation time of the call
    };

    static TypeId GetTypeId();

    TunnelRequestAnswer RequestTunnel(const std::string& peerDomain,
                                      Ipv4Address requester) override;

    /// The answer given from now on.
    void SetAnswer(const TunnelRequestAnswer& answer);
    const std::vector<Record>& GetRecords() const;

  private:
    TunnelRequestAnswer m_answer;
    std::vector<Record> m_records;
};

/**
 * RFC 1035 section 2.3.1's preferred name syntax: labels of letters, digits
 * and hyphens, each starting with a letter and ending with a letter or
 * digit, at most 63 characters (2.3.4), separated by single dots; at most
 * 253 characters in all (255 octets on the wire, 2.3.4). No trailing dot,
 * no empty name (the grammar's " " is not a host). Letters of either case.
 */
bool IsPreferredDomainName(const std::string& name);

} // namespace gateway
} // namespace ns3

#endif // IPVPN_GATEWAY_TUNNEL_REQUEST_H
