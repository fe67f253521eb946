// SPDX-License-Identifier: GPL-2.0-only
//
// The pcapng reader on files built block by block here, in both byte
// orders (draft-ietf-opsawg-pcapng sections 4.1-4.4), and on damaged ones:
// every cut and every corrupted length ends the reading with an error,
// never a crash or a loop.
#include "ns3/ipvpn-capture-reader.h"
#include "ns3/ipvpn-pcapng-reader.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace ns3;
using namespace ns3::decode;

namespace
{

/// Builds a pcapng byte image in one byte order.
class PcapngBuilder
{
  public:
    explicit PcapngBuilder(bool bigEndian)
        : m_big(bigEndian)
    {
    }

    PcapngBuilder& SectionHeader()
    {
        std::vector<uint8_t> body;
        Put32(body, PCAPNG_BYTE_ORDER_MAGIC);
        Put16(body, 1); // major
        Put16(body, 0); // minor
        Put32(body, 0xFFFFFFFF); // section length: unknown (-1)
        Put32(body, 0xFFFFFFFF);
        return Block(PCAPNG_SECTION_HEADER, body);
    }

    /// tsresol < 0: no if_tsresol option.
    PcapngBuilder& Interface(uint16_t linkType, uint32_t snapLength, int tsresol = -1)
    {
        std::vector<uint8_t> body;
        Put16(body, linkType);
        Put16(body, 0);
        Put32(body, snapLength);
        if (tsresol >= 0)
        {
            Put16(body, 9); // if_tsresol
            Put16(body, 1);
            body.push_back(static_cast<uint8_t>(tsresol));
            body.insert(body.end(), 3, 0);
            Put16(body, 0); // opt_endofopt
            Put16(body, 0);
        }
        return Block(PCAPNG_INTERFACE_DESCRIPTION, body);
    }

    PcapngBuilder& Enhanced(uint32_t interfaceId,
                            uint64_t timestamp,
                            const std::vector<uint8_t>& data,
                            uint32_t originalLength = 0)
    {
        std::vector<uint8_t> body;
        Put32(body, interfaceId);
        Put32(body, static_cast<uint32_t>(timestamp >> 32));
        Put32(body, static_cast<uint32_t>(timestamp));
        Put32(body, data.size());
        Put32(body, originalLength ? originalLength : data.size());
        body.insert(body.end(), data.begin(), data.end());
        body.resize((body.size() + 3) & ~std::size_t(3), 0);
        return Block(PCAPNG_ENHANCED_PACKET, body);
    }

    PcapngBuilder& Simple(const std::vector<uint8_t>& data, uint32_t originalLength = 0)
    {
        std::vector<uint8_t> body;
        Put32(body, originalLength ? originalLength : data.size());
        body.insert(body.end(), data.begin(), data.end());
        body.resize((body.size() + 3) & ~std::size_t(3), 0);
        return Block(PCAPNG_SIMPLE_PACKET, body);
    }

    PcapngBuilder& Block(uint32_t type, const std::vector<uint8_t>& body)
    {
        const uint32_t length = 12 + body.size();
        Put32(m_bytes, type);
        Put32(m_bytes, length);
        m_bytes.insert(m_bytes.end(), body.begin(), body.end());
        Put32(m_bytes, length);
        return *this;
    }

    const std::vector<uint8_t>& Bytes() const
    {
        return m_bytes;
    }

  private:
    void Put16(std::vector<uint8_t>& out, uint16_t v) const
    {
        if (m_big)
        {
            out.push_back(v >> 8);
            out.push_back(v & 0xFF);
        }
        else
        {
            out.push_back(v & 0xFF);
            out.push_back(v >> 8);
        }
    }

    void Put32(std::vector<uint8_t>& out, uint32_t v) const
    {
        if (m_big)
        {
            Put16(out, v >> 16);
            Put16(out, v & 0xFFFF);
        }
        else
        {
            Put16(out, v & 0xFFFF);
            Put16(out, v >> 16);
        }
    }

    bool m_big;
    std::vector<uint8_t> m_bytes;
};

/// Reads every record of an in-memory pcapng image.
std::vector<CaptureRecord>
ReadAll(const std::vector<uint8_t>& bytes, std::string& error, uint32_t* skipped = nullptr)
{
    std::istringstream in(std::string(bytes.begin(), bytes.end()));
    PcapngReader reader(in);
    std::vector<CaptureRecord> records;
    CaptureRecord record;
    while (reader.Next(record))
    {
        records.push_back(record);
        REQUIRE(records.size() < 1000); // no endless loop
    }
    error = reader.GetError();
    if (skipped)
    {
        *skipped = reader.GetSkippedBlocks();
    }
    return records;
}

const std::vector<uint8_t> FRAME_A{0x45, 0x00, 0x00, 0x14, 1, 2, 3};
const std::vector<uint8_t> FRAME_B{0xde, 0xad, 0xbe, 0xef, 0x01};

} // namespace

TEST_CASE("pcapng: packets of both byte orders, both packet block types", "[pcapng][capture]")
{
    for (bool big : {false, true})
    {
        INFO((big ? "big-endian" : "little-endian"));
        PcapngBuilder b(big);
        b.SectionHeader()
            .Interface(LINKTYPE_RAW, 65535)           // microseconds by default
            .Block(0x00000004, {0, 0, 0, 0})          // Name Resolution: skipped
            .Enhanced(0, 1500000123456ull, FRAME_A, 1500)
            .Interface(LINKTYPE_ETHERNET, 0, 9)       // nanoseconds
            .Enhanced(1, 1700000000123456789ull, FRAME_B)
            .Simple(FRAME_A)                           // interface 0, no time
            .Block(0x40000BAD, {1, 2, 3, 4, 5, 6, 7, 8}); // custom block: skipped
        std::string error;
        uint32_t skipped = 0;
        auto records = ReadAll(b.Bytes(), error, &skipped);
        CHECK(error.empty());
        CHECK(skipped == 2);
        REQUIRE(records.size() == 3);
        CHECK(records[0].linkType == LINKTYPE_RAW);
        CHECK(records[0].seconds == 1500000);
        CHECK(records[0].nanoseconds == 123456000);
        CHECK(records[0].bytes == FRAME_A);
        CHECK(records[0].originalLength == 1500);
        CHECK(records[1].linkType == LINKTYPE_ETHERNET);
        CHECK(records[1].seconds == 1700000000);
        CHECK(records[1].nanoseconds == 123456789);
        CHECK(records[1].bytes == FRAME_B);
        CHECK(records[2].linkType == LINKTYPE_RAW);
        CHECK(records[2].bytes == FRAME_A); // padding not taken for data
        CHECK(records[2].seconds == 0);
    }
}

TEST_CASE("pcapng: a second section resets interfaces and may swap byte order",
          "[pcapng][capture]")
{
    PcapngBuilder first(false);
    first.SectionHeader().Interface(LINKTYPE_PPP, 0).Enhanced(0, 0, FRAME_A);
    PcapngBuilder second(true);
    second.SectionHeader().Enhanced(0, 0, FRAME_B); // no interface yet: skipped
    second.Interface(LINKTYPE_NULL, 0, 0x80 | 10).Enhanced(0, (5ull << 10) | 512, FRAME_B);
    auto bytes = first.Bytes();
    bytes.insert(bytes.end(), second.Bytes().begin(), second.Bytes().end());
    std::string error;
    uint32_t skipped = 0;
    auto records = ReadAll(bytes, error, &skipped);
    CHECK(error.empty());
    CHECK(skipped == 1);
    REQUIRE(records.size() == 2);
    CHECK(records[0].linkType == LINKTYPE_PPP);
    CHECK(records[1].linkType == LINKTYPE_NULL);
    CHECK(records[1].seconds == 5); // 2^-10 s units: 5 s and 512/1024 s
    CHECK(records[1].nanoseconds == 500000000);
}

TEST_CASE("pcapng: damaged files end with an error, never a crash", "[pcapng][capture]")
{
    PcapngBuilder b(false);
    b.SectionHeader().Interface(LINKTYPE_ETHERNET, 0).Enhanced(0, 7, FRAME_A).Enhanced(0, 8, FRAME_B);
    const auto good = b.Bytes();
    std::string error;

    SECTION("not pcapng at all")
    {
        ReadAll({0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0}, error);
        CHECK(error.find("not a pcapng") != std::string::npos);
        ReadAll({}, error);
        CHECK_FALSE(error.empty());
    }
    SECTION("bad byte-order magic")
    {
        auto bytes = good;
        bytes[8] = 0x00;
        CHECK(ReadAll(bytes, error).empty());
        CHECK(error.find("byte-order") != std::string::npos);
    }
    SECTION("trailing length differs")
    {
        auto bytes = good;
        bytes[bytes.size() - 1] ^= 0x01;
        auto records = ReadAll(bytes, error);
        CHECK(records.size() == 1);
        CHECK(error.find("trailing") != std::string::npos);
    }
    SECTION("captured length past the block: that packet is skipped")
    {
        PcapngBuilder bad(false);
        bad.SectionHeader().Interface(LINKTYPE_ETHERNET, 0);
        std::vector<uint8_t> body(20 + 8, 0);
        body[12] = 200; // captured length 200 in a block with 8 data bytes
        bad.Block(PCAPNG_ENHANCED_PACKET, body).Enhanced(0, 1, FRAME_B);
        uint32_t skipped = 0;
        auto records = ReadAll(bad.Bytes(), error, &skipped);
        CHECK(error.empty());
        CHECK(skipped == 1);
        REQUIRE(records.size() == 1);
        CHECK(records[0].bytes == FRAME_B);
    }
    SECTION("every cut of the file")
    {
        for (std::size_t cut = 0; cut < good.size(); ++cut)
        {
            INFO("cut at " << cut);
            std::vector<uint8_t> bytes(good.begin(), good.begin() + cut);
            auto records = ReadAll(bytes, error);
            CHECK(records.size() <= 2);
            if (cut != 28 && cut != 28 + 20 && cut != 28 + 20 + 40)
            {
                CHECK_FALSE(error.empty());
            }
        }
    }
    SECTION("random corruption of every byte position")
    {
        std::mt19937 rng(20);
        std::uniform_int_distribution<int> value(0, 255);
        for (std::size_t pos = 0; pos < good.size(); ++pos)
        {
            for (int round = 0; round < 8; ++round)
            {
                auto bytes = good;
                bytes[pos] = static_cast<uint8_t>(value(rng));
                auto records = ReadAll(bytes, error);
                CHECK(records.size() <= 2);
            }
        }
    }
}

TEST_CASE("CaptureReader tells pcap, pcapng and other files apart", "[pcapng][capture]")
{
    const auto dir = std::filesystem::temp_directory_path();
    const std::string ng = (dir / "ipvpn-unit-reader.pcapng").string();
    const std::string cut = (dir / "ipvpn-unit-reader-cut.pcap").string();
    const std::string junk = (dir / "ipvpn-unit-reader.txt").string();
    PcapngBuilder b(true);
    b.SectionHeader().Interface(LINKTYPE_RAW, 0).Enhanced(0, 3000000, FRAME_A);
    std::ofstream(ng, std::ios::binary)
        .write(reinterpret_cast<const char*>(b.Bytes().data()), b.Bytes().size());
    // A classic pcap (microseconds, little-endian, raw IP) whose second
    // record is cut in the middle of its data.
    const std::vector<uint8_t> pcap{
        0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 101, 0, 0, 0,
        // record 1: 3 s + 5 us, 7 bytes
        3, 0, 0, 0, 5, 0, 0, 0, 7, 0, 0, 0, 7, 0, 0, 0, 0x45, 0, 0, 0x14, 1, 2, 3,
        // record 2: claims 40 bytes, has 4
        4, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0, 40, 0, 0, 0, 0x45, 0, 0, 0x28};
    std::ofstream(cut, std::ios::binary)
        .write(reinterpret_cast<const char*>(pcap.data()), pcap.size());
    std::ofstream(junk) << "this is not a capture file\n";

    auto a = ReadCapture(ng);
    REQUIRE(a.ok);
    CHECK(a.format == CaptureFormat::PCAPNG);
    CHECK(a.linkType == LINKTYPE_RAW);
    REQUIRE(a.frames.size() == 1);
    CHECK(a.frames[0].seconds == 3);
    CHECK(a.frames[0].etherType == ETHERTYPE_IPV4);

    auto c = ReadCapture(cut);
    REQUIRE(c.ok);
    CHECK(c.format == CaptureFormat::PCAP);
    REQUIRE(c.frames.size() == 1);
    CHECK(c.frames[0].seconds == 3);
    CHECK(c.frames[0].nanoseconds == 5000);
    CHECK_FALSE(c.error.empty()); // the second record is cut

    auto j = ReadCapture(junk);
    CHECK_FALSE(j.ok);
    CHECK(j.error.find("not a capture") != std::string::npos);

    std::remove(ng.c_str());
    std::remove(cut.c_str());
    std::remove(junk.c_str());
}
