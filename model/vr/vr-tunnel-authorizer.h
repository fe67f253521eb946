/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RADIUS authentication of the L2TP control channel between two VR ports
 * (seed 000, S5 and S15): "the VPN configuration module authenticates a VR
 * port connected to a control channel when the control channel is set up",
 * with a RADIUS client that "makes a request to authenticate a VR port"
 * and a RADIUS server that "authenticates the VR port at the request of
 * the RADIUS client". Each VR port has both; this object is the glue
 * between them and the port's L2TP tunnel ends.
 *
 * How a tunnel is authenticated (our mapping; the seed names the parts, not
 * the order of their messages):
 *  - The new port (L2TP client, initiator) holds the SCCRP and sends its own
 *    credentials (User-Name = its name, PAP password) in an Access-Request
 *    to the existing port's RADIUS server (UDP 1812 at that port's address).
 *    Access-Accept lets the SCCCN go; anything else refuses the tunnel
 *    (StopCCN, Result Code 1: S6).
 *  - The existing port (L2TP server, responder) holds the SCCCN until its
 *    own RADIUS server has accepted the peer's Host Name from the peer's
 *    address; a decision that does not come within WaitTime, or a reject,
 *    refuses the tunnel (StopCCN, Result Code 4: S21). A client that skips
 *    RADIUS never gets a tunnel.
 *  - Mutual authentication (the option after Fig. 9): the existing port
 *    also sends its credentials to the new port's server when it accepts
 *    the tunnel (AuthenticateTo at S15), and the new port's SCCRP hold waits
 *    for its own server to have accepted the existing port as well.
 * Host Name AVP and User-Name are the port's name. The servers know their
 * clients by source address, so requests leave from the port's address.
 */
#ifndef IPVPN_VR_TUNNEL_AUTHORIZER_H
#define IPVPN_VR_TUNNEL_AUTHORIZER_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

class Node;

namespace l2tp
{
class ControlConnection;
}

namespace radius
{
class Client;
class Server;
enum class Outcome;
} // namespace radius

namespace vr
{

/// RADIUS gate of one VR port's L2TP tunnel ends.
class TunnelAuthorizer : public Object
{
  public:
    /// Told once whether our own Access-Request was accepted.
    using DoneCallback = Callback<void, bool>;

    static TypeId GetTypeId();
    TunnelAuthorizer();
    ~TunnelAuthorizer() override;

    /// The port's node, name and password, RADIUS secret and address.
    void Configure(Ptr<Node> node,
                   const std::string& name,
                   const std::string& password,
                   const std::string& radiusSecret,
                   Ipv4Address portAddress);
    /// A new password for the requests from now on.
    void SetPassword(const std::string& password);
    /// The port's own RADIUS server, whose decisions the gate follows.
    void SetServer(Ptr<radius::Server> server);

    /// Makes `end` hold its SCCRP (initiator) or SCCCN (responder) for the
    /// checks above; `peerPort` is the other VR port's address.
    void Install(Ptr<l2tp::ControlConnection> end, Ipv4Address peerPort);

    /// Sends our credentials to the RADIUS server at `peerPort`.
    void AuthenticateTo(Ipv4Address peerPort, DoneCallback done);

    /// "Decision": peer port, what was decided ("self": our request at the
    /// peer's server; "peer": the peer's request at our server), accepted.
    typedef void (*DecisionTracedCallback)(Ipv4Address peerPort,
                                           const std::string& what,
                                           bool accepted);

  protected:
    void DoDispose() override;

  private:
    /// A held SCCRP or SCCCN.
    struct Held
    {
        Ptr<l2tp::ControlConnection> end;
        Ipv4Address peerPort;
        std::string peerName;
        bool needSelf = false; ///< our request at the peer's server still open
        bool needPeer = false; ///< our server's decision on the peer still open
        bool refused = false;
        EventId timeout;
    };

    void OnHold(Ipv4Address peerPort,
                Ptr<l2tp::ControlConnection> end,
                const std::string& peerHostName);
    void OnServerDecision(const std::string& userName, bool accepted, Ipv4Address client);
    void OnSelfDone(Ipv4Address peerPort, bool accepted);
    /// Our request for a held message was answered.
    void OnHeldSelfDone(Ipv4Address peerPort, bool accepted);
    void OnRadiusDone(Ipv4Address peerPort, radius::Outcome outcome, Time latency);
    void OnTimeout(Ipv4Address peerPort);
    /// Decides the held message of `peerPort` when nothing is open.
    void Settle(Ipv4Address peerPort);

    Ptr<Node> m_node;
    std::string m_name;
    std::string m_password;
    std::string m_radiusSecret;
    Ipv4Address m_portAddress;
    bool m_mutual;
    Time m_waitTime;
    Ptr<radius::Server> m_server;
    std::map<Ipv4Address, Ptr<radius::Client>> m_clients;       ///< one per peer server
    std::map<Ipv4Address, std::vector<DoneCallback>> m_pending; ///< our open requests
    std::map<Ipv4Address, bool> m_selfResult;                   ///< our requests' answers
    std::map<Ipv4Address, std::map<std::string, bool>> m_peerDecisions; ///< our server's
    std::map<Ipv4Address, Held> m_held;
    TracedCallback<Ipv4Address, const std::string&, bool> m_decisionTrace;
};

} // namespace vr
} // namespace ns3

#endif // IPVPN_VR_TUNNEL_AUTHORIZER_H
