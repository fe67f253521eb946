// SPDX-License-Identifier: GPL-2.0-only
#include "ppp-control-header.h"

#include "ns3/buffer.h"
#include "ns3/log.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{
namespace ppp
{

NS_LOG_COMPONENT_DEFINE("PppControlHeader");

NS_OBJECT_ENSURE_REGISTERED(ControlHeader);

namespace
{
constexpr uint32_t MAGIC_NUMBER_SIZE = 4;
constexpr uint32_t PROTOCOL_FIELD_SIZE = 2;
constexpr uint32_t MAX_PACKET = 0xFFFF;

std::string
Hex16(uint16_t value)
{
    std::ostringstream os;
    os << "0x" << std::hex << std::setw(4) << std::setfill('0') << value;
    return os.str();
}
} // namespace

std::string
CodeName(uint8_t code)
{
    switch (code)
    {
    case CONFIGURE_REQUEST:
        return "Configure-Request";
    case CONFIGURE_ACK:
        return "Configure-Ack";
    case CONFIGURE_NAK:
        return "Configure-Nak";
    case CONFIGURE_REJECT:
        return "Configure-Reject";
    case TERMINATE_REQUEST:
        return "Terminate-Request";
    case TERMINATE_ACK:
        return "Terminate-Ack";
    case CODE_REJECT:
        return "Code-Reject";
    case PROTOCOL_REJECT:
        return "Protocol-Reject";
    case ECHO_REQUEST:
        return "Echo-Request";
    case ECHO_REPLY:
        return "Echo-Reply";
    case DISCARD_REQUEST:
        return "Discard-Request";
    case RESET_REQUEST:
        return "Reset-Request";
    case RESET_ACK:
        return "Reset-Ack";
    default:
        return "Code-" + std::to_string(code);
    }
}

bool
CarriesOptions(uint8_t code)
{
    return code >= CONFIGURE_REQUEST && code <= CONFIGURE_REJECT;
}

// ------------------------------------------------------------ ControlHeader

ControlHeader::ControlHeader(uint16_t protocol)
    : ControlHeader(protocol, CONFIGURE_REQUEST, 0)
{
}

ControlHeader::ControlHeader(uint16_t protocol, uint8_t code, uint8_t identifier)
    : m_protocol(protocol),
      m_code(code),
      m_identifier(identifier),
      m_magicNumber(0),
      m_rejectedProtocol(0),
      m_error(NONE)
{
}

ControlHeader
ControlHeader::MakeConfigure(uint16_t protocol,
                             uint8_t code,
                             uint8_t identifier,
                             const std::vector<ControlOption>& options)
{
    ControlHeader header(protocol, code, identifier);
    header.SetOptions(options);
    return header;
}

ControlHeader
ControlHeader::MakeEcho(uint8_t code,
                        uint8_t identifier,
                        uint32_t magicNumber,
                        const std::vector<uint8_t>& data)
{
    ControlHeader header(PROTOCOL_LCP, code, identifier);
    header.SetMagicNumber(magicNumber);
    header.SetData(data);
    return header;
}

ControlHeader
ControlHeader::MakeProtocolReject(uint8_t identifier,
                                  uint16_t rejectedProtocol,
                                  const std::vector<uint8_t>& rejectedInformation)
{
    ControlHeader header(PROTOCOL_LCP, PROTOCOL_REJECT, identifier);
    header.SetRejectedProtocol(rejectedProtocol);
    header.SetData(rejectedInformation);
    return header;
}

TypeId
ControlHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ppp::ControlHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ppp")
                            .AddConstructor<ControlHeader>();
    return tid;
}

TypeId
ControlHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

bool
ControlHeader::HasMagicNumber() const
{
    // RFC 1661 5.8, 5.9; RFC 1332 section 2 leaves these codes to LCP.
    return m_protocol == PROTOCOL_LCP &&
           (m_code == ECHO_REQUEST || m_code == ECHO_REPLY || m_code == DISCARD_REQUEST);
}

bool
ControlHeader::HasRejectedProtocol() const
{
    return m_protocol == PROTOCOL_LCP && m_code == PROTOCOL_REJECT; // RFC 1661 5.7
}

uint32_t
ControlHeader::GetSerializedSize() const
{
    uint32_t size = HEADER_SIZE;
    if (CarriesOptions(m_code))
    {
        for (const ControlOption& option : m_options)
        {
            size += option.GetLength();
        }
    }
    else if (HasMagicNumber())
    {
        size += MAGIC_NUMBER_SIZE;
    }
    else if (HasRejectedProtocol())
    {
        size += PROTOCOL_FIELD_SIZE;
    }
    return std::min<uint32_t>(size + m_data.size(), MAX_PACKET);
}

void
ControlHeader::Serialize(Buffer::Iterator start) const
{
    // GetSerializedSize() caps the packet at 65535 octets; whatever would
    // pass that budget is left out so that Length always matches.
    const uint32_t size = GetSerializedSize();
    uint32_t budget = size - HEADER_SIZE;
    start.WriteU8(m_code);
    start.WriteU8(m_identifier);
    start.WriteHtonU16(static_cast<uint16_t>(size));
    if (CarriesOptions(m_code))
    {
        for (const ControlOption& option : m_options)
        {
            if (option.GetLength() > budget)
            {
                break;
            }
            start.WriteU8(option.GetType());
            start.WriteU8(option.GetLength());
            start.Write(option.GetData().data(), option.GetData().size());
            budget -= option.GetLength();
        }
    }
    else if (HasMagicNumber())
    {
        start.WriteHtonU32(m_magicNumber);
        budget -= MAGIC_NUMBER_SIZE;
    }
    else if (HasRejectedProtocol())
    {
        start.WriteHtonU16(m_rejectedProtocol);
        budget -= PROTOCOL_FIELD_SIZE;
    }
    const uint32_t dataSize = std::min<uint32_t>(budget, m_data.size());
    start.Write(m_data.data(), dataSize);
    // Options dropped for the cap leave zero padding up to Length.
    for (uint32_t k = dataSize; k < budget; ++k)
    {
        start.WriteU8(0);
    }
}

uint32_t
ControlHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator end = start;
    end.Next(start.GetRemainingSize());
    return Deserialize(start, end);
}

uint32_t
ControlHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    const uint32_t available = end.GetDistanceFrom(start);
    m_options.clear();
    m_data.clear();
    m_magicNumber = 0;
    m_rejectedProtocol = 0;
    m_code = 0;
    m_identifier = 0;
    if (available < HEADER_SIZE)
    {
        m_error = TRUNCATED;
        return available;
    }
    Buffer::Iterator i = start;
    m_code = i.ReadU8();
    m_identifier = i.ReadU8();
    const uint16_t length = i.ReadNtohU16();
    // RFC 1661 section 5: octets past Length are padding; a Length past
    // the received packet means the packet is silently discarded.
    if (length < HEADER_SIZE)
    {
        m_error = BAD_LENGTH;
        return HEADER_SIZE;
    }
    if (length > available)
    {
        NS_LOG_LOGIC("Length " << length << " exceeds the " << available << " octets received");
        m_error = LENGTH_EXCEEDS_DATA;
        return HEADER_SIZE;
    }
    std::vector<uint8_t> body(length - HEADER_SIZE);
    i.Read(body.data(), body.size());
    m_error = NONE;
    if (CarriesOptions(m_code))
    {
        DecodeOptions(body);
    }
    else if (HasMagicNumber() || HasRejectedProtocol())
    {
        const uint32_t fieldSize = HasMagicNumber() ? MAGIC_NUMBER_SIZE : PROTOCOL_FIELD_SIZE;
        if (body.size() < fieldSize)
        {
            m_error = MISSING_FIELD;
            m_data = body;
        }
        else
        {
            uint32_t value = 0;
            for (uint32_t k = 0; k < fieldSize; ++k)
            {
                value = (value << 8) | body[k];
            }
            if (HasMagicNumber())
            {
                m_magicNumber = value;
            }
            else
            {
                m_rejectedProtocol = static_cast<uint16_t>(value);
            }
            m_data.assign(body.begin() + fieldSize, body.end());
        }
    }
    else
    {
        m_data = body;
    }
    return length;
}

void
ControlHeader::DecodeOptions(const std::vector<uint8_t>& body)
{
    // RFC 1661 section 6: Type, Length (>= 2, counting Type and Length),
    // Data. An option that does not fit ends the list; its bytes and the
    // rest stay in m_data.
    std::size_t pos = 0;
    while (pos < body.size())
    {
        const std::size_t left = body.size() - pos;
        const uint8_t length = left >= 2 ? body[pos + 1] : 0;
        if (left < ControlOption::HEADER_SIZE || length < ControlOption::HEADER_SIZE ||
            length > left)
        {
            NS_LOG_LOGIC("option at offset " << pos << " does not fit");
            m_error = BAD_OPTION;
            m_data.assign(body.begin() + pos, body.end());
            return;
        }
        ControlOption option(body[pos],
                             std::vector<uint8_t>(body.begin() + pos + 2, body.begin() + pos + length));
        const int expected = ExpectedOptionDataSize(m_protocol, option.GetType());
        if (expected >= 0 && option.GetData().size() != static_cast<std::size_t>(expected) &&
            m_error == NONE)
        {
            m_error = BAD_OPTION_LENGTH;
        }
        m_options.push_back(option);
        pos += length;
    }
}

uint16_t
ControlHeader::GetProtocol() const
{
    return m_protocol;
}

void
ControlHeader::SetProtocol(uint16_t protocol)
{
    m_protocol = protocol;
}

uint8_t
ControlHeader::GetCode() const
{
    return m_code;
}

void
ControlHeader::SetCode(uint8_t code)
{
    m_code = code;
}

uint8_t
ControlHeader::GetIdentifier() const
{
    return m_identifier;
}

void
ControlHeader::SetIdentifier(uint8_t identifier)
{
    m_identifier = identifier;
}

uint16_t
ControlHeader::GetLength() const
{
    return static_cast<uint16_t>(GetSerializedSize());
}

const std::vector<ControlOption>&
ControlHeader::GetOptions() const
{
    return m_options;
}

void
ControlHeader::SetOptions(const std::vector<ControlOption>& options)
{
    m_options = options;
}

void
ControlHeader::AddOption(const ControlOption& option)
{
    m_options.push_back(option);
}

const ControlOption*
ControlHeader::FindOption(uint8_t type) const
{
    for (const ControlOption& option : m_options)
    {
        if (option.GetType() == type)
        {
            return &option;
        }
    }
    return nullptr;
}

uint32_t
ControlHeader::GetMagicNumber() const
{
    return m_magicNumber;
}

void
ControlHeader::SetMagicNumber(uint32_t magicNumber)
{
    m_magicNumber = magicNumber;
}

uint16_t
ControlHeader::GetRejectedProtocol() const
{
    return m_rejectedProtocol;
}

void
ControlHeader::SetRejectedProtocol(uint16_t protocol)
{
    m_rejectedProtocol = protocol;
}

const std::vector<uint8_t>&
ControlHeader::GetData() const
{
    return m_data;
}

void
ControlHeader::SetData(const std::vector<uint8_t>& data)
{
    m_data = data;
}

bool
ControlHeader::IsValid() const
{
    return m_error == NONE;
}

ControlHeader::Error
ControlHeader::GetError() const
{
    return m_error;
}

std::string
ControlHeader::ErrorName(Error error)
{
    switch (error)
    {
    case NONE:
        return "none";
    case TRUNCATED:
        return "truncated";
    case BAD_LENGTH:
        return "bad-length";
    case LENGTH_EXCEEDS_DATA:
        return "length-exceeds-data";
    case BAD_OPTION:
        return "option-overrun";
    case BAD_OPTION_LENGTH:
        return "bad-option-length";
    case MISSING_FIELD:
        return "missing-field";
    }
    return "unknown";
}

void
ControlHeader::Print(std::ostream& os) const
{
    os << ControlProtocolName(m_protocol) << " " << CodeName(m_code) << " id=" << +m_identifier
       << " len=" << GetLength();
    if (CarriesOptions(m_code))
    {
        for (const ControlOption& option : m_options)
        {
            os << " [" << OptionName(m_protocol, option.GetType()) << " len="
               << +option.GetLength() << "]";
        }
    }
    else if (HasMagicNumber())
    {
        os << " magic=0x" << std::hex << std::setw(8) << std::setfill('0') << m_magicNumber
           << std::dec << std::setfill(' ');
    }
    else if (HasRejectedProtocol())
    {
        os << " rejected-protocol=" << Hex16(m_rejectedProtocol);
    }
    if (!m_data.empty())
    {
        os << " data=" << m_data.size() << "B";
    }
    if (!IsValid())
    {
        os << " [malformed: " << ErrorName(m_error) << "]";
    }
}

bool
ControlHeader::operator==(const ControlHeader& other) const
{
    return m_protocol == other.m_protocol && m_code == other.m_code &&
           m_identifier == other.m_identifier && m_options == other.m_options &&
           m_magicNumber == other.m_magicNumber && m_rejectedProtocol == other.m_rejectedProtocol &&
           m_data == other.m_data && m_error == other.m_error;
}

bool
ControlHeader::operator!=(const ControlHeader& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const ControlHeader& header)
{
    header.Print(os);
    return os;
}

} // namespace ppp
} // namespace ns3
