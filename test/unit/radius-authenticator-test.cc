// SPDX-License-Identifier: GPL-2.0-only
// RADIUS User-Password hiding, Response Authenticator and
// Message-Authenticator against RFC 2865 section 7 and a real capture.
#include "codec-test-util.h"

#include "ns3/radius-authenticator.h"
#include "ns3/radius-packet-header.h"

#include <catch2/catch.hpp>

using namespace ns3;
using namespace ns3::radius;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;
using ns3::codectest::ToHex;

namespace
{

// RFC 2865 section 7.1 and 7.2, shared secret "xyzzy5461".
const std::string RFC2865_SECRET = "xyzzy5461";
const char* RFC2865_71_REQUEST = "01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb"
                                 "98 f4 22 7a 01 06 6e 65 6d 6f 02 12 0d be 70 8d"
                                 "93 d4 13 ce 31 96 e4 3f 78 2a 0a ee 04 06 c0 a8"
                                 "01 10 05 06 00 00 00 03";
const char* RFC2865_71_ACCEPT = "02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf"
                                "9b 55 e0 b2 06 06 00 00 00 01 0f 06 00 00 00 00"
                                "0e 06 c0 a8 01 03";
const char* RFC2865_72_REQUEST = "01 01 00 47 2a ee 86 f0 8d 0d 55 96 9c a5 97 8e"
                                 "0d 33 67 a2 01 08 66 6c 6f 70 73 79 03 13 16 e9"
                                 "75 57 c3 16 18 58 95 f2 93 ff 63 44 07 72 75 04"
                                 "06 c0 a8 01 10 05 06 00 00 00 14 06 06 00 00 00"
                                 "02 07 06 00 00 00 01";
const char* RFC2865_72_ACCEPT = "02 01 00 38 15 ef bc 7d ab 26 cf a3 dc 34 d9 c0"
                                "3c 86 01 a4 06 06 00 00 00 02 07 06 00 00 00 01"
                                "08 06 ff ff ff fe 0a 06 00 00 00 02 0d 06 00 00"
                                "00 01 0c 06 00 00 05 dc";

// /work/shared/corpus/pcap/tcpdump/RADIUS-RFC4675.pcap, secret "testing123";
// RADIUS UDP payloads from `tshark -T fields -e udp.payload`, frames 1-6
// (request, accept) x 3.
const std::string RFC4675_SECRET = "testing123";
const char* RFC4675_FRAME[6] = {
    "01460050f44757bc498c3393763a27d0b2393702010c626f622d7461676765640212a30e22b0369e89f89e"
    "b6e0612c2c3c2304067f0000010506000000015012ffb19e8ea9620aec372d7fa3b2c76287",
    "02460035766a0314eaf4b95f1ec271ae19cb3bdc38063100007b3906000000013a0b31766c616e6e616d65"
    "3b0a6162636461626364",
    "01b5005211851d8b1b483f54a864b703ea21f4dc010e626f622d756e7461676765640212f969a007453d0f"
    "91bb586e8ed679bf4604067f0000010506000000015012af8f6f9bd87d66d1c364ad3bfe9e525b",
    "02b5002be223a663823b20ccc18bcf90c3ecbe2738063200007b3906000000023a0b32766c616e6e616d65",
    "015a00518dd685f50f837e8ad29e9cc095261172010d626f622d696e76616c696402125a72c916f6f49bbe"
    "89ce236e0a5969fe04067f0000010506000000015012c39fb2d328b7a55e41cc66bf89f1acd5",
    "025a002bfbaa7d05d009953514d00697da4d1dfc38063300007b3906000000033a0b33766c616e6e616d65",
};

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
    rebuilt.AddAttribute(RadiusAttribute::FromUint32(SERVICE_TYPE, 1));
    rebuilt.AddAttribute(RadiusAttribute::FromUint32(LOGIN_SERVICE, 0));
    rebuilt.AddAttribute(RadiusAttribute::FromAddress(LOGIN_IP_HOST, Ipv4Address("192.168.1.3")));
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
    reply.AddAttribute(RadiusAttribute::FromString(REPLY_MESSAGE, "no"));
    reply.AddAttribute(RadiusAttribute(MESSAGE_AUTHENTICATOR, std::vector<uint8_t>(16, 0)));
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
    added.AddAttribute(RadiusAttribute::FromString(USER_NAME, "u"));
    SetMessageAuthenticator(added, added.GetAuthenticator(), RFC4675_SECRET);
    CHECK(added.CountAttributes(MESSAGE_AUTHENTICATOR) == 1);
    CHECK(VerifyMessageAuthenticator(added, added.GetAuthenticator(), RFC4675_SECRET));
}
