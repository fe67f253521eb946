/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The vocabulary of vr::MembershipEngine: the step numbers of seed 000's
 * Figs. 8, 9 and 10, and what the engine decides, as plain values its driver
 * carries out (like ldp::EngineOutput for ldp::LabelEngine). Each action
 * carries the seed step it performs.
 */
#ifndef IPVPN_VR_MEMBERSHIP_ACTIONS_H
#define IPVPN_VR_MEMBERSHIP_ACTIONS_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

namespace ns3
{
namespace vr
{

/**
 * The steps seed 000's text names. Fig. 8 (new port): S1-S8, and S9, which
 * the text names only in "steps S5 through S9" (the loop over repliers).
 * Fig. 9 (existing port): S11-S15, S17-S19, S21; the text never names S16
 * or S20, so they are absent. Fig. 10 (deletion): S31-S39.
 */
enum class Step : uint8_t
{
    S1 = 1,   ///< broadcast the addition message
    S2 = 2,   ///< receive a reply (ACK)
    S3 = 3,   ///< take the replier's IP address and router ID
    S4 = 4,   ///< build the configuration map (before authentication)
    S5 = 5,   ///< L2TP client + RADIUS client: tunnel to one replier
    S6 = 6,   ///< authentication failed: error process
    S7 = 7,   ///< exchange routes over the tunnel
    S8 = 8,   ///< create/update the routing table
    S9 = 9,   ///< named only in "S5 through S9"; the engine reports no S9
    S11 = 11, ///< receive an addition message
    S12 = 12, ///< compare VPN IDs; stop if they differ
    S13 = 13, ///< take the sender's IP address and router ID
    S14 = 14, ///< reply (ACK)
    S15 = 15, ///< L2TP server + RADIUS server: authenticate the new port
    S17 = 17, ///< build/update the configuration map (after authentication)
    S18 = 18, ///< exchange routes over the tunnel
    S19 = 19, ///< update the routing table
    S21 = 21, ///< authentication failed: error process
    S31 = 31, ///< monitoring message on each tunnel
    S32 = 32, ///< no reply: the port may be gone
    S33 = 33, ///< start the hold timer
    S34 = 34, ///< restored within the hold time?
    S35 = 35, ///< restored: clear the timer
    S36 = 36, ///< remove the tunnel, release its L2TP parameters
    S37 = 37, ///< delete the port from the configuration map
    S38 = 38, ///< re-exchange routes among the remaining ports
    S39 = 39, ///< update the routing tables
};

/// "S1", "S2", ..., "S39".
std::string StepName(Step step);
std::ostream& operator<<(std::ostream& os, Step step);

/// S1: send the addition message (VPN ID, router ID, port address) to all routers.
struct SendAddition
{
    Step step = Step::S1;
    uint32_t sequence = 0;

    bool operator==(const SendAddition& o) const;
};

/// S14: answer an addition with an ADDITION_ACK echoing its sequence number.
struct SendAck
{
    Step step = Step::S14;
    Ipv4Address toPort = Ipv4Address::GetAny();
    Ipv4Address toRouter = Ipv4Address::GetAny();
    uint32_t sequence = 0;

    bool operator==(const SendAck& o) const;
};

/// S4 (new port, before authentication), S17 (existing port, after it), S37 (deletion).
struct MapUpdated
{
    enum What : uint8_t
    {
        ADDED,
        UPDATED,
        REMOVED,
    };

    Step step = Step::S4;
    Ipv4Address peerPort = Ipv4Address::GetAny();
    What what = ADDED;

    bool operator==(const MapUpdated& o) const;
};

/// S5: start the L2TP client and the RADIUS client towards the peer.
struct OpenTunnel
{
    Step step = Step::S5;
    Ipv4Address peerPort = Ipv4Address::GetAny();
    Ipv4Address peerRouter = Ipv4Address::GetAny();

    bool operator==(const OpenTunnel& o) const;
};

/// S15: start the L2TP server and the RADIUS server for the peer's request.
struct AcceptTunnel
{
    Step step = Step::S15;
    Ipv4Address peerPort = Ipv4Address::GetAny();
    Ipv4Address peerRouter = Ipv4Address::GetAny();

    bool operator==(const AcceptTunnel& o) const;
};

/// S7 / S18 / S38: exchange routes with the peer over the tunnel.
struct ExchangeRoutes
{
    Step step = Step::S7;
    Ipv4Address peerPort = Ipv4Address::GetAny();
    uint16_t tunnelId = 0;

    bool operator==(const ExchangeRoutes& o) const;
};

/// S8 / S19: update the routing table from the exchange with peerPort;
/// S39: update it after peerPort was removed.
struct UpdateTable
{
    Step step = Step::S8;
    Ipv4Address peerPort = Ipv4Address::GetAny();

    bool operator==(const UpdateTable& o) const;
};

/// S6 / S21: the error process; the engine stops with that peer.
struct ReportError
{
    Step step = Step::S6;
    Ipv4Address peerPort = Ipv4Address::GetAny();
    std::string reason;

    bool operator==(const ReportError& o) const;
};

/// S36: remove the tunnel to the peer and release its L2TP parameters.
struct ReleaseTunnel
{
    Step step = Step::S36;
    Ipv4Address peerPort = Ipv4Address::GetAny();
    uint16_t tunnelId = 0;

    bool operator==(const ReleaseTunnel& o) const;
};

using MembershipAction = std::variant<SendAddition,
                                      SendAck,
                                      MapUpdated,
                                      OpenTunnel,
                                      AcceptTunnel,
                                      ExchangeRoutes,
                                      UpdateTable,
                                      ReportError,
                                      ReleaseTunnel>;
using MembershipActions = std::vector<MembershipAction>;

/// The step an action performs.
Step GetStep(const MembershipAction& action);
/// The peer port an action concerns; 0.0.0.0 for SendAddition (every router).
Ipv4Address GetPeer(const MembershipAction& action);
/// The steps of the actions, in order.
std::vector<Step> GetSteps(const MembershipActions& actions);

/// "ADDED", "UPDATED", "REMOVED".
std::string MapChangeName(MapUpdated::What what);

/// One line per action, e.g. `S5 OpenTunnel port=10.1.0.1 router=10.0.0.10`.
std::ostream& operator<<(std::ostream& os, const SendAddition& a);
std::ostream& operator<<(std::ostream& os, const SendAck& a);
std::ostream& operator<<(std::ostream& os, const MapUpdated& a);
std::ostream& operator<<(std::ostream& os, const OpenTunnel& a);
std::ostream& operator<<(std::ostream& os, const AcceptTunnel& a);
std::ostream& operator<<(std::ostream& os, const ExchangeRoutes& a);
std::ostream& operator<<(std::ostream& os, const UpdateTable& a);
std::ostream& operator<<(std::ostream& os, const ReportError& a);
std::ostream& operator<<(std::ostream& os, const ReleaseTunnel& a);
std::ostream& operator<<(std::ostream& os, const MembershipAction& a);
/// The actions separated by "; ".
std::ostream& operator<<(std::ostream& os, const MembershipActions& actions);

} // namespace vr
} // namespace ns3

#endif /* IPVPN_VR_MEMBERSHIP_ACTIONS_H */
