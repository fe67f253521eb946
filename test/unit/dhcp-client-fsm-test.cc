// SPDX-License-Identifier: GPL-2.0-only
//
// dhcp::ClientFsm: every transition of RFC 2131 figure 5 as the table
// holds it, the 4.1 retransmission schedule, the 4.4.5 timers and the
// messages of table 5, with server replies built by hand.
#include "ns3/dhcp-client-fsm.h"

#include <catch2/catch.hpp>

using namespace ns3;
using namespace ns3::dhcp;

namespace
{

const Mac48Address MAC("02:00:00:00:00:0a");
const Ipv4Address SERVER("10.0.0.1");
const Ipv4Address OFFERED("10.0.0.10");
using S = ClientFsm::State;

/// A machine whose jitter and xids the test sets.
struct Harness
{
    double jitter = 0;
    uint32_t nextXid = 100;
    ClientConfig config;
    std::unique_ptr<ClientFsm> fsm;

    explicit Harness(ClientConfig c = ClientConfig())
        : config(c)
    {
        config.chaddr = MAC;
        if (config.hostName.empty())
        {
            config.hostName = "alice";
        }
        fsm = std::make_unique<ClientFsm>(
            config,
            [this]() {
                return jitter;
            },
            [this]() {
                return nextXid++;
            });
    }

    Message
    Reply(uint8_t type, Ipv4Address yiaddr = OFFERED) const
    {
        Message m;
        m.SetOp(BOOTREPLY);
        m.SetXid(fsm->GetXid());
        m.SetChaddr(MAC);
        m.SetMessageType(type);
        m.SetServerId(SERVER);
        if (type != DHCPNAK)
        {
            m.SetYiaddr(yiaddr);
            m.SetLeaseTime(1000);
            m.SetSubnetMask(Ipv4Mask("255.255.255.0"));
            m.SetRouters({SERVER});
            m.SetDnsServers({Ipv4Address("10.0.0.53")});
        }
        return m;
    }

    /// Start, OFFER at 1 s, ACK at 2 s: BOUND with the REQUEST sent at 1 s.
    ClientFsm::Actions
    BindAt1()
    {
        fsm->Start(Seconds(0));
        fsm->Receive(Reply(DHCPOFFER), Seconds(1));
        return fsm->Receive(Reply(DHCPACK), Seconds(2));
    }
};

bool
Went(const ClientFsm::Actions& a, S from, S to)
{
    for (const auto& t : a.transitions)
    {
        if (t.first == from && t.second == to)
        {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("INIT + START -> SELECTING: DISCOVER per table 5", "[dhcp]")
{
    Harness h;
    auto a = h.fsm->Start(Seconds(0));
    CHECK(h.fsm->GetState() == ClientFsm::SELECTING);
    CHECK(Went(a, S::INIT, S::SELECTING));
    REQUIRE(a.send.size() == 1);
    const Message& d = a.send[0].message;
    CHECK(a.send[0].broadcast);
    CHECK(d.GetOp() == BOOTREQUEST);
    CHECK(d.GetMessageType() == DHCPDISCOVER);
    CHECK(d.GetXid() == 100);
    CHECK(d.GetChaddrMac() == MAC);
    CHECK(d.IsBroadcast());
    CHECK(d.GetCiaddr() == Ipv4Address::GetAny());
    CHECK(d.GetHostName() == std::string("alice"));
    CHECK(d.GetClientId() == std::vector<uint8_t>{1, 2, 0, 0, 0, 0, 0x0a});
    CHECK(d.GetParameterRequestList().size() >= 3);
    CHECK_FALSE(d.GetServerId());
    CHECK_FALSE(d.GetRequestedAddress());
    CHECK(a.hasWakeUp);
    CHECK(a.wakeUp == Seconds(4));
    // A second Start() does nothing.
    CHECK(h.fsm->Start(Seconds(1)).send.empty());
}

TEST_CASE("SELECTING + RETRANSMIT: 4 s doubling to 64 s, +-1 s (4.1)", "[dhcp]")
{
    Harness h;
    h.fsm->Start(Seconds(0));
    // Delays expected: 4, 8, 16, 32, 64, 64 (RFC 2131 4.1), jitter 0.
    const double delays[] = {8, 16, 32, 64, 64, 64};
    double t = 4;
    for (double d : delays)
    {
        auto a = h.fsm->Expire(Seconds(t));
        REQUIRE(a.send.size() == 1);
        CHECK(a.send[0].message.GetMessageType() == DHCPDISCOVER);
        CHECK(a.send[0].message.GetXid() == 100); // same exchange
        CHECK(a.send[0].message.GetSecs() == uint16_t(t));
        t += d;
        CHECK(a.wakeUp == Seconds(t));
    }
    CHECK(h.fsm->GetCounters().discovers == 7);
    CHECK(h.fsm->GetCounters().retransmissions == 6);
    CHECK(h.fsm->GetState() == ClientFsm::SELECTING);
}

TEST_CASE("retransmission jitter is applied within -1..+1 s", "[dhcp]")
{
    Harness h;
    h.jitter = -1;
    CHECK(h.fsm->Start(Seconds(0)).wakeUp == Seconds(3));
    h.jitter = 1;
    CHECK(h.fsm->Expire(Seconds(3)).wakeUp == Seconds(3 + 9));
    h.jitter = 7; // out of range: clamped
    CHECK(h.fsm->Expire(Seconds(12)).wakeUp == Seconds(12 + 17));
}

TEST_CASE("SELECTING + RX_OFFER -> REQUESTING: SELECTING-form REQUEST", "[dhcp]")
{
    Harness h;
    h.fsm->Start(Seconds(0));
    auto a = h.fsm->Receive(h.Reply(DHCPOFFER), Seconds(1));
    CHECK(Went(a, S::SELECTING, S::REQUESTING));
    REQUIRE(a.send.size() == 1);
    const Message& r = a.send[0].message;
    CHECK(a.send[0].broadcast);
    CHECK(r.GetMessageType() == DHCPREQUEST);
    CHECK(r.GetXid() == 100);
    // RFC 2131 4.3.2 SELECTING: 54 and 50 set, ciaddr zero.
    CHECK(r.GetServerId() == SERVER);
    CHECK(r.GetRequestedAddress() == OFFERED);
    CHECK(r.GetCiaddr() == Ipv4Address::GetAny());
    CHECK(r.GetHostName() == std::string("alice"));
    CHECK(a.wakeUp == Seconds(5));
    // A second OFFER is discarded in REQUESTING.
    a = h.fsm->Receive(h.Reply(DHCPOFFER), Seconds(1.5));
    CHECK(a.send.empty());
    CHECK_FALSE(a.ignored.empty());
}

TEST_CASE("REQUESTING + RETRANSMIT, then GIVE_UP -> INIT -> SELECTING", "[dhcp]")
{
    ClientConfig c;
    c.requestRetries = 3;
    Harness h(c);
    h.fsm->Start(Seconds(0));
    h.fsm->Receive(h.Reply(DHCPOFFER), Seconds(1));
    auto a = h.fsm->Expire(Seconds(5));
    REQUIRE(a.send.size() == 1);
    CHECK(a.send[0].message.GetMessageType() == DHCPREQUEST);
    CHECK(a.send[0].message.GetXid() == 100);
    CHECK(a.wakeUp == Seconds(13));
    a = h.fsm->Expire(Seconds(13)); // third transmission
    REQUIRE(a.send.size() == 1);
    CHECK(h.fsm->GetState() == ClientFsm::REQUESTING);
    a = h.fsm->Expire(a.wakeUp); // three sent: give up
    CHECK(Went(a, S::REQUESTING, S::INIT));
    CHECK(Went(a, S::INIT, S::SELECTING));
    REQUIRE(a.send.size() == 1);
    CHECK(a.send[0].message.GetMessageType() == DHCPDISCOVER);
    CHECK(a.send[0].message.GetXid() == 101); // a new exchange
    CHECK(h.fsm->GetCounters().gaveUp == 1);
}

TEST_CASE("REQUESTING + RX_ACK -> BOUND with the 4.4.5 timers", "[dhcp]")
{
    Harness h;
    auto a = h.BindAt1();
    CHECK(h.fsm->GetState() == ClientFsm::BOUND);
    CHECK(Went(a, S::REQUESTING, S::BOUND));
    REQUIRE(a.bound);
    CHECK(a.bound->address == OFFERED);
    CHECK(a.bound->mask == Ipv4Mask("255.255.255.0"));
    CHECK(a.bound->router == SERVER);
    CHECK(a.bound->dns == Ipv4Address("10.0.0.53"));
    CHECK(a.bound->serverId == SERVER);
    CHECK_FALSE(a.bound->renewed);
    CHECK(a.send.empty());
    // 4.4.1: from the REQUEST at 1 s; T1 = 500 s, T2 = 875 s, lease 1000 s.
    CHECK(h.fsm->GetT1At() == Seconds(501));
    CHECK(h.fsm->GetT2At() == Seconds(876));
    CHECK(h.fsm->GetExpiryAt() == Seconds(1001));
    CHECK(h.fsm->GetRetransmitAt() == Time::Max());
    CHECK(a.wakeUp == Seconds(501));
}

TEST_CASE("ACK with explicit or inconsistent T1/T2, infinite lease, no mask", "[dhcp]")
{
    Harness h;
    h.fsm->Start(Seconds(0));
    h.fsm->Receive(h.Reply(DHCPOFFER), Seconds(0));
    SECTION("explicit")
    {
        Message ack = h.Reply(DHCPACK);
        ack.SetRenewalTime(100);
        ack.SetRebindingTime(200);
        h.fsm->Receive(ack, Seconds(1));
        CHECK(h.fsm->GetT1At() == Seconds(100));
        CHECK(h.fsm->GetT2At() == Seconds(200));
    }
    SECTION("T1 > T2: defaults")
    {
        Message ack = h.Reply(DHCPACK);
        ack.SetRenewalTime(300);
        ack.SetRebindingTime(200);
        h.fsm->Receive(ack, Seconds(1));
        CHECK(h.fsm->GetT1At() == Seconds(500));
        CHECK(h.fsm->GetT2At() == Seconds(875));
    }
    SECTION("infinite (RFC 2132 9.2: 0xffffffff)")
    {
        Message ack = h.Reply(DHCPACK);
        ack.SetLeaseTime(0xffffffff);
        auto a = h.fsm->Receive(ack, Seconds(1));
        CHECK_FALSE(a.hasWakeUp);
        REQUIRE(a.bound);
        CHECK(a.bound->lease == Time::Max());
        CHECK(a.bound->t1 == Time::Max());
        CHECK(h.fsm->GetExpiryAt() == Time::Max());
    }
    SECTION("no option 1: the class mask")
    {
        Message ack = h.Reply(DHCPACK);
        ack.RemoveOption(OPT_SUBNET_MASK);
        auto a = h.fsm->Receive(ack, Seconds(1));
        REQUIRE(a.bound);
        CHECK(a.bound->mask == Ipv4Mask("255.0.0.0"));
    }
}

TEST_CASE("REQUESTING + RX_NAK -> INIT -> SELECTING", "[dhcp]")
{
    Harness h;
    h.fsm->Start(Seconds(0));
    h.fsm->Receive(h.Reply(DHCPOFFER), Seconds(1));
    auto a = h.fsm->Receive(h.Reply(DHCPNAK), Seconds(2));
    CHECK(Went(a, S::REQUESTING, S::INIT));
    CHECK(h.fsm->GetState() == ClientFsm::SELECTING);
    REQUIRE(a.send.size() == 1);
    CHECK(a.send[0].message.GetMessageType() == DHCPDISCOVER);
    CHECK_FALSE(a.unbound);
    CHECK(h.fsm->GetCounters().naks == 1);
}

TEST_CASE("BOUND + T1 -> RENEWING: unicast REQUEST with ciaddr", "[dhcp]")
{
    Harness h;
    h.BindAt1();
    auto a = h.fsm->Expire(Seconds(501));
    CHECK(Went(a, S::BOUND, S::RENEWING));
    REQUIRE(a.send.size() == 1);
    const Message& r = a.send[0].message;
    CHECK_FALSE(a.send[0].broadcast);
    CHECK(a.send[0].to == SERVER);
    CHECK(r.GetMessageType() == DHCPREQUEST);
    CHECK(r.GetCiaddr() == OFFERED);
    CHECK_FALSE(r.GetServerId()); // 4.3.2 RENEWING: MUST NOT
    CHECK_FALSE(r.GetRequestedAddress());
    CHECK_FALSE(r.IsBroadcast());
    CHECK(r.GetXid() == 101);
    // 4.4.5: half the time to T2 (375 s / 2), at least 60 s.
    CHECK(h.fsm->GetRetransmitAt() == Seconds(501 + 187.5));
    SECTION("RENEWING + RETRANSMIT")
    {
        a = h.fsm->Expire(Seconds(688.5));
        REQUIRE(a.send.size() == 1);
        CHECK(a.send[0].message.GetXid() == 101);
        CHECK(h.fsm->GetRetransmitAt() == Seconds(688.5 + 93.75));
        a = h.fsm->Expire(Seconds(782.25));
        // 93.75 / 2 < 60: the 60 s floor.
        CHECK(h.fsm->GetRetransmitAt() == Seconds(782.25 + 60));
    }
    SECTION("RENEWING + RX_ACK -> BOUND, renewed, timers from the renewal")
    {
        a = h.fsm->Receive(h.Reply(DHCPACK), Seconds(502));
        CHECK(Went(a, S::RENEWING, S::BOUND));
        REQUIRE(a.bound);
        CHECK(a.bound->renewed);
        CHECK_FALSE(a.unbound);
        CHECK(h.fsm->GetT1At() == Seconds(1001));
        CHECK(h.fsm->GetExpiryAt() == Seconds(1501));
    }
    SECTION("RENEWING + RX_NAK -> INIT, address dropped")
    {
        a = h.fsm->Receive(h.Reply(DHCPNAK), Seconds(502));
        CHECK(Went(a, S::RENEWING, S::INIT));
        CHECK(a.unbound);
        CHECK(a.unboundAddress == OFFERED);
        CHECK(h.fsm->GetState() == ClientFsm::SELECTING);
        CHECK_FALSE(h.fsm->GetBinding());
    }
    SECTION("RENEWING + STOP -> INIT with RELEASE")
    {
        a = h.fsm->Stop(Seconds(502));
        REQUIRE(a.send.size() == 1);
        CHECK(a.send[0].message.GetMessageType() == DHCPRELEASE);
        CHECK(a.unbound);
        CHECK(h.fsm->GetState() == ClientFsm::INIT);
    }
    SECTION("an ACK from another server is dropped")
    {
        Message other = h.Reply(DHCPACK);
        other.SetServerId(Ipv4Address("10.0.0.2"));
        a = h.fsm->Receive(other, Seconds(502));
        CHECK(a.ignored == "another server");
        CHECK(h.fsm->GetState() == ClientFsm::RENEWING);
    }
}

TEST_CASE("RENEWING + T2 -> REBINDING: broadcast REQUEST", "[dhcp]")
{
    Harness h;
    h.BindAt1();
    auto a = h.fsm->Expire(Seconds(501));
    // Renewal retransmissions at 688.5, 782.25 and 842.25 s, then T2.
    uint32_t renewals = 0;
    while (h.fsm->GetState() == ClientFsm::RENEWING)
    {
        CHECK(a.wakeUp <= Seconds(876));
        a = h.fsm->Expire(a.wakeUp);
        for (const ClientSend& send : a.send)
        {
            renewals += send.broadcast ? 0 : 1;
        }
    }
    CHECK(renewals == 3);
    CHECK(Went(a, S::RENEWING, S::REBINDING));
    REQUIRE(a.send.size() == 1);
    CHECK(a.send[0].broadcast);
    CHECK(a.send[0].message.GetCiaddr() == OFFERED);
    CHECK_FALSE(a.send[0].message.GetServerId());
    // 4.4.5: half the time to the lease end (125 s / 2), at least 60 s.
    CHECK(h.fsm->GetRetransmitAt() == Seconds(876 + 62.5));
    SECTION("REBINDING + RETRANSMIT")
    {
        a = h.fsm->Expire(Seconds(938.5));
        REQUIRE(a.send.size() == 1);
        CHECK(a.send[0].broadcast);
        CHECK(h.fsm->GetState() == ClientFsm::REBINDING);
    }
    SECTION("REBINDING + RX_ACK -> BOUND (any server)")
    {
        Message ack = h.Reply(DHCPACK);
        ack.SetServerId(Ipv4Address("10.0.0.2"));
        a = h.fsm->Receive(ack, Seconds(900));
        CHECK(Went(a, S::REBINDING, S::BOUND));
        CHECK(h.fsm->GetBinding()->serverId == Ipv4Address("10.0.0.2"));
    }
    SECTION("REBINDING + RX_NAK -> INIT")
    {
        a = h.fsm->Receive(h.Reply(DHCPNAK), Seconds(900));
        CHECK(Went(a, S::REBINDING, S::INIT));
        CHECK(a.unbound);
    }
    SECTION("REBINDING + LEASE_EXPIRED -> INIT, asking for the old address")
    {
        a = h.fsm->Expire(Seconds(938.5)); // one more rebinding REQUEST
        CHECK(h.fsm->GetRetransmitAt() == Seconds(938.5 + 60));
        a = h.fsm->Expire(Seconds(998.5));
        CHECK(h.fsm->GetRetransmitAt() == Seconds(998.5 + 60));
        a = h.fsm->Expire(Seconds(1001));
        CHECK(Went(a, S::REBINDING, S::INIT));
        CHECK(a.unbound);
        CHECK(a.unboundAddress == OFFERED);
        REQUIRE(a.send.size() == 1);
        CHECK(a.send[0].message.GetMessageType() == DHCPDISCOVER);
        CHECK(a.send[0].message.GetRequestedAddress() == OFFERED);
        CHECK(h.fsm->GetCounters().leasesExpired == 1);
    }
    SECTION("REBINDING + STOP -> INIT")
    {
        a = h.fsm->Stop(Seconds(900));
        CHECK(Went(a, S::REBINDING, S::INIT));
        CHECK(a.send.size() == 1);
    }
}

TEST_CASE("BOUND + T2 and BOUND/RENEWING + LEASE_EXPIRED when times coincide", "[dhcp]")
{
    Harness h;
    h.fsm->Start(Seconds(0));
    h.fsm->Receive(h.Reply(DHCPOFFER), Seconds(0));
    Message ack = h.Reply(DHCPACK);
    ack.SetRenewalTime(1000);
    ack.SetRebindingTime(1000); // T1 = T2 = lease
    h.fsm->Receive(ack, Seconds(0));
    auto a = h.fsm->Expire(Seconds(1000));
    // Taken in order: T1 (BOUND -> RENEWING), T2 (-> REBINDING), expiry (-> INIT).
    CHECK(Went(a, S::BOUND, S::RENEWING));
    CHECK(Went(a, S::RENEWING, S::REBINDING));
    CHECK(Went(a, S::REBINDING, S::INIT));
    CHECK(h.fsm->GetState() == ClientFsm::SELECTING);
}

TEST_CASE("BOUND + STOP: RELEASE to the server, address removed (4.4.6)", "[dhcp]")
{
    Harness h;
    h.BindAt1();
    auto a = h.fsm->Stop(Seconds(10));
    CHECK(Went(a, S::BOUND, S::INIT));
    REQUIRE(a.send.size() == 1);
    const Message& r = a.send[0].message;
    CHECK(r.GetMessageType() == DHCPRELEASE);
    CHECK_FALSE(a.send[0].broadcast);
    CHECK(a.send[0].to == SERVER);
    CHECK(r.GetCiaddr() == OFFERED);
    CHECK(r.GetServerId() == SERVER);
    CHECK_FALSE(r.GetHostName()); // table 5: MUST NOT in DHCPRELEASE
    CHECK_FALSE(r.HasOption(OPT_PARAMETER_LIST));
    CHECK(a.unbound);
    CHECK_FALSE(a.hasWakeUp);
    CHECK(h.fsm->GetState() == ClientFsm::INIT);
    // Stopped: messages are dropped, no timer runs.
    CHECK_FALSE(h.fsm->Receive(h.Reply(DHCPACK), Seconds(11)).ignored.empty());
}

TEST_CASE("BOUND + STOP without ReleaseOnStop sends nothing", "[dhcp]")
{
    ClientConfig c;
    c.releaseOnStop = false;
    Harness h(c);
    h.BindAt1();
    auto a = h.fsm->Stop(Seconds(10));
    CHECK(a.send.empty());
    CHECK(a.unbound);
}

TEST_CASE("SELECTING + STOP and REQUESTING + STOP halt", "[dhcp]")
{
    Harness h;
    h.fsm->Start(Seconds(0));
    auto a = h.fsm->Stop(Seconds(1));
    CHECK(Went(a, S::SELECTING, S::INIT));
    CHECK_FALSE(a.hasWakeUp);
    CHECK(a.send.empty());
    // And it starts again.
    a = h.fsm->Start(Seconds(2));
    CHECK(h.fsm->GetState() == ClientFsm::SELECTING);
    h.fsm->Receive(h.Reply(DHCPOFFER), Seconds(3));
    a = h.fsm->Stop(Seconds(4));
    CHECK(Went(a, S::REQUESTING, S::INIT));
    CHECK(a.send.empty());
}

TEST_CASE("replies that do not belong are dropped and counted", "[dhcp]")
{
    Harness h;
    h.fsm->Start(Seconds(0));
    Message m = h.Reply(DHCPOFFER);
    m.SetXid(999);
    CHECK(h.fsm->Receive(m, Seconds(1)).ignored == "xid");
    m = h.Reply(DHCPOFFER);
    m.SetChaddr(Mac48Address("02:00:00:00:00:0b"));
    CHECK(h.fsm->Receive(m, Seconds(1)).ignored == "chaddr");
    m = h.Reply(DHCPOFFER);
    m.SetOp(BOOTREQUEST);
    CHECK(h.fsm->Receive(m, Seconds(1)).ignored == "not a BOOTREPLY");
    m = h.Reply(DHCPOFFER);
    m.RemoveOption(OPT_SERVER_ID);
    CHECK_FALSE(h.fsm->Receive(m, Seconds(1)).ignored.empty());
    m = h.Reply(DHCPACK); // ACK while SELECTING: no row
    CHECK(h.fsm->Receive(m, Seconds(1)).ignored.find("unexpected") == 0);
    m = h.Reply(DHCPREQUEST);
    m.SetOp(BOOTREPLY);
    CHECK_FALSE(h.fsm->Receive(m, Seconds(1)).ignored.empty());
    Message broken;
    std::vector<uint8_t> junk(5, 1);
    Buffer b;
    b.AddAtStart(5);
    b.Begin().Write(junk.data(), 5);
    broken.Deserialize(b.Begin());
    CHECK(h.fsm->Receive(broken, Seconds(1)).ignored.find("malformed") == 0);
    CHECK(h.fsm->GetCounters().ignored == 7);
    CHECK(h.fsm->GetState() == ClientFsm::SELECTING);
    // An ACK without a lease time is not acceptable.
    h.fsm->Receive(h.Reply(DHCPOFFER), Seconds(2));
    m = h.Reply(DHCPACK);
    m.RemoveOption(OPT_LEASE_TIME);
    CHECK_FALSE(h.fsm->Receive(m, Seconds(2)).ignored.empty());
    CHECK(h.fsm->GetState() == ClientFsm::REQUESTING);
}
