// SPDX-License-Identifier: GPL-2.0-only
#include "codec-test-util.h"

#include "ns3/ipvpn-md5.h"

#include <catch2/catch.hpp>

using namespace ns3;
using ns3::codectest::Bytes;
using ns3::codectest::FromHex;
using ns3::codectest::ToHex;

TEST_CASE("MD5 matches the RFC 1321 test suite (appendix A.5)", "[md5]")
{
    CHECK(ToHex(Md5(std::string(""))) == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(ToHex(Md5(std::string("a"))) == "0cc175b9c0f1b6a831c399e269772661");
    CHECK(ToHex(Md5(std::string("abc"))) == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(ToHex(Md5(std::string("message digest"))) == "f96b697d7cb7938d525a2f31aaf161d0");
    CHECK(ToHex(Md5(std::string("abcdefghijklmnopqrstuvwxyz"))) ==
          "c3fcd3d76192e4007dfb496cca67e13b");
    CHECK(
        ToHex(Md5(std::string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"))) ==
        "d174ab98d277d9f5a5611c2c9f419d9f");
    std::string digits;
    for (int i = 0; i < 8; ++i)
    {
        digits += "1234567890";
    }
    CHECK(ToHex(Md5(digits)) == "57edf4a22be3c955ac49da2e2107b67a");
}

TEST_CASE("MD5 overloads agree", "[md5]")
{
    const std::vector<uint8_t> abc = Bytes("abc");
    CHECK(Md5(abc) == Md5(std::string("abc")));
    CHECK(Md5(abc.data(), abc.size()) == Md5(abc));
    CHECK(Md5(nullptr, 0) == Md5(std::vector<uint8_t>{}));
    // Md5Concat hashes the concatenation of its parts.
    const std::array<uint8_t, 2> de = {'d', 'e'};
    CHECK(Md5Concat(
              {std::string("message"), Md5Input(nullptr, 0), Bytes(" "), de, std::string("st")}) ==
          Md5(std::string("message dest")));
    CHECK(ToHex(Md5Concat({std::string("message "), std::string("digest")})) ==
          "f96b697d7cb7938d525a2f31aaf161d0");
    CHECK(Md5Concat({}) == Md5(std::string("")));
}

TEST_CASE("HMAC-MD5 matches the RFC 2104 test vectors", "[md5]")
{
    // RFC 2104 section "Test Vectors", cases 1-3.
    CHECK(ToHex(HmacMd5(std::vector<uint8_t>(16, 0x0b), Bytes("Hi There"))) ==
          "9294727a3638bb1c13f48ef8158bfc9d");
    CHECK(ToHex(HmacMd5(Bytes("Jefe"), Bytes("what do ya want for nothing?"))) ==
          "750c783e6ab0b503eaa86e310a5db738");
    CHECK(ToHex(HmacMd5(std::vector<uint8_t>(16, 0xaa), std::vector<uint8_t>(50, 0xdd))) ==
          "56be34521d144c88dbb8c733f0e8b3f6");
}

TEST_CASE("HMAC-MD5 hashes keys longer than one block first (RFC 2202 case 6)", "[md5]")
{
    CHECK(ToHex(HmacMd5(std::vector<uint8_t>(80, 0xaa),
                        Bytes("Test Using Larger Than Block-Size Key - Hash Key First"))) ==
          "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd");
}
