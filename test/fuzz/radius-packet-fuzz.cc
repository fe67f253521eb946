// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: RADIUS packets and attributes (RFC 2865 sections 3 and 5)
// with the authenticator checks (RFC 2865 section 3, RFC 3579 section 3.2)
// and User-Password hiding (RFC 2865 section 5.2). The packet goes to a
// server engine as a request from a known client and to a client engine as
// the response to its outstanding request: once as received, and once
// with the Identifier matched and the Response Authenticator (and the
// Message-Authenticator) computed, so that the checks after the
// authenticators are reached too. Invariants: a valid packet re-encodes to
// the bytes it came from; a signed response verifies and is accepted by
// the client; every answer of the server verifies against its request.
#include "fuzz-util.h"

#include "ns3/ipvpn-message-summary.h"
#include "ns3/radius-authenticator.h"
#include "ns3/radius-client-engine.h"
#include "ns3/radius-server-engine.h"

#include <algorithm>

using namespace ns3;
using namespace ns3::radius;

namespace
{

constexpr char kSecret[] = "testing123";
const Ipv4Address kClient("10.0.0.1");
const Ipv4Address kServer("10.0.0.2");

/// The server's answer must verify against the request (RFC 2865 section 3).
void
CheckReply(const ServerReply& reply, const PacketHeader& request)
{
    if (reply.disposition == Disposition::DROPPED)
    {
        FUZZ_CHECK(reply.bytes.empty());
        return;
    }
    const PacketHeader response = PacketHeader::FromBytes(reply.bytes);
    FUZZ_CHECK(response.IsValid());
    FUZZ_CHECK(response.GetCode() == ACCESS_ACCEPT || response.GetCode() == ACCESS_REJECT);
    FUZZ_CHECK(response.GetCode() == reply.code);
    FUZZ_CHECK(response.GetIdentifier() == request.GetIdentifier());
    FUZZ_CHECK(VerifyResponseAuthenticator(response, request.GetAuthenticator(), kSecret));
    if (response.FindAttribute(MESSAGE_AUTHENTICATOR) != nullptr)
    {
        FUZZ_CHECK(VerifyMessageAuthenticator(response, request.GetAuthenticator(), kSecret));
    }
}

void
AsRequest(const std::vector<uint8_t>& bytes, const PacketHeader& packet)
{
    ServerEngine server;
    server.AddClient(kClient, kSecret);
    server.AddUser("alice", "hello");
    const ServerReply first = server.HandleRequest(kClient, 4000, bytes, Seconds(1));
    CheckReply(first, packet);
    // A retransmission gets the cached answer (RFC 5080 section 2.2.2).
    const ServerReply second = server.HandleRequest(kClient, 4000, bytes, Seconds(2));
    CheckReply(second, packet);
    if (first.disposition == Disposition::ANSWERED)
    {
        FUZZ_CHECK(second.disposition == Disposition::ANSWERED_FROM_CACHE);
        FUZZ_CHECK(second.bytes == first.bytes);
    }
    server.HandleRequest(Ipv4Address("10.9.9.9"), 4000, bytes, Seconds(3));

    if (!packet.IsValid())
    {
        return;
    }
    // The same request with a User-Password hidden for "alice" and a
    // correct Message-Authenticator: past the checks to the decision.
    PacketHeader fixed = packet;
    if (radius::Attribute* password = fixed.FindAttribute(USER_PASSWORD))
    {
        password->SetValue(HidePassword("hello", kSecret, fixed.GetAuthenticator()));
    }
    if (fixed.FindAttribute(MESSAGE_AUTHENTICATOR) != nullptr)
    {
        SetMessageAuthenticator(fixed, fixed.GetAuthenticator(), kSecret);
    }
    ServerEngine server2;
    server2.AddClient(kClient, kSecret);
    server2.AddUser("alice", "hello");
    CheckReply(server2.HandleRequest(kClient, 4000, fixed.ToBytes(), Seconds(1)), fixed);
}

void
AsResponse(const std::vector<uint8_t>& bytes, const PacketHeader& packet)
{
    ClientConfig config;
    config.nasAddress = kClient;
    config.messageAuthenticator = true;
    ServerEntry entry;
    entry.address = kServer;
    entry.secret = kSecret;
    ClientEngine client(config, {entry});
    Authenticator requestAuthenticator{};
    requestAuthenticator.fill(0x42);
    uint64_t handle = 0;
    const ClientActions start =
        client.StartRequest("alice", "hello", requestAuthenticator, Seconds(1), handle);
    FUZZ_CHECK(start.send.size() == 1);
    const uint8_t identifier = start.send.front().identifier;
    client.ReceiveResponse(0, bytes, Seconds(1.5));

    if (!packet.IsValid())
    {
        return;
    }
    PacketHeader signed_ = packet;
    signed_.SetIdentifier(identifier);
    SignResponse(signed_, requestAuthenticator, kSecret);
    const std::vector<uint8_t> wire = signed_.ToBytes();
    const PacketHeader reread = PacketHeader::FromBytes(wire);
    FUZZ_CHECK(reread.IsValid());
    FUZZ_CHECK(VerifyResponseAuthenticator(reread, requestAuthenticator, kSecret));
    const bool oneMessageAuthenticator = reread.CountAttributes(MESSAGE_AUTHENTICATOR) <= 1;
    const ClientActions got = client.ReceiveResponse(0, wire, Seconds(2));
    const uint8_t code = reread.GetCode();
    if (client.GetOutstandingCount() == 1 && oneMessageAuthenticator &&
        (code == ACCESS_ACCEPT || code == ACCESS_REJECT || code == ACCESS_CHALLENGE))
    {
        // Matched and authentic: the request ends with that outcome.
        FUZZ_CHECK(got.results.size() == 1);
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::vector<uint8_t> bytes(data, data + size);
    const PacketHeader packet = PacketHeader::FromBytes(bytes);
    fuzz::Printed(packet);
    if (packet.IsValid())
    {
        // RFC 2865 section 3: octets past Length are padding, ignored.
        FUZZ_CHECK(packet.GetLength() <= size);
        const std::vector<uint8_t> wire = packet.ToBytes();
        FUZZ_CHECK(wire.size() == packet.GetLength());
        FUZZ_CHECK(std::equal(wire.begin(), wire.end(), bytes.begin()));
        FUZZ_CHECK(PacketHeader::FromBytes(wire) == packet);
        for (const radius::Attribute& attribute : packet.GetAttributes())
        {
            uint32_t value = 0;
            Ipv4Address address;
            attribute.GetString();
            attribute.GetUint32(value);
            attribute.GetAddress(address);
            AttributeTypeName(attribute.GetType());
            fuzz::Printed(attribute);
        }
        if (const radius::Attribute* password = packet.FindAttribute(USER_PASSWORD))
        {
            std::string recovered;
            RecoverPassword(password->GetValue(), kSecret, packet.GetAuthenticator(), recovered);
            // Section 5.2 round trip with a password taken from the packet.
            std::string text;
            for (uint8_t b : password->GetValue())
            {
                text += static_cast<char>(b == 0 ? 'x' : b);
            }
            text.resize(std::min<size_t>(text.size(), MAX_PASSWORD_LENGTH));
            const auto hidden = HidePassword(text, kSecret, packet.GetAuthenticator());
            FUZZ_CHECK(RecoverPassword(hidden, kSecret, packet.GetAuthenticator(), recovered));
            FUZZ_CHECK(recovered == text);
        }
    }
    AsRequest(bytes, packet);
    AsResponse(bytes, packet);
    fuzz::CheckLine(decode::SummarizeRadius(bytes));
    return 0;
}
