// SPDX-License-Identifier: GPL-2.0-only
// RFC 2661 sessions (7.4.1 LAC, 7.4.2 LNS incoming calls, 7.7 CDN) as pure
// state machines; the session table inside two control connection engines
// joined by byte queues; hidden AVP recovery (4.3) and the StopCCN
// hold-down (5.7) of the control connection engine. No simulator.
#include "codec-test-util.h"
#include "l2tp-fsm-pair.h"

#include "ns3/l2tp-control-fsm.h"
#include "ns3/l2tp-hidden-avp.h"
#include "ns3/l2tp-session-fsm.h"
#include "ns3/l2tp-session-messages.h"
#include "ns3/l2tp-session-table.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

using namespace ns3;
using namespace ns3::l2tp;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;
using ns3::codectest::ToHex;

namespace
{

using Session = SessionFsm;

using l2tptest::Config;
using l2tptest::TypeOf;

std::vector<uint16_t>
AvpTypes(const PacketHeader& m)
{
    std::vector<uint16_t> types;
    for (const Avp& avp : m.GetAvps())
    {
        types.push_back(avp.GetType());
    }
    return types;
}

/// The Result Code AVP of a CDN as (result, error).
std::pair<uint16_t, uint16_t>
CdnCodes(const PacketHeader& m)
{
    CdnInfo info;
    ReadCdn(m, info);
    return {info.resultCode, info.errorCode};
}

/// Through the codec, as the wire would carry it.
PacketHeader
Wire(const PacketHeader& m)
{
    PacketHeader out;
    Decode(out, Encode(m));
    REQUIRE(out.IsValid());
    return out;
}

/// Drives a LAC session to established against a scripted LNS.
Session
EstablishedLac(uint16_t localId = 5, uint16_t peerId = 77)
{
    Session lac(Session::LAC, localId, 1, 22);
    lac.Open(true);
    lac.Receive(Wire(BuildIcrp(11, localId, peerId)));
    REQUIRE(lac.GetState() == Session::ESTABLISHED);
    return lac;
}

/// Drives an LNS session to established against a scripted LAC.
Session
EstablishedLns(uint16_t localId = 9, uint16_t peerId = 33)
{
    Session lns(Session::LNS, localId, 0, 11);
    lns.Receive(Wire(BuildIcrq(22, peerId, 1, SessionConfig())));
    lns.Receive(Wire(BuildIccn(22, localId, SessionConfig())));
    REQUIRE(lns.GetState() == Session::ESTABLISHED);
    return lns;
}

// ------------------------------------------------ two engines on a link

/// One control connection engine and what it reported.
struct Side : l2tptest::FsmEnd
{
    using FsmEnd::FsmEnd;

    std::vector<uint16_t> sent; ///< message types put on the wire (0 = ZLB)
    std::vector<SessionEvent> sessions;
    int ups = 0;
    int downs = 0;
    ControlFsm::DownReason downReason = ControlFsm::DOWN_NONE;
    Time releasedAt = Seconds(-1);

    int
    Count(uint16_t type) const
    {
        return static_cast<int>(std::count(sent.begin(), sent.end(), type));
    }

    int
    SessionUps() const
    {
        return static_cast<int>(
            std::count_if(sessions.begin(), sessions.end(), [](const SessionEvent& e) {
                return e.up;
            }));
    }

    int
    SessionDowns() const
    {
        return static_cast<int>(sessions.size()) - SessionUps();
    }
};

/// Two engines joined by byte queues with zero delay; `drop` may lose a
/// message in flight and `seen` sees every message put on the wire.
struct Link : l2tptest::FsmPair<Link, Side>
{
    using FsmPair::FsmPair;

    std::vector<std::pair<bool, std::vector<uint8_t>>> wire; ///< (from a, bytes)

    void
    OnSend(Side& s, const PacketHeader& m, bool fromA)
    {
        s.sent.push_back(TypeOf(m));
        wire.emplace_back(fromA, Encode(m));
    }

    void
    OnActions(Side& s, const ControlFsm::Actions& act)
    {
        s.ups += act.tunnelUp ? 1 : 0;
        if (act.tunnelDown)
        {
            ++s.downs;
            s.downReason = act.downReason;
        }
        s.sessions.insert(s.sessions.end(), act.sessionEvents.begin(), act.sessionEvents.end());
        if (act.released)
        {
            s.releasedAt = now;
        }
    }

    /// a opens a call (and with it the tunnel) and both ends settle.
    uint16_t
    OpenCall(Time until = Seconds(2))
    {
        uint16_t id = 0;
        Absorb(a, a.fsm.OpenSession(now, id));
        RunUntil(until);
        return id;
    }
};

} // namespace

// --------------------------------------------------------- table walks

TEST_CASE("session FSM: LAC incoming call walk (7.4.1)", "[l2tp]")
{
    Session lac(Session::LAC, 5, 42, 0);
    CHECK(lac.GetState() == Session::IDLE);

    // idle + bearer ring -> initiate tunnel open -> wait-tunnel
    Session::Actions a = lac.Open(false);
    CHECK(a.openTunnel);
    CHECK(a.send.empty());
    CHECK(lac.GetState() == Session::WAIT_TUNNEL);

    // wait-tunnel + tunnel-open -> send ICRQ -> wait-reply
    a = lac.TunnelOpen(22);
    CHECK(lac.GetState() == Session::WAIT_REPLY);
    REQUIRE(a.send.size() == 1);
    const PacketHeader icrq = Wire(a.send[0]);
    CHECK(TypeOf(icrq) == ICRQ);
    CHECK(icrq.GetTunnelId() == 22);
    CHECK(icrq.GetSessionId() == 0); // the peer has not assigned one yet
    CHECK(AvpTypes(icrq) ==
          std::vector<uint16_t>{
              AVP_MESSAGE_TYPE, AVP_ASSIGNED_SESSION_ID, AVP_CALL_SERIAL_NUMBER, AVP_BEARER_TYPE});
    CHECK(ReadAssignedSessionId(icrq) == 5);
    CallParameters call;
    REQUIRE_FALSE(CheckIcrq(icrq, call).refused);
    CHECK(call.callSerialNumber == 42);

    // wait-reply + acceptable ICRP -> send ICCN -> established
    a = lac.Receive(Wire(BuildIcrp(11, 5, 77)));
    CHECK(lac.GetState() == Session::ESTABLISHED);
    CHECK(a.up);
    CHECK_FALSE(a.down);
    CHECK(lac.GetPeerSessionId() == 77);
    REQUIRE(a.send.size() == 1);
    const PacketHeader iccn = Wire(a.send[0]);
    CHECK(TypeOf(iccn) == ICCN);
    CHECK(iccn.GetTunnelId() == 22);
    CHECK(iccn.GetSessionId() == 77);
    REQUIRE_FALSE(CheckIccn(iccn, call).refused);
    CHECK(call.framingType == FRAMING_SYNC);
    CHECK(a.transitions == std::vector<std::pair<Session::State, Session::State>>{
                               {Session::WAIT_REPLY, Session::ESTABLISHED}});

    // established + CDN -> clean up -> idle
    a = lac.Receive(Wire(BuildCdn(22, 5, 77, CDN_LOST_CARRIER)));
    CHECK(lac.GetState() == Session::IDLE);
    CHECK(a.send.empty());
    CHECK(a.down);
    CHECK(a.downReason == Session::DOWN_PEER_CDN);
    CHECK(a.resultCode == CDN_LOST_CARRIER);
}

TEST_CASE("session FSM: LNS incoming call walk (7.4.2)", "[l2tp]")
{
    Session lns(Session::LNS, 9, 0, 11);

    // idle + acceptable ICRQ -> send ICRP -> wait-connect
    Session::Actions a = lns.Receive(Wire(BuildIcrq(22, 33, 7, SessionConfig())));
    CHECK(lns.GetState() == Session::WAIT_CONNECT);
    CHECK(lns.GetPeerSessionId() == 33);
    CHECK(lns.GetCall().callSerialNumber == 7);
    REQUIRE(a.send.size() == 1);
    const PacketHeader icrp = Wire(a.send[0]);
    CHECK(TypeOf(icrp) == ICRP);
    CHECK(icrp.GetTunnelId() == 11);
    CHECK(icrp.GetSessionId() == 33);
    CHECK(ReadAssignedSessionId(icrp) == 9);
    CHECK_FALSE(a.up);

    // wait-connect + acceptable ICCN -> prepare for data -> established
    SessionConfig lacConfig;
    lacConfig.txConnectSpeed = 2048000;
    lacConfig.sequencingRequired = true;
    a = lns.Receive(Wire(BuildIccn(22, 9, lacConfig)));
    CHECK(lns.GetState() == Session::ESTABLISHED);
    CHECK(a.up);
    CHECK(a.send.empty());
    CHECK(lns.GetCall().txConnectSpeed == 2048000);
    CHECK(lns.GetCall().sequencingRequired);

    // established + local close -> send CDN -> idle
    a = lns.Close();
    CHECK(lns.GetState() == Session::IDLE);
    REQUIRE(a.send.size() == 1);
    const PacketHeader cdn = Wire(a.send[0]);
    CHECK(TypeOf(cdn) == CDN);
    CHECK(cdn.GetSessionId() == 33);
    CHECK(ReadAssignedSessionId(cdn) == 9);
    CHECK(CdnCodes(cdn) == std::make_pair<uint16_t, uint16_t>(CDN_ADMINISTRATIVE, ERROR_NONE));
    CHECK(a.down);
    CHECK(a.downReason == Session::DOWN_LOCAL_CLOSE);
    CHECK(a.resultCode == CDN_ADMINISTRATIVE);
}

TEST_CASE("session FSM: CDN and close in every state", "[l2tp]")
{
    const PacketHeader cdnToLac = Wire(BuildCdn(22, 5, 77, CDN_ADMINISTRATIVE));
    const PacketHeader cdnToLns = Wire(BuildCdn(11, 9, 33, CDN_BUSY));

    SECTION("LAC wait-tunnel: close cleans up without a message")
    {
        Session lac(Session::LAC, 5, 1, 0);
        lac.Open(false);
        const Session::Actions a = lac.Close();
        CHECK(lac.GetState() == Session::IDLE);
        CHECK(a.send.empty());
        CHECK(a.down);
        CHECK(a.downReason == Session::DOWN_LOCAL_CLOSE);
    }
    SECTION("LAC wait-tunnel: the tunnel fails")
    {
        Session lac(Session::LAC, 5, 1, 0);
        lac.Open(false);
        const Session::Actions a = lac.TunnelDown();
        CHECK(lac.GetState() == Session::IDLE);
        CHECK(a.send.empty());
        CHECK(a.downReason == Session::DOWN_TUNNEL_DOWN);
    }
    SECTION("LAC wait-reply: CDN received")
    {
        Session lac(Session::LAC, 5, 1, 22);
        lac.Open(true);
        REQUIRE(lac.GetState() == Session::WAIT_REPLY);
        const Session::Actions a = lac.Receive(cdnToLac);
        CHECK(lac.GetState() == Session::IDLE);
        CHECK(a.send.empty());
        CHECK(a.downReason == Session::DOWN_PEER_CDN);
        CHECK(a.resultCode == CDN_ADMINISTRATIVE);
    }
    SECTION("LAC wait-reply: local close sends a CDN to session 0")
    {
        Session lac(Session::LAC, 5, 1, 22);
        lac.Open(true);
        const Session::Actions a = lac.Close(CDN_LOST_CARRIER);
        CHECK(lac.GetState() == Session::IDLE);
        REQUIRE(a.send.size() == 1);
        CHECK(TypeOf(a.send[0]) == CDN);
        CHECK(a.send[0].GetSessionId() == 0); // the LNS's ID is not known yet
        CHECK(CdnCodes(a.send[0]).first == CDN_LOST_CARRIER);
    }
    SECTION("LAC established: CDN received, local close, tunnel down")
    {
        Session lac = EstablishedLac();
        CHECK(lac.Receive(cdnToLac).downReason == Session::DOWN_PEER_CDN);
        CHECK(lac.GetState() == Session::IDLE);

        Session closing = EstablishedLac();
        const Session::Actions a = closing.Close();
        REQUIRE(a.send.size() == 1);
        CHECK(a.send[0].GetSessionId() == 77);
        CHECK(closing.GetState() == Session::IDLE);

        Session cleared = EstablishedLac();
        const Session::Actions d = cleared.TunnelDown();
        CHECK(d.send.empty()); // 5.7: no CDN, the StopCCN clears the call
        CHECK(d.downReason == Session::DOWN_TUNNEL_DOWN);
    }
    SECTION("LNS idle, wait-connect, established: CDN received")
    {
        Session idle(Session::LNS, 9, 0, 11);
        const Session::Actions i = idle.Receive(cdnToLns);
        CHECK(idle.GetState() == Session::IDLE);
        CHECK(i.send.empty());
        CHECK_FALSE(i.down); // nothing to report: there was no call

        Session waiting(Session::LNS, 9, 0, 11);
        waiting.Receive(Wire(BuildIcrq(22, 33, 1, SessionConfig())));
        REQUIRE(waiting.GetState() == Session::WAIT_CONNECT);
        const Session::Actions w = waiting.Receive(cdnToLns);
        CHECK(waiting.GetState() == Session::IDLE);
        CHECK(w.send.empty());
        CHECK(w.downReason == Session::DOWN_PEER_CDN);
        CHECK(w.resultCode == CDN_BUSY);

        Session up = EstablishedLns();
        const Session::Actions e = up.Receive(cdnToLns);
        CHECK(up.GetState() == Session::IDLE);
        CHECK(e.downReason == Session::DOWN_PEER_CDN);
    }
    SECTION("LNS wait-connect: local close sends a CDN")
    {
        Session lns(Session::LNS, 9, 0, 11);
        lns.Receive(Wire(BuildIcrq(22, 33, 1, SessionConfig())));
        const Session::Actions a = lns.Close(CDN_NO_FACILITIES_TEMP, ERROR_NO_RESOURCES, "busy");
        REQUIRE(a.send.size() == 1);
        CHECK(a.send[0].GetSessionId() == 33);
        CHECK(CdnCodes(a.send[0]) ==
              std::make_pair<uint16_t, uint16_t>(CDN_NO_FACILITIES_TEMP, ERROR_NO_RESOURCES));
    }
}

TEST_CASE("session FSM: unacceptable messages end in a CDN with the right codes", "[l2tp]")
{
    SECTION("ICRQ without an Assigned Session ID: 2 / 3, to session 0")
    {
        PacketHeader icrq = PacketHeader::MakeControl(11, 0, 0, 0);
        icrq.AddAvp(Avp::MakeMessageType(ICRQ));
        icrq.AddAvp(Avp::MakeUint32(AVP_CALL_SERIAL_NUMBER, 1));
        Session lns(Session::LNS, 9, 0, 22);
        const Session::Actions a = lns.Receive(Wire(icrq));
        CHECK(lns.GetState() == Session::IDLE);
        REQUIRE(a.send.size() == 1);
        CHECK(TypeOf(a.send[0]) == CDN);
        CHECK(a.send[0].GetSessionId() == 0);
        CHECK(CdnCodes(a.send[0]) ==
              std::make_pair<uint16_t, uint16_t>(CDN_GENERAL_ERROR, ERROR_BAD_VALUE));
        CHECK(a.down);
        CHECK(a.downReason == Session::DOWN_REFUSED);
    }
    SECTION("ICRQ without a Call Serial Number: 2 / 3, to the caller's session")
    {
        PacketHeader icrq = PacketHeader::MakeControl(11, 0, 0, 0);
        icrq.AddAvp(Avp::MakeMessageType(ICRQ));
        icrq.AddAvp(Avp::MakeUint16(AVP_ASSIGNED_SESSION_ID, 33));
        Session lns(Session::LNS, 9, 0, 22);
        const Session::Actions a = lns.Receive(Wire(icrq));
        REQUIRE(a.send.size() == 1);
        CHECK(a.send[0].GetSessionId() == 33);
        CHECK(CdnCodes(a.send[0]).second == ERROR_BAD_VALUE);
    }
    SECTION("ICRQ with an unknown mandatory AVP: 2 / 8 (4.1)")
    {
        PacketHeader icrq = BuildIcrq(11, 33, 1, SessionConfig());
        icrq.AddAvp(Avp(200, {1, 2}, true));
        Session lns(Session::LNS, 9, 0, 22);
        const Session::Actions a = lns.Receive(Wire(icrq));
        REQUIRE(a.send.size() == 1);
        CHECK(CdnCodes(a.send[0]) ==
              std::make_pair<uint16_t, uint16_t>(CDN_GENERAL_ERROR, ERROR_UNKNOWN_M_AVP));
        // The same AVP without the M bit is ignored (4.1).
        PacketHeader optional = BuildIcrq(11, 33, 1, SessionConfig());
        optional.AddAvp(Avp(200, {1, 2}, false));
        Session lns2(Session::LNS, 9, 0, 22);
        CHECK(lns2.Receive(Wire(optional)).send.size() == 1);
        CHECK(lns2.GetState() == Session::WAIT_CONNECT);
    }
    SECTION("ICRP without an Assigned Session ID: the LAC sends a CDN")
    {
        Session lac(Session::LAC, 5, 1, 22);
        lac.Open(true);
        PacketHeader icrp = PacketHeader::MakeControl(11, 5, 0, 0);
        icrp.AddAvp(Avp::MakeMessageType(ICRP));
        const Session::Actions a = lac.Receive(Wire(icrp));
        CHECK(lac.GetState() == Session::IDLE);
        REQUIRE(a.send.size() == 1);
        CHECK(CdnCodes(a.send[0]) ==
              std::make_pair<uint16_t, uint16_t>(CDN_GENERAL_ERROR, ERROR_BAD_VALUE));
        CHECK(a.downReason == Session::DOWN_REFUSED);
    }
    SECTION("ICCN without a Framing Type or a Connect Speed")
    {
        for (uint16_t missing : {AVP_FRAMING_TYPE, AVP_TX_CONNECT_SPEED})
        {
            INFO("missing AVP " << missing);
            Session lns(Session::LNS, 9, 0, 11);
            lns.Receive(Wire(BuildIcrq(22, 33, 1, SessionConfig())));
            const PacketHeader full = BuildIccn(22, 9, SessionConfig());
            PacketHeader iccn = PacketHeader::MakeControl(22, 9, 0, 0);
            for (const Avp& avp : full.GetAvps())
            {
                if (avp.GetType() != missing)
                {
                    iccn.AddAvp(avp);
                }
            }
            const Session::Actions a = lns.Receive(Wire(iccn));
            CHECK(lns.GetState() == Session::IDLE);
            REQUIRE(a.send.size() == 1);
            CHECK(a.send[0].GetSessionId() == 33);
            CHECK(CdnCodes(a.send[0]) ==
                  std::make_pair<uint16_t, uint16_t>(CDN_GENERAL_ERROR, ERROR_BAD_VALUE));
        }
    }
    SECTION("a message that does not fit the state: 2 / 5")
    {
        Session lac = EstablishedLac();
        const Session::Actions a = lac.Receive(Wire(BuildIcrp(11, 5, 77)));
        CHECK(lac.GetState() == Session::IDLE);
        REQUIRE(a.send.size() == 1);
        CHECK(CdnCodes(a.send[0]) ==
              std::make_pair<uint16_t, uint16_t>(CDN_GENERAL_ERROR, ERROR_INVALID_SESSION_ID));
        CHECK(a.downReason == Session::DOWN_PROTOCOL_ERROR);

        Session lns = EstablishedLns();
        CHECK(lns.Receive(Wire(BuildIccn(22, 9, SessionConfig()))).send.size() == 1);
        CHECK(lns.GetState() == Session::IDLE);
    }
}

TEST_CASE("session messages: the xl2tpd capture's ICRQ and ICRP octet for octet", "[l2tp]")
{
    // ../shared/corpus/pcap/generated/xl2tpd-tunnel-auth.pcap, frames 4, 6,
    // 8 and 10 (the UDP payloads; see l2tp-capture-test.cc).
    PacketHeader icrq = BuildIcrq(22692, 21927, 1, SessionConfig());
    icrq.SetNs(2);
    icrq.SetNr(1);
    CHECK(ToHex(Encode(icrq)) == "c802003058a4000000020001800800000000000a80080000000e55a7800a0000"
                                 "000f00000001800a0000001200000000");
    PacketHeader icrp = BuildIcrp(10804, 21927, 29553);
    icrp.SetNs(1);
    icrp.SetNr(3);
    CHECK(ToHex(Encode(icrp)) == "c802001c2a3455a700010003800800000000000b80080000000e7371");

    // The captured ICCN and CDN are accepted by the checks.
    PacketHeader iccn;
    Decode(iccn,
           FromHex("c802003258a4737100030002800800000000000c800a0000001800000000800a0000001300"
                   "000001000a0000002600000000"));
    CallParameters call;
    REQUIRE_FALSE(CheckIccn(iccn, call).refused);
    CHECK(call.framingType == FRAMING_SYNC);
    CHECK(call.txConnectSpeed == 0);
    PacketHeader cdn;
    Decode(cdn,
           FromHex("c80200262a3455a700020004800800000000000e800a000000010001000080080000000e7371"));
    CdnInfo info;
    REQUIRE(ReadCdn(cdn, info));
    CHECK(info.resultCode == CDN_LOST_CARRIER);
    CHECK(info.peerSessionId == 29553);

    // The LAC of the capture (session 21927) walks through them.
    Session lac(Session::LAC, 21927, 1, 22692);
    REQUIRE(lac.Open(true).send.size() == 1);
    PacketHeader capturedIcrp;
    Decode(capturedIcrp, FromHex("c802001c2a3455a700010003800800000000000b80080000000e7371"));
    CHECK(lac.Receive(capturedIcrp).up);
    CHECK(lac.GetPeerSessionId() == 29553);
    const Session::Actions down = lac.Receive(cdn);
    CHECK(down.downReason == Session::DOWN_PEER_CDN);
    CHECK(down.resultCode == CDN_LOST_CARRIER);
    // The LNS of the capture (session 29553) too.
    Session lns(Session::LNS, 29553, 0, 10804);
    PacketHeader capturedIcrq;
    Decode(capturedIcrq,
           FromHex("c802003058a4000000020001800800000000000a80080000000e55a7800a0000000f000000"
                   "01800a0000001200000000"));
    const Session::Actions r = lns.Receive(capturedIcrq);
    REQUIRE(r.send.size() == 1);
    PacketHeader ours = r.send[0];
    ours.SetNs(1);
    ours.SetNr(3);
    CHECK(ToHex(Encode(ours)) == "c802001c2a3455a700010003800800000000000b80080000000e7371");
    CHECK(lns.Receive(iccn).up);
}

// ------------------------------------------------------ session table

TEST_CASE("session table: IDs, unknown sessions, tunnel down", "[l2tp]")
{
    SessionTable table;
    SessionTable::Actions a;
    const uint16_t first = table.Open(false, 0, a);
    CHECK(a.openTunnel);
    SessionTable::Actions b;
    const uint16_t second = table.Open(false, 0, b);
    CHECK(first != 0);
    CHECK(second != 0);
    CHECK(first != second);
    CHECK(table.GetSize() == 2);

    // Tunnel open: both calls send their ICRQ with their own serial number.
    SessionTable::Actions open = table.TunnelOpen(22);
    REQUIRE(open.send.size() == 2);
    CallParameters c1;
    CallParameters c2;
    CheckIcrq(open.send[0], c1);
    CheckIcrq(open.send[1], c2);
    CHECK(c1.callSerialNumber != c2.callSerialNumber);

    // An ICRP for an unknown session gets a CDN (7.4.2 idle + ICRP) and
    // counts as dropped; an ICCN for one is dropped silently.
    SessionTable::Actions stray = table.Receive(Wire(BuildIcrp(11, 999, 5)), 22);
    REQUIRE(stray.send.size() == 1);
    CHECK(TypeOf(stray.send[0]) == CDN);
    CHECK(stray.send[0].GetSessionId() == 5);
    CHECK(stray.events.empty());
    CHECK(table.Receive(Wire(BuildIccn(11, 999, SessionConfig())), 22).send.empty());
    CHECK(table.GetDropCount() == 2);
    CHECK(table.GetSize() == 2);

    // An incoming ICRQ makes an LNS-side session.
    SessionTable::Actions in = table.Receive(Wire(BuildIcrq(11, 40, 1, SessionConfig())), 22);
    REQUIRE(in.send.size() == 1);
    CHECK(TypeOf(in.send[0]) == ICRP);
    CHECK(table.GetSize() == 3);

    // CDN for one session frees that one only.
    SessionTable::Actions cdn =
        table.Receive(Wire(BuildCdn(11, first, 50, CDN_ADMINISTRATIVE)), 22);
    REQUIRE(cdn.events.size() == 1);
    CHECK(cdn.events[0].localSessionId == first);
    CHECK(cdn.events[0].reason == SessionFsm::DOWN_PEER_CDN);
    CHECK(table.Find(first) == nullptr);
    CHECK(table.GetSize() == 2);

    // Tunnel down: everything goes, without messages.
    SessionTable::Actions down = table.TunnelDown();
    CHECK(down.send.empty());
    CHECK(down.events.size() == 2);
    for (const SessionEvent& e : down.events)
    {
        CHECK_FALSE(e.up);
        CHECK(e.reason == SessionFsm::DOWN_TUNNEL_DOWN);
    }
    CHECK(table.GetSize() == 0);
}

// ------------------------------------------ sessions on two engines

TEST_CASE("control FSM with sessions: a call opens the tunnel and comes up", "[l2tp]")
{
    Link link(Config(11, "lac"), Config(22, "lns"));
    const uint16_t id = link.OpenCall();
    REQUIRE(id != 0);
    CHECK(link.a.fsm.GetState() == ControlFsm::ESTABLISHED);
    CHECK(link.b.fsm.GetState() == ControlFsm::ESTABLISHED);
    CHECK(link.a.sent == std::vector<uint16_t>{SCCRQ, SCCCN, ICRQ, ICCN});
    CHECK(link.b.sent == std::vector<uint16_t>{SCCRP, ICRP, 0}); // ZLB acks the ICCN
    REQUIRE(link.a.sessions.size() == 1);
    REQUIRE(link.b.sessions.size() == 1);
    CHECK(link.a.sessions[0].up);
    CHECK(link.b.sessions[0].up);
    CHECK(link.a.sessions[0].localSessionId == id);
    CHECK(link.b.sessions[0].peerSessionId == id);
    CHECK(link.a.sessions[0].peerSessionId == link.b.sessions[0].localSessionId);
    CHECK(link.a.sessions[0].role == SessionFsm::LAC);
    CHECK(link.b.sessions[0].role == SessionFsm::LNS);
    const SessionFsm* lns = link.b.fsm.GetSessions().Find(link.b.sessions[0].localSessionId);
    REQUIRE(lns != nullptr);
    CHECK(lns->GetState() == SessionFsm::ESTABLISHED);
    CHECK(link.a.fsm.GetDelivery().GetUnackedCount() == 0);

    SECTION("CDN clears one session, the tunnel and the other call stay")
    {
        const uint16_t second = link.OpenCall(Seconds(4));
        REQUIRE(link.a.SessionUps() == 2);
        REQUIRE(link.b.SessionUps() == 2);
        link.Absorb(link.a, link.a.fsm.CloseSession(id, link.now, CDN_LOST_CARRIER));
        link.RunUntil(Seconds(6));
        REQUIRE(link.b.SessionDowns() == 1);
        const SessionEvent& down = link.b.sessions.back();
        CHECK(down.reason == SessionFsm::DOWN_PEER_CDN);
        CHECK(down.resultCode == CDN_LOST_CARRIER);
        CHECK(down.peerSessionId == id);
        CHECK(link.a.sessions.back().reason == SessionFsm::DOWN_LOCAL_CLOSE);
        CHECK(link.a.fsm.GetSessions().GetSessionIds() == std::vector<uint16_t>{second});
        CHECK(link.b.fsm.GetSessions().GetSize() == 1);
        CHECK(link.a.fsm.GetState() == ControlFsm::ESTABLISHED);
        CHECK(link.b.fsm.GetState() == ControlFsm::ESTABLISHED);
    }
    SECTION("StopCCN clears every session on both ends without CDNs")
    {
        link.OpenCall(Seconds(4));
        link.Absorb(link.a, link.a.fsm.Close(link.now));
        link.RunUntil(Seconds(6));
        CHECK(link.a.SessionDowns() == 2);
        CHECK(link.b.SessionDowns() == 2);
        for (const SessionEvent& e : link.b.sessions)
        {
            CHECK((e.up || e.reason == SessionFsm::DOWN_TUNNEL_DOWN));
        }
        CHECK(link.a.Count(CDN) + link.b.Count(CDN) == 0);
        CHECK(link.a.fsm.GetSessions().GetSize() == 0);
        CHECK(link.b.fsm.GetSessions().GetSize() == 0);
    }
}

TEST_CASE("control FSM with sessions: a lost ICRP is retransmitted", "[l2tp]")
{
    Link link(Config(11, "lac"), Config(22, "lns"));
    int lost = 0;
    link.drop = [&lost](const PacketHeader& m, bool fromA) {
        if (!fromA && TypeOf(m) == ICRP && lost == 0)
        {
            ++lost;
            return true;
        }
        return false;
    };
    link.OpenCall(Seconds(10));
    CHECK(lost == 1);
    CHECK(link.b.Count(ICRP) == 2);
    CHECK(link.b.fsm.GetRetransmissionCount() >= 1);
    CHECK(link.a.SessionUps() == 1);
    CHECK(link.b.SessionUps() == 1);
}

TEST_CASE("control FSM with sessions: an ICRQ waits for the authorization", "[l2tp]")
{
    ControlFsmConfig cb = Config(22, "lns");
    cb.holdForAuthorization = true;
    Link link(Config(11, "lac"), cb);
    link.OpenCall();
    CHECK(link.b.fsm.GetState() == ControlFsm::WAIT_AUTHORIZATION);
    CHECK(link.a.Count(ICRQ) == 1);
    CHECK(link.b.Count(ICRP) == 0);

    SECTION("accepted: the held ICRQ is answered")
    {
        link.Absorb(link.b, link.b.fsm.Authorize(true, link.now));
        link.RunUntil(Seconds(5));
        CHECK(link.b.Count(ICRP) == 1);
        CHECK(link.a.SessionUps() == 1);
        CHECK(link.b.SessionUps() == 1);
    }
    SECTION("refused: the tunnel and its call go")
    {
        link.Absorb(link.b, link.b.fsm.Authorize(false, link.now));
        link.RunUntil(Seconds(5));
        CHECK(link.b.Count(ICRP) == 0);
        CHECK(link.a.SessionDowns() == 1);
        CHECK(link.a.sessions.back().reason == SessionFsm::DOWN_TUNNEL_DOWN);
        CHECK(link.b.sessions.empty());
    }
}

// ------------------------------------------------------ hidden AVPs

TEST_CASE("control FSM: hidden AVPs round trip through both engines (4.3)", "[l2tp]")
{
    ControlFsmConfig ca = Config(11, "lac");
    ControlFsmConfig cb = Config(22, "lns");
    ca.secret = cb.secret = "hide-me";
    ca.challenge = {1, 2, 3, 4};
    cb.challenge = {5, 6, 7, 8};
    ca.hideAvps = cb.hideAvps = true;
    uint8_t counter = 0;
    ca.randomVector = [&counter]() {
        return std::vector<uint8_t>(16, ++counter);
    };
    Link link(ca, cb);
    link.OpenCall();

    CHECK(link.a.SessionUps() == 1);
    CHECK(link.b.SessionUps() == 1);
    CHECK(link.a.fsm.GetPeerTunnelId() == 22);
    CHECK(link.b.fsm.GetPeerTunnelId() == 11);
    CHECK(link.a.fsm.GetHiddenFailureCount() == 0);
    CHECK(link.b.fsm.GetHiddenFailureCount() == 0);
    CHECK(link.a.sessions[0].peerSessionId == link.b.sessions[0].localSessionId);

    // On the wire: the identifiers are hidden, after a Random Vector.
    int hiddenTunnelIds = 0;
    int hiddenSessionIds = 0;
    for (const auto& [fromA, bytes] : link.wire)
    {
        PacketHeader m;
        Decode(m, bytes);
        const Avp* tunnel = m.FindAvp(AVP_ASSIGNED_TUNNEL_ID);
        const Avp* session = m.FindAvp(AVP_ASSIGNED_SESSION_ID);
        if (tunnel != nullptr)
        {
            CHECK(tunnel->IsHidden());
            hiddenTunnelIds += tunnel->IsHidden() ? 1 : 0;
        }
        if (session != nullptr)
        {
            CHECK(session->IsHidden());
            hiddenSessionIds += session->IsHidden() ? 1 : 0;
        }
        if (tunnel != nullptr || session != nullptr)
        {
            REQUIRE(m.GetAvps().size() >= 2);
            CHECK(m.GetAvps()[1].Is(AVP_RANDOM_VECTOR));
            CHECK_FALSE(m.FindAvp(AVP_MESSAGE_TYPE)->IsHidden());
            CHECK_FALSE(m.FindAvp(AVP_RANDOM_VECTOR)->IsHidden());
        }
        if (fromA && TypeOf(m) == SCCRQ)
        {
            CHECK(m.FindAvp(AVP_RANDOM_VECTOR)->GetValue() == std::vector<uint8_t>(16, 1));
            CHECK_FALSE(m.FindAvp(AVP_HOST_NAME)->IsHidden()); // 4.4.3: never hidden
        }
    }
    CHECK(hiddenTunnelIds == 2);  // SCCRQ, SCCRP
    CHECK(hiddenSessionIds == 2); // ICRQ, ICRP
}

TEST_CASE("control FSM: a known SCCRQ with a hidden Assigned Tunnel ID", "[l2tp]")
{
    // Built independently (Python hashlib, RFC 2661 4.3): secret
    // "hidden-secret", Random Vector 00 01 .. 0f, Assigned Tunnel ID 0x1234
    // hidden as 19 8c d0 ab = (00 02 12 34) xor MD5(00 09 | secret | RV).
    const std::vector<uint8_t> bytes =
        FromHex("c802005e0000000000000000800800000000000180080000000201008010000000076c61632d"
                "68696464656e800a0000000300000003801600000024000102030405060708090a0b0c0d0e0f"
                "c00a00000009198cd0ab80080000000a0004");
    PacketHeader sccrq;
    Decode(sccrq, bytes);
    REQUIRE(sccrq.IsValid());
    REQUIRE(sccrq.FindAvp(AVP_ASSIGNED_TUNNEL_ID)->IsHidden());
    CHECK(ToHex(sccrq.FindAvp(AVP_ASSIGNED_TUNNEL_ID)->GetValue()) == "198cd0ab");

    SECTION("with the secret: recovered, the SCCRP goes to tunnel 0x1234")
    {
        ControlFsmConfig c = Config(22, "lns");
        c.secret = "hidden-secret";
        c.challenge = {9, 9, 9, 9};
        ControlFsm lns(c);
        const ControlFsm::Actions a = lns.Receive(sccrq, Seconds(0));
        CHECK(lns.GetState() == ControlFsm::WAIT_CTL_CONN);
        CHECK(lns.GetPeerTunnelId() == 0x1234);
        CHECK(lns.GetPeerHostName() == "lac-hidden");
        REQUIRE(a.send.size() == 1);
        CHECK(TypeOf(a.send[0]) == SCCRP);
        CHECK(a.send[0].GetTunnelId() == 0x1234);
        CHECK(lns.GetHiddenFailureCount() == 0);
    }
    SECTION("without the secret: the Assigned Tunnel ID counts as missing")
    {
        ControlFsm lns(Config(22, "lns"));
        const ControlFsm::Actions a = lns.Receive(sccrq, Seconds(0));
        CHECK(lns.GetState() == ControlFsm::IDLE);
        REQUIRE(a.send.size() == 1);
        CHECK(TypeOf(a.send[0]) == STOPCCN);
        uint16_t result = 0;
        uint16_t error = 0;
        std::string text;
        a.send[0].FindAvp(AVP_RESULT_CODE)->GetResultCode(result, error, text);
        CHECK(result == STOPCCN_GENERAL_ERROR);
        CHECK(error == ERROR_BAD_VALUE);
        CHECK(lns.GetHiddenFailureCount() == 1);
    }
    SECTION("with a wrong secret: a different (wrong) value is recovered")
    {
        ControlFsmConfig c = Config(22, "lns");
        c.secret = "other-secret";
        c.challenge = {9};
        ControlFsm lns(c);
        lns.Receive(sccrq, Seconds(0));
        CHECK(lns.GetPeerTunnelId() != 0x1234);
    }
    SECTION("the library's hiding gives the same octets")
    {
        Avp avp = Avp::MakeUint16(AVP_ASSIGNED_TUNNEL_ID, 0x1234);
        std::vector<uint8_t> rv(16);
        for (size_t i = 0; i < rv.size(); ++i)
        {
            rv[i] = static_cast<uint8_t>(i);
        }
        REQUIRE(HideAvp(avp, "hidden-secret", rv));
        CHECK(ToHex(avp.GetValue()) == "198cd0ab");
    }
}

// -------------------------------------------------------- hold-down

TEST_CASE("control FSM: StopCCN hold-down keeps the state one retransmission cycle", "[l2tp]")
{
    Link link(Config(11, "lac"), Config(22, "lns"));
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(5));
    REQUIRE(link.b.fsm.GetState() == ControlFsm::ESTABLISHED);

    // Every acknowledgement from b is lost: a retransmits its StopCCN and
    // b must acknowledge each copy (5.7).
    link.drop = [](const PacketHeader& m, bool fromA) {
        return !fromA && m.IsZlb();
    };
    const Time stop = link.now;
    const int zlbs = link.b.Count(0); // the ZLB that acknowledged the SCCCN
    link.Absorb(link.a, link.a.fsm.Close(link.now));
    link.RunUntil(stop + Seconds(30.5));
    CHECK(link.a.Count(STOPCCN) == 6);  // 1 + 5 retransmissions (5.8)
    CHECK(link.b.Count(0) - zlbs == 6); // each one acknowledged again
    CHECK(link.b.fsm.GetState() == ControlFsm::IDLE);
    CHECK(link.b.fsm.IsHoldingDown());
    CHECK(link.b.releasedAt.IsNegative());

    // Default hold: 31 s = 1+2+4+8+8+8, the full cycle.
    link.RunUntil(stop + Seconds(40));
    CHECK(link.b.releasedAt == stop + Seconds(31));
    CHECK(link.a.releasedAt == stop + Seconds(31));
    CHECK_FALSE(link.b.fsm.IsHoldingDown());
    CHECK(link.b.fsm.GetDelivery().GetNr() == 0); // sequence state freed

    // A late copy of the StopCCN now finds nothing: dropped, no ZLB.
    PacketHeader late = BuildStopCcn(Config(11, "lac"), 22, STOPCCN_CLEAR, ERROR_NONE, "");
    late.SetNs(2);
    late.SetNr(1);
    const uint32_t drops = link.b.fsm.GetDropCount();
    const ControlFsm::Actions after = link.b.fsm.Receive(Wire(late), link.now);
    CHECK(after.send.empty());
    CHECK(link.b.fsm.GetDropCount() == drops + 1);
}

TEST_CASE("control FSM: a shorter hold-down frees the state earlier", "[l2tp]")
{
    ControlFsmConfig cb = Config(22, "lns");
    cb.stopCcnHold = Seconds(5);
    Link link(Config(11, "lac"), cb);
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(5));
    link.drop = [](const PacketHeader& m, bool fromA) {
        return !fromA && m.IsZlb();
    };
    const Time stop = link.now;
    const int zlbs = link.b.Count(0);
    link.Absorb(link.a, link.a.fsm.Close(link.now));
    link.RunUntil(stop + Seconds(40));
    CHECK(link.b.releasedAt == stop + Seconds(5));
    // The StopCCN and its copies at +1 and +3 s were acknowledged, those
    // at +7, +15, +23 s not.
    CHECK(link.b.Count(0) - zlbs == 3);
    CHECK(link.b.fsm.GetDropCount() == 3);
}
