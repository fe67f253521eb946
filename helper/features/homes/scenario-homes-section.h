/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The home-gateway sections of a scenario (seed 004, Fig. 1):
 *
 *  - `gateways`: what every home gateway takes (NAPT timeouts, filtering,
 *    port range and table size; the DHCP lease; the DNS processor's local
 *    domain and forward timeout);
 *  - `homes`: each home network behind its gateway node (kind `gateway`):
 *    the ISP link (its address there is the public address), the home LAN
 *    (a core link in the home's own address space, so that homes may use
 *    the same private prefixes), the domain name the gateway registers,
 *    the public DNS server it registers with and forwards to, the DHCP pool
 *    and the hosts' names;
 *  - `dns_servers`: public authoritative servers (DNS server 330): zone,
 *    fixed records, prefixes allowed to send dynamic updates;
 *  - `web_servers`: Internet hosts serving a page on TCP port 80 under a name
 *    of a server's zone;
 *  - `home_traffic`: a home host browsing a web server by name (DNS through
 *    its gateway, then HTTP through NAPT), or opening its gateway's
 *    tunnel-request page and asking for a tunnel to a peer gateway.
 */
#ifndef IPVPN_SCENARIO_HOMES_SECTION_H
#define IPVPN_SCENARIO_HOMES_SECTION_H

#include "ns3/nat-napt-engine.h"
#include "ns3/scenario-enum.h"
#include "ns3/scenario-spec.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace YAML
{
class Node;
}

namespace ns3
{
namespace scenario
{

class YamlReader;

/// The address space of a home's LAN (LinkSpec::addressSpace).
std::string HomeAddressSpace(const std::string& home);

struct HomeHostSpec
{
    std::string node;
    std::string name;    ///< host name (DHCP option 12, the DNS table); default: the node name
    int64_t startNs = 0; ///< when the host boots: its DHCP client starts ([0066])
    SourceMark mark;
};

struct HomeSpec
{
    std::string name;
    std::string gateway; ///< node of kind gateway
    std::string ispLink;
    std::string lan;
    std::string domain;    ///< registered at the DNS server; empty: none
    std::string dnsServer; ///< node of a `dns_servers` entry; empty: none
    std::optional<uint32_t> poolStart;
    std::optional<uint32_t> poolEnd;
    std::optional<int64_t> leaseNs;
    std::vector<HomeHostSpec> hosts;
    SourceMark mark;

    // Resolved.
    uint32_t publicAddress = 0;
    uint32_t ispPeer = 0; ///< the ISP router's address on the ISP link
    Ipv4Prefix inside;    ///< the gateway's address on the LAN
    uint32_t dnsServerAddress = 0;
    std::string zone; ///< the DNS server's zone, where `domain` goes
};

struct DnsRecordSpec
{
    std::string name;
    uint32_t address = 0;
    SourceMark mark;
};

struct DnsServerSpec
{
    std::string node;
    std::string zone;
    std::vector<DnsRecordSpec> records;
    std::vector<Ipv4Prefix> updatesFrom;
    SourceMark mark;
    uint32_t address = 0; ///< resolved: the node's first address
};

struct WebServerSpec
{
    std::string node;
    std::string name; ///< its name in a server's zone
    SourceMark mark;
    uint32_t address = 0; ///< resolved
};

enum class HomeTrafficType
{
    BROWSE,      ///< look a web server's name up, then GET /
    TUNNEL_PAGE, ///< GET the gateway's page, then POST /tunnel with a peer domain
    LOOKUP,      ///< look a name up only
    SEND,        ///< UDP datagrams to an address (any home may hold it)
};

inline const EnumTable<HomeTrafficType> kHomeTrafficTypes{
    {"browse", HomeTrafficType::BROWSE},
    {"tunnel-page", HomeTrafficType::TUNNEL_PAGE},
    {"lookup", HomeTrafficType::LOOKUP},
    {"send", HomeTrafficType::SEND}};

inline const EnumTable<nat::Filtering> kNatFilterings{
    {"endpoint-independent", nat::Filtering::ENDPOINT_INDEPENDENT},
    {"address-dependent", nat::Filtering::ADDRESS_DEPENDENT},
    {"address-and-port-dependent", nat::Filtering::ADDRESS_AND_PORT_DEPENDENT}};

struct HomeTrafficSpec
{
    std::string name;
    HomeTrafficType type = HomeTrafficType::BROWSE;
    std::string from;
    /// browse, lookup: a name; tunnel-page: the peer gateway's domain; send: an address,
    /// or a name the host resolves first
    std::string target;
    std::optional<int64_t> atNs;
    uint32_t count = 1; ///< send: datagrams, 10 ms apart
    uint16_t port = 0;  ///< send: UDP port; resolved: 9000 + the flow's index when 0
    bool reply = false; ///< send: each receiving host sends every datagram back (an echo)
    SourceMark mark;
};

struct HomesSection : Section<HomesSection>
{
    static constexpr char kKey[] = "homes";

    // `gateways`: the defaults of every gateway (resolved from the models).
    std::optional<int64_t> udpTimeoutNs;
    std::optional<int64_t> tcpEstablishedTimeoutNs;
    std::optional<int64_t> tcpTransitoryTimeoutNs;
    std::optional<int64_t> icmpTimeoutNs;
    std::optional<nat::Filtering> filtering;
    std::optional<uint32_t> portMin;
    std::optional<uint32_t> portMax;
    std::optional<uint32_t> maxMappings;
    std::optional<int64_t> leaseNs;
    std::optional<std::string> localDomain;
    std::optional<int64_t> forwardTimeoutNs;

    std::vector<HomeSpec> homes;
    std::vector<DnsServerSpec> dnsServers;
    std::vector<WebServerSpec> webServers;
    std::vector<HomeTrafficSpec> traffic;

    const HomeSpec* HomeOfGateway(const std::string& node) const;
    /// The home whose LAN the host is on (listed or not), or null.
    const HomeSpec* HomeOfHost(const Scenario& s, const std::string& node) const;
    const DnsServerSpec* FindDnsServer(const std::string& node) const;
    /// The host name of a node on a home's LAN (its `hosts` entry, else the node name).
    std::string HostName(const HomeSpec& home, const std::string& node) const;
};

/// Reads `gateways`, `homes`, `dns_servers`, `web_servers` and `home_traffic`,
/// and marks each home's LAN with the home's address space.
void ReadHomes(const YAML::Node& root, YamlReader& in, Scenario& s);

} // namespace scenario
} // namespace ns3

#endif
