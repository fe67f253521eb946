/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The body of an OSPFv2 Hello packet (RFC 2328 A.3.2), after the packet
 * header (ospf-packet-header.h).
 */
#ifndef IPVPN_OSPF_HELLO_HEADER_H
#define IPVPN_OSPF_HELLO_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{
namespace ospf
{

/**
 * Hello body (RFC 2328 A.3.2):
 *
 *   | Network Mask (32) |
 *   | HelloInterval (16) | Options (8) | Rtr Pri (8) |
 *   | RouterDeadInterval (32) |
 *   | Designated Router (32) |
 *   | Backup Designated Router (32) |
 *   | Neighbor (32) ... |
 *
 * The body ends where the packet length says: deserialize it with the
 * octets bounded (Deserialize(start, end) or Packet::RemoveHeader(h, size)),
 * since everything up to the end is read as neighbors. Fewer than 20
 * octets, or a neighbor list that is not whole addresses, is flagged.
 */
class HelloHeader : public Header
{
  public:
    /// Why a decoded body is unusable.
    enum Error
    {
        OK = 0,     ///< well formed
        TRUNCATED,  ///< fewer than the 20 fixed octets
        BAD_LENGTH, ///< the neighbor list is not a multiple of 4 octets
    };

    /// The fixed part, before the neighbors.
    static constexpr uint32_t FIXED_SIZE = 20;

    static TypeId GetTypeId();

    HelloHeader();

    void SetNetworkMask(Ipv4Mask mask);
    Ipv4Mask GetNetworkMask() const;
    void SetHelloInterval(uint16_t seconds);
    uint16_t GetHelloInterval() const;
    void SetOptions(uint8_t options);
    uint8_t GetOptions() const;
    void SetRouterPriority(uint8_t priority);
    uint8_t GetRouterPriority() const;
    void SetRouterDeadInterval(uint32_t seconds);
    uint32_t GetRouterDeadInterval() const;
    void SetDesignatedRouter(Ipv4Address address);
    Ipv4Address GetDesignatedRouter() const;
    void SetBackupDesignatedRouter(Ipv4Address address);
    Ipv4Address GetBackupDesignatedRouter() const;
    /// Router IDs of the routers heard on the network recently (A.3.2).
    void SetNeighbors(const std::vector<Ipv4Address>& neighbors);
    const std::vector<Ipv4Address>& GetNeighbors() const;

    bool IsValid() const;
    Error GetError() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

    bool operator==(const HelloHeader& other) const;
    bool operator!=(const HelloHeader& other) const;

  private:
    Ipv4Mask m_networkMask;
    uint16_t m_helloInterval;
    uint8_t m_options;
    uint8_t m_priority;
    uint32_t m_deadInterval;
    Ipv4Address m_designatedRouter;
    Ipv4Address m_backupDesignatedRouter;
    std::vector<Ipv4Address> m_neighbors;
    Error m_error;
};

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_HELLO_HEADER_H */
