// SPDX-License-Identifier: GPL-2.0-only
//
// OSPFv2 packets (RFC 2328 A.3): every OSPF packet of two real captures
// decoded and compared with tshark's reading of it, re-encoded to its
// captured octets, its checksum or digest layout checked; malformed
// packets of the corpus and cut or lying packets flagged, never a crash.
#include "codec-test-util.h"
#include "corpus-test-util.h"
#include "ospf-test-util.h"

#include "ns3/ipvpn-capture-reader.h"
#include "ns3/ospf-authentication.h"
#include "ns3/ospf-database-description-header.h"
#include "ns3/ospf-hello-header.h"
#include "ns3/ospf-link-state-ack-header.h"
#include "ns3/ospf-link-state-request-header.h"
#include "ns3/ospf-link-state-update-header.h"
#include "ns3/ospf-packet-header.h"
#include "ns3/packet.h"

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;
using ns3::ospftest::OspfBytes;
using ns3::ospftest::OspfFrames;

namespace
{

struct ExpectedHeader
{
    uint32_t frame;
    uint8_t type;
    uint16_t length;
    const char* router;
    const char* area;
    uint16_t checksum;
    uint16_t auType;
    uint8_t keyId;
    uint32_t sequence;
};

struct ExpectedHello
{
    uint32_t frame;
    const char* mask;
    uint16_t helloInterval;
    uint8_t options;
    uint8_t priority;
    uint32_t deadInterval;
    const char* dr;
    const char* bdr;
    std::vector<const char*> neighbors;
};

struct ExpectedDd
{
    uint32_t frame;
    uint16_t mtu;
    uint8_t options;
    uint8_t flags;
    uint32_t sequence;
    std::vector<const char*> ids;
};

struct ExpectedRequests
{
    uint32_t frame;
    std::vector<uint8_t> types;
    std::vector<const char*> ids;
    std::vector<const char*> advertisingRouters;
};

struct ExpectedIds
{
    uint32_t frame;
    uint32_t count;
    std::vector<const char*> ids;
};

// clang-format off
// packetnet/ospfv2.pcap, tshark's reading: frame, ospf.msg, ospf.packet_length,
// ospf.srcrouter, ospf.area_id, ospf.checksum, ospf.auth.type,
// ospf.auth.crypt.key_id, .seq_nbr.
const std::vector<ExpectedHeader> packetnetHeaders{
    {1, 1, 44, "192.168.170.8", "0.0.0.1", 0x273b, 0, 0, 0u},
    {2, 1, 44, "192.168.170.8", "0.0.0.1", 0x273b, 0, 0, 0u},
    {3, 1, 44, "192.168.170.8", "0.0.0.1", 0x273b, 0, 0, 0u},
    {4, 1, 44, "192.168.170.8", "0.0.0.1", 0x273b, 0, 0, 0u},
    {5, 1, 44, "192.168.170.8", "0.0.0.1", 0x273b, 0, 0, 0u},
    {6, 1, 44, "192.168.170.8", "0.0.0.1", 0x273b, 0, 0, 0u},
    {7, 1, 44, "192.168.170.2", "0.0.0.1", 0x91f2, 0, 0, 0u},
    {8, 1, 48, "192.168.170.8", "0.0.0.1", 0xbc8b, 0, 0, 0u},
    {9, 1, 48, "192.168.170.3", "0.0.0.1", 0x273c, 0, 0, 0u},
    {10, 2, 32, "192.168.170.8", "0.0.0.1", 0xa052, 0, 0, 0u},
    {11, 2, 32, "192.168.170.3", "0.0.0.1", 0xa057, 0, 0, 0u},
    {12, 2, 172, "192.168.170.3", "0.0.0.1", 0xf067, 0, 0, 0u},
    {13, 2, 52, "192.168.170.8", "0.0.0.1", 0x120f, 0, 0, 0u},
    {14, 2, 32, "192.168.170.3", "0.0.0.1", 0xa05d, 0, 0, 0u},
    {15, 2, 32, "192.168.170.8", "0.0.0.1", 0xa056, 0, 0, 0u},
    {16, 2, 32, "192.168.170.3", "0.0.0.1", 0xa05c, 0, 0, 0u},
    {17, 3, 36, "192.168.170.3", "0.0.0.1", 0xbdc7, 0, 0, 0u},
    {18, 3, 108, "192.168.170.8", "0.0.0.1", 0x7595, 0, 0, 0u},
    {19, 4, 64, "192.168.170.8", "0.0.0.1", 0x961f, 0, 0, 0u},
    {20, 4, 292, "192.168.170.3", "0.0.0.1", 0x366b, 0, 0, 0u},
    {21, 4, 244, "192.168.170.3", "0.0.0.1", 0xc818, 0, 0, 0u},
    {22, 4, 60, "192.168.170.8", "0.0.0.1", 0x2f6f, 0, 0, 0u},
    {23, 4, 64, "192.168.170.8", "0.0.0.1", 0xa4f5, 0, 0, 0u},
    {24, 5, 284, "192.168.170.8", "0.0.0.1", 0xe95e, 0, 0, 0u},
    {25, 4, 76, "192.168.170.3", "0.0.0.1", 0x276c, 0, 0, 0u},
    {26, 5, 44, "192.168.170.8", "0.0.0.1", 0x02f2, 0, 0, 0u},
    {27, 4, 76, "192.168.170.3", "0.0.0.1", 0x076f, 0, 0, 0u},
    {28, 5, 44, "192.168.170.8", "0.0.0.1", 0xe2f4, 0, 0, 0u},
    {29, 4, 76, "192.168.170.3", "0.0.0.1", 0x076f, 0, 0, 0u},
    {30, 5, 44, "192.168.170.8", "0.0.0.1", 0xe2f4, 0, 0, 0u},
    {31, 1, 48, "192.168.170.8", "0.0.0.1", 0x51df, 0, 0, 0u},
    {32, 4, 400, "4.4.4.4", "0.0.0.20", 0xd794, 0, 0, 0u},
};
// Hello fields (ospf.hello.network_mask, .hello_interval, ospf.v2.options,
// .router_priority, .router_dead_interval, .designated_router,
// .backup_designated_router, .active_neighbor).
const std::vector<ExpectedHello> packetnetHellos{
    {1, "255.255.255.0", 10, 0x02, 1, 40, "192.168.170.8", "0.0.0.0", {}},
    {2, "255.255.255.0", 10, 0x02, 1, 40, "192.168.170.8", "0.0.0.0", {}},
    {3, "255.255.255.0", 10, 0x02, 1, 40, "192.168.170.8", "0.0.0.0", {}},
    {4, "255.255.255.0", 10, 0x02, 1, 40, "192.168.170.8", "0.0.0.0", {}},
    {5, "255.255.255.0", 10, 0x02, 1, 40, "192.168.170.8", "0.0.0.0", {}},
    {6, "255.255.255.0", 10, 0x02, 1, 40, "192.168.170.8", "0.0.0.0", {}},
    {7, "255.255.255.0", 10, 0x02, 1, 40, "0.0.0.0", "0.0.0.0", {}},
    {8, "255.255.255.0", 10, 0x02, 1, 40, "192.168.170.8", "0.0.0.0", {"192.168.170.2"}},
    {9, "255.255.255.0", 10, 0x02, 1, 40, "0.0.0.0", "0.0.0.0", {"192.168.170.8"}},
    {31, "255.255.255.0", 10, 0x02, 1, 40, "192.168.170.8", "192.168.170.2", {"192.168.170.3"}},
};
// Database Description fields (ospf.db.interface_mtu, ospf.v2.options, ospf.dbd,
// ospf.db.dd_sequence, ospf.lsa.id of the LSA headers).
const std::vector<ExpectedDd> packetnetDds{
    {10, 1500, 0x02, 0x07, 1098361214u, {}},
    {11, 1500, 0x02, 0x07, 1098361214u, {}},
    {12, 1500, 0x02, 0x02, 1098361214u, {"192.168.170.3", "80.212.16.0", "148.121.171.0",
        "192.130.120.0", "192.168.0.0", "192.168.1.0", "192.168.172.0"}},
    {13, 1500, 0x02, 0x03, 1098361215u, {"192.168.170.8"}},
    {14, 1500, 0x02, 0x00, 1098361215u, {}},
    {15, 1500, 0x02, 0x01, 1098361216u, {}},
    {16, 1500, 0x02, 0x00, 1098361216u, {}},
};
// Link State Request entries (ospf.lsa, ospf.link_state_id, ospf.advrouter).
const std::vector<ExpectedRequests> packetnetRequests{
    {17, {1}, {"192.168.170.8"}, {"192.168.170.8"}},
    {18, {1, 5, 5, 5, 5, 5, 5}, {"192.168.170.3", "80.212.16.0", "148.121.171.0", "192.130.120.0",
        "192.168.0.0", "192.168.1.0", "192.168.172.0"}, {"192.168.170.3", "192.168.170.2",
        "192.168.170.2", "192.168.170.2", "192.168.170.2", "192.168.170.2", "192.168.170.2"}},
};
// Link State Update: ospf.ls.number_of_lsas and ospf.lsa.id.
const std::vector<ExpectedIds> packetnetUpdates{
    {19, 1, {"192.168.170.8"}},
    {20, 7, {"192.168.170.3", "80.212.16.0", "148.121.171.0", "192.130.120.0", "192.168.0.0",
        "192.168.1.0", "192.168.172.0"}},
    {21, 6, {"148.121.171.0", "192.130.120.0", "192.168.0.0", "192.168.1.0", "192.168.172.0",
        "80.212.16.0"}},
    {22, 1, {"192.168.170.8"}},
    {23, 1, {"192.168.170.8"}},
    {25, 1, {"192.168.170.3"}},
    {27, 1, {"192.168.170.2"}},
    {29, 1, {"192.168.170.2"}},
    {32, 11, {"5.5.5.5", "4.4.4.4", "10.0.20.2", "192.168.10.0", "10.0.10.0", "10.0.0.0", "2.2.2.2",
        "172.16.3.0", "172.16.2.0", "172.16.1.0", "172.16.0.0"}},
};
// Link State Acknowledgment: the ospf.lsa.id of the LSA headers.
const std::vector<ExpectedIds> packetnetAcks{
    {24, 13, {"192.168.170.3", "80.212.16.0", "148.121.171.0", "192.130.120.0", "192.168.0.0",
        "192.168.1.0", "192.168.172.0", "148.121.171.0", "192.130.120.0", "192.168.0.0",
        "192.168.1.0", "192.168.172.0", "80.212.16.0"}},
    {26, 1, {"192.168.170.3"}},
    {28, 1, {"192.168.170.2"}},
    {30, 1, {"192.168.170.2"}},
};

// tcpdump/OSPFv2_Capture_FINAL.pcapng, tshark's reading: frame, ospf.msg,
// ospf.packet_length, ospf.srcrouter, ospf.area_id, ospf.checksum,
// ospf.auth.type, ospf.auth.crypt.key_id, .seq_nbr.
const std::vector<ExpectedHeader> finalHeaders{
    {1, 1, 52, "192.168.255.15", "0.0.0.0", 0x0000, 2, 1, 1518551314u},
    {2, 1, 52, "192.168.255.14", "0.0.0.0", 0x0000, 2, 1, 1518609264u},
    {3, 2, 32, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551359u},
    {4, 2, 32, "192.168.255.14", "0.0.0.0", 0x0000, 2, 1, 1518609264u},
    {5, 2, 132, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551359u},
    {6, 2, 232, "192.168.255.14", "0.0.0.0", 0x0000, 2, 1, 1518609264u},
    {7, 3, 144, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551359u},
    {8, 2, 32, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551359u},
    {9, 4, 432, "192.168.255.14", "0.0.0.0", 0x0000, 2, 1, 1518609264u},
    {10, 4, 64, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551359u},
    {11, 4, 64, "192.168.255.14", "0.0.0.0", 0x0000, 2, 1, 1518609264u},
    {12, 4, 136, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551359u},
    {13, 4, 136, "192.168.255.14", "0.0.0.0", 0x0000, 2, 1, 1518609264u},
    {14, 2, 32, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551359u},
    {15, 2, 32, "192.168.255.15", "0.0.0.0", 0x0000, 2, 1, 1518551318u},
    {16, 2, 232, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551359u},
    {17, 2, 232, "192.168.255.15", "0.0.0.0", 0x0000, 2, 1, 1518551318u},
    {18, 3, 36, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551359u},
    {19, 2, 32, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551359u},
    {20, 4, 88, "192.168.255.15", "0.0.0.0", 0x0000, 2, 1, 1518551318u},
    {21, 4, 64, "192.168.255.14", "0.0.0.0", 0x0000, 2, 1, 1518609265u},
    {22, 4, 88, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551359u},
    {23, 4, 88, "192.168.255.14", "0.0.0.0", 0x0000, 2, 1, 1518609265u},
    {24, 5, 144, "192.168.255.15", "0.0.0.0", 0x0000, 2, 1, 1518551320u},
    {25, 5, 264, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551361u},
    {26, 1, 52, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551363u},
    {27, 1, 52, "192.168.255.15", "0.0.0.0", 0x0000, 2, 1, 1518551324u},
    {28, 1, 52, "192.168.255.14", "0.0.0.0", 0x0000, 2, 1, 1518609274u},
    {29, 1, 52, "192.168.255.11", "0.0.0.0", 0x0000, 2, 1, 1518551372u},
    {30, 1, 52, "192.168.255.15", "0.0.0.0", 0x0000, 2, 1, 1518551333u},
};
// Hello fields (ospf.hello.network_mask, .hello_interval, ospf.v2.options,
// .router_priority, .router_dead_interval, .designated_router,
// .backup_designated_router, .active_neighbor).
const std::vector<ExpectedHello> finalHellos{
    {1, "255.255.255.0", 10, 0x12, 1, 40, "192.168.121.4", "192.168.121.5", {"192.168.255.11",
        "192.168.255.14"}},
    {2, "255.255.255.0", 10, 0x12, 1, 40, "192.168.121.4", "192.168.121.5", {"192.168.255.11",
        "192.168.255.15"}},
    {26, "255.255.255.0", 10, 0x12, 1, 40, "192.168.121.4", "192.168.121.5", {"192.168.255.14",
        "192.168.255.15"}},
    {27, "255.255.255.0", 10, 0x12, 1, 40, "192.168.121.4", "192.168.121.5", {"192.168.255.11",
        "192.168.255.14"}},
    {28, "255.255.255.0", 10, 0x12, 1, 40, "192.168.121.4", "192.168.121.5", {"192.168.255.11",
        "192.168.255.15"}},
    {29, "255.255.255.0", 10, 0x12, 1, 40, "192.168.121.4", "192.168.121.5", {"192.168.255.14",
        "192.168.255.15"}},
    {30, "255.255.255.0", 10, 0x12, 1, 40, "192.168.121.4", "192.168.121.5", {"192.168.255.11",
        "192.168.255.14"}},
};
// Database Description fields (ospf.db.interface_mtu, ospf.v2.options, ospf.dbd,
// ospf.db.dd_sequence, ospf.lsa.id of the LSA headers).
const std::vector<ExpectedDd> finalDds{
    {3, 1500, 0x52, 0x07, 129u, {}},
    {4, 1500, 0x52, 0x07, 7163u, {}},
    {5, 1500, 0x52, 0x02, 7163u, {"192.168.255.11", "192.168.124.0", "192.168.127.0",
        "192.168.128.0", "192.168.255.12"}},
    {6, 1500, 0x52, 0x01, 7164u, {"192.168.255.11", "192.168.255.14", "192.168.255.15",
        "192.168.121.4", "0.0.0.0", "0.0.0.0", "192.168.124.0", "192.168.127.0", "192.168.128.0",
        "192.168.255.12"}},
    {8, 1500, 0x52, 0x00, 7164u, {}},
    {14, 1500, 0x52, 0x07, 3664u, {}},
    {15, 1500, 0x52, 0x07, 5256u, {}},
    {16, 1500, 0x52, 0x02, 5256u, {"192.168.255.11", "192.168.255.14", "192.168.255.15",
        "192.168.121.4", "0.0.0.0", "0.0.0.0", "192.168.124.0", "192.168.127.0", "192.168.128.0",
        "192.168.255.12"}},
    {17, 1500, 0x52, 0x01, 5257u, {"192.168.255.11", "192.168.255.14", "192.168.255.15",
        "192.168.121.4", "0.0.0.0", "0.0.0.0", "192.168.124.0", "192.168.127.0", "192.168.128.0",
        "192.168.255.12"}},
    {19, 1500, 0x52, 0x00, 5257u, {}},
};
// Link State Request entries (ospf.lsa, ospf.link_state_id, ospf.advrouter).
const std::vector<ExpectedRequests> finalRequests{
    {7, {1, 1, 1, 2, 5, 5, 5, 5, 5, 5}, {"192.168.255.11", "192.168.255.14", "192.168.255.15",
        "192.168.121.4", "0.0.0.0", "0.0.0.0", "192.168.124.0", "192.168.127.0", "192.168.128.0",
        "192.168.255.12"}, {"192.168.255.11", "192.168.255.14", "192.168.255.15", "192.168.255.14",
        "192.168.255.14", "192.168.255.15", "192.168.255.11", "192.168.255.11", "192.168.255.11",
        "192.168.255.11"}},
    {18, {1}, {"192.168.255.11"}, {"192.168.255.11"}},
};
// Link State Update: ospf.ls.number_of_lsas and ospf.lsa.id.
const std::vector<ExpectedIds> finalUpdates{
    {9, 10, {"192.168.255.11", "192.168.255.14", "192.168.255.15", "192.168.121.4", "0.0.0.0",
        "0.0.0.0", "192.168.124.0", "192.168.127.0", "192.168.128.0", "192.168.255.12"}},
    {10, 1, {"192.168.124.0"}},
    {11, 1, {"192.168.124.0"}},
    {12, 3, {"192.168.127.0", "192.168.128.0", "192.168.255.12"}},
    {13, 3, {"192.168.127.0", "192.168.128.0", "192.168.255.12"}},
    {20, 1, {"192.168.255.11"}},
    {21, 1, {"192.168.121.4"}},
    {22, 1, {"192.168.255.11"}},
    {23, 1, {"192.168.255.11"}},
};
// Link State Acknowledgment: the ospf.lsa.id of the LSA headers.
const std::vector<ExpectedIds> finalAcks{
    {24, 6, {"192.168.124.0", "192.168.127.0", "192.168.128.0", "192.168.255.12", "192.168.121.4",
        "192.168.255.11"}},
    {25, 12, {"192.168.255.11", "192.168.255.14", "192.168.255.15", "192.168.121.4", "0.0.0.0",
        "0.0.0.0", "192.168.124.0", "192.168.127.0", "192.168.128.0", "192.168.255.12",
        "192.168.255.11", "192.168.121.4"}},
};
// clang-format on

template <typename T>
std::map<uint32_t, T>
ByFrame(const std::vector<T>& rows)
{
    std::map<uint32_t, T> map;
    for (const T& row : rows)
    {
        map.emplace(row.frame, row);
    }
    return map;
}

/// Decodes `body` (exactly the body octets) as a `Body`, checks that it is
/// valid and re-encodes to the same octets.
template <typename Body>
Body
DecodeBody(const std::vector<uint8_t>& body)
{
    Body b;
    CHECK(Decode(b, body) == body.size());
    CHECK(b.IsValid());
    CHECK(Encode(b) == body);
    return b;
}

void
CheckIds(const std::vector<LsaHeader>& headers, const std::vector<const char*>& ids)
{
    REQUIRE(headers.size() == ids.size());
    for (size_t i = 0; i < ids.size(); ++i)
    {
        CHECK(headers[i].GetLinkStateId() == Ipv4Address(ids[i]));
    }
}

struct Expected
{
    const std::vector<ExpectedHeader>& headers;
    const std::vector<ExpectedHello>& hellos;
    const std::vector<ExpectedDd>& dds;
    const std::vector<ExpectedRequests>& requests;
    const std::vector<ExpectedIds>& updates;
    const std::vector<ExpectedIds>& acks;
};

void
CheckCapture(const std::string& file, const Expected& e)
{
    auto cap = decode::ReadCapture(corpus::File(file));
    REQUIRE(cap.ok);
    const std::vector<uint32_t> frames = OspfFrames(cap);
    REQUIRE(frames.size() == e.headers.size());
    const auto hellos = ByFrame(e.hellos);
    const auto dds = ByFrame(e.dds);
    const auto requests = ByFrame(e.requests);
    const auto updates = ByFrame(e.updates);
    const auto acks = ByFrame(e.acks);
    size_t bodies = 0;
    for (size_t n = 0; n < frames.size(); ++n)
    {
        const ExpectedHeader& x = e.headers[n];
        INFO(file << " frame " << x.frame);
        REQUIRE(frames[n] == x.frame);
        const std::vector<uint8_t> bytes = OspfBytes(cap, x.frame);
        PacketHeader h;
        REQUIRE(Decode(h, bytes) == PacketHeader::SIZE);
        REQUIRE(h.IsValid());
        CHECK(h.GetVersion() == 2);
        CHECK(h.GetType() == x.type);
        CHECK(h.GetPacketLength() == x.length);
        CHECK(h.GetRouterId() == Ipv4Address(x.router));
        CHECK(h.GetAreaId() == Ipv4Address(x.area));
        CHECK(h.GetChecksum() == x.checksum);
        CHECK(h.GetAuType() == x.auType);
        CHECK(Encode(h) == std::vector<uint8_t>(bytes.begin(), bytes.begin() + 24));
        REQUIRE(bytes.size() >= x.length);
        const std::vector<uint8_t> body(bytes.begin() + 24, bytes.begin() + x.length);

        if (x.auType == AUTYPE_NULL)
        {
            // D.4.1: the checksum verifies, and is what the algorithm computes.
            CHECK(IsPacketChecksumValid(bytes.data(), x.length));
            CHECK(ComputePacketChecksum(bytes.data(), x.length) == x.checksum);
            CHECK(Authenticator().Verify(bytes.data(), bytes.size()).result == AuthResult::OK);
        }
        else
        {
            // D.4.3: Key ID, Auth Data Len 16, the sequence number; the
            // digest follows the packet (its key is not known here).
            CHECK(h.GetKeyId() == x.keyId);
            CHECK(h.GetAuthDataLength() == 16);
            CHECK(h.GetCryptoSequence() == x.sequence);
            REQUIRE(bytes.size() >= x.length + 16u);
            Authenticator auth;
            auth.SetCryptographic(x.keyId);
            AuthCheck check = auth.Verify(bytes.data(), bytes.size());
            CHECK(check.result == AuthResult::UNKNOWN_KEY_ID);
            CHECK(check.keyId == x.keyId);
            CHECK(check.sequence == x.sequence);
            auth.AddKey(x.keyId, "not-the-key");
            CHECK(auth.Verify(bytes.data(), bytes.size()).result == AuthResult::BAD_DIGEST);
            // The digest cut short.
            CHECK(auth.Verify(bytes.data(), x.length + 15u).result == AuthResult::MALFORMED);
        }

        switch (x.type)
        {
        case PACKET_HELLO: {
            const ExpectedHello& y = hellos.at(x.frame);
            HelloHeader b = DecodeBody<HelloHeader>(body);
            CHECK(b.GetNetworkMask() == Ipv4Mask(y.mask));
            CHECK(b.GetHelloInterval() == y.helloInterval);
            CHECK(b.GetOptions() == y.options);
            CHECK(b.GetRouterPriority() == y.priority);
            CHECK(b.GetRouterDeadInterval() == y.deadInterval);
            CHECK(b.GetDesignatedRouter() == Ipv4Address(y.dr));
            CHECK(b.GetBackupDesignatedRouter() == Ipv4Address(y.bdr));
            REQUIRE(b.GetNeighbors().size() == y.neighbors.size());
            for (size_t i = 0; i < y.neighbors.size(); ++i)
            {
                CHECK(b.GetNeighbors()[i] == Ipv4Address(y.neighbors[i]));
            }
            break;
        }
        case PACKET_DATABASE_DESCRIPTION: {
            const ExpectedDd& y = dds.at(x.frame);
            auto b = DecodeBody<DatabaseDescriptionHeader>(body);
            CHECK(b.GetInterfaceMtu() == y.mtu);
            CHECK(b.GetOptions() == y.options);
            CHECK(b.GetFlags() == y.flags);
            CHECK(b.IsInit() == ((y.flags & 4) != 0));
            CHECK(b.IsMore() == ((y.flags & 2) != 0));
            CHECK(b.IsMaster() == ((y.flags & 1) != 0));
            CHECK(b.GetSequenceNumber() == y.sequence);
            CheckIds(b.GetLsaHeaders(), y.ids);
            break;
        }
        case PACKET_LINK_STATE_REQUEST: {
            const ExpectedRequests& y = requests.at(x.frame);
            auto b = DecodeBody<LinkStateRequestHeader>(body);
            REQUIRE(b.GetRequests().size() == y.ids.size());
            for (size_t i = 0; i < y.ids.size(); ++i)
            {
                CHECK(b.GetRequests()[i].type == y.types[i]);
                CHECK(b.GetRequests()[i].linkStateId == Ipv4Address(y.ids[i]));
                CHECK(b.GetRequests()[i].advertisingRouter == Ipv4Address(y.advertisingRouters[i]));
            }
            break;
        }
        case PACKET_LINK_STATE_UPDATE: {
            const ExpectedIds& y = updates.at(x.frame);
            auto b = DecodeBody<LinkStateUpdateHeader>(body);
            CHECK(b.GetLsaCount() == y.count);
            REQUIRE(b.GetLsas().size() == y.ids.size());
            for (size_t i = 0; i < y.ids.size(); ++i)
            {
                const Lsa lsa = b.GetLsas()[i];
                CHECK(lsa.header.GetLinkStateId() == Ipv4Address(y.ids[i]));
                // tshark finds every LS checksum of these captures good.
                CHECK(b.IsChecksumValid(i));
                CHECK(lsa.GetEncodedSize() == lsa.header.GetLength());
            }
            break;
        }
        case PACKET_LINK_STATE_ACK: {
            const ExpectedIds& y = acks.at(x.frame);
            auto b = DecodeBody<LinkStateAckHeader>(body);
            CHECK(b.GetLsaHeaders().size() == y.count);
            CheckIds(b.GetLsaHeaders(), y.ids);
            break;
        }
        default:
            FAIL("unexpected type");
        }
        ++bodies;
    }
    CHECK(bodies ==
          e.hellos.size() + e.dds.size() + e.requests.size() + e.updates.size() + e.acks.size());
}

} // namespace

TEST_CASE("Every OSPF packet of packetnet/ospfv2.pcap matches tshark and re-encodes", "[ospf]")
{
    CheckCapture("packetnet/ospfv2.pcap",
                 {packetnetHeaders,
                  packetnetHellos,
                  packetnetDds,
                  packetnetRequests,
                  packetnetUpdates,
                  packetnetAcks});
}

TEST_CASE("Every OSPF packet of tcpdump/OSPFv2_Capture_FINAL.pcapng (MD5) matches tshark", "[ospf]")
{
    CheckCapture("tcpdump/OSPFv2_Capture_FINAL.pcapng",
                 {finalHeaders, finalHellos, finalDds, finalRequests, finalUpdates, finalAcks});
}

TEST_CASE("An OSPF packet comes apart through ns3::Packet, digest and LLS left over", "[ospf]")
{
    // tcpdump/OSPFv2_Capture_FINAL.pcapng frame 1: a 52-octet Hello, the
    // 16-octet digest, then a 36-octet LLS block (ip.len 124, tshark).
    auto cap = decode::ReadCapture(corpus::File("tcpdump/OSPFv2_Capture_FINAL.pcapng"));
    REQUIRE(cap.ok);
    const std::vector<uint8_t> bytes = OspfBytes(cap, 1);
    REQUIRE(bytes.size() == 104);
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    PacketHeader h;
    REQUIRE(p->RemoveHeader(h) == PacketHeader::SIZE);
    REQUIRE(h.IsValid());
    HelloHeader hello;
    REQUIRE(p->RemoveHeader(hello, h.GetPacketLength() - PacketHeader::SIZE) == 28);
    CHECK(hello.IsValid());
    CHECK(hello.GetNeighbors().size() == 2);
    CHECK(p->GetSize() == 16 + 36);

    // And back: header and body as Packet headers give the packet octets.
    Ptr<Packet> out = Create<Packet>();
    out->AddHeader(hello);
    out->AddHeader(h);
    std::vector<uint8_t> again(out->GetSize());
    out->CopyData(again.data(), again.size());
    CHECK(again == std::vector<uint8_t>(bytes.begin(), bytes.begin() + 52));
}

TEST_CASE("Bodies built by hand encode as RFC 2328 A.3.2-A.3.6 lay them out", "[ospf]")
{
    HelloHeader hello;
    hello.SetNetworkMask(Ipv4Mask("255.255.255.252"));
    hello.SetHelloInterval(10);
    hello.SetOptions(OPTION_E);
    hello.SetRouterPriority(0);
    hello.SetRouterDeadInterval(40);
    hello.SetDesignatedRouter(Ipv4Address("10.0.0.1"));
    hello.SetBackupDesignatedRouter(Ipv4Address("10.0.0.2"));
    hello.SetNeighbors({Ipv4Address("1.1.1.1"), Ipv4Address("2.2.2.2")});
    CHECK(Encode(hello) ==
          FromHex("fffffffc 000a 02 00 00000028 0a000001 0a000002 01010101 02020202"));

    DatabaseDescriptionHeader dd;
    dd.SetInterfaceMtu(1500);
    dd.SetOptions(OPTION_E | OPTION_O);
    dd.SetFlags(DD_FLAG_I | DD_FLAG_M | DD_FLAG_MS);
    dd.SetSequenceNumber(0x01020304);
    LsaHeader lsa;
    lsa.SetAge(1);
    lsa.SetType(LS_NETWORK);
    lsa.SetLinkStateId(Ipv4Address("10.0.0.1"));
    lsa.SetAdvertisingRouter(Ipv4Address("1.1.1.1"));
    lsa.SetChecksum(0xabcd);
    lsa.SetLength(32);
    dd.SetLsaHeaders({lsa});
    CHECK(Encode(dd) == FromHex("05dc 42 07 01020304"
                                "0001 02 02 0a000001 01010101 80000001 abcd 0020"));
    CHECK(dd.IsInit());
    CHECK(dd.IsMore());
    CHECK(dd.IsMaster());

    LinkStateRequestHeader lsr;
    lsr.SetRequests({lsa.GetKey()});
    CHECK(Encode(lsr) == FromHex("00000002 0a000001 01010101"));

    LinkStateAckHeader ack;
    ack.SetLsaHeaders({lsa, lsa});
    CHECK(Encode(ack).size() == 40);

    Lsa whole;
    whole.header = lsa;
    whole.body = NetworkLsaBody{Ipv4Mask("255.255.255.0"), {Ipv4Address("1.1.1.1")}};
    whole.Seal();
    LinkStateUpdateHeader lsu;
    lsu.AddLsa(whole);
    lsu.AddLsa(whole);
    const std::vector<uint8_t> octets = Encode(lsu);
    REQUIRE(octets.size() == 4 + 2 * 28);
    CHECK(std::vector<uint8_t>(octets.begin(), octets.begin() + 4) == FromHex("00000002"));
    CHECK(std::vector<uint8_t>(octets.begin() + 4, octets.begin() + 32) == whole.ToBytes());
    LinkStateUpdateHeader back;
    REQUIRE(Decode(back, octets) == octets.size());
    CHECK(back == lsu);
    CHECK(whole.GetEncodedSize() == 28);
    // Built locally: judged on the octets it would send.
    CHECK(lsu.IsChecksumValid(0));
    Lsa unsealed = whole;
    unsealed.header.SetChecksum(static_cast<uint16_t>(whole.header.GetChecksum() ^ 0x0101));
    LinkStateUpdateHeader local;
    local.AddLsa(unsealed);
    CHECK_FALSE(local.IsChecksumValid(0));
    CHECK(back.IsChecksumValid(0));
    CHECK(back.IsChecksumValid(1));
    // One octet of the second LSA's body changed on the way: its LS
    // checksum (RFC 2328 12.1.7) no longer fits the octets received,
    // although the LSA decodes.
    std::vector<uint8_t> damaged = octets;
    damaged[4 + 28 + 27] ^= 0x01;
    LinkStateUpdateHeader hurt;
    REQUIRE(Decode(hurt, damaged) == damaged.size());
    CHECK(hurt.IsChecksumValid(0));
    CHECK_FALSE(hurt.IsChecksumValid(1));

    PacketHeader h;
    h.SetType(PACKET_LINK_STATE_UPDATE);
    h.SetPacketLength(24 + 60);
    h.SetRouterId(Ipv4Address("1.1.1.1"));
    h.SetAreaId(Ipv4Address("0.0.0.0"));
    h.SetAuType(AUTYPE_CRYPTOGRAPHIC);
    h.SetKeyId(3);
    h.SetAuthDataLength(16);
    h.SetCryptoSequence(0x11223344);
    CHECK(Encode(h) == FromHex("02 04 0054 01010101 00000000 0000 0002 0000 03 10 11223344"));
}

TEST_CASE("A Link State Update sends a shared LSA with the age given, the instance untouched",
          "[ospf]")
{
    // RFC 2328 13.3: a flooded LSA carries the age it has reached (plus
    // InfTransDelay); the age is outside the LS checksum (12.1.7), so the
    // same stored instance goes out at any age and still checks.
    auto lsa = std::make_shared<Lsa>();
    lsa->header.SetType(LS_NETWORK);
    lsa->header.SetLinkStateId(Ipv4Address("10.0.0.1"));
    lsa->header.SetAdvertisingRouter(Ipv4Address("1.1.1.1"));
    lsa->header.SetSequenceNumber(INITIAL_SEQUENCE_NUMBER + 4);
    lsa->header.SetAge(7);
    lsa->body = NetworkLsaBody{Ipv4Mask("255.255.255.0"), {Ipv4Address("1.1.1.1")}};
    lsa->Seal();
    const std::shared_ptr<const Lsa> shared = lsa;
    LinkStateUpdateHeader lsu;
    lsu.AddLsa(shared, 0x0E11); // 3601: above MaxAge goes out as given
    lsu.AddLsa(shared, 42);
    const std::vector<uint8_t> octets = Encode(lsu);
    REQUIRE(octets.size() == 4 + 2 * 28);
    // LS age, octets 0-1 of each LSA; everything else as the instance holds it.
    std::vector<uint8_t> expected = shared->ToBytes();
    expected[0] = 0x0E;
    expected[1] = 0x11;
    CHECK(std::vector<uint8_t>(octets.begin() + 4, octets.begin() + 32) == expected);
    expected[0] = 0x00;
    expected[1] = 42;
    CHECK(std::vector<uint8_t>(octets.begin() + 32, octets.end()) == expected);
    CHECK(shared->header.GetAge() == 7);
    // Held by `lsa`, `shared` and the two items: no copy was made.
    CHECK(shared.use_count() == 4);
    LinkStateUpdateHeader back;
    REQUIRE(Decode(back, octets) == octets.size());
    REQUIRE(back.GetItems().size() == 2);
    CHECK(back.GetItems()[1].age == 42);
    // Decoded, they are shared instances (LsaInstanceCache): the first,
    // above MaxAge, is the MaxAge instance; their headers carry no age.
    CHECK(back.GetItems()[0].lsa->header.GetAge() == MAX_AGE);
    CHECK(back.GetItems()[1].lsa->header.GetAge() == 0);
    CHECK(back.GetLsas()[0].header.GetAge() == 0x0E11);
    CHECK(back.IsChecksumValid(0));
    CHECK(back.IsChecksumValid(1));
    CHECK(back == lsu);
}

TEST_CASE("Malformed OSPF packets of the corpus are flagged", "[ospf]")
{
    SECTION("synthetic/ospf-bad-checksum.pcap: a Hello whose checksum is wrong")
    {
        // tshark: checksum 0xd83b, incorrect, should be 0x273b.
        auto cap = decode::ReadCapture(corpus::File("synthetic/ospf-bad-checksum.pcap"));
        REQUIRE(cap.ok);
        const std::vector<uint8_t> bytes = OspfBytes(cap, 1);
        PacketHeader h;
        REQUIRE(Decode(h, bytes) == 24);
        CHECK(h.IsValid());
        CHECK(h.GetChecksum() == 0xd83b);
        CHECK_FALSE(IsPacketChecksumValid(bytes.data(), h.GetPacketLength()));
        CHECK(ComputePacketChecksum(bytes.data(), h.GetPacketLength()) == 0x273b);
        CHECK(Authenticator().Verify(bytes.data(), bytes.size()).result ==
              AuthResult::BAD_CHECKSUM);
    }
    SECTION("tcpdump/ospf2-seg-fault-1.pcapng: an Update with a wrong checksum and a bad TE TLV")
    {
        // tshark: checksum 0x6fc4, incorrect, should be 0x70b4; one opaque
        // (type 10) LSA of 124 octets whose TE TLV tshark calls malformed.
        auto cap = decode::ReadCapture(corpus::File("tcpdump/ospf2-seg-fault-1.pcapng"));
        REQUIRE(cap.ok);
        const std::vector<uint8_t> bytes = OspfBytes(cap, 1);
        PacketHeader h;
        REQUIRE(Decode(h, bytes) == 24);
        CHECK(h.IsValid());
        CHECK(h.GetPacketLength() == 152);
        CHECK(ComputePacketChecksum(bytes.data(), 152) == 0x70b4);
        CHECK(Authenticator().Verify(bytes.data(), bytes.size()).result ==
              AuthResult::BAD_CHECKSUM);
        // The opaque body is flooded as it came, not interpreted.
        LinkStateUpdateHeader lsu;
        const std::vector<uint8_t> body(bytes.begin() + 24, bytes.begin() + 152);
        REQUIRE(Decode(lsu, body) == body.size());
        CHECK(lsu.IsValid());
        REQUIRE(lsu.GetLsas().size() == 1);
        CHECK(lsu.GetLsas()[0].header.GetType() == LS_OPAQUE_AREA);
        CHECK(std::get<RawLsaBody>(lsu.GetLsas()[0].body).size() == 104);
    }
    SECTION("tcpdump/ospf-signed-integer-ubsan.pcap: OSPFv3 behind IPv6 and AH")
    {
        // tshark: Ethernet, IPv6 (40), AH (24 octets), then OSPF version 3,
        // LS Update, packet length 508, flagged malformed.
        auto cap = decode::ReadCapture(corpus::File("tcpdump/ospf-signed-integer-ubsan.pcap"));
        REQUIRE(cap.ok);
        REQUIRE(cap.frames.size() == 1);
        const std::vector<uint8_t>& frame = cap.frames[0].bytes;
        REQUIRE(frame.size() > 78);
        const std::vector<uint8_t> bytes(frame.begin() + 78, frame.end());
        CHECK(bytes[0] == 3);
        PacketHeader h;
        Decode(h, bytes);
        CHECK(h.GetError() == PacketHeader::BAD_VERSION);
        CHECK(Authenticator().Verify(bytes.data(), bytes.size()).result != AuthResult::OK);
        // Read as any OSPFv2 body, it is flagged or read, never overrun.
        const std::vector<uint8_t> body(bytes.begin() + 24, bytes.end());
        LinkStateUpdateHeader lsu;
        Decode(lsu, body);
        CHECK_FALSE(lsu.IsValid());
        HelloHeader hello;
        Decode(hello, body);
        DatabaseDescriptionHeader dd;
        Decode(dd, body);
        LinkStateRequestHeader lsr;
        Decode(lsr, body);
        LinkStateAckHeader ack;
        Decode(ack, body);
    }
}

TEST_CASE("Cut packets and lying length fields are flagged, never overrun", "[ospf]")
{
    auto cap = decode::ReadCapture(corpus::File("packetnet/ospfv2.pcap"));
    REQUIRE(cap.ok);
    for (uint32_t number : OspfFrames(cap))
    {
        INFO("frame " << number);
        const std::vector<uint8_t> bytes = OspfBytes(cap, number);
        const size_t length = (bytes[2] << 8) | bytes[3];
        // Header: fewer than 24 octets, or fewer than Packet length.
        for (size_t cut = 0; cut < length; ++cut)
        {
            PacketHeader h;
            Decode(h, std::vector<uint8_t>(bytes.begin(), bytes.begin() + cut));
            CHECK(h.GetError() == (cut < 24 ? PacketHeader::TRUNCATED : PacketHeader::BAD_LENGTH));
        }
        // Body: every cut, read as its type; the rule of each body says
        // which cuts still parse (A.3.2-A.3.6).
        const std::vector<uint8_t> body(bytes.begin() + 24, bytes.begin() + length);
        for (size_t cut = 0; cut < body.size(); ++cut)
        {
            INFO("cut " << cut);
            const std::vector<uint8_t> part(body.begin(), body.begin() + cut);
            switch (bytes[1])
            {
            case PACKET_HELLO: {
                HelloHeader b;
                Decode(b, part);
                CHECK(b.IsValid() == (cut >= 20 && cut % 4 == 0));
                break;
            }
            case PACKET_DATABASE_DESCRIPTION: {
                DatabaseDescriptionHeader b;
                Decode(b, part);
                CHECK(b.IsValid() == (cut >= 8 && (cut - 8) % 20 == 0));
                break;
            }
            case PACKET_LINK_STATE_REQUEST: {
                LinkStateRequestHeader b;
                Decode(b, part);
                CHECK(b.IsValid() == (cut % 12 == 0));
                break;
            }
            case PACKET_LINK_STATE_UPDATE: {
                // The count promises every LSA: any cut loses one.
                LinkStateUpdateHeader b;
                Decode(b, part);
                CHECK_FALSE(b.IsValid());
                break;
            }
            case PACKET_LINK_STATE_ACK: {
                LinkStateAckHeader b;
                Decode(b, part);
                CHECK(b.IsValid() == (cut % 20 == 0));
                break;
            }
            }
        }
    }
}

TEST_CASE("Header fields out of range are flagged", "[ospf]")
{
    // Frame 1 of packetnet/ospfv2.pcap, a Hello of 44 octets.
    const std::vector<uint8_t> hello =
        FromHex("0201002c c0a8aa08 00000001 273b 0000 0000000000000000"
                "ffffff00 000a 02 01 00000028 c0a8aa08 00000000");
    PacketHeader h;
    REQUIRE(Decode(h, hello) == 24);
    CHECK(h.IsValid());
    auto flagged = [](std::vector<uint8_t> bytes, size_t at, uint8_t value) {
        bytes[at] = value;
        PacketHeader x;
        Decode(x, bytes);
        return x.GetError();
    };
    CHECK(flagged(hello, 0, 3) == PacketHeader::BAD_VERSION);
    CHECK(flagged(hello, 1, 0) == PacketHeader::BAD_TYPE);
    CHECK(flagged(hello, 1, 6) == PacketHeader::BAD_TYPE);
    CHECK(flagged(hello, 3, 23) == PacketHeader::BAD_LENGTH);
    CHECK(flagged(hello, 3, 45) == PacketHeader::BAD_LENGTH);
    CHECK(flagged(hello, 2, 1) == PacketHeader::BAD_LENGTH);
    CHECK(std::string(PacketHeaderErrorName(PacketHeader::BAD_LENGTH)) == "bad-length");

    // Link State Update: the LSA count or an LSA's length lying.
    // Frame 19: one Router-LSA of 36 octets.
    const std::vector<uint8_t> update = FromHex("00000001"
                                                "03e2 0201 c0a8aa08 c0a8aa08 80000dc3 2506 0024"
                                                "02000001 c0a8aa00 ffffff00 0300000a");
    LinkStateUpdateHeader lsu;
    REQUIRE(Decode(lsu, update) == update.size());
    CHECK(lsu.IsValid());
    auto lsuError = [](std::vector<uint8_t> bytes, size_t at, uint8_t value) {
        bytes[at] = value;
        LinkStateUpdateHeader x;
        Decode(x, bytes);
        return x.GetError();
    };
    CHECK(lsuError(update, 3, 2) == LinkStateUpdateHeader::BAD_LSA);     // 2 LSAs promised
    CHECK(lsuError(update, 3, 0) == LinkStateUpdateHeader::BAD_LENGTH);  // 0: octets left over
    CHECK(lsuError(update, 0, 0xff) == LinkStateUpdateHeader::BAD_LSA);  // 4 billion LSAs
    CHECK(lsuError(update, 23, 0x28) == LinkStateUpdateHeader::BAD_LSA); // LSA length 40
    CHECK(lsuError(update, 23, 0x10) == LinkStateUpdateHeader::BAD_LSA); // LSA length 16
    CHECK(lsuError(update, 23, 0x20) == LinkStateUpdateHeader::BAD_LSA); // Router body cut
    LinkStateUpdateHeader empty;
    CHECK(Decode(empty, FromHex("000000")) == 0);
    CHECK(empty.GetError() == LinkStateUpdateHeader::TRUNCATED);

    // Link State Request: an LS type that no LSA could carry.
    LinkStateRequestHeader lsr;
    Decode(lsr, FromHex("00000101 c0a8aa08 c0a8aa08"));
    CHECK(lsr.GetError() == LinkStateRequestHeader::BAD_LS_TYPE);
}
