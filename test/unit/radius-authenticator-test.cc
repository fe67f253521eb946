// SPDX-License-Identifier: GPL-2.0-only
// RADIUS User-Password hiding, Response Authenticator and
// Message-Authenticator against RFC 2865 section 7 and a real capture.
#include "codec-test-util.h"

#include "ns3/radius-authenticator.h"
#include "ns3/radius-packet-header.h"

#include "radius-test-vectors.h"

#include <catch2/catch.hpp>

using namespace ns3;
using namespace ns3::radius;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;
using ns3::codectest::ToHex;

namespace
{

using namespace radiustest;


PacketHeader
Parse(const char* hex)
{
    PacketHeader packet;
    Decode(packet, FromHex(hex));
    REQUIRE(packet.IsValid());
    return packet;
}

} // namespace

TEST_CASE("RFC 2865 7.1: User-Password hides and recovers 'arctangent'", "[radius]")
{
    const PacketHeader request = Parse(RFC2865_71_REQUEST);
    const std::vector<uint8_t>& hidden = request.FindAttribute(USER_PASSWORD)->GetValue();
    std::string password;
    REQUIRE(RecoverPassword(hidden, RFC2865_SECRET, request.GetAuthenticator(), password));
    CHECK(password == "arctangent");
    CHECK(HidePassword("arctangent", RFC2865_SECRET, request.GetAuthenticator()) == hidden);
    // A wrong secret yields garbage, not the password.
    REQUIRE(RecoverPassword(hidden, "xyzzy5462", request.GetAuthenticator(), password));
    CHECK(password != "arctangent");
}

TEST_CASE("RFC 2865 7.1 and 7.2: Response Authenticators verify", "[radius]")
{
    const PacketHeader request1 = Parse(RFC2865_71_REQUEST);
    const PacketHeader accept1 = Parse(RFC2865_71_ACCEPT);
    CHECK(
        ToHex(ComputeResponseAuthenticator(accept1, request1.GetAuthenticator(), RFC2865_SECRET)) ==
        "86fe220e7624ba2a1005f6bf9b55e0b2");
    CHECK(VerifyResponseAuthenticator(accept1, request1.GetAuthenticator(), RFC2865_SECRET));
    CHECK_FALSE(VerifyResponseAuthenticator(accept1, request1.GetAuthenticator(), "wrong"));

    const PacketHeader request2 = Parse(RFC2865_72_REQUEST);
    const PacketHeader accept2 = Parse(RFC2865_72_ACCEPT);
    CHECK(VerifyResponseAuthenticator(accept2, request2.GetAuthenticator(), RFC2865_SECRET));
    // Bound to its request: the other exchange's authenticator fails.
    CHECK_FALSE(VerifyResponseAuthenticator(accept2, request1.GetAuthenticator(), RFC2865_SECRET));

    // Rebuilding the 7.1 Access-Accept from scratch gives the RFC's bytes.
    PacketHeader rebuilt(ACCESS_ACCEPT, 0);
    rebuilt.AddAttribute(radius::Attribute::FromUint32(SERVICE_TYPE, 1));
    rebuilt.AddAttribute(radius::Attribute::FromUint32(LOGIN_SERVICE, 0));
    rebuilt.AddAttribute(radius::Attribute::FromAddress(LOGIN_IP_HOST, Ipv4Address("192.168.1.3")));
    SignResponse(rebuilt, request1.GetAuthenticator(), RFC2865_SECRET);
    CHECK(Encode(rebuilt) == FromHex(RFC2865_71_ACCEPT));
}

TEST_CASE("RADIUS-RFC4675.pcap: authenticators and User-Password with testing123", "[radius]")
{
    for (int pair = 0; pair < 3; ++pair)
    {
        INFO("frames " << 2 * pair + 1 << " and " << 2 * pair + 2);
        const PacketHeader request = Parse(RFC4675_FRAME[2 * pair]);
        const PacketHeader accept = Parse(RFC4675_FRAME[2 * pair + 1]);
        CHECK(request.GetIdentifier() == accept.GetIdentifier());

        CHECK(VerifyResponseAuthenticator(accept, request.GetAuthenticator(), RFC4675_SECRET));
        CHECK_FALSE(VerifyResponseAuthenticator(accept, request.GetAuthenticator(), "testing124"));

        std::string password;
        const std::vector<uint8_t>& hidden = request.FindAttribute(USER_PASSWORD)->GetValue();
        REQUIRE(RecoverPassword(hidden, RFC4675_SECRET, request.GetAuthenticator(), password));
        CHECK(password == "hello");
        CHECK(HidePassword("hello", RFC4675_SECRET, request.GetAuthenticator()) == hidden);

        // RFC 3579 3.2 over an Access-Request: keyed with its own authenticator.
        CHECK(VerifyMessageAuthenticator(request, request.GetAuthenticator(), RFC4675_SECRET));
        CHECK_FALSE(VerifyMessageAuthenticator(request, request.GetAuthenticator(), "x"));
        PacketHeader resigned = request;
        resigned.FindAttribute(MESSAGE_AUTHENTICATOR)->SetValue(std::vector<uint8_t>(16, 0));
        SetMessageAuthenticator(resigned, request.GetAuthenticator(), RFC4675_SECRET);
        CHECK(resigned == request);
    }
}

TEST_CASE("User-Password hiding: lengths and padding", "[radius]")
{
    Authenticator ra;
    for (size_t k = 0; k < ra.size(); ++k)
    {
        ra[k] = static_cast<uint8_t>(0xa0 + k);
    }
    for (size_t length : {0, 1, 15, 16, 17, 31, 32, 100, 128})
    {
        INFO("password of " << length << " octets");
        std::string password(length, 'p');
        for (size_t k = 0; k < length; ++k)
        {
            password[k] = static_cast<char>('!' + k % 90);
        }
        const std::vector<uint8_t> hidden = HidePassword(password, "s3cret", ra);
        CHECK(hidden.size() == std::max<size_t>(16, (length + 15) / 16 * 16));
        std::string back;
        REQUIRE(RecoverPassword(hidden, "s3cret", ra, back));
        CHECK(back == password);
    }
    // Over 128 octets is cut to 128 (RFC 2865 5.2 limit).
    CHECK(HidePassword(std::string(200, 'x'), "s3cret", ra).size() == 128);
    std::string unused = "unchanged";
    for (size_t bad : {0, 15, 17, 144})
    {
        CHECK_FALSE(RecoverPassword(std::vector<uint8_t>(bad, 1), "s3cret", ra, unused));
    }
    CHECK(unused == "unchanged");
}

TEST_CASE("Responses signed with SignResponse verify; tampering is detected", "[radius]")
{
    const PacketHeader request = Parse(RFC4675_FRAME[0]);
    PacketHeader reply(ACCESS_REJECT, request.GetIdentifier());
    reply.AddAttribute(radius::Attribute::FromString(REPLY_MESSAGE, "no"));
    reply.AddAttribute(radius::Attribute(MESSAGE_AUTHENTICATOR, std::vector<uint8_t>(16, 0)));
    SignResponse(reply, request.GetAuthenticator(), RFC4675_SECRET);
    CHECK(VerifyMessageAuthenticator(reply, request.GetAuthenticator(), RFC4675_SECRET));
    CHECK(VerifyResponseAuthenticator(reply, request.GetAuthenticator(), RFC4675_SECRET));

    // Survives the wire.
    PacketHeader received;
    Decode(received, Encode(reply));
    CHECK(VerifyMessageAuthenticator(received, request.GetAuthenticator(), RFC4675_SECRET));
    CHECK(VerifyResponseAuthenticator(received, request.GetAuthenticator(), RFC4675_SECRET));

    PacketHeader tampered = received;
    tampered.FindAttribute(REPLY_MESSAGE)->SetValue({'o', 'k'});
    CHECK_FALSE(VerifyMessageAuthenticator(tampered, request.GetAuthenticator(), RFC4675_SECRET));
    CHECK_FALSE(VerifyResponseAuthenticator(tampered, request.GetAuthenticator(), RFC4675_SECRET));

    // Missing or duplicated Message-Authenticator is refused.
    PacketHeader none(ACCESS_ACCEPT, 1);
    CHECK_FALSE(VerifyMessageAuthenticator(none, request.GetAuthenticator(), RFC4675_SECRET));
    PacketHeader twice = received;
    twice.AddAttribute(*received.FindAttribute(MESSAGE_AUTHENTICATOR));
    CHECK_FALSE(VerifyMessageAuthenticator(twice, request.GetAuthenticator(), RFC4675_SECRET));

    // SetMessageAuthenticator adds the attribute when it is absent.
    PacketHeader added(ACCESS_REQUEST, 9);
    added.AddAttribute(radius::Attribute::FromString(USER_NAME, "u"));
    SetMessageAuthenticator(added, added.GetAuthenticator(), RFC4675_SECRET);
    CHECK(added.CountAttributes(MESSAGE_AUTHENTICATOR) == 1);
    CHECK(VerifyMessageAuthenticator(added, added.GetAuthenticator(), RFC4675_SECRET));
}
