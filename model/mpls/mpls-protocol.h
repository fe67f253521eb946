/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The MPLS forwarding of one node (RFC 3031 section 3): receives
 * labeled packets (EtherType 0x8847) on MPLS-enabled devices, applies the
 * ILM/NHLFE operation of the top label (swap, pop, push), and imposes labels
 * on IPv4 packets handed over by the ingress routing hook (mpls::FtnRouting).
 * Tables are configured through this API: static LSPs by MplsHelper,
 * LDP's bindings by ldp::LabelDriver.
 */
#ifndef IPVPN_MPLS_PROTOCOL_H
#define IPVPN_MPLS_PROTOCOL_H

#include "mpls-label-stack-header.h"
#include "mpls-lfib.h"

#include "ns3/ipv4-header.h"
#include "ns3/net-device.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <set>

namespace ns3
{

class Node;
class Packet;

namespace mpls
{

class Protocol : public Object
{
  public:
    /// EtherType of MPLS unicast (RFC 3032 section 5).
    static constexpr uint16_t PROT_NUMBER = 0x8847;

    /// Why a packet was dropped (argument of the "Drop" trace).
    enum DropReason
    {
        DROP_TTL_EXPIRED = 0,      ///< outgoing TTL would be 0 (RFC 3032 section 2.4.1)
        DROP_NO_ILM_ENTRY,         ///< unknown incoming label (RFC 3031 section 3.18)
        DROP_MALFORMED,            ///< truncated stack or bad IPv4 header
        DROP_UNSUPPORTED_LABEL,    ///< reserved label this LSR does not handle
        DROP_NO_DEVICE,            ///< NHLFE names a device/interface that is not there
        DROP_DEVICE_NOT_ENABLED,   ///< labeled packet on a device without MPLS
        DROP_SEND_FAILED,          ///< the device refused the frame
        DROP_STACK_TOO_DEEP,       ///< more labels than MaxStackDepth
    };

    /// Which table a "TableChanged" event concerns.
    enum Table
    {
        TABLE_ILM = 0,
        TABLE_FTN = 1,
    };

    typedef void (*LabelTracedCallback)(Ptr<const Packet> packet, uint32_t label, uint32_t ifIndex);
    typedef void (*SwapTracedCallback)(Ptr<const Packet> packet,
                                       uint32_t inLabel,
                                       uint32_t outLabel,
                                       uint32_t ifIndex);
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, DropReason reason);
    typedef void (*TableChangedTracedCallback)(Table table, bool added, uint32_t key);

    static TypeId GetTypeId();

    Protocol();
    ~Protocol() override;

    void SetNode(Ptr<Node> node);
    Ptr<Node> GetNode() const;

    /// Registers the 0x8847 handler on a device of this node; idempotent.
    void EnableDevice(Ptr<NetDevice> device);
    bool IsEnabled(uint32_t deviceIndex) const;

    // ---- table configuration (MplsHelper, ldp::LabelDriver) ----
    bool AddIlm(uint32_t inLabel, const Nhlfe& nhlfe, uint32_t labelSpace = IlmTable::PLATFORM);
    bool RemoveIlm(uint32_t inLabel, uint32_t labelSpace = IlmTable::PLATFORM);
    bool AddFtn(const PrefixFec& fec, const Nhlfe& nhlfe);
    bool RemoveFtn(const PrefixFec& fec);
    const IlmTable& GetIlm() const;
    const FtnTable& GetFtn() const;
    LabelAllocator& GetLabelAllocator();

    /**
     * Ingress (RFC 3031 section 3.12): impose the labels of an FTN entry on
     * an IPv4 packet and send it. `payload` has no IPv4 header; `header` is
     * its header as received. With decrementTtl (forwarded traffic) the IP
     * TTL drops by one first, as IP forwarding would have done.
     * \return false when the packet was dropped (Drop trace fired).
     */
    bool SendIpv4(Ptr<Packet> payload, Ipv4Header header, const Nhlfe& nhlfe, bool decrementTtl);

    /// Protocol handler for 0x8847 (Node::ProtocolHandler signature).
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType packetType);

    /**
     * The owner of a context (Nhlfe::context, e.g. a VR port whose label
     * matrix entry names it) chooses where a packet popped at the bottom
     * of the stack enters IPv4: it gets the datagram and the device it
     * arrived on and returns an IPv4 interface (-1: the arrival device's).
     * Without a chooser the NHLFE's deliverInterface holds.
     */
    using DeliveryChooser = Callback<int32_t, Ptr<const Packet>, Ptr<NetDevice>>;
    void SetDeliveryChooser(uint32_t context, DeliveryChooser chooser);

    /// Counter of drops for one reason (tests, statistics).
    uint64_t GetDropCount(DropReason reason) const;

  protected:
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    /// Applies the NHLFE for `top`; `packet` holds what follows that entry.
    void Process(Ptr<Packet> packet, LabelStackEntry top, Ptr<NetDevice> inDevice, uint32_t depth);
    void PopBottom(Ptr<Packet> packet,
                   const LabelStackEntry& top,
                   const Nhlfe& nhlfe,
                   Ptr<NetDevice> inDevice);
    void DeliverToIpv4(Ptr<Packet> packet, int32_t ipv4Interface, Ptr<NetDevice> inDevice);
    bool SendPlainIpv4(Ptr<Packet> packet, const Ipv4Header& header, const Nhlfe& nhlfe);
    /// Pushes nhlfe.labels (bottom first) with `ttl`.
    void PushLabels(Ptr<Packet> packet,
                     const Nhlfe& nhlfe,
                     uint8_t ttl,
                     uint8_t trafficClass,
                     bool bottomIsBos);
    bool SendLabeled(Ptr<Packet> packet, const Nhlfe& nhlfe);
    Ptr<NetDevice> GetOutDevice(const Nhlfe& nhlfe);
    void Drop(Ptr<const Packet> packet, DropReason reason);

    Ptr<Node> m_node;
    IlmTable m_ilm;
    FtnTable m_ftn;
    LabelAllocator m_allocator;
    std::set<uint32_t> m_enabledDevices;
    std::map<uint32_t, DeliveryChooser> m_choosers; ///< by context
    uint64_t m_drops[DROP_STACK_TOO_DEEP + 1];

    void SetMinLabel(uint32_t label);
    uint32_t GetMinLabel() const;
    void SetMaxLabel(uint32_t label);
    uint32_t GetMaxLabel() const;

    uint32_t m_maxStackDepth;
    uint8_t m_trafficClass;

    TracedCallback<Ptr<const Packet>, uint32_t, uint32_t> m_pushTrace;
    TracedCallback<Ptr<const Packet>, uint32_t, uint32_t, uint32_t> m_swapTrace;
    TracedCallback<Ptr<const Packet>, uint32_t, uint32_t> m_popTrace;
    TracedCallback<Ptr<const Packet>, DropReason> m_dropTrace;
    TracedCallback<Table, bool, uint32_t> m_tableChangedTrace;
};

} // namespace mpls
} // namespace ns3

#endif
