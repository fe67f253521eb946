// SPDX-License-Identifier: GPL-2.0-only
// RFC 2661 sessions (7.4.1 LAC, 7.4.2 LNS incoming calls, 7.7 CDN) as pure
// state machines, their messages against a real capture, and the session
// table. The sessions inside two control connections are tested in
// l2tp-control-sessions-test.cc. No simulator.
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
using ns3::l2tptest::Wire;

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
