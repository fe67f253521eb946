// SPDX-License-Identifier: GPL-2.0-only
//
// dhcp::ServerEngine against RFC 2131 section 4.3: DISCOVER (4.3.1), the
// four REQUEST forms (4.3.2), DECLINE (4.3.3), RELEASE (4.3.4), INFORM
// (4.3.5), reply addressing (4.1), offer hold, lease expiry and an
// exhausted pool.
#include "ns3/dhcp-server-engine.h"

#include <catch2/catch.hpp>

using namespace ns3;
using namespace ns3::dhcp;

namespace
{

const Ipv4Address SERVER("10.0.0.1");

ServerConfig
Config()
{
    ServerConfig c;
    c.serverId = SERVER;
    c.poolStart = Ipv4Address("10.0.0.1");
    c.poolEnd = Ipv4Address("10.0.0.5");
    c.excluded = {SERVER};
    c.mask = Ipv4Mask("255.255.255.0");
    c.router = SERVER;
    c.dns = SERVER;
    c.leaseTime = Seconds(1000);
    c.offerHold = Seconds(30);
    c.declineHold = Seconds(500);
    return c;
}

Mac48Address
Mac(int n)
{
    char text[18];
    std::snprintf(text, sizeof(text), "02:00:00:00:00:%02x", n);
    return Mac48Address(text);
}

Message
Client(int n, uint8_t type, const std::string& host = "")
{
    Message m;
    m.SetOp(BOOTREQUEST);
    m.SetChaddr(Mac(n));
    m.SetXid(1000 + n);
    m.SetMessageType(type);
    if (!host.empty())
    {
        m.SetHostName(host);
    }
    return m;
}

Message
Discover(int n, const std::string& host = "", bool broadcast = true)
{
    Message m = Client(n, DHCPDISCOVER, host);
    m.SetBroadcast(broadcast);
    return m;
}

/// 4.3.2 SELECTING: option 54 and 50, ciaddr zero.
Message
Select(int n, Ipv4Address address, Ipv4Address server = SERVER, const std::string& host = "")
{
    Message m = Client(n, DHCPREQUEST, host);
    m.SetBroadcast(true);
    m.SetServerId(server);
    m.SetRequestedAddress(address);
    return m;
}

/// 4.3.2 INIT-REBOOT: option 50, no 54, ciaddr zero.
Message
Reboot(int n, Ipv4Address address)
{
    Message m = Client(n, DHCPREQUEST);
    m.SetRequestedAddress(address);
    return m;
}

/// 4.3.2 RENEWING / REBINDING: ciaddr, no 50 and 54.
Message
Renew(int n, Ipv4Address ciaddr)
{
    Message m = Client(n, DHCPREQUEST);
    m.SetCiaddr(ciaddr);
    return m;
}

/// DISCOVER then SELECTING REQUEST; returns the address bound.
Ipv4Address
Bind(ServerEngine& e, int n, Time now, const std::string& host = "")
{
    auto offer = e.Receive(Discover(n, host), now);
    REQUIRE(offer.replies.size() == 1);
    const Ipv4Address a = offer.replies[0].message.GetYiaddr();
    auto ack = e.Receive(Select(n, a, SERVER, host), now);
    REQUIRE(ack.replies.size() == 1);
    REQUIRE(ack.replies[0].message.GetMessageType() == DHCPACK);
    return a;
}

} // namespace

TEST_CASE("4.3.1 DISCOVER gets an OFFER with the lease options", "[dhcp]")
{
    ServerEngine e(Config());
    auto a = e.Receive(Discover(1, "alice"), Seconds(1));
    REQUIRE(a.replies.size() == 1);
    const Message& o = a.replies[0].message;
    CHECK(o.GetOp() == BOOTREPLY);
    CHECK(o.GetMessageType() == DHCPOFFER);
    CHECK(o.GetXid() == 1001);
    CHECK(o.GetChaddrMac() == Mac(1));
    CHECK(o.GetYiaddr() == Ipv4Address("10.0.0.2")); // 10.0.0.1 is excluded
    CHECK(o.GetServerId() == SERVER);
    CHECK(o.GetLeaseTime() == 1000u);
    // RFC 2131 4.4.5: T1 = 0.5 and T2 = 0.875 of the lease.
    CHECK(o.GetRenewalTime() == 500u);
    CHECK(o.GetRebindingTime() == 875u);
    CHECK(o.GetSubnetMask() == Ipv4Mask("255.255.255.0"));
    CHECK(o.GetRouters() == std::vector<Ipv4Address>{SERVER});
    CHECK(o.GetDnsServers() == std::vector<Ipv4Address>{SERVER});
    CHECK(a.replies[0].destination == Destination::BROADCAST);
    CHECK(a.events.empty());
    CHECK(a.hasWakeUp);
    CHECK(a.wakeUp == Seconds(31)); // offer hold
    CHECK(e.GetCounters().offers == 1);
    CHECK(e.GetBoundCount() == 0);
}

TEST_CASE("4.1 addressing of replies", "[dhcp]")
{
    ServerEngine e(Config());
    // Broadcast bit clear, no ciaddr, no giaddr: unicast to yiaddr/chaddr.
    auto a = e.Receive(Discover(1, "", false), Seconds(0));
    CHECK(a.replies[0].destination == Destination::YIADDR_CHADDR);
    CHECK(a.replies[0].address == a.replies[0].message.GetYiaddr());
    // giaddr set: to the relay.
    Message relayed = Discover(2);
    relayed.SetGiaddr(Ipv4Address("10.0.0.254"));
    a = e.Receive(relayed, Seconds(0));
    CHECK(a.replies[0].destination == Destination::GIADDR);
    CHECK(a.replies[0].address == Ipv4Address("10.0.0.254"));
    CHECK(a.replies[0].message.GetGiaddr() == Ipv4Address("10.0.0.254"));
    // A NAK is broadcast even when ciaddr is set.
    a = e.Receive(Renew(3, Ipv4Address("192.168.9.9")), Seconds(0));
    REQUIRE(a.replies.size() == 1);
    CHECK(a.replies[0].message.GetMessageType() == DHCPNAK);
    CHECK(a.replies[0].destination == Destination::BROADCAST);
}

TEST_CASE("4.3.1 address choice: requested if free, else the next free one", "[dhcp]")
{
    ServerEngine e(Config());
    Message d = Discover(1);
    d.SetRequestedAddress(Ipv4Address("10.0.0.4"));
    CHECK(e.Receive(d, Seconds(0)).replies[0].message.GetYiaddr() == Ipv4Address("10.0.0.4"));
    // Held for client 1: client 2 asking for it gets the lowest free one.
    d = Discover(2);
    d.SetRequestedAddress(Ipv4Address("10.0.0.4"));
    CHECK(e.Receive(d, Seconds(0)).replies[0].message.GetYiaddr() == Ipv4Address("10.0.0.2"));
    // Outside the pool, or excluded: not given.
    d = Discover(3);
    d.SetRequestedAddress(Ipv4Address("10.0.0.1"));
    CHECK(e.Receive(d, Seconds(0)).replies[0].message.GetYiaddr() == Ipv4Address("10.0.0.3"));
    d = Discover(4);
    d.SetRequestedAddress(Ipv4Address("10.0.0.200"));
    CHECK(e.Receive(d, Seconds(0)).replies[0].message.GetYiaddr() == Ipv4Address("10.0.0.5"));
    // A repeated DISCOVER gets the same offer.
    CHECK(e.Receive(Discover(1), Seconds(1)).replies[0].message.GetYiaddr() ==
          Ipv4Address("10.0.0.4"));
}

TEST_CASE("4.3.1 exhausted pool: no offer, counted", "[dhcp]")
{
    ServerConfig c = Config();
    c.poolEnd = Ipv4Address("10.0.0.3"); // 10.0.0.2 and 10.0.0.3
    ServerEngine e(c);
    Bind(e, 1, Seconds(0));
    Bind(e, 2, Seconds(0));
    auto a = e.Receive(Discover(3), Seconds(0));
    CHECK(a.replies.empty());
    CHECK(e.GetCounters().poolExhausted == 1);
    CHECK(e.GetCounters().discovers == 3);
}

TEST_CASE("an offer not taken within the hold is freed", "[dhcp]")
{
    ServerConfig c = Config();
    c.poolEnd = Ipv4Address("10.0.0.2"); // one address
    ServerEngine e(c);
    REQUIRE(e.Receive(Discover(1), Seconds(0)).replies.size() == 1);
    CHECK(e.Receive(Discover(2), Seconds(10)).replies.empty());
    auto x = e.Expire(Seconds(30));
    CHECK(e.GetCounters().offersExpired == 1);
    CHECK_FALSE(x.hasWakeUp);
    auto a = e.Receive(Discover(2), Seconds(31));
    REQUIRE(a.replies.size() == 1);
    CHECK(a.replies[0].message.GetYiaddr() == Ipv4Address("10.0.0.2"));
}

TEST_CASE("4.3.2 SELECTING: ACK binds and reports the host name", "[dhcp]")
{
    ServerEngine e(Config());
    auto o = e.Receive(Discover(1, "alice"), Seconds(0));
    const Ipv4Address a = o.replies[0].message.GetYiaddr();
    auto r = e.Receive(Select(1, a, SERVER, "alice"), Seconds(2));
    REQUIRE(r.replies.size() == 1);
    const Message& ack = r.replies[0].message;
    CHECK(ack.GetMessageType() == DHCPACK);
    CHECK(ack.GetYiaddr() == a);
    CHECK(ack.GetLeaseTime() == 1000u);
    REQUIRE(r.events.size() == 1);
    CHECK(r.events[0].kind == LeaseEvent::GRANTED);
    CHECK(r.events[0].hostName == "alice");
    CHECK(r.events[0].address == a);
    CHECK(r.events[0].chaddr == Mac(1));
    CHECK(r.events[0].expiry == Seconds(1002));
    CHECK(r.wakeUp == Seconds(1002));
    CHECK(e.GetBoundCount() == 1);
}

TEST_CASE("4.3.2 SELECTING: another server chosen frees our offer, silently", "[dhcp]")
{
    ServerEngine e(Config());
    const Ipv4Address a = e.Receive(Discover(1), Seconds(0)).replies[0].message.GetYiaddr();
    auto r = e.Receive(Select(1, a, Ipv4Address("10.0.0.99")), Seconds(0));
    CHECK(r.replies.empty());
    CHECK(e.GetCounters().ignored == 1);
    // The address is free for another client at once.
    CHECK(e.Receive(Discover(2), Seconds(0)).replies[0].message.GetYiaddr() == a);
}

TEST_CASE("4.3.2 SELECTING: a REQUEST for an address not offered gets a NAK", "[dhcp]")
{
    ServerEngine e(Config());
    e.Receive(Discover(1), Seconds(0));
    auto r = e.Receive(Select(1, Ipv4Address("10.0.0.5")), Seconds(0));
    REQUIRE(r.replies.size() == 1);
    const Message& nak = r.replies[0].message;
    CHECK(nak.GetMessageType() == DHCPNAK);
    // RFC 2131 table 3: NAK has yiaddr 0 and no lease time.
    CHECK(nak.GetYiaddr() == Ipv4Address::GetAny());
    CHECK_FALSE(nak.GetLeaseTime());
    CHECK(nak.GetServerId() == SERVER);
    CHECK(e.GetCounters().naks == 1);
    // Without any offer: NAK as well.
    CHECK(e.Receive(Select(7, Ipv4Address("10.0.0.3")), Seconds(0))
              .replies[0]
              .message.GetMessageType() == DHCPNAK);
}

TEST_CASE("4.3.2 INIT-REBOOT", "[dhcp]")
{
    ServerEngine e(Config());
    const Ipv4Address a = Bind(e, 1, Seconds(0), "alice");
    SECTION("the client's own address: ACK")
    {
        auto r = e.Receive(Reboot(1, a), Seconds(10));
        REQUIRE(r.replies.size() == 1);
        CHECK(r.replies[0].message.GetMessageType() == DHCPACK);
        CHECK(r.events[0].kind == LeaseEvent::RENEWED);
        CHECK(r.events[0].hostName == "alice");
    }
    SECTION("another address on the network: NAK, binding ended")
    {
        auto r = e.Receive(Reboot(1, Ipv4Address("10.0.0.5")), Seconds(10));
        REQUIRE(r.replies.size() == 1);
        CHECK(r.replies[0].message.GetMessageType() == DHCPNAK);
        REQUIRE(r.events.size() == 1);
        CHECK(r.events[0].kind == LeaseEvent::ENDED);
        CHECK(r.events[0].reason == EndReason::NAKED);
    }
    SECTION("an address of another network: NAK")
    {
        auto r = e.Receive(Reboot(1, Ipv4Address("192.168.1.7")), Seconds(10));
        CHECK(r.replies[0].message.GetMessageType() == DHCPNAK);
    }
    SECTION("an unknown client: silence (\"MUST remain silent\")")
    {
        auto r = e.Receive(Reboot(9, Ipv4Address("10.0.0.4")), Seconds(10));
        CHECK(r.replies.empty());
        CHECK(e.GetCounters().ignored == 1);
    }
}

TEST_CASE("4.3.2 RENEWING / REBINDING", "[dhcp]")
{
    ServerEngine e(Config());
    const Ipv4Address a = Bind(e, 1, Seconds(0), "alice");
    SECTION("ciaddr is the lease: ACK unicast to ciaddr, lease extended")
    {
        auto r = e.Receive(Renew(1, a), Seconds(500));
        REQUIRE(r.replies.size() == 1);
        CHECK(r.replies[0].message.GetMessageType() == DHCPACK);
        CHECK(r.replies[0].message.GetCiaddr() == a);
        CHECK(r.replies[0].destination == Destination::CIADDR);
        CHECK(r.replies[0].address == a);
        REQUIRE(r.events.size() == 1);
        CHECK(r.events[0].kind == LeaseEvent::RENEWED);
        CHECK(r.events[0].expiry == Seconds(1500));
        CHECK(e.Expire(Seconds(1000)).events.empty()); // old end passed, still bound
        CHECK(e.GetBoundCount() == 1);
    }
    SECTION("ciaddr not the client's lease: NAK")
    {
        auto r = e.Receive(Renew(1, Ipv4Address("10.0.0.5")), Seconds(500));
        CHECK(r.replies[0].message.GetMessageType() == DHCPNAK);
    }
    SECTION("an unknown client on our network: silence; off it: NAK")
    {
        CHECK(e.Receive(Renew(9, Ipv4Address("10.0.0.5")), Seconds(5)).replies.empty());
        CHECK(e.Receive(Renew(9, Ipv4Address("172.16.0.5")), Seconds(5))
                  .replies[0]
                  .message.GetMessageType() == DHCPNAK);
    }
    SECTION("after the lease expired: NAK")
    {
        auto x = e.Expire(Seconds(1000));
        REQUIRE(x.events.size() == 1);
        CHECK(x.events[0].reason == EndReason::EXPIRED);
        CHECK(x.events[0].hostName == "alice");
        CHECK(e.GetCounters().leasesExpired == 1);
        CHECK(e.Receive(Renew(1, a), Seconds(1001)).replies[0].message.GetMessageType() == DHCPNAK);
    }
}

TEST_CASE("4.3.4 RELEASE ends the lease; the client gets it back later", "[dhcp]")
{
    ServerEngine e(Config());
    const Ipv4Address a = Bind(e, 1, Seconds(0), "alice");
    Message rel = Client(1, DHCPRELEASE);
    rel.SetCiaddr(a);
    rel.SetServerId(SERVER);
    auto r = e.Receive(rel, Seconds(5));
    CHECK(r.replies.empty());
    REQUIRE(r.events.size() == 1);
    CHECK(r.events[0].kind == LeaseEvent::ENDED);
    CHECK(r.events[0].reason == EndReason::RELEASED);
    CHECK(r.events[0].address == a);
    CHECK(e.GetBoundCount() == 0);
    // Another client gets an address nobody had; client 1 its previous one.
    CHECK(e.Receive(Discover(2), Seconds(6)).replies[0].message.GetYiaddr() != a);
    CHECK(e.Receive(Discover(1), Seconds(7)).replies[0].message.GetYiaddr() == a);
    // A RELEASE for an address the client does not hold is ignored.
    rel.SetCiaddr(Ipv4Address("10.0.0.5"));
    CHECK(e.Receive(rel, Seconds(8)).events.empty());
}

TEST_CASE("4.3.3 DECLINE takes the address out for declineHold", "[dhcp]")
{
    ServerEngine e(Config());
    const Ipv4Address a = Bind(e, 1, Seconds(0));
    Message dec = Client(1, DHCPDECLINE);
    dec.SetRequestedAddress(a);
    dec.SetServerId(SERVER);
    auto r = e.Receive(dec, Seconds(1));
    REQUIRE(r.events.size() == 1);
    CHECK(r.events[0].reason == EndReason::DECLINED);
    CHECK(r.hasWakeUp);
    CHECK(r.wakeUp == Seconds(501));
    Message d = Discover(2);
    d.SetRequestedAddress(a);
    CHECK(e.Receive(d, Seconds(2)).replies[0].message.GetYiaddr() != a);
    e.Expire(Seconds(501));
    Message d3 = Discover(3);
    d3.SetRequestedAddress(a);
    CHECK(e.Receive(d3, Seconds(502)).replies[0].message.GetYiaddr() == a);
    // A DECLINE naming another server is ignored.
    Message other = Client(4, DHCPDECLINE);
    other.SetRequestedAddress(Ipv4Address("10.0.0.5"));
    other.SetServerId(Ipv4Address("10.0.0.77"));
    e.Receive(other, Seconds(503));
    CHECK(e.GetCounters().declines == 2);
    CHECK(e.GetCounters().ignored == 1);
}

TEST_CASE("4.3.5 INFORM: configuration without a lease, to ciaddr", "[dhcp]")
{
    ServerEngine e(Config());
    Message inf = Client(1, DHCPINFORM);
    inf.SetCiaddr(Ipv4Address("10.0.0.50"));
    auto r = e.Receive(inf, Seconds(0));
    REQUIRE(r.replies.size() == 1);
    const Message& ack = r.replies[0].message;
    CHECK(ack.GetMessageType() == DHCPACK);
    CHECK(ack.GetYiaddr() == Ipv4Address::GetAny());
    CHECK_FALSE(ack.GetLeaseTime()); // table 3: MUST NOT
    CHECK(ack.GetDnsServers() == std::vector<Ipv4Address>{SERVER});
    CHECK(r.replies[0].destination == Destination::CIADDR);
    CHECK(r.events.empty());
}

TEST_CASE("bad input is counted and answered by silence", "[dhcp]")
{
    ServerEngine e(Config());
    Message reply = Discover(1);
    reply.SetOp(BOOTREPLY);
    CHECK(e.Receive(reply, Seconds(0)).replies.empty());
    Message bootp = Discover(1);
    bootp.RemoveOption(OPT_MESSAGE_TYPE);
    CHECK(e.Receive(bootp, Seconds(0)).replies.empty());
    Message offer = Client(1, DHCPOFFER);
    CHECK(e.Receive(offer, Seconds(0)).replies.empty());
    Message broken; // a decoded message with an error
    std::vector<uint8_t> junk(10, 0);
    Buffer b;
    b.AddAtStart(junk.size());
    b.Begin().Write(junk.data(), junk.size());
    broken.Deserialize(b.Begin());
    REQUIRE_FALSE(broken.IsValid());
    CHECK(e.Receive(broken, Seconds(0)).replies.empty());
    Message neither = Client(1, DHCPREQUEST); // no ciaddr, no option 50
    CHECK(e.Receive(neither, Seconds(0)).replies.empty());
    CHECK(e.GetCounters().invalid == 5);
    CHECK(e.GetCounters().received == 5);
}

TEST_CASE("clients are told apart by option 61 before chaddr", "[dhcp]")
{
    ServerEngine e(Config());
    Message d1 = Discover(1);
    d1.SetClientId({0, 'a'});
    Message d2 = Discover(1);
    d2.SetClientId({0, 'b'});
    const Ipv4Address a1 = e.Receive(d1, Seconds(0)).replies[0].message.GetYiaddr();
    const Ipv4Address a2 = e.Receive(d2, Seconds(0)).replies[0].message.GetYiaddr();
    CHECK(a1 != a2);
    CHECK(ServerEngine::ClientKey(d1) != ServerEngine::ClientKey(d2));
    CHECK(ServerEngine::ClientKey(Discover(1)) == ServerEngine::ClientKey(Discover(1, "x")));
}

TEST_CASE("explicit T1 and T2 are given as configured", "[dhcp]")
{
    ServerConfig c = Config();
    c.renewalTime = Seconds(100);
    c.rebindingTime = Seconds(200);
    ServerEngine e(c);
    const Message o = e.Receive(Discover(1), Seconds(0)).replies[0].message;
    CHECK(o.GetRenewalTime() == 100u);
    CHECK(o.GetRebindingTime() == 200u);
}
