// SPDX-License-Identifier: GPL-2.0-only
//
// OSPFv2 packet checksum and authentication (RFC 2328 D.4). The Hello of
// frame 1 of packetnet/ospfv2.pcap is the packet sealed throughout; the
// expected checksums and MD5 digest were computed apart from the code under
// test (Python: an RFC 1071 sum, hashlib.md5 of the packet and the key).
#include "codec-test-util.h"
#include "corpus-test-util.h"
#include "ospf-test-util.h"

#include "ns3/ipvpn-capture-reader.h"
#include "ns3/ipvpn-md5.h"
#include "ns3/ospf-authentication.h"
#include "ns3/ospf-packet-header.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;
using ns3::codectest::FromHex;
using ns3::codectest::ToHex;

namespace
{

/// Frame 1 of packetnet/ospfv2.pcap, a Hello of 44 octets, AuType 0 and
/// checksum 0x273b (tshark).
const std::string HELLO_HEADER_START = "0201002c c0a8aa08 00000001";
const std::string HELLO_BODY = "ffffff00 000a 02 01 00000028 c0a8aa08 00000000";

std::vector<uint8_t>
Hello(const std::string& checksumAuType, const std::string& authentication)
{
    return FromHex(HELLO_HEADER_START + checksumAuType + authentication + HELLO_BODY);
}

} // namespace

TEST_CASE("Null authentication: the IP checksum without the Authentication field", "[ospf]")
{
    const std::vector<uint8_t> captured = Hello("273b 0000", "0000000000000000");
    CHECK(IsPacketChecksumValid(captured.data(), captured.size()));
    CHECK(ComputePacketChecksum(captured.data(), captured.size()) == 0x273b);

    Authenticator null;
    CHECK(null.GetAuType() == AUTYPE_NULL);
    // Sealing the packet with its checksum cleared gives the captured octets.
    CHECK(null.Seal(Hello("0000 0000", "0000000000000000")) == captured);
    CHECK(null.Verify(captured.data(), captured.size()).result == AuthResult::OK);

    // D.4.1: the Authentication field is left out of the checksum.
    std::vector<uint8_t> other = captured;
    other[20] = 0x55;
    CHECK(null.Verify(other.data(), other.size()).result == AuthResult::OK);
    // Any other octet is covered.
    for (size_t at : {0u, 5u, 13u, 24u, 43u})
    {
        INFO("octet " << at);
        std::vector<uint8_t> bad = captured;
        bad[at] ^= 0x10;
        CHECK(null.Verify(bad.data(), bad.size()).result == AuthResult::BAD_CHECKSUM);
    }
    std::vector<uint8_t> auType = captured;
    auType[15] = AUTYPE_SIMPLE;
    CHECK(null.Verify(auType.data(), auType.size()).result == AuthResult::WRONG_AU_TYPE);
    // Octets after the packet length are not part of the packet.
    std::vector<uint8_t> trailer = captured;
    trailer.insert(trailer.end(), {0xde, 0xad, 0xbe, 0xef});
    CHECK(null.Verify(trailer.data(), trailer.size()).result == AuthResult::OK);
    // An odd packet length: the last octet is padded with zero (RFC 1071).
    std::vector<uint8_t> odd = FromHex("0201 0019 01020304 00000000 0000 0000 0000000000000000 ab");
    const uint16_t c = ComputePacketChecksum(odd.data(), odd.size());
    // Independent sum: 0x0201+0x0019+0x0102+0x0304+0xab00 = 0xb120, complement 0x4edf.
    CHECK(c == 0x4edf);
    odd[12] = c >> 8;
    odd[13] = c & 0xff;
    CHECK(IsPacketChecksumValid(odd.data(), odd.size()));
}

TEST_CASE("Simple password authentication (D.4.2)", "[ospf]")
{
    Authenticator simple;
    simple.SetSimplePassword("secret");
    CHECK(simple.GetAuType() == AUTYPE_SIMPLE);
    // AuType 1, the password zero-padded to 64 bits, checksum 0x273a
    // (computed apart, over the packet without the password).
    const std::vector<uint8_t> expected = Hello("273a 0001", "7365637265740000");
    const std::vector<uint8_t> sealed = simple.Seal(Hello("0000 0000", "0000000000000000"));
    CHECK(ToHex(sealed) == ToHex(expected));
    CHECK(simple.Verify(sealed.data(), sealed.size()).result == AuthResult::OK);

    Authenticator wrong;
    wrong.SetSimplePassword("secreT");
    CHECK(wrong.Verify(sealed.data(), sealed.size()).result == AuthResult::BAD_PASSWORD);
    CHECK(Authenticator().Verify(sealed.data(), sealed.size()).result == AuthResult::WRONG_AU_TYPE);
    std::vector<uint8_t> bad = sealed;
    bad[30] ^= 1;
    CHECK(simple.Verify(bad.data(), bad.size()).result == AuthResult::BAD_CHECKSUM);
    // A password of all 8 octets.
    Authenticator full;
    full.SetSimplePassword("12345678");
    const std::vector<uint8_t> eight = full.Seal(Hello("0000 0000", "0000000000000000"));
    CHECK(std::string(eight.begin() + 16, eight.begin() + 24) == "12345678");
    CHECK(full.Verify(eight.data(), eight.size()).result == AuthResult::OK);
    CHECK(simple.Verify(eight.data(), eight.size()).result == AuthResult::BAD_PASSWORD);
}

TEST_CASE("Cryptographic authentication: keyed MD5 after the packet (D.4.3)", "[ospf]")
{
    Authenticator md5;
    md5.AddKey(7, "ipvpn-ospf-key");
    md5.SetCryptographic(7);
    CHECK(md5.GetAuType() == AUTYPE_CRYPTOGRAPHIC);
    CHECK(md5.GetSendKeyId() == 7);
    const std::vector<uint8_t> sealed = md5.Seal(Hello("273b 0000", "0000000000000000"), 100);
    // Checksum 0, AuType 2; the field: 0, Key ID 7, Auth Data Len 16,
    // sequence 100; Packet length still 44; then the digest of the packet
    // and the key zero-padded to 16 octets (hashlib.md5, computed apart).
    const std::vector<uint8_t> packet = Hello("0000 0002", "0000 07 10 00000064");
    REQUIRE(sealed.size() == 44 + 16);
    CHECK(ToHex(std::vector<uint8_t>(sealed.begin(), sealed.begin() + 44)) == ToHex(packet));
    CHECK(ToHex(std::vector<uint8_t>(sealed.begin() + 44, sealed.end())) ==
          "fb3e671f1fb30cc7ad7c01931f8129d8");
    // The same digest by the module's MD5 over packet || key.
    std::vector<uint8_t> input = packet;
    const std::string key = "ipvpn-ospf-key";
    input.insert(input.end(), key.begin(), key.end());
    input.insert(input.end(), 2, 0);
    const Md5Digest digest = Md5(input);
    CHECK(std::equal(digest.begin(), digest.end(), sealed.begin() + 44));

    AuthCheck ok = md5.Verify(sealed.data(), sealed.size());
    CHECK(ok.result == AuthResult::OK);
    CHECK(ok.keyId == 7);
    CHECK(ok.sequence == 100);
    CHECK(ok.packetLength == 44);
    // Non-decreasing: the same number again is accepted, a lower one not.
    CHECK(md5.Verify(sealed.data(), sealed.size(), 99).result == AuthResult::OK);
    CHECK(md5.Verify(sealed.data(), sealed.size(), 100).result == AuthResult::OK);
    CHECK(md5.Verify(sealed.data(), sealed.size(), 101).result == AuthResult::SEQUENCE_DECREASED);
    // Octets after the digest (an LLS block, RFC 5613) are not read.
    std::vector<uint8_t> lls = sealed;
    lls.insert(lls.end(), {0xff, 0xf6, 0x00, 0x03});
    CHECK(md5.Verify(lls.data(), lls.size()).result == AuthResult::OK);

    SECTION("unknown key, wrong key, altered packet or digest")
    {
        Authenticator other;
        other.AddKey(8, "ipvpn-ospf-key");
        other.SetCryptographic(8);
        CHECK(other.Verify(sealed.data(), sealed.size()).result == AuthResult::UNKNOWN_KEY_ID);
        other.AddKey(7, "ipvpn-ospf-kez");
        CHECK(other.Verify(sealed.data(), sealed.size()).result == AuthResult::BAD_DIGEST);
        for (size_t at : {0u, 12u, 19u, 23u, 30u, 43u, 44u, 59u})
        {
            INFO("octet " << at);
            std::vector<uint8_t> bad = sealed;
            bad[at] ^= 0x01;
            CHECK(md5.Verify(bad.data(), bad.size()).result != AuthResult::OK);
        }
        std::vector<uint8_t> len = sealed;
        len[19] = 20; // Auth Data Len must be 16
        CHECK(md5.Verify(len.data(), len.size()).result == AuthResult::BAD_DIGEST);
        // A forged packet with a low sequence number fails on its digest.
        std::vector<uint8_t> forged = sealed;
        forged[23] = 1;
        CHECK(md5.Verify(forged.data(), forged.size(), 100).result == AuthResult::BAD_DIGEST);
        // A removed key is no longer accepted.
        md5.RemoveKey(7);
        CHECK(md5.Verify(sealed.data(), sealed.size()).result == AuthResult::UNKNOWN_KEY_ID);
    }
    SECTION("the digest missing or cut")
    {
        CHECK(md5.Verify(sealed.data(), 44).result == AuthResult::MALFORMED);
        CHECK(md5.Verify(sealed.data(), 59).result == AuthResult::MALFORMED);
    }
    SECTION("other AuTypes")
    {
        CHECK(Authenticator().Verify(sealed.data(), sealed.size()).result ==
              AuthResult::WRONG_AU_TYPE);
        const std::vector<uint8_t> plain = Hello("273b 0000", "0000000000000000");
        CHECK(md5.Verify(plain.data(), plain.size()).result == AuthResult::WRONG_AU_TYPE);
    }
}

TEST_CASE("Keyed MD5 seals a captured packet into its captured layout", "[ospf]")
{
    // tcpdump/OSPFv2_Capture_FINAL.pcapng, frame 1: a Hello of 52 octets
    // under AuType 2, Key ID 1, sequence 1518551314 (tshark); the key is
    // not known, so only the packet part can be compared.
    auto cap = decode::ReadCapture(corpus::File("tcpdump/OSPFv2_Capture_FINAL.pcapng"));
    REQUIRE(cap.ok);
    const std::vector<uint8_t> bytes = ospftest::OspfBytes(cap, 1);
    REQUIRE(bytes.size() >= 52 + 16);
    Authenticator md5;
    md5.AddKey(1, "any");
    md5.SetCryptographic(1);
    std::vector<uint8_t> packet(bytes.begin(), bytes.begin() + 52);
    std::vector<uint8_t> cleared = packet;
    std::fill(cleared.begin() + 12, cleared.begin() + 24, 0xaa); // checksum, AuType, field
    const std::vector<uint8_t> sealed = md5.Seal(cleared, 1518551314u);
    REQUIRE(sealed.size() == 52 + 16);
    CHECK(std::vector<uint8_t>(sealed.begin(), sealed.begin() + 52) == packet);
    CHECK(md5.Verify(sealed.data(), sealed.size()).result == AuthResult::OK);
    // The captured digest was made with another key.
    CHECK(md5.Verify(bytes.data(), bytes.size()).result == AuthResult::BAD_DIGEST);
}

TEST_CASE("Verify flags packets shorter than their header or their length field", "[ospf]")
{
    const std::vector<uint8_t> hello = Hello("273b 0000", "0000000000000000");
    Authenticator null;
    CHECK(null.Verify(nullptr, 0).result == AuthResult::MALFORMED);
    CHECK(null.Verify(hello.data(), 23).result == AuthResult::MALFORMED);
    CHECK(null.Verify(hello.data(), 43).result == AuthResult::MALFORMED); // length says 44
    std::vector<uint8_t> small = hello;
    small[3] = 23; // Packet length below the header
    CHECK(null.Verify(small.data(), small.size()).result == AuthResult::MALFORMED);
    CHECK(std::string(AuthResultName(AuthResult::SEQUENCE_DECREASED)) == "sequence-decreased");
}
