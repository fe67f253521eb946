// SPDX-License-Identifier: GPL-2.0-only
#include "dns-message.h"

#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnsMessage");

namespace dns
{

namespace
{
/// TYPE, CLASS, TTL and RDLENGTH (RFC 1035 4.1.3).
constexpr size_t RECORD_FIXED_SIZE = 10;
/// QTYPE and QCLASS (RFC 1035 4.1.2).
constexpr size_t QUESTION_FIXED_SIZE = 4;
/// Where the four counts sit in the header (RFC 1035 4.1.1).
constexpr size_t QDCOUNT_OFFSET = 4;
constexpr size_t A_RDATA_SIZE = 4;
constexpr uint16_t TC_BIT = 0x0200;

/// Reads `count` records at `offset` into `records`, moving `offset` past them.
DecodeError
DecodeRecords(const uint8_t* data,
              size_t size,
              size_t& offset,
              uint16_t count,
              std::vector<ResourceRecord>& records)
{
    for (uint16_t i = 0; i < count; ++i)
    {
        if (offset == size)
        {
            return DecodeError::COUNT_MISMATCH;
        }
        ResourceRecord record;
        size_t next = 0;
        const DecodeError error = ReadName(data, size, offset, record.name, next);
        if (error != DecodeError::OK)
        {
            return error;
        }
        if (size - next < RECORD_FIXED_SIZE)
        {
            return DecodeError::TRUNCATED_RECORD;
        }
        const uint8_t* fixed = data + next;
        record.type = byteorder::ReadBe16(fixed);
        record.rclass = byteorder::ReadBe16(fixed + 2);
        record.ttl = byteorder::ReadBe32(fixed + 4);
        const uint16_t rdlength = byteorder::ReadBe16(fixed + 8);
        next += RECORD_FIXED_SIZE;
        if (size - next < rdlength)
        {
            return DecodeError::TRUNCATED_RECORD;
        }
        if (record.type == TYPE_A && record.rclass == CLASS_IN && rdlength != A_RDATA_SIZE)
        {
            return DecodeError::BAD_RDATA; // RFC 1035 3.4.1: a 32-bit address
        }
        record.rdata.assign(data + next, data + next + rdlength);
        record.rdataOffset = next;
        offset = next + rdlength;
        records.push_back(std::move(record));
    }
    return DecodeError::OK;
}

void
EncodeRecord(const ResourceRecord& record, NameCompressor& names, std::vector<uint8_t>& out)
{
    names.Write(record.name, out);
    byteorder::AppendBe16(out, record.type);
    byteorder::AppendBe16(out, record.rclass);
    byteorder::AppendBe32(out, record.ttl);
    byteorder::AppendBe16(out, static_cast<uint16_t>(record.rdata.size()));
    out.insert(out.end(), record.rdata.begin(), record.rdata.end());
}
} // namespace

std::string
RcodeName(uint8_t rcode)
{
    switch (rcode)
    {
    case RCODE_NOERROR:
        return "NoError";
    case RCODE_FORMERR:
        return "FormErr";
    case RCODE_SERVFAIL:
        return "ServFail";
    case RCODE_NXDOMAIN:
        return "NXDomain";
    case RCODE_NOTIMP:
        return "NotImp";
    case RCODE_REFUSED:
        return "Refused";
    case RCODE_YXDOMAIN:
        return "YXDomain";
    case RCODE_YXRRSET:
        return "YXRRSet";
    case RCODE_NXRRSET:
        return "NXRRSet";
    case RCODE_NOTAUTH:
        return "NotAuth";
    case RCODE_NOTZONE:
        return "NotZone";
    default:
        return "Rcode " + std::to_string(rcode);
    }
}

uint16_t
MessageHeader::GetFlags() const
{
    // RFC 1035 4.1.1: QR(1) Opcode(4) AA(1) TC(1) RD(1) RA(1) Z(3) RCODE(4).
    return static_cast<uint16_t>((qr ? 0x8000 : 0) | ((opcode & 0x0f) << 11) | (aa ? 0x0400 : 0) |
                                 (tc ? TC_BIT : 0) | (rd ? 0x0100 : 0) | (ra ? 0x0080 : 0) |
                                 ((z & 0x07) << 4) | (rcode & 0x0f));
}

void
MessageHeader::SetFlags(uint16_t flags)
{
    qr = (flags & 0x8000) != 0;
    opcode = (flags >> 11) & 0x0f;
    aa = (flags & 0x0400) != 0;
    tc = (flags & TC_BIT) != 0;
    rd = (flags & 0x0100) != 0;
    ra = (flags & 0x0080) != 0;
    z = (flags >> 4) & 0x07;
    rcode = flags & 0x0f;
}

bool
MessageHeader::operator==(const MessageHeader& other) const
{
    return id == other.id && GetFlags() == other.GetFlags();
}

bool
MessageHeader::operator!=(const MessageHeader& other) const
{
    return !(*this == other);
}

bool
Question::operator==(const Question& other) const
{
    return name == other.name && type == other.type && qclass == other.qclass;
}

bool
Question::operator!=(const Question& other) const
{
    return !(*this == other);
}

ResourceRecord
ResourceRecord::MakeA(const Name& name, uint32_t ttl, Ipv4Address address)
{
    ResourceRecord record;
    record.name = name;
    record.type = TYPE_A;
    record.rclass = CLASS_IN;
    record.ttl = ttl;
    record.rdata.resize(A_RDATA_SIZE);
    address.Serialize(record.rdata.data());
    return record;
}

bool
ResourceRecord::IsA() const
{
    return type == TYPE_A && rclass == CLASS_IN && rdata.size() == A_RDATA_SIZE;
}

std::optional<Ipv4Address>
ResourceRecord::GetAddress() const
{
    if (!IsA())
    {
        return std::nullopt;
    }
    return Ipv4Address::Deserialize(rdata.data());
}

bool
ResourceRecord::operator==(const ResourceRecord& other) const
{
    return name == other.name && type == other.type && rclass == other.rclass && ttl == other.ttl &&
           rdata == other.rdata;
}

bool
ResourceRecord::operator!=(const ResourceRecord& other) const
{
    return !(*this == other);
}

DecodeError
Message::Decode(const uint8_t* data, size_t size, Message& message)
{
    message = Message();
    if (data == nullptr || size < HEADER_SIZE)
    {
        return DecodeError::TRUNCATED_HEADER;
    }
    message.header.id = byteorder::ReadBe16(data);
    message.header.SetFlags(byteorder::ReadBe16(data + 2));
    const uint16_t qdcount = byteorder::ReadBe16(data + QDCOUNT_OFFSET);
    const uint16_t ancount = byteorder::ReadBe16(data + QDCOUNT_OFFSET + 2);
    const uint16_t nscount = byteorder::ReadBe16(data + QDCOUNT_OFFSET + 4);
    const uint16_t arcount = byteorder::ReadBe16(data + QDCOUNT_OFFSET + 6);

    size_t offset = HEADER_SIZE;
    for (uint16_t i = 0; i < qdcount; ++i)
    {
        if (offset == size)
        {
            return DecodeError::COUNT_MISMATCH;
        }
        Question question;
        size_t next = 0;
        const DecodeError error = ReadName(data, size, offset, question.name, next);
        if (error != DecodeError::OK)
        {
            return error;
        }
        if (size - next < QUESTION_FIXED_SIZE)
        {
            return DecodeError::TRUNCATED_QUESTION;
        }
        question.type = byteorder::ReadBe16(data + next);
        question.qclass = byteorder::ReadBe16(data + next + 2);
        offset = next + QUESTION_FIXED_SIZE;
        message.questions.push_back(std::move(question));
    }
    for (auto [count, records] : {std::make_pair(ancount, &message.answers),
                                  std::make_pair(nscount, &message.authorities),
                                  std::make_pair(arcount, &message.additionals)})
    {
        const DecodeError error = DecodeRecords(data, size, offset, count, *records);
        if (error != DecodeError::OK)
        {
            return error;
        }
    }
    if (offset != size)
    {
        return DecodeError::TRAILING_BYTES;
    }
    return DecodeError::OK;
}

DecodeError
Message::Decode(const std::vector<uint8_t>& bytes, Message& message)
{
    return Decode(bytes.data(), bytes.size(), message);
}

std::vector<uint8_t>
Message::EncodeWithEnds(std::vector<size_t>& ends) const
{
    std::vector<uint8_t> out;
    byteorder::AppendBe16(out, header.id);
    byteorder::AppendBe16(out, header.GetFlags());
    for (size_t count : {questions.size(), answers.size(), authorities.size(), additionals.size()})
    {
        byteorder::AppendBe16(out, static_cast<uint16_t>(count));
    }
    NameCompressor names;
    for (const Question& question : questions)
    {
        names.Write(question.name, out);
        byteorder::AppendBe16(out, question.type);
        byteorder::AppendBe16(out, question.qclass);
        ends.push_back(out.size());
    }
    for (const auto* section : {&answers, &authorities, &additionals})
    {
        for (const ResourceRecord& record : *section)
        {
            EncodeRecord(record, names, out);
            ends.push_back(out.size());
        }
    }
    return out;
}

std::vector<uint8_t>
Message::Encode() const
{
    std::vector<size_t> ends;
    return EncodeWithEnds(ends);
}

std::vector<uint8_t>
Message::EncodeTruncated(size_t limit) const
{
    std::vector<size_t> ends;
    std::vector<uint8_t> out = EncodeWithEnds(ends);
    if (out.size() <= limit)
    {
        return out;
    }
    // Names are compressed only against earlier ones, so a prefix of whole
    // entries is a well-formed message once its counts are corrected.
    size_t kept = 0;
    while (kept < ends.size() && ends[kept] <= limit)
    {
        ++kept;
    }
    out.resize(kept == 0 ? HEADER_SIZE : ends[kept - 1]);
    size_t left = kept;
    bool tc = header.tc;
    const size_t sizes[] = {
        questions.size(), answers.size(), authorities.size(), additionals.size()};
    for (size_t s = 0; s < 4; ++s)
    {
        const size_t inSection = std::min(left, sizes[s]);
        left -= inSection;
        byteorder::WriteBe16(out.data() + QDCOUNT_OFFSET + 2 * s, static_cast<uint16_t>(inSection));
        if (s < 3 && inSection < sizes[s])
        {
            tc = true; // a question, answer or authority record is missing
        }
    }
    if (tc)
    {
        byteorder::WriteBe16(out.data() + 2, static_cast<uint16_t>(header.GetFlags() | TC_BIT));
    }
    return out;
}

void
Message::Print(std::ostream& os) const
{
    std::ostringstream id;
    id << std::hex << header.id;
    os << "id=0x" << id.str() << (header.qr ? " response " : " query ") << RcodeName(header.rcode)
       << (header.tc ? " tc" : "") << " qd=" << questions.size() << " an=" << answers.size()
       << " ns=" << authorities.size() << " ar=" << additionals.size();
}

bool
Message::operator==(const Message& other) const
{
    return header == other.header && questions == other.questions && answers == other.answers &&
           authorities == other.authorities && additionals == other.additionals;
}

bool
Message::operator!=(const Message& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const Message& message)
{
    message.Print(os);
    return os;
}

std::optional<std::vector<uint8_t>>
FrameForTcp(const std::vector<uint8_t>& message)
{
    if (message.size() > 0xffff)
    {
        return std::nullopt;
    }
    std::vector<uint8_t> framed;
    framed.reserve(2 + message.size());
    byteorder::AppendBe16(framed, static_cast<uint16_t>(message.size()));
    framed.insert(framed.end(), message.begin(), message.end());
    return framed;
}

size_t
ReadTcpFrame(const uint8_t* stream, size_t size, std::vector<uint8_t>& message)
{
    if (stream == nullptr || size < 2)
    {
        return 0;
    }
    const size_t length = byteorder::ReadBe16(stream);
    if (size - 2 < length)
    {
        return 0;
    }
    message.assign(stream + 2, stream + 2 + length);
    return 2 + length;
}

} // namespace dns
} // namespace ns3
