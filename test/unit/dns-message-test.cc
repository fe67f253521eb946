// SPDX-License-Identifier: GPL-2.0-only
//
// dns::Message and dns::Name (RFC 1035 section 4): messages laid out by hand
// from the formats of 4.1.1-4.1.4, field by field; compression pointers at
// offsets counted by hand (the layout of 4.1.4's example); round trips; every
// decoding error on a minimal input and every cut of a valid message; UDP
// truncation (4.2.1) and TCP framing (4.2.2); an RFC 2136 UPDATE. The real
// captures are in dns-capture-test.cc.
#include "codec-test-util.h"

#include "ns3/dns-message.h"
#include "ns3/dns-name.h"
#include "ns3/ipv4-address.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::dns;
using ns3::codectest::FromHex;

namespace
{

Name
N(const std::string& text)
{
    const std::optional<Name> name = Name::Parse(text);
    REQUIRE(name.has_value());
    return *name;
}

DecodeError
DecodeHex(const std::string& hex, Message& message)
{
    return Message::Decode(FromHex(hex), message);
}

DecodeError
DecodeHex(const std::string& hex)
{
    Message message;
    return DecodeHex(hex, message);
}

/// A header with the given counts, ID 0x0001 and flags 0 (a query).
std::string
HeaderHex(int qd, int an = 0, int ns = 0, int ar = 0)
{
    char text[64];
    std::snprintf(text, sizeof(text), "0001 0000 %04x %04x %04x %04x", qd, an, ns, ar);
    return text;
}

// A standard query for www.example.com A IN, from 4.1.1 and 4.1.2.
const std::string queryHex = "abcd"                // ID
                             "0100"                // QR 0, Opcode 0, RD 1
                             "0001 0000 0000 0000" // QDCOUNT 1
                             "03 777777"           // "www"
                             "07 6578616d706c65"   // "example"
                             "03 636f6d 00"        // "com", root
                             "0001"                // QTYPE A
                             "0001";               // QCLASS IN

// 4.1.4's example placed in a message: F.ISI.ARPA at offset 12 (the
// question), FOO.F.ISI.ARPA as a label and a pointer to 12, ARPA as a
// pointer to offset 18, the root as one zero octet.
const std::string compressedHex =
    "0001 8400"                        // ID 1; QR 1, AA 1
    "0001 0002 0000 0001"              // 1 question, 2 answers, 1 additional
    "01 46 03 495349 04 41525041 00"   // 12: F(12) ISI(14) ARPA(18) root(23)
    "0001 0001"                        // 24: QTYPE A, QCLASS IN
    "03 464f4f c00c"                   // 28: FOO, pointer to 12
    "0001 0001 00000e10 0004 0a000001" // A IN, TTL 3600, 10.0.0.1
    "c012"                             // 48: pointer to 18, ARPA
    "0001 0001 00000e10 0004 0a000002" // A IN, TTL 3600, 10.0.0.2
    "00"                               // 64: root
    "0010 0001 00000000 0003 026869";  // TXT IN, TTL 0, "hi"

Message
CompressedMessage()
{
    Message m;
    m.header.id = 1;
    m.header.qr = true;
    m.header.aa = true;
    m.questions.push_back({N("F.ISI.ARPA"), TYPE_A, CLASS_IN});
    m.answers.push_back(ResourceRecord::MakeA(N("FOO.F.ISI.ARPA"), 3600, Ipv4Address("10.0.0.1")));
    m.answers.push_back(ResourceRecord::MakeA(N("ARPA"), 3600, Ipv4Address("10.0.0.2")));
    ResourceRecord txt;
    txt.name = Name();
    txt.type = TYPE_TXT;
    txt.rclass = CLASS_IN;
    txt.ttl = 0;
    txt.rdata = {0x02, 'h', 'i'};
    m.additionals.push_back(txt);
    return m;
}

} // namespace

TEST_CASE("dns: header fields and a query laid out by hand (4.1.1, 4.1.2)", "[dns]")
{
    Message m;
    REQUIRE(DecodeHex(queryHex, m) == DecodeError::OK);
    CHECK(m.header.id == 0xabcd);
    CHECK_FALSE(m.header.qr);
    CHECK(m.header.opcode == OPCODE_QUERY);
    CHECK_FALSE(m.header.aa);
    CHECK_FALSE(m.header.tc);
    CHECK(m.header.rd);
    CHECK_FALSE(m.header.ra);
    CHECK(m.header.z == 0);
    CHECK(m.header.rcode == RCODE_NOERROR);
    REQUIRE(m.questions.size() == 1);
    CHECK(m.questions[0].name.ToString() == "www.example.com");
    CHECK(m.questions[0].type == TYPE_A);
    CHECK(m.questions[0].qclass == CLASS_IN);
    CHECK(m.answers.empty());
    CHECK(m.authorities.empty());
    CHECK(m.additionals.empty());
    // No repeated suffix: the encoding is the same octets.
    CHECK(m.Encode() == FromHex(queryHex));
}

TEST_CASE("dns: every flag bit in its place (4.1.1)", "[dns]")
{
    // 0x8583 = 1 0000 1 0 1 1 000 0011: QR, Opcode 0, AA, RD, RA, RCODE 3.
    Message m;
    REQUIRE(DecodeHex("1234 8583 0000 0000 0000 0000", m) == DecodeError::OK);
    CHECK(m.header.qr);
    CHECK(m.header.opcode == 0);
    CHECK(m.header.aa);
    CHECK_FALSE(m.header.tc);
    CHECK(m.header.rd);
    CHECK(m.header.ra);
    CHECK(m.header.z == 0);
    CHECK(m.header.rcode == RCODE_NXDOMAIN);
    CHECK(RcodeName(m.header.rcode) == "NXDomain");

    // 0x7a70 = 0 1111 0 1 0 0 111 0000: Opcode 15, TC, Z 7.
    REQUIRE(DecodeHex("1234 7a70 0000 0000 0000 0000", m) == DecodeError::OK);
    CHECK_FALSE(m.header.qr);
    CHECK(m.header.opcode == 15);
    CHECK_FALSE(m.header.aa);
    CHECK(m.header.tc);
    CHECK_FALSE(m.header.rd);
    CHECK_FALSE(m.header.ra);
    CHECK(m.header.z == 7);
    CHECK(m.header.rcode == 0);

    // Each flag alone, written.
    MessageHeader h;
    CHECK(h.GetFlags() == 0x0000);
    h.qr = true;
    CHECK(h.GetFlags() == 0x8000);
    h = MessageHeader();
    h.opcode = OPCODE_STATUS;
    CHECK(h.GetFlags() == 0x1000);
    h = MessageHeader();
    h.aa = true;
    CHECK(h.GetFlags() == 0x0400);
    h = MessageHeader();
    h.tc = true;
    CHECK(h.GetFlags() == 0x0200);
    h = MessageHeader();
    h.rd = true;
    CHECK(h.GetFlags() == 0x0100);
    h = MessageHeader();
    h.ra = true;
    CHECK(h.GetFlags() == 0x0080);
    h = MessageHeader();
    h.z = 1;
    CHECK(h.GetFlags() == 0x0010);
    h = MessageHeader();
    h.rcode = RCODE_REFUSED;
    CHECK(h.GetFlags() == 0x0005);
}

TEST_CASE("dns: RCODE names (4.1.1)", "[dns]")
{
    CHECK(RcodeName(0) == "NoError");
    CHECK(RcodeName(1) == "FormErr");
    CHECK(RcodeName(2) == "ServFail");
    CHECK(RcodeName(3) == "NXDomain");
    CHECK(RcodeName(4) == "NotImp");
    CHECK(RcodeName(5) == "Refused");
    // RFC 2136 2.2.
    CHECK(RcodeName(6) == "YXDomain");
    CHECK(RcodeName(7) == "YXRRSet");
    CHECK(RcodeName(8) == "NXRRSet");
    CHECK(RcodeName(9) == "NotAuth");
    CHECK(RcodeName(10) == "NotZone");
    CHECK(RcodeName(11) == "Rcode 11");
}

TEST_CASE("dns: a dynamic update adding an A record (RFC 2136 2.2-2.5)", "[dns]")
{
    // Zone section (questions): example.net SOA IN; no prerequisites
    // (answers); update section (authorities): add gw-a.example.net A
    // 168.219.193.7, TTL 300 (2.5.1: CLASS is the zone's).
    const std::string updateHex = "7f01"                           // ID
                                  "2800"                           // QR 0, Opcode 5 (0101), rest 0
                                  "0001 0000 0001 0000"            // ZOCOUNT 1, UPCOUNT 1
                                  "07 6578616d706c65 03 6e6574 00" // 12: example.net
                                  "0006 0001"                      // ZTYPE SOA, ZCLASS IN
                                  "04 67772d61 c00c"               // 29: gw-a + pointer to 12
                                  "0001 0001 0000012c 0004"        // A IN, TTL 300, RDLENGTH 4
                                  "a8dbc107";                      // 168.219.193.7
    Message m;
    REQUIRE(DecodeHex(updateHex, m) == DecodeError::OK);
    CHECK(m.header.opcode == OPCODE_UPDATE);
    CHECK_FALSE(m.header.qr);
    REQUIRE(m.questions.size() == 1);
    CHECK(m.questions[0].name.ToString() == "example.net");
    CHECK(m.questions[0].type == TYPE_SOA);
    REQUIRE(m.authorities.size() == 1);
    CHECK(m.authorities[0].name.ToString() == "gw-a.example.net");
    CHECK(m.authorities[0].ttl == 300);
    CHECK(m.authorities[0].GetAddress() == Ipv4Address("168.219.193.7"));

    Message built;
    built.header.id = 0x7f01;
    built.header.opcode = OPCODE_UPDATE;
    built.questions.push_back({N("example.net"), TYPE_SOA, CLASS_IN});
    built.authorities.push_back(
        ResourceRecord::MakeA(N("gw-a.example.net"), 300, Ipv4Address("168.219.193.7")));
    CHECK(codectest::ToHex(built.Encode()) == codectest::ToHex(FromHex(updateHex)));

    // 2.5.2: "Delete an RRset" is CLASS ANY with no RDATA, legal for type A.
    CHECK(DecodeHex("7f01 2800 0001 0000 0001 0000"
                    "07 6578616d706c65 03 6e6574 00 0006 0001"
                    "04 67772d61 c00c 0001 00ff 00000000 0000") == DecodeError::OK);
}

TEST_CASE("dns: names written with compression at the offsets of 4.1.4", "[dns]")
{
    const Message m = CompressedMessage();
    CHECK(codectest::ToHex(m.Encode()) == codectest::ToHex(FromHex(compressedHex)));
}

TEST_CASE("dns: compressed names read back (4.1.4)", "[dns]")
{
    const std::vector<uint8_t> bytes = FromHex(compressedHex);
    Message m;
    REQUIRE(Message::Decode(bytes, m) == DecodeError::OK);
    CHECK(m == CompressedMessage());
    REQUIRE(m.answers.size() == 2);
    CHECK(m.answers[0].name.ToString() == "FOO.F.ISI.ARPA");
    CHECK(m.answers[0].GetAddress() == Ipv4Address("10.0.0.1"));
    CHECK(m.answers[0].rdataOffset == 44); // 28 + 6 name + 10 fixed
    CHECK(m.answers[1].name.ToString() == "ARPA");
    CHECK(m.answers[1].GetAddress() == Ipv4Address("10.0.0.2"));
    REQUIRE(m.additionals.size() == 1);
    CHECK(m.additionals[0].name.IsRoot());
    CHECK_FALSE(m.additionals[0].GetAddress().has_value());

    // ReadName on its own: where the name ends, not where the pointer leads.
    Name name;
    size_t next = 0;
    REQUIRE(ReadName(bytes.data(), bytes.size(), 28, name, next) == DecodeError::OK);
    CHECK(name == N("foo.f.isi.arpa")); // 2.3.3: case is not significant
    CHECK(name.GetLabels() == std::vector<std::string>{"FOO", "F", "ISI", "ARPA"});
    CHECK(next == 34);
    REQUIRE(ReadName(bytes.data(), bytes.size(), 48, name, next) == DecodeError::OK);
    CHECK(name.GetLabels() == std::vector<std::string>{"ARPA"});
    CHECK(next == 50);
    REQUIRE(ReadName(bytes.data(), bytes.size(), 64, name, next) == DecodeError::OK);
    CHECK(name.IsRoot());
    CHECK(next == 65);
}

TEST_CASE("dns: a chain of pointers and a name met only through pointers", "[dns]")
{
    // Question 1 at 12: "b" then root. Question 2 at 19: "a", pointer to 12.
    // Question 3 at 27: pointer to 19, which leads on to 12.
    const std::string hex = HeaderHex(3) + "01 62 00 0001 0001"   // 12: b.
                                           "01 61 c00c 0001 0001" // 19: a.b.
                                           "c013 0001 0001";      // 27: a.b. again
    Message m;
    REQUIRE(DecodeHex(hex, m) == DecodeError::OK);
    REQUIRE(m.questions.size() == 3);
    CHECK(m.questions[1].name.GetLabels() == std::vector<std::string>{"a", "b"});
    CHECK(m.questions[2].name.GetLabels() == std::vector<std::string>{"a", "b"});
    // The encoder lays these out the same way.
    CHECK(m.Encode() == FromHex(hex));
}

TEST_CASE("dns: the encoder compresses only equal octets and only below 0x4000", "[dns]")
{
    Message m;
    m.header.id = 1;
    m.questions.push_back({N("a.example"), TYPE_A, CLASS_IN});
    m.questions.push_back({N("b.EXAMPLE"), TYPE_A, CLASS_IN});
    // "EXAMPLE" differs in case from "example": written out in full.
    CHECK(codectest::ToHex(m.Encode()) ==
          codectest::ToHex(FromHex(HeaderHex(2) + "01 61 07 6578616d706c65 00 0001 0001"
                                                  "01 62 07 4558414d504c45 00 0001 0001")));

    // A record whose RDATA pushes the next name past offset 0x3fff: that
    // name cannot be a target, so its repetition is written in full.
    Message big;
    ResourceRecord filler;
    filler.name = Name();
    filler.type = TYPE_TXT;
    filler.rdata.assign(0x4000, 0x00);
    big.answers.push_back(filler);
    big.answers.push_back(ResourceRecord::MakeA(N("far"), 1, Ipv4Address("10.0.0.1")));
    big.answers.push_back(ResourceRecord::MakeA(N("far"), 1, Ipv4Address("10.0.0.2")));
    const std::vector<uint8_t> bytes = big.Encode();
    // 12 header + 1 root + 10 fixed + 0x4000 RDATA = 0x4017: "far" starts there.
    const size_t first = 12 + 1 + 10 + 0x4000;
    const size_t second = first + 5 + 10 + 4;
    REQUIRE(bytes.size() == second + 5 + 10 + 4);
    CHECK(bytes[second] == 3);
    CHECK(bytes[second + 4] == 0);
    Message back;
    REQUIRE(Message::Decode(bytes, back) == DecodeError::OK);
    CHECK(back == big);
}

TEST_CASE("dns: name rules of 2.3.4", "[dns]")
{
    const std::string l63(63, 'a');
    const std::string l64(64, 'a');
    CHECK(Name::Parse(l63 + ".com").has_value());
    CHECK_FALSE(Name::Parse(l64 + ".com").has_value());
    CHECK_FALSE(Name::Parse("a..b").has_value());
    CHECK_FALSE(Name::Parse(".a").has_value());
    CHECK(Name::Parse("").value().IsRoot());
    CHECK(Name::Parse(".").value().IsRoot());
    CHECK(Name::Parse("a.b.").value().GetLabels() == std::vector<std::string>{"a", "b"});
    CHECK(Name::Parse("a.b").value().GetWireLength() == 5); // 01 a 01 b 00
    CHECK(Name().GetWireLength() == 1);
    CHECK(Name().ToString() == ".");
    // 3 x (1 + 63) + (1 + 61) + 1 = 255 octets: the longest name.
    const std::string l61(61, 'b');
    const std::optional<Name> longest = Name::Parse(l63 + "." + l63 + "." + l63 + "." + l61);
    REQUIRE(longest.has_value());
    CHECK(longest->GetWireLength() == 255);
    CHECK_FALSE(Name::Parse(l63 + "." + l63 + "." + l63 + "." + l61 + "b").has_value());
    CHECK(N("WWW.Example.COM") == N("www.example.com"));
    CHECK(N("www.example.com") != N("www.example.org"));
}

TEST_CASE("dns: round trips", "[dns]")
{
    Message m;
    m.header.id = 0xbeef;
    m.header.qr = true;
    m.header.opcode = OPCODE_QUERY;
    m.header.aa = true;
    m.header.rd = true;
    m.header.ra = true;
    m.header.rcode = RCODE_NXDOMAIN;
    m.questions.push_back({N("nohost.home.example"), TYPE_A, CLASS_IN});
    ResourceRecord soa;
    soa.name = N("home.example");
    soa.type = TYPE_SOA;
    soa.ttl = 300;
    soa.rdata = FromHex("00 00 00000001 00000e10 00000258 00093a80 0000012c");
    m.authorities.push_back(soa);
    Message back;
    REQUIRE(Message::Decode(m.Encode(), back) == DecodeError::OK);
    CHECK(back == m);
    CHECK(back.header.GetFlags() == 0x8583);

    Message many;
    many.header.id = 7;
    many.questions.push_back({N("gw-a.example.net"), TYPE_A, CLASS_IN});
    for (int i = 0; i < 20; ++i)
    {
        const std::string host = "h" + std::to_string(i) + ".gw-a.example.net";
        many.answers.push_back(
            ResourceRecord::MakeA(N(host), 60 + i, Ipv4Address(0x0a000000u + i)));
        many.additionals.push_back(
            ResourceRecord::MakeA(N("ns.example.net"), 3600, Ipv4Address("192.0.2.53")));
    }
    const std::vector<uint8_t> bytes = many.Encode();
    REQUIRE(Message::Decode(bytes, back) == DecodeError::OK);
    CHECK(back == many);
    CHECK(back.answers[19].GetAddress() == Ipv4Address("10.0.0.19"));
    // Repeated owner names cost 2 octets after their first use (4.1.4).
    CHECK(bytes.size() < 12 + 22 + 20 * 30 + 20 * 30);
}

TEST_CASE("dns: each decoding error on a minimal input", "[dns]")
{
    const std::string fixedA = "0001 0001 00000000 0004 0a000001";
    CHECK(DecodeHex("0001 0000 0000 0000 0000 00") == DecodeError::TRUNCATED_HEADER);
    CHECK(DecodeHex("") == DecodeError::TRUNCATED_HEADER);
    CHECK(DecodeHex(HeaderHex(0)) == DecodeError::OK);

    CHECK(DecodeHex(HeaderHex(1) + "03 7777") == DecodeError::TRUNCATED_NAME);
    CHECK(DecodeHex(HeaderHex(1) + "03 777777") == DecodeError::TRUNCATED_NAME);
    CHECK(DecodeHex(HeaderHex(1) + "c0") == DecodeError::TRUNCATED_NAME);

    // 4.1.4: 01 and 10 in the top bits are reserved.
    CHECK(DecodeHex(HeaderHex(1) + "40 00 0001 0001") == DecodeError::BAD_LABEL);
    CHECK(DecodeHex(HeaderHex(1) + "80 00 0001 0001") == DecodeError::BAD_LABEL);

    // A pointer to itself, one forward, and one back into its own name.
    CHECK(DecodeHex(HeaderHex(1) + "c00c 0001 0001") == DecodeError::POINTER_LOOP);
    CHECK(DecodeHex(HeaderHex(1) + "c00e 00 0001 0001") == DecodeError::POINTER_LOOP);
    CHECK(DecodeHex(HeaderHex(1) + "01 61 c00c 0001 0001") == DecodeError::POINTER_LOOP);
    // Two names pointing at each other: 12 -> 20 is forward, already refused.
    CHECK(DecodeHex(HeaderHex(2) + "01 61 c014 0001 0001 01 62 c00c 0001 0001") ==
          DecodeError::POINTER_LOOP);

    CHECK(DecodeHex(HeaderHex(1) + "c0ff 0001 0001") == DecodeError::POINTER_OUT_OF_RANGE);
    CHECK(DecodeHex(HeaderHex(1) + "ffff 0001 0001") == DecodeError::POINTER_OUT_OF_RANGE);

    // 2.3.4: four 63-octet labels make 4 x 64 + 1 = 257 octets.
    std::string label63 = "3f";
    for (int i = 0; i < 63; ++i)
    {
        label63 += "61";
    }
    CHECK(DecodeHex(HeaderHex(1) + label63 + label63 + label63 + label63 + "00 0001 0001") ==
          DecodeError::NAME_TOO_LONG);
    // The same length reached through a pointer: 3 labels (192 octets) at
    // 12, then 63 + 1 + the pointed-to 193 octets.
    const std::string threeLabels = label63 + label63 + label63 + "00 0001 0001";
    CHECK(DecodeHex(HeaderHex(2) + threeLabels + label63 + "c00c 0001 0001") ==
          DecodeError::NAME_TOO_LONG);
    // One octet less is fine: 3 x 64 + 62 + 1 = 255.
    std::string label61 = "3d";
    for (int i = 0; i < 61; ++i)
    {
        label61 += "62";
    }
    CHECK(DecodeHex(HeaderHex(1) + label63 + label63 + label63 + label61 + "00 0001 0001") ==
          DecodeError::OK);

    CHECK(DecodeHex(HeaderHex(1) + "00 0001") == DecodeError::TRUNCATED_QUESTION);
    CHECK(DecodeHex(HeaderHex(1) + "00 000100") == DecodeError::TRUNCATED_QUESTION);

    CHECK(DecodeHex(HeaderHex(0, 1) + "00 0001 0001 00000000 00") == DecodeError::TRUNCATED_RECORD);
    CHECK(DecodeHex(HeaderHex(0, 1) + "00 0001 0001 00000000 0004 0a0000") ==
          DecodeError::TRUNCATED_RECORD);
    // 3.4.1: an A record's RDATA is one 32-bit address.
    CHECK(DecodeHex(HeaderHex(0, 1) + "00 0001 0001 00000000 0005 0a00000100") ==
          DecodeError::BAD_RDATA);
    CHECK(DecodeHex(HeaderHex(0, 1) + "00 0001 0001 00000000 0000") == DecodeError::BAD_RDATA);
    // A in another class is opaque.
    CHECK(DecodeHex(HeaderHex(0, 1) + "00 0001 0003 00000000 0000") == DecodeError::OK);

    CHECK(DecodeHex(HeaderHex(2) + "00 0001 0001") == DecodeError::COUNT_MISMATCH);
    CHECK(DecodeHex(HeaderHex(0, 1)) == DecodeError::COUNT_MISMATCH);
    CHECK(DecodeHex(HeaderHex(0, 1, 1) + "00" + fixedA) == DecodeError::COUNT_MISMATCH);
    CHECK(DecodeHex(HeaderHex(0, 1, 0, 1) + "00" + fixedA) == DecodeError::COUNT_MISMATCH);

    CHECK(DecodeHex(HeaderHex(0) + "00") == DecodeError::TRAILING_BYTES);
    CHECK(DecodeHex(HeaderHex(0, 1) + "00" + fixedA + "ff") == DecodeError::TRAILING_BYTES);

    // What was read before the problem is kept.
    Message m;
    REQUIRE(DecodeHex(HeaderHex(1, 1) + "00 0001 0001 40", m) == DecodeError::BAD_LABEL);
    CHECK(m.questions.size() == 1);

    for (DecodeError e : {DecodeError::OK, DecodeError::POINTER_LOOP, DecodeError::TRAILING_BYTES})
    {
        std::ostringstream os;
        os << e;
        CHECK(os.str() == ErrorName(e));
    }
    CHECK(ErrorName(DecodeError::NAME_TOO_LONG) == "NAME_TOO_LONG");
}

TEST_CASE("dns: every cut of a valid message is an error, never a crash", "[dns]")
{
    const std::vector<uint8_t> whole = FromHex(compressedHex);
    for (size_t n = 0; n < whole.size(); ++n)
    {
        const std::vector<uint8_t> cut(whole.begin(), whole.begin() + n);
        Message m;
        CAPTURE(n);
        CHECK(Message::Decode(cut, m) != DecodeError::OK);
    }
    // A name's pointers and labels are bounds-checked against the octets
    // given, not the buffer behind them.
    Name name;
    size_t next = 0;
    CHECK(ReadName(whole.data(), 29, 28, name, next) == DecodeError::TRUNCATED_NAME);
    CHECK(ReadName(whole.data(), 33, 28, name, next) == DecodeError::TRUNCATED_NAME);
    CHECK(ReadName(whole.data(), 34, 28, name, next) == DecodeError::OK);
    CHECK(ReadName(whole.data(), 12, 12, name, next) == DecodeError::TRUNCATED_NAME);
    Message m;
    CHECK(Message::Decode(nullptr, 0, m) == DecodeError::TRUNCATED_HEADER);
}

TEST_CASE("dns: UDP truncation to 512 octets sets TC (4.2.1)", "[dns]")
{
    // Header 12 + question host.example.com (18 octets + 4) = 34; each A
    // answer for the same name: pointer 2 + 10 + RDATA 4 = 16 octets.
    Message m;
    m.header.id = 0x0203;
    m.header.qr = true;
    m.questions.push_back({N("host.example.com"), TYPE_A, CLASS_IN});
    for (uint32_t i = 0; i < 40; ++i)
    {
        m.answers.push_back(ResourceRecord::MakeA(N("host.example.com"), 60, Ipv4Address(i)));
    }
    REQUIRE(m.Encode().size() == 34 + 40 * 16);

    // (512 - 34) / 16 = 29 answers fit: 34 + 29 x 16 = 498 octets.
    const std::vector<uint8_t> cut = m.EncodeTruncated(MAX_UDP_SIZE);
    CHECK(cut.size() == 498);
    CHECK(cut[2] == 0x82); // QR and TC (0x8200)
    CHECK(cut[3] == 0x00);
    CHECK(cut[6] == 0x00);
    CHECK(cut[7] == 29); // ANCOUNT
    Message back;
    REQUIRE(Message::Decode(cut, back) == DecodeError::OK);
    CHECK(back.header.tc);
    CHECK(back.answers.size() == 29);
    CHECK(back.answers[28] == m.answers[28]);
    // The cut is the full encoding's first 498 octets, counts and TC aside.
    const std::vector<uint8_t> full = m.Encode();
    CHECK(std::equal(cut.begin() + 12, cut.end(), full.begin() + 12));
    // One octet less drops one more answer.
    CHECK(m.EncodeTruncated(497).size() == 482);

    // A message that fits is unchanged, TC clear.
    Message small = m;
    small.answers.resize(10);
    CHECK(small.EncodeTruncated(MAX_UDP_SIZE) == small.Encode());
    REQUIRE(Message::Decode(small.EncodeTruncated(MAX_UDP_SIZE), back) == DecodeError::OK);
    CHECK_FALSE(back.header.tc);

    // Only additional records left out: TC stays clear (RFC 2181 9).
    Message extra = small; // 34 + 10 x 16 = 194 octets
    for (uint32_t i = 0; i < 30; ++i)
    {
        extra.additionals.push_back(
            ResourceRecord::MakeA(N("host.example.com"), 60, Ipv4Address(100 + i)));
    }
    const std::vector<uint8_t> noTc = extra.EncodeTruncated(MAX_UDP_SIZE);
    CHECK(noTc.size() == 194 + 19 * 16); // (512 - 194) / 16 = 19
    REQUIRE(Message::Decode(noTc, back) == DecodeError::OK);
    CHECK_FALSE(back.header.tc);
    CHECK(back.answers.size() == 10);
    CHECK(back.additionals.size() == 19);

    // Not even the question fits: the header alone, counts 0, TC set.
    const std::vector<uint8_t> bare = m.EncodeTruncated(20);
    CHECK(codectest::ToHex(bare) == "0203"
                                    "8200"
                                    "0000"
                                    "0000"
                                    "0000"
                                    "0000");
    CHECK(m.EncodeTruncated(0).size() == HEADER_SIZE);
}

TEST_CASE("dns: TCP framing with a two-octet length (4.2.2)", "[dns]")
{
    const std::vector<uint8_t> query = FromHex(queryHex); // 33 octets
    const std::optional<std::vector<uint8_t>> framed = FrameForTcp(query);
    REQUIRE(framed.has_value());
    CHECK(codectest::ToHex(*framed) == "0021" + codectest::ToHex(query));
    CHECK_FALSE(FrameForTcp(std::vector<uint8_t>(65536)).has_value());
    CHECK(FrameForTcp(std::vector<uint8_t>(65535)).value().size() == 65537);

    // Two frames back to back, read as a stream that arrives in pieces.
    std::vector<uint8_t> stream = *framed;
    const std::vector<uint8_t> second = FromHex("0003 aabbcc");
    stream.insert(stream.end(), second.begin(), second.end());
    std::vector<uint8_t> body;
    CHECK(ReadTcpFrame(stream.data(), 0, body) == 0);
    CHECK(ReadTcpFrame(stream.data(), 1, body) == 0);
    CHECK(ReadTcpFrame(stream.data(), 34, body) == 0);
    REQUIRE(ReadTcpFrame(stream.data(), stream.size(), body) == 35);
    CHECK(body == query);
    CHECK(ReadTcpFrame(stream.data() + 35, 4, body) == 0);
    REQUIRE(ReadTcpFrame(stream.data() + 35, 5, body) == 5);
    CHECK(body == FromHex("aabbcc"));
    CHECK(ReadTcpFrame(nullptr, 0, body) == 0);
}
