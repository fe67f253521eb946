// SPDX-License-Identifier: GPL-2.0-only
//
// vr::MembershipEngine without a simulator: the story of seed 000's Fig. 7
// (VR ports A1 and A2 exist, A3 is added, port B of another VPN stays
// silent), step by step as Figs. 8 and 9 number it, with the messages and
// results a driver would carry between the engines written out by hand.
// Expected actions and step orders come from the seed's text, quoted at
// each check. Ports and routers: A1 on router 10, A2 and B on router 20
// (Fig. 2 puts ports of VPNs A and B on router 20), A3 on router 30.
#include "codec-test-util.h"

#include "ns3/vr-discovery-header.h"
#include "ns3/vr-membership-engine.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <utility>
#include <vector>

using namespace ns3;
using namespace ns3::vr;

namespace
{

using Identity = MembershipEngine::Identity;
using Options = MembershipEngine::Options;
using StepLog = std::vector<std::pair<Step, Ipv4Address>>;

const VpnId kVpnA(0x00a0c9, 1);
const VpnId kVpnB(0x00a0c9, 2);
const Identity kA1{kVpnA, Ipv4Address("10.0.0.10"), Ipv4Address("10.1.0.1")};
const Identity kA2{kVpnA, Ipv4Address("10.0.0.20"), Ipv4Address("10.2.0.1")};
const Identity kB{kVpnB, Ipv4Address("10.0.0.20"), Ipv4Address("10.2.0.2")};
const Identity kA3{kVpnA, Ipv4Address("10.0.0.30"), Ipv4Address("10.3.0.1")};
const Ipv4Address kAny = Ipv4Address::GetAny();
const std::string kAuthFailed = "authentication failed";

/// One VR port: its engine and the steps it reported.
struct Port
{
    explicit Port(const Identity& identity, Options options = Options())
        : id(identity)
        , engine(identity, options)
    {
        engine.SetStepObserver([this](Step s, Ipv4Address p) {
            steps.emplace_back(s, p);
        });
    }

    Identity id;
    MembershipEngine engine;
    StepLog steps;
};

/// A discovery message with the three fields of S1 / S14.
DiscoveryHeader
Message(uint8_t type, const Identity& from, uint32_t sequence)
{
    DiscoveryHeader h;
    h.SetType(type);
    h.SetSequence(sequence);
    h.SetVpnId(from.vpnId);
    h.SetRouterId(from.routerId);
    h.SetPortAddress(from.portAddress);
    return h;
}

DiscoveryHeader
Addition(const Identity& from, uint32_t sequence)
{
    return Message(ADDITION, from, sequence);
}

DiscoveryHeader
Ack(const Identity& from, uint32_t sequence)
{
    return Message(ADDITION_ACK, from, sequence);
}

MembershipActions
Actions(std::initializer_list<MembershipAction> list)
{
    return MembershipActions(list);
}

/// A3 of Fig. 7 with A1 and A2 as repliers, collection over (S4 done).
void
CollectA1A2(Port& a3)
{
    a3.engine.Start(7, Seconds(1));
    a3.engine.OnAck(Ack(kA1, 7), Seconds(1.1));
    a3.engine.OnAck(Ack(kA2, 7), Seconds(1.2));
    a3.engine.OnCollectionEnd(Seconds(2));
}

/// A3 of Fig. 7 with tunnels 1 (to A1) and 2 (to A2) up and routes exchanged.
void
JoinA1A2(Port& a3)
{
    CollectA1A2(a3);
    a3.engine.OnClientResult(kA1.portAddress, true, 1, Seconds(3));
    a3.engine.OnRoutesExchanged(kA1.portAddress, Seconds(4));
    a3.engine.OnClientResult(kA2.portAddress, true, 2, Seconds(5));
    a3.engine.OnRoutesExchanged(kA2.portAddress, Seconds(6));
}

} // namespace

TEST_CASE("Step names are the seed's", "[vr][vr-membership]")
{
    CHECK(StepName(Step::S1) == "S1");
    CHECK(StepName(Step::S9) == "S9");
    CHECK(StepName(Step::S21) == "S21");
    CHECK(StepName(Step::S39) == "S39");
    std::ostringstream os;
    os << Step::S14;
    CHECK(os.str() == "S14");
}

TEST_CASE("Actions carry their step and print on one line", "[vr][vr-membership]")
{
    const OpenTunnel open{Step::S5, kA1.portAddress, kA1.routerId};
    CHECK(GetStep(open) == Step::S5);
    CHECK(GetPeer(open) == kA1.portAddress);
    CHECK(GetPeer(SendAddition{Step::S1, 7}) == kAny);
    CHECK(GetPeer(SendAck{Step::S14, kA3.portAddress, kA3.routerId, 7}) == kA3.portAddress);
    std::ostringstream os;
    os << Actions({open, ReportError{Step::S6, kA2.portAddress, kAuthFailed}});
    CHECK(os.str() == "S5 OpenTunnel port=10.1.0.1 router=10.0.0.10; "
                      "S6 ReportError port=10.2.0.1 reason=\"authentication failed\"");
    CHECK(GetSteps(Actions({SendAddition{Step::S1, 1}, MapUpdated{Step::S37, kAny}})) ==
          std::vector<Step>{Step::S1, Step::S37});
}

TEST_CASE("Fig. 7: A3 is added while A1 and A2 exist and B stays silent",
          "[vr][vr-membership][golden]")
{
    Port a1(kA1);
    Port a2(kA2);
    Port b(kB);
    Port a3(kA3);

    // S1: "an addition message is broadcast to all of the routers".
    CHECK(a3.engine.Start(7, Seconds(1)) == Actions({SendAddition{Step::S1, 7}}));
    CHECK(a3.engine.GetPhase() == MembershipEngine::Phase::COLLECTING);

    // "a VR port (B) does not return a reply message": S12, VPN IDs differ.
    CHECK(b.engine.OnAddition(Addition(kA3, 7), Seconds(1)).empty());
    CHECK(b.engine.GetCounters().additionsOtherVpn == 1);
    CHECK_FALSE(b.engine.GetPeerState(kA3.portAddress).has_value());

    // S13-S15 at A1 and A2: the reply echoes the addition's sequence, then
    // the L2TP server and RADIUS server wait for A3's request.
    for (Port* existing : {&a1, &a2})
    {
        CHECK(existing->engine.OnAddition(Addition(kA3, 7), Seconds(1)) ==
              Actions({SendAck{Step::S14, kA3.portAddress, kA3.routerId, 7},
                       AcceptTunnel{Step::S15, kA3.portAddress, kA3.routerId}}));
        // S17 comes after authentication: nothing in the map yet.
        CHECK(existing->engine.GetMap().IsEmpty());
        CHECK(existing->engine.GetPeerState(kA3.portAddress) == PeerState::AUTHENTICATING);
    }

    // S2, S3: the replies are received; no action, no map until S4.
    CHECK(a3.engine.OnAck(Ack(kA1, 7), Seconds(1.1)).empty());
    CHECK(a3.engine.OnAck(Ack(kA2, 7), Seconds(1.2)).empty());
    CHECK(a3.engine.GetMap().IsEmpty());
    CHECK(a3.engine.GetCounters().acksAccepted == 2);

    // S4: the map of both repliers, before any authentication; then S5 for
    // the first one only ("performed for each VR port", back to S5 after S8).
    CHECK(a3.engine.OnCollectionEnd(Seconds(2)) ==
          Actions({MapUpdated{Step::S4, kA1.portAddress, MapUpdated::ADDED},
                   MapUpdated{Step::S4, kA2.portAddress, MapUpdated::ADDED},
                   OpenTunnel{Step::S5, kA1.portAddress, kA1.routerId}}));
    REQUIRE(a3.engine.GetMap().GetSize() == 2);
    const MapEntry* rowA1 = a3.engine.GetMap().Find(kA1.portAddress);
    REQUIRE(rowA1 != nullptr);
    CHECK(rowA1->routerId == kA1.routerId);
    CHECK(rowA1->vpnId == kVpnA);
    CHECK(rowA1->tunnelId == 0);
    CHECK(rowA1->state == PeerState::AUTHENTICATING);
    CHECK(rowA1->added == Seconds(2));
    CHECK(a3.engine.GetMap().Find(kA2.portAddress)->state == PeerState::DISCOVERED);

    // A1 authenticates A3: S17 map (after authentication), S18 routes.
    CHECK(a1.engine.OnServerResult(kA3.portAddress, true, 100, Seconds(3)) ==
          Actions({MapUpdated{Step::S17, kA3.portAddress, MapUpdated::ADDED},
                   ExchangeRoutes{Step::S18, kA3.portAddress, 100}}));
    CHECK(a1.engine.GetMap().Find(kA3.portAddress)->tunnelId == 100);
    CHECK(a1.engine.GetMap().Find(kA3.portAddress)->routerId == kA3.routerId);
    // S5 at A3: "the VR ports (A3) and (A1) respectively manage this tunnel
    // identifier"; S7 over that tunnel.
    CHECK(a3.engine.OnClientResult(kA1.portAddress, true, 1, Seconds(3)) ==
          Actions({ExchangeRoutes{Step::S7, kA1.portAddress, 1}}));
    CHECK(a3.engine.GetMap().Find(kA1.portAddress)->tunnelId == 1);
    CHECK(a3.engine.GetPeerState(kA1.portAddress) == PeerState::EXCHANGING);

    CHECK(a1.engine.OnRoutesExchanged(kA3.portAddress, Seconds(4)) ==
          Actions({UpdateTable{Step::S19, kA3.portAddress}}));
    // S8, then "the process goes back to step S5" for A2.
    CHECK(a3.engine.OnRoutesExchanged(kA1.portAddress, Seconds(4)) ==
          Actions({UpdateTable{Step::S8, kA1.portAddress},
                   OpenTunnel{Step::S5, kA2.portAddress, kA2.routerId}}));

    CHECK(a2.engine.OnServerResult(kA3.portAddress, true, 200, Seconds(5)) ==
          Actions({MapUpdated{Step::S17, kA3.portAddress, MapUpdated::ADDED},
                   ExchangeRoutes{Step::S18, kA3.portAddress, 200}}));
    CHECK(a3.engine.OnClientResult(kA2.portAddress, true, 2, Seconds(5)) ==
          Actions({ExchangeRoutes{Step::S7, kA2.portAddress, 2}}));
    CHECK(a2.engine.OnRoutesExchanged(kA3.portAddress, Seconds(6)) ==
          Actions({UpdateTable{Step::S19, kA3.portAddress}}));
    // No replier left after A2.
    CHECK(a3.engine.OnRoutesExchanged(kA2.portAddress, Seconds(6)) ==
          Actions({UpdateTable{Step::S8, kA2.portAddress}}));

    CHECK(a3.engine.GetMap().GetPorts(PeerState::UP) ==
          std::vector<Ipv4Address>{kA1.portAddress, kA2.portAddress});
    CHECK(a3.engine.GetMap().GetRouterIds() ==
          std::vector<Ipv4Address>{kA1.routerId, kA2.routerId});
    CHECK(a1.engine.GetPeerState(kA3.portAddress) == PeerState::UP);
    CHECK(a3.engine.GetCounters().errors == 0);

    // The golden step sequences (Figs. 8 and 9).
    const Ipv4Address p1 = kA1.portAddress;
    const Ipv4Address p2 = kA2.portAddress;
    const Ipv4Address p3 = kA3.portAddress;
    CHECK(a3.steps == StepLog{{Step::S1, kAny},
                              {Step::S2, p1},
                              {Step::S3, p1},
                              {Step::S2, p2},
                              {Step::S3, p2},
                              {Step::S4, p1},
                              {Step::S4, p2},
                              {Step::S5, p1},
                              {Step::S7, p1},
                              {Step::S8, p1},
                              {Step::S5, p2},
                              {Step::S7, p2},
                              {Step::S8, p2}});
    const StepLog existing{{Step::S11, p3},
                           {Step::S12, p3},
                           {Step::S13, p3},
                           {Step::S14, p3},
                           {Step::S15, p3},
                           {Step::S17, p3},
                           {Step::S18, p3},
                           {Step::S19, p3}};
    CHECK(a1.steps == existing);
    CHECK(a2.steps == existing);
    // B: S11, S12, and "the process is terminated".
    CHECK(b.steps == StepLog{{Step::S11, p3}, {Step::S12, p3}});
}

TEST_CASE("S6: a failed authentication stops with that replier, the next one follows",
          "[vr][vr-membership]")
{
    Port a3(kA3);
    CollectA1A2(a3);
    CHECK(a3.engine.OnClientResult(kA1.portAddress, false, 0, Seconds(3)) ==
          Actions({ReportError{Step::S6, kA1.portAddress, kAuthFailed},
                   OpenTunnel{Step::S5, kA2.portAddress, kA2.routerId}}));
    // A1 entered the map at S4, before authentication; it stays, FAILED.
    REQUIRE(a3.engine.GetMap().Find(kA1.portAddress) != nullptr);
    CHECK(a3.engine.GetMap().Find(kA1.portAddress)->state == PeerState::FAILED);
    CHECK(a3.engine.GetMap().Find(kA1.portAddress)->tunnelId == 0);
    CHECK(a3.engine.GetCounters().errors == 1);
    // A late result for the failed peer makes no sense.
    CHECK(a3.engine.OnClientResult(kA1.portAddress, true, 1, Seconds(4)).empty());
    CHECK(a3.engine.GetCounters().rejectedInputs == 1);
}

TEST_CASE("A refused replier answering a later addition goes through S2-S5 again",
          "[vr][vr-membership]")
{
    Port a3(kA3);
    a3.engine.Start(7, Seconds(1));
    a3.engine.OnAck(Ack(kA1, 7), Seconds(1));
    a3.engine.OnCollectionEnd(Seconds(2));
    a3.engine.OnClientResult(kA1.portAddress, false, 0, Seconds(3)); // S6
    // New credentials, a new addition (S1); A1 answers it: the seed's
    // steps for a replier (S2, S3; the map updated, S4; S5).
    a3.engine.Start(8, Seconds(20));
    a3.steps.clear();
    const MembershipActions retry = a3.engine.OnAck(Ack(kA1, 8), Seconds(20));
    CHECK(a3.steps == StepLog{{Step::S2, kA1.portAddress},
                              {Step::S3, kA1.portAddress},
                              {Step::S4, kA1.portAddress},
                              {Step::S5, kA1.portAddress}});
    CHECK(retry.back() == MembershipAction(OpenTunnel{Step::S5, kA1.portAddress, kA1.routerId}));
    CHECK(a3.engine.GetMap().Find(kA1.portAddress)->state != PeerState::FAILED);
    // A second copy of that ACK is a duplicate.
    CHECK(a3.engine.OnAck(Ack(kA1, 8), Seconds(20)).empty());
}

TEST_CASE("S6 on the last replier: nothing follows", "[vr][vr-membership]")
{
    Port a3(kA3);
    a3.engine.Start(7, Seconds(1));
    a3.engine.OnAck(Ack(kA1, 7), Seconds(1));
    a3.engine.OnCollectionEnd(Seconds(2));
    CHECK(a3.engine.OnClientResult(kA1.portAddress, false, 0, Seconds(3)) ==
          Actions({ReportError{Step::S6, kA1.portAddress, kAuthFailed}}));
}

TEST_CASE("S21: the existing port's error process keeps the peer out of the map",
          "[vr][vr-membership]")
{
    Port a1(kA1);
    a1.engine.OnAddition(Addition(kA3, 7), Seconds(1));
    CHECK(a1.engine.OnServerResult(kA3.portAddress, false, 0, Seconds(2)) ==
          Actions({ReportError{Step::S21, kA3.portAddress, kAuthFailed}}));
    CHECK(a1.engine.GetMap().IsEmpty());
    CHECK(a1.engine.GetPeerState(kA3.portAddress) == PeerState::FAILED);
    CHECK(a1.engine.GetCounters().errors == 1);
    CHECK(a1.steps.back() == std::make_pair(Step::S21, kA3.portAddress));
    // No routes with a port that failed.
    CHECK(a1.engine.OnRoutesExchanged(kA3.portAddress, Seconds(3)).empty());
    CHECK(a1.engine.GetCounters().rejectedInputs == 1);

    // A3 announces itself again (e.g. with new credentials): a fresh S14, S15.
    CHECK(a1.engine.OnAddition(Addition(kA3, 8), Seconds(4)) ==
          Actions({SendAck{Step::S14, kA3.portAddress, kA3.routerId, 8},
                   AcceptTunnel{Step::S15, kA3.portAddress, kA3.routerId}}));
    CHECK(a1.engine.OnServerResult(kA3.portAddress, true, 100, Seconds(5)) ==
          Actions({MapUpdated{Step::S17, kA3.portAddress, MapUpdated::ADDED},
                   ExchangeRoutes{Step::S18, kA3.portAddress, 100}}));
}

TEST_CASE("A repeated addition of a known peer is answered with the ACK only",
          "[vr][vr-membership]")
{
    Port a1(kA1);
    a1.engine.OnAddition(Addition(kA3, 7), Seconds(1));
    // Retransmission while authenticating.
    CHECK(a1.engine.OnAddition(Addition(kA3, 7), Seconds(2)) ==
          Actions({SendAck{Step::S14, kA3.portAddress, kA3.routerId, 7}}));
    a1.engine.OnServerResult(kA3.portAddress, true, 100, Seconds(3));
    a1.engine.OnRoutesExchanged(kA3.portAddress, Seconds(4));
    // And once UP: the tunnel and the map row stay as they are.
    CHECK(a1.engine.OnAddition(Addition(kA3, 9), Seconds(5)) ==
          Actions({SendAck{Step::S14, kA3.portAddress, kA3.routerId, 9}}));
    CHECK(a1.engine.GetPeerState(kA3.portAddress) == PeerState::UP);
    CHECK(a1.engine.GetMap().Find(kA3.portAddress)->tunnelId == 100);
    CHECK(a1.engine.GetCounters().additionsRepeated == 2);
}

TEST_CASE("Additions that are not usable are dropped and counted", "[vr][vr-membership]")
{
    Port a1(kA1);
    // Its own addition, an ACK handed in as an addition, a malformed one.
    CHECK(a1.engine.OnAddition(Addition(kA1, 1), Seconds(1)).empty());
    CHECK(a1.engine.OnAddition(Ack(kA3, 1), Seconds(1)).empty());
    DiscoveryHeader bad;
    const std::vector<uint8_t> version2 =
        codectest::FromHex("02 01 001d 00000007 0107 00a0c900000001 0204 0a00001e 0304 0a030001");
    codectest::Decode(bad, version2);
    REQUIRE_FALSE(bad.IsValid());
    CHECK(a1.engine.OnAddition(bad, Seconds(1)).empty());
    CHECK(a1.engine.GetCounters().additionsIgnored == 3);
    CHECK(a1.steps.empty());
    CHECK_FALSE(a1.engine.GetPeerState(kA3.portAddress).has_value());
}

TEST_CASE("ACKs that do not answer this port's addition are dropped and counted",
          "[vr][vr-membership]")
{
    Port a3(kA3);
    // Before S1 there is nothing to answer.
    CHECK(a3.engine.OnAck(Ack(kA1, 7), Seconds(0.5)).empty());
    a3.engine.Start(7, Seconds(1));
    CHECK(a3.engine.OnAck(Ack(kB, 7), Seconds(1)).empty());       // another VPN
    CHECK(a3.engine.OnAck(Ack(kA3, 7), Seconds(1)).empty());      // its own
    CHECK(a3.engine.OnAck(Ack(kA1, 6), Seconds(1)).empty());      // stale sequence
    CHECK(a3.engine.OnAck(Addition(kA1, 7), Seconds(1)).empty()); // not an ACK
    CHECK(a3.engine.OnAck(Ack(kA1, 7), Seconds(1)).empty());      // recorded
    CHECK(a3.engine.OnAck(Ack(kA1, 7), Seconds(1.1)).empty());    // duplicate
    CHECK(a3.engine.GetCounters().acksIgnored == 6);
    CHECK(a3.engine.GetCounters().acksAccepted == 1);
    // The duplicate is not a second replier: one S4, one S5.
    CHECK(a3.engine.OnCollectionEnd(Seconds(2)) ==
          Actions({MapUpdated{Step::S4, kA1.portAddress, MapUpdated::ADDED},
                   OpenTunnel{Step::S5, kA1.portAddress, kA1.routerId}}));
}

TEST_CASE("Start again re-sends the addition; ACKs to either sequence count", "[vr][vr-membership]")
{
    Port a3(kA3);
    a3.engine.Start(7, Seconds(1));
    CHECK(a3.engine.Start(8, Seconds(2)) == Actions({SendAddition{Step::S1, 8}}));
    CHECK(a3.engine.GetPhase() == MembershipEngine::Phase::COLLECTING);
    a3.engine.OnAck(Ack(kA1, 7), Seconds(2));
    a3.engine.OnAck(Ack(kA2, 8), Seconds(2));
    CHECK(a3.engine.GetCounters().acksAccepted == 2);
    CHECK(a3.engine.GetPendingSetups() ==
          std::vector<Ipv4Address>{kA1.portAddress, kA2.portAddress});
}

TEST_CASE("A late ACK goes into the map at once and waits its turn for S5", "[vr][vr-membership]")
{
    Port a3(kA3);
    a3.engine.Start(7, Seconds(1));
    a3.engine.OnAck(Ack(kA1, 7), Seconds(1));
    a3.engine.OnCollectionEnd(Seconds(2)); // S5 towards A1 under way
    CHECK(a3.engine.OnAck(Ack(kA2, 7), Seconds(2.5)) ==
          Actions({MapUpdated{Step::S4, kA2.portAddress, MapUpdated::ADDED}}));
    CHECK(a3.engine.GetMap().Find(kA2.portAddress)->state == PeerState::DISCOVERED);
    CHECK(a3.engine.GetPendingSetups() == std::vector<Ipv4Address>{kA2.portAddress});
    a3.engine.OnClientResult(kA1.portAddress, true, 1, Seconds(3));
    CHECK(a3.engine.OnRoutesExchanged(kA1.portAddress, Seconds(4)) ==
          Actions({UpdateTable{Step::S8, kA1.portAddress},
                   OpenTunnel{Step::S5, kA2.portAddress, kA2.routerId}}));

    // With nothing under way, a late ACK starts its S5 immediately.
    Port a3b(kA3);
    a3b.engine.Start(7, Seconds(1));
    a3b.engine.OnCollectionEnd(Seconds(2)); // nobody answered in time
    CHECK(a3b.engine.GetMap().IsEmpty());
    CHECK(a3b.engine.OnAck(Ack(kA1, 7), Seconds(3)) ==
          Actions({MapUpdated{Step::S4, kA1.portAddress, MapUpdated::ADDED},
                   OpenTunnel{Step::S5, kA1.portAddress, kA1.routerId}}));
}

TEST_CASE("Parallel set-up opens every tunnel at S4", "[vr][vr-membership]")
{
    Options parallel;
    parallel.parallelSetup = true;
    Port a3(kA3, parallel);
    a3.engine.Start(7, Seconds(1));
    a3.engine.OnAck(Ack(kA1, 7), Seconds(1));
    a3.engine.OnAck(Ack(kA2, 7), Seconds(1));
    CHECK(a3.engine.OnCollectionEnd(Seconds(2)) ==
          Actions({MapUpdated{Step::S4, kA1.portAddress, MapUpdated::ADDED},
                   MapUpdated{Step::S4, kA2.portAddress, MapUpdated::ADDED},
                   OpenTunnel{Step::S5, kA1.portAddress, kA1.routerId},
                   OpenTunnel{Step::S5, kA2.portAddress, kA2.routerId}}));
    // Results in any order; S8 opens nothing more.
    CHECK(a3.engine.OnClientResult(kA2.portAddress, true, 2, Seconds(3)) ==
          Actions({ExchangeRoutes{Step::S7, kA2.portAddress, 2}}));
    CHECK(a3.engine.OnRoutesExchanged(kA2.portAddress, Seconds(4)) ==
          Actions({UpdateTable{Step::S8, kA2.portAddress}}));
    // A late ACK opens at once too.
    const Identity a4{kVpnA, Ipv4Address("10.0.0.40"), Ipv4Address("10.4.0.1")};
    CHECK(a3.engine.OnAck(Ack(a4, 7), Seconds(5)) ==
          Actions({MapUpdated{Step::S4, a4.portAddress, MapUpdated::ADDED},
                   OpenTunnel{Step::S5, a4.portAddress, a4.routerId}}));
}

TEST_CASE("Inputs that make no sense are rejected without action", "[vr][vr-membership]")
{
    Port a3(kA3);
    const Ipv4Address stranger("10.9.0.1");
    CHECK(a3.engine.OnCollectionEnd(Seconds(1)).empty()); // before Start
    CHECK(a3.engine.OnClientResult(stranger, true, 1, Seconds(1)).empty());
    CHECK(a3.engine.OnServerResult(stranger, true, 1, Seconds(1)).empty());
    CHECK(a3.engine.OnRoutesExchanged(stranger, Seconds(1)).empty());
    CHECK(a3.engine.OnPeerRemoved(stranger, Seconds(1)).empty());
    CHECK_FALSE(a3.engine.OnPeerSilent(stranger, Seconds(1)));
    CHECK(a3.engine.GetCounters().rejectedInputs == 6);

    CollectA1A2(a3);
    CHECK(a3.engine.OnCollectionEnd(Seconds(2)).empty()); // twice
    // A1 is a client-side peer: a server result for it is nonsense.
    CHECK(a3.engine.OnServerResult(kA1.portAddress, true, 1, Seconds(3)).empty());
    // A2 waits for its S5: no result yet.
    CHECK(a3.engine.OnClientResult(kA2.portAddress, true, 2, Seconds(3)).empty());
    // Success without a tunnel ID.
    CHECK(a3.engine.OnClientResult(kA1.portAddress, true, 0, Seconds(3)).empty());
    // Routes before the tunnel.
    CHECK(a3.engine.OnRoutesExchanged(kA1.portAddress, Seconds(3)).empty());
    CHECK(a3.engine.GetCounters().rejectedInputs == 11);
    CHECK(a3.engine.GetPeerState(kA1.portAddress) == PeerState::AUTHENTICATING);
    CHECK(a3.engine.GetPeerState(kA2.portAddress) == PeerState::DISCOVERED);
    // The engine carries on normally.
    CHECK(a3.engine.OnClientResult(kA1.portAddress, true, 1, Seconds(4)) ==
          Actions({ExchangeRoutes{Step::S7, kA1.portAddress, 1}}));
}

TEST_CASE("Deletion S36-S39: release, unmap, re-exchange with the remaining ports",
          "[vr][vr-membership]")
{
    Port a3(kA3);
    JoinA1A2(a3);
    a3.steps.clear();
    CHECK(a3.engine.OnPeerRemoved(kA1.portAddress, Seconds(100)) ==
          Actions({ReleaseTunnel{Step::S36, kA1.portAddress, 1},
                   MapUpdated{Step::S37, kA1.portAddress, MapUpdated::REMOVED},
                   ExchangeRoutes{Step::S38, kA2.portAddress, 2},
                   UpdateTable{Step::S39, kA1.portAddress}}));
    CHECK_FALSE(a3.engine.GetMap().Contains(kA1.portAddress));
    CHECK_FALSE(a3.engine.GetPeerState(kA1.portAddress).has_value());
    CHECK(a3.engine.GetMap().GetSize() == 1);
    CHECK(a3.steps == StepLog{{Step::S36, kA1.portAddress},
                              {Step::S37, kA1.portAddress},
                              {Step::S38, kA2.portAddress},
                              {Step::S39, kA1.portAddress}});
    // Removed twice: rejected.
    CHECK(a3.engine.OnPeerRemoved(kA1.portAddress, Seconds(101)).empty());
    CHECK(a3.engine.GetCounters().rejectedInputs == 1);
}

TEST_CASE("Deletion of the replier under set-up moves on to the next one", "[vr][vr-membership]")
{
    Port a3(kA3);
    CollectA1A2(a3); // S5 towards A1, no tunnel yet
    CHECK(a3.engine.OnPeerRemoved(kA1.portAddress, Seconds(3)) ==
          Actions({MapUpdated{Step::S37, kA1.portAddress, MapUpdated::REMOVED},
                   OpenTunnel{Step::S5, kA2.portAddress, kA2.routerId}}));
}

TEST_CASE("Silence and restoration (S32-S35) show in the map; S38 skips silent ports",
          "[vr][vr-membership]")
{
    Port a3(kA3);
    JoinA1A2(a3);
    REQUIRE(a3.engine.OnPeerSilent(kA2.portAddress, Seconds(10)));
    CHECK(a3.engine.GetMap().Find(kA2.portAddress)->state == PeerState::SILENT);
    CHECK_FALSE(a3.engine.OnPeerSilent(kA2.portAddress, Seconds(11))); // already
    REQUIRE(a3.engine.OnPeerRestored(kA2.portAddress, Seconds(12)));
    CHECK(a3.engine.GetMap().Find(kA2.portAddress)->state == PeerState::UP);
    CHECK_FALSE(a3.engine.OnPeerRestored(kA2.portAddress, Seconds(13))); // not silent

    REQUIRE(a3.engine.OnPeerSilent(kA2.portAddress, Seconds(20)));
    REQUIRE(a3.engine.OnPeerSilent(kA1.portAddress, Seconds(20)));
    // A1's hold time ran out; A2 is silent too: nobody to re-exchange with.
    CHECK(a3.engine.OnPeerRemoved(kA1.portAddress, Seconds(30)) ==
          Actions({ReleaseTunnel{Step::S36, kA1.portAddress, 1},
                   MapUpdated{Step::S37, kA1.portAddress, MapUpdated::REMOVED},
                   UpdateTable{Step::S39, kA1.portAddress}}));
}

TEST_CASE("Two ports added at once: the lower address opens, the higher accepts",
          "[vr][vr-membership]")
{
    const Identity a4{kVpnA, Ipv4Address("10.0.0.40"), Ipv4Address("10.4.0.1")};
    Port x(kA3); // 10.3.0.1, the lower
    Port y(a4);  // 10.4.0.1

    SECTION("both additions arrive before both ACKs")
    {
        x.engine.Start(1, Seconds(0));
        y.engine.Start(5, Seconds(0));
        CHECK(x.engine.OnAddition(Addition(a4, 5), Seconds(0.01)) ==
              Actions({SendAck{Step::S14, a4.portAddress, a4.routerId, 5},
                       AcceptTunnel{Step::S15, a4.portAddress, a4.routerId}}));
        CHECK(y.engine.OnAddition(Addition(kA3, 1), Seconds(0.01)) ==
              Actions({SendAck{Step::S14, kA3.portAddress, kA3.routerId, 1},
                       AcceptTunnel{Step::S15, kA3.portAddress, kA3.routerId}}));
        CHECK(x.engine.OnAck(Ack(a4, 1), Seconds(0.02)).empty());
        CHECK(y.engine.OnAck(Ack(kA3, 5), Seconds(0.02)).empty());
        CHECK(x.engine.GetPeerRole(a4.portAddress) == MembershipEngine::Role::CLIENT);
        CHECK(y.engine.GetPeerRole(kA3.portAddress) == MembershipEngine::Role::SERVER);
        CHECK(y.engine.GetCounters().acksIgnored == 1);
    }
    SECTION("y answers x's addition before its own start")
    {
        x.engine.Start(1, Seconds(0));
        y.engine.OnAddition(Addition(kA3, 1), Seconds(0.01));
        x.engine.OnAck(Ack(a4, 1), Seconds(0.02));
        y.engine.Start(5, Seconds(0.5));
        CHECK(x.engine.OnAddition(Addition(a4, 5), Seconds(0.51)) ==
              Actions({SendAck{Step::S14, a4.portAddress, a4.routerId, 5}}));
        CHECK(y.engine.OnAck(Ack(kA3, 5), Seconds(0.52)).empty());
        CHECK(x.engine.GetPeerRole(a4.portAddress) == MembershipEngine::Role::CLIENT);
        CHECK(y.engine.GetPeerRole(kA3.portAddress) == MembershipEngine::Role::SERVER);
    }
    // Whatever the order: x opens, y accepts, once.
    CHECK(x.engine.OnCollectionEnd(Seconds(1)) ==
          Actions({MapUpdated{Step::S4, a4.portAddress, MapUpdated::ADDED},
                   OpenTunnel{Step::S5, a4.portAddress, a4.routerId}}));
    CHECK(y.engine.OnCollectionEnd(Seconds(1)).empty());
    CHECK(y.engine.OnServerResult(kA3.portAddress, true, 40, Seconds(2)) ==
          Actions({MapUpdated{Step::S17, kA3.portAddress, MapUpdated::ADDED},
                   ExchangeRoutes{Step::S18, kA3.portAddress, 40}}));
    CHECK(x.engine.OnClientResult(a4.portAddress, true, 30, Seconds(2)) ==
          Actions({ExchangeRoutes{Step::S7, a4.portAddress, 30}}));
}

TEST_CASE("Print names the port, its peers and its map", "[vr][vr-membership]")
{
    Port a3(kA3);
    CollectA1A2(a3);
    std::ostringstream os;
    a3.engine.Print(os);
    CHECK(os.str() == "VR port 10.3.0.1 vpn=00a0c9:00000001 router=10.0.0.30 phase=JOINED\n"
                      "  peer 10.1.0.1 CLIENT AUTHENTICATING tunnel=0\n"
                      "  peer 10.2.0.1 CLIENT DISCOVERED tunnel=0\n"
                      "port=10.1.0.1 vpn=00a0c9:00000001 router=10.0.0.10 tunnel=0 "
                      "state=AUTHENTICATING added=+2s\n"
                      "port=10.2.0.1 vpn=00a0c9:00000001 router=10.0.0.20 tunnel=0 "
                      "state=DISCOVERED added=+2s\n");
}

TEST_CASE("An addition answered before the port's own start keeps the seed's roles",
          "[vr][vr-membership]")
{
    // x (the lower address) is an existing port for y: it answers y's
    // addition before announcing itself, so y opens (Fig. 8) and x accepts
    // (Fig. 9), even though x would open if their additions had crossed.
    const Identity a4{kVpnA, Ipv4Address("10.0.0.40"), Ipv4Address("10.4.0.1")};
    Port x(kA3);
    Port y(a4);
    y.engine.Start(5, Seconds(0));
    CHECK(x.engine.OnAddition(Addition(a4, 5), Seconds(0.01)) ==
          Actions({SendAck{Step::S14, a4.portAddress, a4.routerId, 5},
                   AcceptTunnel{Step::S15, a4.portAddress, a4.routerId}}));
    y.engine.OnAck(Ack(kA3, 5), Seconds(0.02));
    x.engine.Start(1, Seconds(0.5));
    CHECK(y.engine.OnAddition(Addition(kA3, 1), Seconds(0.51)) ==
          Actions({SendAck{Step::S14, kA3.portAddress, kA3.routerId, 1}}));
    CHECK(x.engine.OnAck(Ack(a4, 1), Seconds(0.52)).empty());
    CHECK(x.engine.GetPeerRole(a4.portAddress) == MembershipEngine::Role::SERVER);
    CHECK(y.engine.GetPeerRole(kA3.portAddress) == MembershipEngine::Role::CLIENT);
    CHECK(y.engine.OnCollectionEnd(Seconds(1)) ==
          Actions({MapUpdated{Step::S4, kA3.portAddress, MapUpdated::ADDED},
                   OpenTunnel{Step::S5, kA3.portAddress, kA3.routerId}}));
    CHECK(x.engine.OnCollectionEnd(Seconds(1)).empty());
    CHECK(x.engine.GetMap().IsEmpty());
}
