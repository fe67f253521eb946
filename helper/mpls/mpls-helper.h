/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * MplsHelper: installs MPLS on nodes (mpls::Protocol + the FTN ingress
 * hook mpls::FtnRouting) on nodes, builds label-capable point-to-point links
 * (mpls::P2pNetDevice, pcap as DLT_PPP), and configures static LSPs until
 * LDP programs the same tables.
 */
#ifndef IPVPN_MPLS_HELPER_H
#define IPVPN_MPLS_HELPER_H

#include "ns3/mpls-lfib.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/trace-helper.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

namespace mpls
{
class Protocol;
}

class MplsHelper : public PcapHelperForDevice
{
  public:
    MplsHelper();

    /// Attributes of the mpls::P2pNetDevice / mpls::P2pChannel that
    /// InstallLink() creates, and of the mpls::Protocols Install() creates.
    void SetDeviceAttribute(std::string name, const AttributeValue& value);
    void SetChannelAttribute(std::string name, const AttributeValue& value);
    void SetQueueAttribute(std::string name, const AttributeValue& value);
    void SetProtocolAttribute(std::string name, const AttributeValue& value);
    /// Priority of mpls::FtnRouting in the node's Ipv4ListRouting (default
    /// 10, above static routing's 0 and global routing's -10).
    void SetFtnPriority(int16_t priority);

    /**
     * Aggregates an mpls::Protocol to the node (once), enables MPLS on all of
     * its devices but the loopback, and adds mpls::FtnRouting to its
     * Ipv4ListRouting (an edge router whose routing is a
     * vr::VrfRoutingProtocol gets none: its VR ports push their labels).
     * The Internet stack must already be installed.
     */
    Ptr<mpls::Protocol> Install(Ptr<Node> node) const;
    void Install(const NodeContainer& nodes) const;

    /// A full-duplex MPLS-capable link between two nodes; devices are
    /// MPLS-enabled at once on nodes that already have mpls::Protocol.
    NetDeviceContainer InstallLink(Ptr<Node> a, Ptr<Node> b) const;

    /**
     * Static LSP for an IPv4 prefix FEC along `path`, the outgoing device of
     * each hop from the ingress LSR on (the egress is the peer of the last
     * device). Labels are allocated downstream (RFC 3031 section 3.3) from
     * each receiving node's allocator, or taken from `labels` (one per
     * labeled link, reserved in those allocators). With `php` the last link
     * carries no label: the penultimate LSR pops (RFC 3031 section 3.16).
     * \return the label of each link, ingress first (3 = implicit null).
     */
    static std::vector<uint32_t> SetupStaticLsp(const mpls::PrefixFec& fec,
                                                const std::vector<Ptr<NetDevice>>& path,
                                                bool php = false,
                                                std::vector<uint32_t> labels = {});

  private:
    void EnablePcapInternal(std::string prefix,
                            Ptr<NetDevice> nd,
                            bool promiscuous,
                            bool explicitFilename) override;

    ObjectFactory m_deviceFactory;
    ObjectFactory m_channelFactory;
    ObjectFactory m_queueFactory;
    ObjectFactory m_protocolFactory;
    int16_t m_ftnPriority;
};

} // namespace ns3

#endif
