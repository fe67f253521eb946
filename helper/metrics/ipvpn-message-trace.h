/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The message trace: one text line per protocol message seen at a node,
 *   <time-s> <node> <tx|rx|event> <protocol> <type> key=value ...
 * from which ladder (sequence) diagrams are drawn. Protocol models feed it
 * through their trace sources; this class also watches ICMP on the IPv4
 * layer of every node it is given.
 */
#ifndef IPVPN_MESSAGE_TRACE_H
#define IPVPN_MESSAGE_TRACE_H

#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/packet.h"

#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace metrics
{

class MessageTrace
{
  public:
    using Fields = std::vector<std::pair<std::string, std::string>>;
    /// Where protocol monitors send their lines: node, direction, protocol, type, fields.
    using Sink = std::function<void(const std::string& node,
                                    const std::string& direction,
                                    const std::string& protocol,
                                    const std::string& type,
                                    const Fields& fields)>;

    /// Opens (truncates) the trace file; Good() tells whether that worked.
    explicit MessageTrace(const std::string& path);

    bool Good() const;

    /// Writes one line stamped with the current simulation time.
    void Record(const std::string& node,
                const std::string& direction,
                const std::string& protocol,
                const std::string& type,
                const Fields& fields);

    /// Traces every ICMP message the node's IPv4 layer sends or receives.
    void WatchIcmp(Ptr<Node> node, const std::string& name);

    uint64_t Lines() const;

    /// Describes an IPv4 packet carrying ICMP as (type, fields); false when
    /// the packet is not ICMP. Exposed for tests.
    static bool DescribeIcmp(Ptr<const Packet> ipPacket, std::string& type, Fields& fields);

  private:
    void IpTrace(std::string name,
                 std::string direction,
                 Ptr<const Packet> packet,
                 Ptr<Ipv4> ipv4,
                 uint32_t interface);

    std::ofstream m_out;
    uint64_t m_lines = 0;
};

} // namespace metrics
} // namespace ns3

#endif
