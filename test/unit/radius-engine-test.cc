// SPDX-License-Identifier: GPL-2.0-only
// RADIUS client and server decision logic, talking through byte buffers
// without a simulator: accept, reject, retransmission, failover, forged
// responses, duplicate detection, unknown clients, identifier allocation.
#include "ns3/radius-authenticator.h"
#include "ns3/radius-client-engine.h"
#include "ns3/radius-packet-header.h"
#include "ns3/radius-server-engine.h"

#include "codec-test-util.h"

#include <catch2/catch.hpp>
#include <set>

using namespace ns3;
using namespace ns3::radius;
using ns3::codectest::Decode;

namespace
{

const Ipv4Address NAS("10.0.0.1");
const uint16_t NAS_UDP_PORT = 40000;
const Ipv4Address PRIMARY("10.0.1.1");
const Ipv4Address SECONDARY("10.0.1.2");

/// A distinct, deterministic Request Authenticator per call (stands in for
/// the application's random stream).
class AuthenticatorCounter
{
  public:
    Authenticator Next()
    {
        Authenticator a{};
        for (size_t i = 0; i < a.size(); ++i)
        {
            a[i] = static_cast<uint8_t>(m_count * 31 + i * 7 + 1);
        }
        ++m_count;
        return a;
    }

  private:
    uint32_t m_count = 0;
};

ClientConfig
MakeClientConfig(bool messageAuthenticator = false)
{
    ClientConfig config;
    config.nasAddress = NAS;
    config.nasIdentifier = "pe1";
    config.retransmitTimeout = Seconds(3);
    config.maxTransmissions = 3;
    config.messageAuthenticator = messageAuthenticator;
    return config;
}

std::vector<ServerEntry>
TwoServers()
{
    return {ServerEntry{PRIMARY, 1812, "primary-secret"},
            ServerEntry{SECONDARY, 1812, "secondary-secret"}};
}

ServerEngine
MakeServer(const std::string& secret)
{
    ServerEngine server;
    server.AddUser("alice", "wonderland");
    server.AddUser("bob", "builder");
    server.AddClient(NAS, secret);
    return server;
}

PacketHeader
ParseBytes(const std::vector<uint8_t>& bytes)
{
    PacketHeader packet;
    Decode(packet, bytes);
    return packet;
}

} // namespace

TEST_CASE("RADIUS client and server agree on Access-Accept", "[radius]")
{
    for (bool withMa : {false, true})
    {
        CAPTURE(withMa);
        AuthenticatorCounter ra;
        ClientEngine client(MakeClientConfig(withMa), TwoServers());
        ServerEngine server = MakeServer("primary-secret");

        uint64_t handle = 0;
        ClientActions out = client.StartRequest("alice", "wonderland", ra.Next(), Seconds(1), handle);
        REQUIRE(out.send.size() == 1);
        REQUIRE(out.results.empty());
        REQUIRE(out.nextWakeup.has_value());
        CHECK(*out.nextWakeup == Seconds(4));
        CHECK(out.send[0].server == 0);
        CHECK_FALSE(out.send[0].retransmission);

        // The request as built: RFC 2865 section 4.1 attributes, password hidden.
        const PacketHeader request = ParseBytes(out.send[0].bytes);
        REQUIRE(request.IsValid());
        CHECK(request.GetCode() == ACCESS_REQUEST);
        CHECK(request.GetIdentifier() == out.send[0].identifier);
        REQUIRE(request.FindAttribute(USER_NAME) != nullptr);
        CHECK(request.FindAttribute(USER_NAME)->GetString() == "alice");
        REQUIRE(request.FindAttribute(USER_PASSWORD) != nullptr);
        CHECK(request.FindAttribute(USER_PASSWORD)->GetString() != "wonderland");
        Ipv4Address nas;
        REQUIRE(request.FindAttribute(NAS_IP_ADDRESS) != nullptr);
        CHECK(request.FindAttribute(NAS_IP_ADDRESS)->GetAddress(nas));
        CHECK(nas == NAS);
        REQUIRE(request.FindAttribute(NAS_IDENTIFIER) != nullptr);
        CHECK(request.FindAttribute(NAS_IDENTIFIER)->GetString() == "pe1");
        CHECK((request.FindAttribute(MESSAGE_AUTHENTICATOR) != nullptr) == withMa);

        const ServerReply reply = server.HandleRequest(NAS, NAS_UDP_PORT, out.send[0].bytes, Seconds(1.2));
        REQUIRE(reply.disposition == Disposition::ANSWERED);
        CHECK(reply.code == ACCESS_ACCEPT);
        CHECK((ParseBytes(reply.bytes).FindAttribute(MESSAGE_AUTHENTICATOR) != nullptr) == withMa);

        out = client.ReceiveResponse(0, reply.bytes, Seconds(1.25));
        REQUIRE(out.results.size() == 1);
        CHECK(out.results[0].request == handle);
        CHECK(out.results[0].outcome == Outcome::ACCEPT);
        CHECK(out.results[0].latency == MilliSeconds(250));
        CHECK(out.results[0].server == 0);
        CHECK(out.results[0].transmissions == 1);
        CHECK_FALSE(out.nextWakeup.has_value());
        CHECK(client.GetOutstandingCount() == 0);
        CHECK(client.GetIdentifiersInUse(0).empty());
        CHECK(server.GetCounters().accepts == 1);
    }
}

TEST_CASE("RADIUS wrong password or unknown user gets Access-Reject", "[radius]")
{
    AuthenticatorCounter ra;
    ClientEngine client(MakeClientConfig(), TwoServers());
    ServerEngine server = MakeServer("primary-secret");

    for (const auto& credentials : {std::make_pair("alice", "looking-glass"),
                                    std::make_pair("mallory", "wonderland")})
    {
        uint64_t handle = 0;
        ClientActions out =
            client.StartRequest(credentials.first, credentials.second, ra.Next(), Seconds(0), handle);
        REQUIRE(out.send.size() == 1);
        const ServerReply reply = server.HandleRequest(NAS, NAS_UDP_PORT, out.send[0].bytes, Seconds(0));
        REQUIRE(reply.disposition == Disposition::ANSWERED);
        CHECK(reply.code == ACCESS_REJECT);
        out = client.ReceiveResponse(0, reply.bytes, MilliSeconds(10));
        REQUIRE(out.results.size() == 1);
        CHECK(out.results[0].outcome == Outcome::REJECT);
        CHECK(out.results[0].latency == MilliSeconds(10));
    }
    CHECK(server.GetCounters().rejects == 2);
    CHECK(server.GetCounters().accepts == 0);
}

TEST_CASE("RADIUS client retransmits with the same identifier and authenticator", "[radius]")
{
    AuthenticatorCounter ra;
    ClientEngine client(MakeClientConfig(), TwoServers());
    ServerEngine server = MakeServer("primary-secret");

    uint64_t handle = 0;
    ClientActions first = client.StartRequest("bob", "builder", ra.Next(), Seconds(0), handle);
    REQUIRE(first.send.size() == 1);

    // Nothing happens before the timer runs out.
    CHECK(client.Advance(Seconds(2)).send.empty());

    ClientActions again = client.Advance(Seconds(3));
    REQUIRE(again.send.size() == 1);
    CHECK(again.send[0].retransmission);
    CHECK(again.send[0].server == 0);
    CHECK(again.send[0].identifier == first.send[0].identifier);
    CHECK(again.send[0].bytes == first.send[0].bytes); // same id and Request Authenticator
    REQUIRE(again.nextWakeup.has_value());
    CHECK(*again.nextWakeup == Seconds(6));
    CHECK(client.GetCounters().retransmissions == 1);

    // The retransmission is answered; latency counts from the first send.
    const ServerReply reply = server.HandleRequest(NAS, NAS_UDP_PORT, again.send[0].bytes, Seconds(3.1));
    ClientActions done = client.ReceiveResponse(0, reply.bytes, Seconds(3.2));
    REQUIRE(done.results.size() == 1);
    CHECK(done.results[0].outcome == Outcome::ACCEPT);
    CHECK(done.results[0].latency == Seconds(3.2));
    CHECK(done.results[0].transmissions == 2);
}

TEST_CASE("RADIUS client fails over to the secondary after the retry limit", "[radius]")
{
    AuthenticatorCounter ra;
    ClientEngine client(MakeClientConfig(true), TwoServers());
    client.SetAuthenticatorSource([&ra]() { return ra.Next(); });
    ServerEngine secondary = MakeServer("secondary-secret");

    uint64_t handle = 0;
    ClientActions out = client.StartRequest("alice", "wonderland", ra.Next(), Seconds(0), handle);
    const Transmission original = out.send.at(0);
    // Transmissions 2 and 3 to the primary (maxTransmissions = 3).
    for (int t : {3, 6})
    {
        out = client.Advance(Seconds(t));
        REQUIRE(out.send.size() == 1);
        CHECK(out.send[0].server == 0);
        CHECK(out.send[0].bytes == original.bytes);
    }
    // Then the secondary, with a new packet and authenticator.
    out = client.Advance(Seconds(9));
    REQUIRE(out.send.size() == 1);
    REQUIRE(out.results.empty());
    CHECK(out.send[0].server == 1);
    CHECK_FALSE(out.send[0].retransmission);
    const PacketHeader moved = ParseBytes(out.send[0].bytes);
    CHECK(moved.GetAuthenticator() != ParseBytes(original.bytes).GetAuthenticator());
    CHECK(client.GetIdentifiersInUse(0).empty());
    CHECK(client.GetIdentifiersInUse(1).size() == 1);
    CHECK(client.GetCounters().failovers == 1);

    // A late answer from the primary no longer matches anything.
    ServerEngine primary = MakeServer("primary-secret");
    const ServerReply late = primary.HandleRequest(NAS, NAS_UDP_PORT, original.bytes, Seconds(9.1));
    CHECK(client.ReceiveResponse(0, late.bytes, Seconds(9.2)).results.empty());
    CHECK(client.GetCounters().unmatched == 1);

    // The secondary, with its own secret, accepts.
    const ServerReply reply = secondary.HandleRequest(NAS, NAS_UDP_PORT, out.send[0].bytes, Seconds(9.3));
    REQUIRE(reply.disposition == Disposition::ANSWERED);
    out = client.ReceiveResponse(1, reply.bytes, Seconds(9.5));
    REQUIRE(out.results.size() == 1);
    CHECK(out.results[0].outcome == Outcome::ACCEPT);
    CHECK(out.results[0].server == 1);
    CHECK(out.results[0].transmissions == 4);
    CHECK(out.results[0].latency == Seconds(9.5));
}

TEST_CASE("RADIUS client gives up when every server times out", "[radius]")
{
    AuthenticatorCounter ra;
    ClientEngine client(MakeClientConfig(), TwoServers()); // default failover authenticator
    uint64_t handle = 0;
    ClientActions out = client.StartRequest("alice", "wonderland", ra.Next(), Seconds(0), handle);
    uint32_t sent = 1;
    Time now = Seconds(0);
    while (out.nextWakeup)
    {
        now = *out.nextWakeup;
        out = client.Advance(now);
        sent += out.send.size();
    }
    REQUIRE(out.results.size() == 1);
    CHECK(out.results[0].outcome == Outcome::TIMEOUT);
    CHECK(out.results[0].latency == Seconds(18)); // 2 servers x 3 transmissions x 3 s
    CHECK(out.results[0].transmissions == 6);
    CHECK(sent == 6);
    CHECK(client.GetOutstandingCount() == 0);
    CHECK(client.GetIdentifiersInUse(0).empty());
    CHECK(client.GetIdentifiersInUse(1).empty());
}

TEST_CASE("RADIUS client discards responses that do not authenticate", "[radius]")
{
    AuthenticatorCounter ra;
    ClientEngine client(MakeClientConfig(true), TwoServers());
    ServerEngine server = MakeServer("primary-secret");
    uint64_t handle = 0;
    ClientActions out = client.StartRequest("alice", "wonderland", ra.Next(), Seconds(0), handle);
    const ServerReply reply = server.HandleRequest(NAS, NAS_UDP_PORT, out.send[0].bytes, Seconds(0));
    REQUIRE(reply.disposition == Disposition::ANSWERED);

    // A flipped Response Authenticator octet.
    std::vector<uint8_t> forged = reply.bytes;
    forged[4] ^= 0x01;
    CHECK(client.ReceiveResponse(0, forged, Seconds(1)).results.empty());
    CHECK(client.GetCounters().badAuthenticator == 1);

    // A response signed with the wrong secret.
    ServerEngine impostor = MakeServer("guessed-secret");
    const ServerReply fake = impostor.HandleRequest(NAS, NAS_UDP_PORT, out.send[0].bytes, Seconds(0));
    CHECK(fake.disposition == Disposition::DROPPED); // its Message-Authenticator check fails
    PacketHeader reject(ACCESS_REJECT, out.send[0].identifier);
    SignResponse(reject, ParseBytes(out.send[0].bytes).GetAuthenticator(), "guessed-secret");
    CHECK(client.ReceiveResponse(0, reject.ToBytes(), Seconds(1)).results.empty());
    CHECK(client.GetCounters().badAuthenticator == 2);

    // A correct Response Authenticator over a wrong Message-Authenticator.
    PacketHeader accept = ParseBytes(reply.bytes);
    accept.FindAttribute(MESSAGE_AUTHENTICATOR)->SetValue(std::vector<uint8_t>(16, 0xab));
    accept.SetAuthenticator(ComputeResponseAuthenticator(
        accept, ParseBytes(out.send[0].bytes).GetAuthenticator(), "primary-secret"));
    CHECK(client.ReceiveResponse(0, accept.ToBytes(), Seconds(1)).results.empty());
    CHECK(client.GetCounters().badMessageAuthenticator == 1);

    // Garbage, and a response from the wrong server.
    CHECK(client.ReceiveResponse(0, {1, 2, 3}, Seconds(1)).results.empty());
    CHECK(client.GetCounters().malformed == 1);
    CHECK(client.ReceiveResponse(1, reply.bytes, Seconds(1)).results.empty());
    CHECK(client.GetCounters().unmatched == 1);

    // The request is still outstanding; the genuine response completes it.
    CHECK(client.GetOutstandingCount() == 1);
    out = client.ReceiveResponse(0, reply.bytes, Seconds(2));
    REQUIRE(out.results.size() == 1);
    CHECK(out.results[0].outcome == Outcome::ACCEPT);
}

TEST_CASE("RADIUS server answers a duplicate request from its cache", "[radius]")
{
    AuthenticatorCounter ra;
    ClientEngine client(MakeClientConfig(), TwoServers());
    ServerConfig config;
    config.duplicateWindow = Seconds(5);
    ServerEngine server(config);
    server.AddUser("alice", "wonderland");
    server.AddClient(NAS, "primary-secret");

    uint64_t handle = 0;
    ClientActions out = client.StartRequest("alice", "wonderland", ra.Next(), Seconds(0), handle);
    const ServerReply first = server.HandleRequest(NAS, NAS_UDP_PORT, out.send[0].bytes, Seconds(0));
    REQUIRE(first.disposition == Disposition::ANSWERED);
    CHECK(first.code == ACCESS_ACCEPT);

    // The user's password changes; the retransmission still gets the
    // original decision, byte for byte.
    server.AddUser("alice", "changed");
    const ClientActions again = client.Advance(Seconds(3));
    REQUIRE(again.send.size() == 1);
    const ServerReply second = server.HandleRequest(NAS, NAS_UDP_PORT, again.send[0].bytes, Seconds(3));
    CHECK(second.disposition == Disposition::ANSWERED_FROM_CACHE);
    CHECK(second.bytes == first.bytes);
    CHECK(server.GetCounters().duplicates == 1);
    CHECK(server.GetCounters().accepts == 1);

    // Another source port is another request: a new decision.
    const ServerReply otherPort =
        server.HandleRequest(NAS, NAS_UDP_PORT + 1, again.send[0].bytes, Seconds(3));
    CHECK(otherPort.disposition == Disposition::ANSWERED);
    CHECK(otherPort.code == ACCESS_REJECT);

    // After the window the entry is gone: a new decision again.
    const ServerReply late = server.HandleRequest(NAS, NAS_UDP_PORT, again.send[0].bytes, Seconds(6));
    CHECK(late.disposition == Disposition::ANSWERED);
    CHECK(late.code == ACCESS_REJECT);
}

TEST_CASE("RADIUS server drops unknown clients and bad requests", "[radius]")
{
    AuthenticatorCounter ra;
    ClientEngine client(MakeClientConfig(true), TwoServers());
    ServerEngine server = MakeServer("primary-secret");
    uint64_t handle = 0;
    const ClientActions out = client.StartRequest("alice", "wonderland", ra.Next(), Seconds(0), handle);
    const std::vector<uint8_t>& bytes = out.send.at(0).bytes;

    ServerReply reply = server.HandleRequest(Ipv4Address("192.0.2.9"), NAS_UDP_PORT, bytes, Seconds(0));
    CHECK(reply.disposition == Disposition::DROPPED);
    CHECK(reply.reason == DropReason::UNKNOWN_CLIENT);
    CHECK(reply.bytes.empty());
    CHECK(server.GetCounters().unknownClient == 1);

    // A tampered request fails its Message-Authenticator.
    std::vector<uint8_t> tampered = bytes;
    tampered.back() ^= 0x80;
    reply = server.HandleRequest(NAS, NAS_UDP_PORT, tampered, Seconds(0));
    CHECK(reply.reason == DropReason::BAD_MESSAGE_AUTHENTICATOR);
    CHECK(server.GetCounters().badMessageAuthenticator == 1);

    reply = server.HandleRequest(NAS, NAS_UDP_PORT, {1, 0, 0}, Seconds(0));
    CHECK(reply.reason == DropReason::MALFORMED);

    PacketHeader status(STATUS_SERVER, 7);
    reply = server.HandleRequest(NAS, NAS_UDP_PORT, status.ToBytes(), Seconds(0));
    CHECK(reply.reason == DropReason::NOT_ACCESS_REQUEST);

    PacketHeader bare(ACCESS_REQUEST, 8);
    bare.AddAttribute(radius::Attribute::FromString(USER_NAME, "alice"));
    reply = server.HandleRequest(NAS, NAS_UDP_PORT, bare.ToBytes(), Seconds(0));
    CHECK(reply.reason == DropReason::MISSING_NAS_ATTRIBUTE);

    CHECK(server.GetCounters().accepts == 0);
    CHECK(server.GetCounters().rejects == 0);
    CHECK(server.GetCacheSize() == 0);
}

TEST_CASE("RADIUS identifiers never collide among outstanding requests", "[radius]")
{
    AuthenticatorCounter ra;
    ClientEngine client(MakeClientConfig(), {ServerEntry{PRIMARY, 1812, "primary-secret"}});
    ServerEngine server = MakeServer("primary-secret");

    // 256 outstanding requests take all 256 identifiers, each once.
    std::set<uint8_t> ids;
    std::vector<Transmission> sent;
    for (int i = 0; i < 256; ++i)
    {
        uint64_t handle = 0;
        ClientActions out = client.StartRequest("alice", "wonderland", ra.Next(), Seconds(0), handle);
        REQUIRE(out.send.size() == 1);
        ids.insert(out.send[0].identifier);
        sent.push_back(out.send[0]);
    }
    CHECK(ids.size() == 256);
    CHECK(client.GetIdentifiersInUse(0).size() == 256);

    // The 257th has none left.
    uint64_t handle = 0;
    ClientActions full = client.StartRequest("alice", "wonderland", ra.Next(), Seconds(0), handle);
    CHECK(full.send.empty());
    REQUIRE(full.results.size() == 1);
    CHECK(full.results[0].outcome == Outcome::NO_IDENTIFIER);

    // Answering one frees exactly its identifier, which the next request gets.
    const ServerReply reply = server.HandleRequest(NAS, NAS_UDP_PORT, sent[41].bytes, Seconds(0));
    REQUIRE(client.ReceiveResponse(0, reply.bytes, Seconds(0)).results.size() == 1);
    ClientActions next = client.StartRequest("bob", "builder", ra.Next(), Seconds(0), handle);
    REQUIRE(next.send.size() == 1);
    CHECK(next.send[0].identifier == sent[41].identifier);
    CHECK(client.GetIdentifiersInUse(0).size() == 256);
}

TEST_CASE("RADIUS identifiers rotate rather than reuse the last one freed", "[radius]")
{
    AuthenticatorCounter ra;
    ClientEngine client(MakeClientConfig(), TwoServers());
    ServerEngine server = MakeServer("primary-secret");
    std::set<uint8_t> outstanding;
    uint8_t previous = 0;
    for (int i = 0; i < 600; ++i)
    {
        uint64_t handle = 0;
        ClientActions out = client.StartRequest("alice", "wonderland", ra.Next(), Seconds(i), handle);
        REQUIRE(out.send.size() == 1);
        const uint8_t id = out.send[0].identifier;
        CHECK(outstanding.count(id) == 0);
        if (i > 0)
        {
            // The first free identifier after the last one handed out.
            auto expected = static_cast<uint8_t>(previous + 1);
            while (outstanding.count(expected) != 0)
            {
                ++expected;
            }
            CHECK(id == expected);
        }
        previous = id;
        outstanding.insert(id);
        // Answer every other request at once; keep the rest outstanding for a while.
        if (i % 2 == 0 || outstanding.size() > 100)
        {
            const ServerReply reply = server.HandleRequest(NAS, NAS_UDP_PORT, out.send[0].bytes, Seconds(i));
            REQUIRE(client.ReceiveResponse(0, reply.bytes, Seconds(i)).results.size() == 1);
            outstanding.erase(id);
        }
    }
}
