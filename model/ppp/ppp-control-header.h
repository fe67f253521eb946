/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The packet format PPP control protocols share (RFC 1661 section 5),
 * carried in the Information field of a PPP frame with protocol 0xc021
 * (LCP) or 0x8021 (IPCP, RFC 1332) and used by the other NCPs alike:
 *
 *   |     Code      |  Identifier   |            Length             |
 *   |    Data ...
 *
 * Length counts Code, Identifier, Length and Data; octets past it are
 * padding. What Data holds depends on the Code:
 *   1-4  Configure-Request/Ack/Nak/Reject (5.1-5.4): options (section 6),
 *        each | Type | Length | Data... | with Length counting Type and
 *        Length;
 *   5-6  Terminate-Request/Ack (5.5): uninterpreted data;
 *   7    Code-Reject (5.6): the rejected packet;
 *   8    Protocol-Reject (5.7): rejected protocol, rejected information;
 *   9-11 Echo-Request/Reply (5.8), Discard-Request (5.9): magic number, data.
 * RFC 1332 section 2: IPCP uses only codes 1-7; for protocols other than
 * LCP the codes 8-11 are unknown codes whose data is kept as it is.
 */
#ifndef IPVPN_PPP_CONTROL_HEADER_H
#define IPVPN_PPP_CONTROL_HEADER_H

#include "ns3/header.h"
#include "ns3/ppp-control-option.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace ppp
{

/// Packet codes (RFC 1661 section 5; 14 and 15 from RFC 1962 section 2.1).
enum Code : uint8_t
{
    CONFIGURE_REQUEST = 1, ///< 5.1
    CONFIGURE_ACK = 2,     ///< 5.2
    CONFIGURE_NAK = 3,     ///< 5.3
    CONFIGURE_REJECT = 4,  ///< 5.4
    TERMINATE_REQUEST = 5, ///< 5.5
    TERMINATE_ACK = 6,     ///< 5.5
    CODE_REJECT = 7,       ///< 5.6
    PROTOCOL_REJECT = 8,   ///< 5.7 (LCP only)
    ECHO_REQUEST = 9,      ///< 5.8 (LCP only)
    ECHO_REPLY = 10,       ///< 5.8 (LCP only)
    DISCARD_REQUEST = 11,  ///< 5.9 (LCP only)
    RESET_REQUEST = 14,    ///< CCP only
    RESET_ACK = 15,        ///< CCP only
};

/// "Configure-Request", ... ; "Code-<n>" for an unknown code.
std::string CodeName(uint8_t code);
/// True for codes whose data is a list of options (1-4).
bool CarriesOptions(uint8_t code);

/**
 * An LCP/IPCP/NCP packet. The protocol it belongs to is context, not part
 * of the packet: it selects option names and the layout of codes 8-11.
 *
 * Deserialize() never asserts. It records the first problem in GetError()
 * and keeps what it could read: the options before a malformed one, whose
 * bytes (and everything after them) stay in GetData() so that Serialize()
 * gives back the octets received.
 */
class ControlHeader : public Header
{
  public:
    static constexpr uint32_t HEADER_SIZE = 4; ///< Code, Identifier, Length

    /// Why Deserialize() flagged its input.
    enum Error
    {
        NONE,                ///< well-formed
        TRUNCATED,           ///< fewer than 4 octets
        BAD_LENGTH,          ///< Length below 4
        LENGTH_EXCEEDS_DATA, ///< Length past the data (section 5: discard)
        BAD_OPTION,          ///< an option's Length below 2 or past the packet
        BAD_OPTION_LENGTH,   ///< a known option with the wrong data size
        MISSING_FIELD,       ///< no room for the Magic-Number or Rejected-Protocol
    };

    explicit ControlHeader(uint16_t protocol = PROTOCOL_LCP);
    ControlHeader(uint16_t protocol, uint8_t code, uint8_t identifier);

    static ControlHeader MakeConfigure(uint16_t protocol,
                                       uint8_t code,
                                       uint8_t identifier,
                                       const std::vector<ControlOption>& options);
    /// Echo-Request/Reply or Discard-Request (LCP).
    static ControlHeader MakeEcho(uint8_t code,
                                  uint8_t identifier,
                                  uint32_t magicNumber,
                                  const std::vector<uint8_t>& data = {});
    static ControlHeader MakeProtocolReject(uint8_t identifier,
                                            uint16_t rejectedProtocol,
                                            const std::vector<uint8_t>& rejectedInformation);

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// Reads a packet from the rest of the buffer.
    uint32_t Deserialize(Buffer::Iterator start) override;
    /// Reads a packet from [start, end); consumes Length octets when valid,
    /// otherwise the octets examined, never more than are available.
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;

    uint16_t GetProtocol() const;
    void SetProtocol(uint16_t protocol);
    uint8_t GetCode() const;
    void SetCode(uint8_t code);
    uint8_t GetIdentifier() const;
    void SetIdentifier(uint8_t identifier);
    /// The Length field (the whole packet).
    uint16_t GetLength() const;

    /// Options of codes 1-4.
    const std::vector<ControlOption>& GetOptions() const;
    void SetOptions(const std::vector<ControlOption>& options);
    void AddOption(const ControlOption& option);
    /// First option of that type, or nullptr.
    const ControlOption* FindOption(uint8_t type) const;

    /// Magic-Number of LCP codes 9-11.
    uint32_t GetMagicNumber() const;
    void SetMagicNumber(uint32_t magicNumber);
    /// Rejected-Protocol of LCP code 8.
    uint16_t GetRejectedProtocol() const;
    void SetRejectedProtocol(uint16_t protocol);
    /// The uninterpreted octets: Terminate data, the rejected packet or
    /// information, Echo data, an unknown code's data, or the bytes from a
    /// malformed option on.
    const std::vector<uint8_t>& GetData() const;
    void SetData(const std::vector<uint8_t>& data);

    bool IsValid() const;
    Error GetError() const;
    /// A short hyphenated name of an error ("option-overrun").
    static std::string ErrorName(Error error);

    bool operator==(const ControlHeader& other) const;
    bool operator!=(const ControlHeader& other) const;

  private:
    /// True when codes 8-11 have their LCP layout for this protocol.
    bool HasMagicNumber() const;
    bool HasRejectedProtocol() const;
    void DecodeOptions(const std::vector<uint8_t>& body);

    uint16_t m_protocol;
    uint8_t m_code;
    uint8_t m_identifier;
    std::vector<ControlOption> m_options;
    uint32_t m_magicNumber;
    uint16_t m_rejectedProtocol;
    std::vector<uint8_t> m_data;
    Error m_error;
};

std::ostream& operator<<(std::ostream& os, const ControlHeader& header);

} // namespace ppp
} // namespace ns3

#endif
