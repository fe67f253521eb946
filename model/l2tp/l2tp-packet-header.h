/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The L2TPv2 header (RFC 2661 section 3.1):
 *
 *   |T|L|x|x|S|x|O|P|x|x|x|x|  Ver  |          Length (opt)         |
 *   |           Tunnel ID           |           Session ID          |
 *   |             Ns (opt)          |             Nr (opt)          |
 *   |      Offset Size (opt)        |    Offset pad... (opt)
 *
 * For a control message (T=1) the AVPs that follow belong to this header,
 * so that Length can be computed and checked; a control message without
 * AVPs is a ZLB acknowledgement (section 5.8). For a data message (T=0) the
 * PPP frame stays in the packet payload; SetPayloadSize() gives its size for
 * the Length field.
 */
#ifndef IPVPN_L2TP_PACKET_HEADER_H
#define IPVPN_L2TP_PACKET_HEADER_H

#include "l2tp-avp.h"

#include "ns3/header.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace l2tp
{

/**
 * An L2TPv2 message header. Deserialize() never asserts on bad input: it
 * records the first problem found in GetError() and clears IsValid().
 */
class PacketHeader : public Header
{
  public:
    static constexpr uint8_t VERSION = 2; ///< Ver of L2TPv2 (section 3.1)

    /// Why Deserialize() rejected its input.
    enum Error
    {
        NONE,                       ///< well-formed
        TRUNCATED,                  ///< the fixed fields run past the data
        BAD_VERSION,                ///< Ver is not 2 (MUST be discarded, 3.1)
        BAD_CONTROL_FLAGS,          ///< T=1 without L=1,S=1 or with O or P set (3.1)
        BAD_LENGTH,                 ///< Length below the header size or past the data
        BAD_AVP,                    ///< an AVP's length below 6 or overrunning Length
        FIRST_AVP_NOT_MESSAGE_TYPE, ///< section 4.4.1: Message Type MUST come first
    };

    /// A data message header (T=0, L=0, S=0).
    PacketHeader();

    /// A control message header: T=1, L=1, S=1 as section 3.1 requires.
    static PacketHeader MakeControl(uint16_t tunnelId,
                                    uint16_t sessionId,
                                    uint16_t ns,
                                    uint16_t nr);
    /// A data message header; L, S, O, P are off until set.
    static PacketHeader MakeData(uint16_t tunnelId, uint16_t sessionId);

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    /// Header size, plus the AVPs of a control message.
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// Reads a message from the rest of the buffer.
    uint32_t Deserialize(Buffer::Iterator start) override;
    /**
     * Reads a message from [start, end). Consumes a control message up to its
     * Length (later octets are ignored), or a data message's header only.
     * On malformed input IsValid() turns false and the return value counts
     * the octets examined, never more than are available.
     */
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;

    bool IsControl() const;
    void SetControl(bool control);
    bool HasLength() const;
    void SetLengthPresent(bool present);
    bool HasSequence() const;
    void SetSequencePresent(bool present);
    bool HasOffset() const;
    /// Offset Size field present (O=1); the pad is written as zeros.
    void SetOffset(bool present, uint16_t offsetSize = 0);
    uint16_t GetOffsetSize() const;
    bool GetPriority() const;
    void SetPriority(bool priority);
    uint8_t GetVersion() const;
    void SetVersion(uint8_t version);

    uint16_t GetTunnelId() const;
    void SetTunnelId(uint16_t tunnelId);
    uint16_t GetSessionId() const;
    void SetSessionId(uint16_t sessionId);
    uint16_t GetNs() const;
    void SetNs(uint16_t ns);
    uint16_t GetNr() const;
    void SetNr(uint16_t nr);

    /// Header size without AVPs: 6 + 2 (L) + 4 (S) + 2 + offset size (O).
    uint32_t GetHeaderSize() const;
    /// Size of a data message's payload, counted in the Length field.
    void SetPayloadSize(uint16_t size);
    uint16_t GetPayloadSize() const;
    /// The Length field value (whole message) when L=1.
    uint16_t GetLength() const;

    const std::vector<Avp>& GetAvps() const;
    void SetAvps(const std::vector<Avp>& avps);
    void AddAvp(const Avp& avp);
    /// First AVP of the given type and vendor, or nullptr.
    const Avp* FindAvp(uint16_t type, uint16_t vendorId = 0) const;
    /// A control message with no AVPs: Zero-Length Body acknowledgement.
    bool IsZlb() const;
    /// Value of the leading Message Type AVP; false for ZLBs, data messages
    /// and a malformed Message Type AVP.
    bool GetMessageType(uint16_t& messageType) const;

    /// The message's octets, as Serialize() writes them.
    std::vector<uint8_t> ToBytes() const;

    bool IsValid() const;
    Error GetError() const;

    bool operator==(const PacketHeader& other) const;
    bool operator!=(const PacketHeader& other) const;

  private:
    bool m_control;
    bool m_lengthPresent;
    bool m_sequencePresent;
    bool m_offsetPresent;
    bool m_priority;
    uint8_t m_version;
    uint16_t m_tunnelId;
    uint16_t m_sessionId;
    uint16_t m_ns;
    uint16_t m_nr;
    uint16_t m_offsetSize;
    uint16_t m_payloadSize;
    std::vector<Avp> m_avps;
    Error m_error;
};

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_PACKET_HEADER_H
