/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The messages of the Home-to-home Tunnelling Initiation Protocol (seed 004
 * [0121]-[0126], [0138]-[0143], [0155]-[0161], claims 8-15): REQUEST,
 * RESPONSE, ACK, READY and NAK. The seed names their fields, not an
 * encoding; this one is the module's own, documented in doc/htip.md.
 */
#ifndef IPVPN_HTIP_MESSAGE_H
#define IPVPN_HTIP_MESSAGE_H

#include "htip-negotiation.h"
#include "htip-prefix.h"

#include "ns3/header.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace htip
{

/// UDP port of the messages (our choice; the seed names none).
constexpr uint16_t HTIP_PORT = 5402;
/// The only version of the format.
constexpr uint8_t HTIP_VERSION = 1;

/// Message types.
enum MessageType : uint8_t
{
    REQUEST = 1,  ///< A asks B for a tunnel ([0121])
    RESPONSE = 2, ///< B answers with the prefixes it takes and offers ([0122])
    ACK = 3,      ///< A confirms the four prefixes ([0123])
    READY = 4,    ///< B's VPN server is ready (second embodiment, [0126])
    NAK = 5,      ///< the last message is unsuitable, try again ([0156], claims 13-14)
};

/// "REQUEST", "RESPONSE", "ACK", "READY", "NAK", or "TYPE N".
std::string TypeName(uint8_t type);

/// TLV types.
enum TlvType : uint8_t
{
    TLV_VPN_PROTOCOL = 1,         ///< 1 octet, VpnProtocol
    TLV_REQUESTER_PREFIX = 2,     ///< 5 octets: A's own prefix
    TLV_REQUESTER_CANDIDATES = 3, ///< 5 octets per prefix, 1 to 51 of them
    TLV_RESPONDER_PREFIX = 4,     ///< 5 octets: B's own prefix
    TLV_RESPONDER_CANDIDATES = 5, ///< 5 octets per prefix, 1 to 51 of them
    TLV_REQUESTER_TUNNEL = 6,     ///< 5 octets: A's tunnel prefix
    TLV_RESPONDER_TUNNEL = 7,     ///< 5 octets: B's tunnel prefix
    TLV_GATEWAY_NAME = 8,         ///< 1-255 octets: the sender's domain name (ASCII)
    TLV_NAK_CAUSE = 9,            ///< 1 octet, NakCause
    TLV_IN_USE = 10,              ///< 5 octets per prefix, 0 to 51 of them
};

/// VPN protocols ([0115]); the module runs L2TP only.
enum VpnProtocol : uint8_t
{
    VPN_L2TP = 1,
    VPN_PPTP = 2,
};

/**
 * One message, the whole UDP payload:
 *
 *   0: | Version (8) = 1 | Type (8) | Length (16)                |
 *   4: | Negotiation ID (32)                                      |
 *   8: | Round (16)                  | Reserved (16) = 0          |
 *  12: | TLV: Type (8) | Length (8) | Value (Length octets) | ...
 *
 * Length counts the whole message, these 12 octets included. The requester
 * picks the Negotiation ID; every message of that negotiation carries it.
 * Round starts at 1 and grows by one with each REQUEST that follows a NAK
 * (and each RESPONSE that follows a NAK of a response); every answer echoes
 * the round it answers. A prefix is 4 octets of network address and 1 of
 * length. Serialize() writes TLVs in type order; Deserialize() takes them in
 * any order and skips (and counts) unknown types.
 *
 * Fields each type needs (MISSING_FIELD otherwise):
 *  - REQUEST: VPN protocol, requester prefix, requester candidates, gateway name;
 *  - RESPONSE: VPN protocol, responder prefix, responder candidates,
 *    requester prefix, requester tunnel;
 *  - ACK, READY: VPN protocol, requester prefix, responder prefix,
 *    requester tunnel, responder tunnel;
 *  - NAK: NAK cause and either requester candidates with the responder
 *    prefix (B refusing a REQUEST, [0156]) or responder candidates with the
 *    requester prefix (A refusing a RESPONSE); the in-use list is optional.
 *
 * Decoding checks, in order: 12 octets present (TRUNCATED), version
 * (BAD_VERSION), Length equal to the octets given (BAD_LENGTH), type
 * (BAD_TYPE), Reserved zero (BAD_RESERVED), each TLV (BAD_TLV: runs past the
 * end, wrong length for its type, a prefix with length > 32 or host bits
 * set, an empty or non-ASCII name; DUPLICATE_TLV), then the fields of the
 * type (MISSING_FIELD). The first problem is kept; it never reads past the
 * end. Deserialize with the octets bounded (Deserialize(start, end) or
 * Packet::RemoveHeader(h, size)) or on a packet holding only the message.
 */
class MessageHeader : public Header
{
  public:
    /// Why a decoded message is unusable.
    enum Error
    {
        OK = 0,
        TRUNCATED,
        BAD_VERSION,
        BAD_TYPE,
        BAD_LENGTH,
        BAD_RESERVED,
        BAD_TLV,
        DUPLICATE_TLV,
        MISSING_FIELD,
    };

    static constexpr uint32_t FIXED_SIZE = 12;
    static constexpr uint32_t TLV_HEADER_SIZE = 2;
    static constexpr uint32_t PREFIX_SIZE = 5;
    /// Prefixes one list TLV holds at most (255 / 5).
    static constexpr uint32_t MAX_LIST = 51;

    /// "OK", "TRUNCATED", ...
    static std::string ErrorName(Error error);

    static TypeId GetTypeId();

    /// A REQUEST, negotiation 0, round 1, VPN protocol L2TP, nothing else set.
    MessageHeader();

    void SetType(uint8_t type);
    uint8_t GetType() const;
    uint8_t GetVersion() const;
    void SetNegotiationId(uint32_t id);
    uint32_t GetNegotiationId() const;
    void SetRound(uint16_t round);
    uint16_t GetRound() const;

    // Fields; an unset optional field is not written.
    void SetVpnProtocol(uint8_t protocol);
    std::optional<uint8_t> GetVpnProtocol() const;
    void SetRequesterPrefix(const Prefix& p);
    std::optional<Prefix> GetRequesterPrefix() const;
    void SetRequesterCandidates(const std::vector<Prefix>& list); ///< at most MAX_LIST
    const std::vector<Prefix>& GetRequesterCandidates() const;
    bool HasRequesterCandidates() const;
    void SetResponderPrefix(const Prefix& p);
    std::optional<Prefix> GetResponderPrefix() const;
    void SetResponderCandidates(const std::vector<Prefix>& list); ///< at most MAX_LIST
    const std::vector<Prefix>& GetResponderCandidates() const;
    bool HasResponderCandidates() const;
    void SetRequesterTunnel(const Prefix& p);
    std::optional<Prefix> GetRequesterTunnel() const;
    void SetResponderTunnel(const Prefix& p);
    std::optional<Prefix> GetResponderTunnel() const;
    void SetGatewayName(const std::string& name); ///< 1-255 ASCII octets
    std::optional<std::string> GetGatewayName() const;
    void SetNakCause(NakCause cause);
    std::optional<NakCause> GetNakCause() const;
    void SetInUse(const std::vector<Prefix>& list); ///< at most MAX_LIST; written even when empty
    const std::vector<Prefix>& GetInUse() const;
    bool HasInUse() const;

    /// TLVs of unknown types skipped by the last Deserialize().
    uint32_t GetUnknownTlvCount() const;
    bool IsValid() const;
    Error GetError() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    /// One line, e.g. `REQUEST id=0x1 round=1 proto=L2TP a=10.0.0.0/24
    /// a-cand=10.0.0.0/24,10.0.1.0/24,10.0.2.0/24 name=gw-a.example`.
    void Print(std::ostream& os) const override;

    bool operator==(const MessageHeader& other) const;
    bool operator!=(const MessageHeader& other) const;

  private:
    /// The prefix field a TLV type holds (requester or responder prefix or tunnel).
    std::optional<Prefix>& PrefixField(uint8_t type);
    /// The list field a TLV type holds (either side's candidates, the in-use list).
    std::optional<std::vector<Prefix>>& ListField(uint8_t type);

    uint8_t m_version;
    uint8_t m_type;
    uint32_t m_negotiationId;
    uint16_t m_round;
    std::optional<uint8_t> m_vpnProtocol;
    std::optional<Prefix> m_requesterPrefix;
    std::optional<std::vector<Prefix>> m_requesterCandidates;
    std::optional<Prefix> m_responderPrefix;
    std::optional<std::vector<Prefix>> m_responderCandidates;
    std::optional<Prefix> m_requesterTunnel;
    std::optional<Prefix> m_responderTunnel;
    std::optional<std::string> m_gatewayName;
    std::optional<NakCause> m_nakCause;
    std::optional<std::vector<Prefix>> m_inUse;
    uint32_t m_unknownTlvs;
    Error m_error;
};

} // namespace htip
} // namespace ns3

#endif /* IPVPN_HTIP_MESSAGE_H */
