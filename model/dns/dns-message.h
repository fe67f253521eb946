/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The DNS message of RFC 1035 section 4 as octets: header, question,
 * answer, authority and additional sections, with name compression (4.1.4),
 * UDP truncation (4.2.1) and TCP framing (4.2.2). A pure codec: no I/O.
 */
#ifndef IPVPN_DNS_MESSAGE_H
#define IPVPN_DNS_MESSAGE_H

#include "dns-name.h"

#include "ns3/ipv4-address.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace dns
{

/// RFC 1035 4.2: servers listen on port 53.
constexpr uint16_t DNS_PORT = 53;
/// RFC 1035 4.1.1: the fixed header.
constexpr size_t HEADER_SIZE = 12;
/// RFC 1035 4.2.1 (and 2.3.4): UDP messages are 512 octets or less.
constexpr size_t MAX_UDP_SIZE = 512;

/// OPCODE values (RFC 1035 4.1.1).
enum Opcode : uint8_t
{
    OPCODE_QUERY = 0,  ///< a standard query
    OPCODE_IQUERY = 1, ///< an inverse query
    OPCODE_STATUS = 2, ///< a server status request
    OPCODE_UPDATE = 5, ///< a dynamic update (RFC 2136 2.2)
};

/// RCODE values (RFC 1035 4.1.1).
enum Rcode : uint8_t
{
    RCODE_NOERROR = 0,  ///< no error condition
    RCODE_FORMERR = 1,  ///< format error
    RCODE_SERVFAIL = 2, ///< server failure
    RCODE_NXDOMAIN = 3, ///< name error: the domain name does not exist
    RCODE_NOTIMP = 4,   ///< not implemented
    RCODE_REFUSED = 5,  ///< refused
    RCODE_YXDOMAIN = 6, ///< a name exists that should not (RFC 2136 2.2)
    RCODE_YXRRSET = 7,  ///< an RRset exists that should not (RFC 2136 2.2)
    RCODE_NXRRSET = 8,  ///< an RRset does not exist that should (RFC 2136 2.2)
    RCODE_NOTAUTH = 9,  ///< not authoritative for the zone (RFC 2136 2.2)
    RCODE_NOTZONE = 10, ///< a name outside the zone (RFC 2136 2.2)
};

/// \return "NoError", "FormErr", "ServFail", "NXDomain", "NotImp", "Refused",
/// "YXDomain", "YXRRSet", "NXRRSet", "NotAuth", "NotZone", or "Rcode N".
std::string RcodeName(uint8_t rcode);

/// TYPE values (RFC 1035 3.2.2; AAAA RFC 3596, OPT RFC 6891).
enum RecordType : uint16_t
{
    TYPE_A = 1,
    TYPE_NS = 2,
    TYPE_CNAME = 5,
    TYPE_SOA = 6,
    TYPE_PTR = 12,
    TYPE_MX = 15,
    TYPE_TXT = 16,
    TYPE_AAAA = 28,
    TYPE_OPT = 41,
};

/// CLASS IN (RFC 1035 3.2.4).
constexpr uint16_t CLASS_IN = 1;

/// The header's ID and flags (RFC 1035 4.1.1); the four counts come from the sections.
struct MessageHeader
{
    uint16_t id = 0;
    bool qr = false; ///< a response
    uint8_t opcode = OPCODE_QUERY;
    bool aa = false;   ///< authoritative answer
    bool tc = false;   ///< truncated (4.2.1)
    bool rd = false;   ///< recursion desired
    bool ra = false;   ///< recursion available
    uint8_t z = 0;     ///< the three reserved bits, kept as read (later RFCs use two: AD, CD)
    uint8_t rcode = 0; ///< 4 bits

    /// The 16 bits after ID, as 4.1.1 lays them out.
    uint16_t GetFlags() const;
    void SetFlags(uint16_t flags);

    bool operator==(const MessageHeader& other) const;
    bool operator!=(const MessageHeader& other) const;
};

/// One entry of the question section (RFC 1035 4.1.2).
struct Question
{
    Name name;
    uint16_t type = TYPE_A;
    uint16_t qclass = CLASS_IN;

    bool operator==(const Question& other) const;
    bool operator!=(const Question& other) const;
};

/**
 * A resource record (RFC 1035 4.1.3). RDATA is kept as its octets; an A
 * record of class IN also reads as an address. RDATA is written as given,
 * never compressed: names inside another type's RDATA stay as they were,
 * so compression pointers in them are only meaningful in the message they
 * were read from (ReadName() with GetRdataOffset() reads them there).
 */
struct ResourceRecord
{
    Name name;
    uint16_t type = TYPE_A;
    uint16_t rclass = CLASS_IN;
    uint32_t ttl = 0;
    std::vector<uint8_t> rdata;
    /// Where RDATA starts in the message it was decoded from; 0 for a record built in code.
    size_t rdataOffset = 0;

    /// An A record of class IN.
    static ResourceRecord MakeA(const Name& name, uint32_t ttl, Ipv4Address address);
    /// Type A, class IN and 4 octets of RDATA.
    bool IsA() const;
    /// \return the address of an A record; nothing for any other record.
    std::optional<Ipv4Address> GetAddress() const;

    /// Every field but rdataOffset.
    bool operator==(const ResourceRecord& other) const;
    bool operator!=(const ResourceRecord& other) const;
};

/**
 * A whole DNS message. An RFC 2136 UPDATE has the same layout: its zone,
 * prerequisite and update sections are `questions`, `answers` and
 * `authorities`. Encode() writes the counts from the sections' sizes
 * and compresses owner names (of questions and records) against each other.
 *
 * Decode() checks, in order: the 12 header octets (TRUNCATED_HEADER); each
 * question (name errors, TRUNCATED_QUESTION); each record (name errors,
 * TRUNCATED_RECORD, BAD_RDATA); a section count not met where the message
 * ends on an entry's boundary (COUNT_MISMATCH); octets after the last
 * counted entry (TRAILING_BYTES). It stops at the first problem, never reads
 * outside the octets given and never throws; on error `message` holds what
 * was read up to the problem.
 */
class Message
{
  public:
    MessageHeader header;
    std::vector<Question> questions;
    std::vector<ResourceRecord> answers;
    std::vector<ResourceRecord> authorities;
    std::vector<ResourceRecord> additionals;

    static DecodeError Decode(const uint8_t* data, size_t size, Message& message);
    static DecodeError Decode(const std::vector<uint8_t>& bytes, Message& message);

    /// The message's octets, names compressed.
    std::vector<uint8_t> Encode() const;

    /**
     * The message cut to at most `limit` octets (RFC 1035 4.2.1, 512 over
     * UDP). If it fits it is Encode() unchanged. Otherwise whole entries are
     * left out from the end (additional records first, then authority,
     * answers, questions) and the counts say what remains. TC is set when a
     * question, answer or authority record was left out; not when only
     * additional records were (RFC 2181 9: "The TC bit should not be set
     * merely because some extra information could have been included").
     * The 12 header octets are always kept, even under a smaller limit.
     */
    std::vector<uint8_t> EncodeTruncated(size_t limit) const;

    /// One line: `id=0x5934 response NoError qd=1 an=2 ns=2 ar=5`.
    void Print(std::ostream& os) const;

    bool operator==(const Message& other) const;
    bool operator!=(const Message& other) const;

  private:
    /// Encodes; `ends` gets the message's size after each entry, in wire order.
    std::vector<uint8_t> EncodeWithEnds(std::vector<size_t>& ends) const;
};

std::ostream& operator<<(std::ostream& os, const Message& message);

/// RFC 1035 4.2.2: the message with its two-octet length in front; nothing if over 65535 octets.
std::optional<std::vector<uint8_t>> FrameForTcp(const std::vector<uint8_t>& message);

/**
 * Takes one message off the front of a TCP byte stream (RFC 1035 4.2.2).
 * \return the octets the frame used (2 + its length), `message` set to its
 *         body; 0 when the stream does not hold a whole frame yet
 */
size_t ReadTcpFrame(const uint8_t* stream, size_t size, std::vector<uint8_t>& message);

} // namespace dns
} // namespace ns3

#endif /* IPVPN_DNS_MESSAGE_H */
