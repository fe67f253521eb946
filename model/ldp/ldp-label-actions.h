/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The vocabulary of ldp::LabelEngine: what it is told about next hops and
 * egress labels, and what it decides (LFIB changes, label messages per
 * peer), as plain values its driver carries out (like ldp::SessionActions
 * for the session state machine).
 */
#ifndef IPVPN_LDP_LABEL_ACTIONS_H
#define IPVPN_LDP_LABEL_ACTIONS_H

#include "ns3/ipv4-address.h"
#include "ns3/mpls-lfib.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

namespace ns3
{
namespace ldp
{

/// "No label" in LfibChange fields (labels are 20 bits).
constexpr uint32_t NO_LABEL = 0xFFFFFFFF;

/// The label an egress LSR advertises for its own FECs (RFC 3031 3.16, RFC 3032 2.1).
enum class EgressLabel : uint8_t
{
    IMPLICIT_NULL, ///< label 3: the penultimate hop pops (PHP)
    EXPLICIT_NULL, ///< label 0: the packet arrives labeled, the egress pops
    NON_NULL,      ///< an ordinary label from the allocator, popped by the egress
};

/// The next hop of a FEC as the routing table has it.
struct NextHop
{
    /// Gateway; 0.0.0.0 for a directly connected prefix.
    Ipv4Address address = Ipv4Address::GetAny();
    int32_t outDevice = -1; ///< NetDevice index on the node

    bool operator==(const NextHop& o) const;
    bool operator!=(const NextHop& o) const;
};

/// One change to the node's LFIB.
struct LfibChange
{
    enum Table : uint8_t
    {
        FTN, ///< FEC-to-NHLFE entry (ingress, RFC 3031 3.12)
        ILM, ///< incoming label map entry (RFC 3031 3.11)
    };
    enum Kind : uint8_t
    {
        ADD,    ///< add or replace
        REMOVE, ///< remove
    };

    Table table = FTN;
    Kind kind = ADD;
    mpls::PrefixFec fec;
    uint32_t inLabel = NO_LABEL;  ///< ILM: the incoming (local) label; FTN: NO_LABEL
    mpls::Nhlfe nhlfe;            ///< ADD: the entry
    uint32_t outLabel = NO_LABEL; ///< label sent downstream (3: popped); NO_LABEL at the egress
    /// Next hop of the entry (0.0.0.0 at the egress).
    Ipv4Address nextHop = Ipv4Address::GetAny();

    bool operator==(const LfibChange& o) const;
};

/// A label distribution message for one peer.
struct LabelMessage
{
    enum Type : uint8_t
    {
        MAPPING,
        WITHDRAW,
        RELEASE,
        NOTIFICATION, ///< status for a Label Request that cannot be honoured
    };

    Type type = MAPPING;
    Ipv4Address peer = Ipv4Address::GetAny(); ///< LSR ID of the peer
    mpls::PrefixFec fec;                      ///< the FEC (unused for wildcard)
    bool wildcard = false;                    ///< Wildcard FEC (withdraw/release of all)
    std::optional<uint32_t> label;            ///< Label TLV; absent = all labels
    uint32_t status = 0;                      ///< NOTIFICATION: status code
    std::optional<uint32_t> requestId; ///< MAPPING/NOTIFICATION: the Label Request's message ID

    bool operator==(const LabelMessage& o) const;
};

/// What the driver must do after one call.
struct EngineOutput
{
    std::vector<LfibChange> lfib;
    std::vector<LabelMessage> messages;

    bool Empty() const;
    /// Messages of a type (for tests and logs).
    std::vector<LabelMessage> MessagesOf(LabelMessage::Type type) const;
};

std::ostream& operator<<(std::ostream& os, EgressLabel mode);
std::ostream& operator<<(std::ostream& os, const NextHop& nh);
std::ostream& operator<<(std::ostream& os, const LfibChange& change);
std::ostream& operator<<(std::ostream& os, const LabelMessage& message);

} // namespace ldp
} // namespace ns3

#endif // IPVPN_LDP_LABEL_ACTIONS_H
