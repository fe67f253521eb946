/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * An authoritative zone (RFC 1034 4.3.2, RFC 1035 6.2) that takes dynamic
 * updates (RFC 2136 section 3). A pure class: it answers the messages it is
 * given and changes its records; the caller does the I/O.
 */
#ifndef IPVPN_DNS_ZONE_H
#define IPVPN_DNS_ZONE_H

#include "dns-message.h"
#include "dns-name.h"

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace ns3
{
namespace dns
{

/// QTYPE/TYPE meta values (RFC 1035 3.2.3; RFC 2136 1.3 uses them in updates).
constexpr uint16_t TYPE_AXFR = 252;
constexpr uint16_t TYPE_MAILB = 253;
constexpr uint16_t TYPE_MAILA = 254;
constexpr uint16_t TYPE_ANY = 255;
/// CLASS values of RFC 2136 1.3 and 2.4 (ANY: RFC 1035 3.2.5 "*").
constexpr uint16_t CLASS_NONE = 254;
constexpr uint16_t CLASS_ANY = 255;

/// The fields of the zone's SOA record (RFC 1035 3.3.13).
struct SoaFields
{
    Name mname;              ///< the primary server
    Name rname;              ///< the mailbox of the person responsible
    uint32_t serial = 1;     ///< version of the zone (RFC 1982 arithmetic)
    uint32_t refresh = 3600; ///< seconds
    uint32_t retry = 600;    ///< seconds
    uint32_t expire = 86400; ///< seconds
    uint32_t minimum = 300;  ///< negative-caching TTL (RFC 2308 4)
    uint32_t ttl = 3600;     ///< the SOA record's own TTL
};

/// \return a after b in RFC 1982 3.2 serial arithmetic (SERIAL_BITS 32).
bool SerialGreater(uint32_t a, uint32_t b);

/**
 * One zone, authoritative, class IN. It holds its SOA (built from SoaFields,
 * at the origin) and any other records added by the operator or by UPDATE.
 * The zone has no cuts: every name at or below the origin is answered from
 * here (no delegation, no wildcards).
 *
 * Updates are authorised by source address: RFC 2136 3.3 leaves the check
 * to the implementation (TSIG, RFC 8945, is not built). An UPDATE is
 * accepted only from an address inside one of the prefixes given to
 * AllowUpdatesFrom(), else REFUSED; with no prefix given every update is
 * refused. Updates may add A, AAAA and TXT records, and CNAME, NS and PTR
 * records whose RDATA is an uncompressed name; adding any other type is
 * REFUSED (also a 3.3 permission check), because names compressed inside
 * RDATA would point into the update's octets, not into the zone. Deletes
 * of any type are allowed. RDATA is compared octet by octet.
 */
class Zone
{
  public:
    /// A root zone "." with SOA fields "ns.", "hostmaster.".
    Zone();
    /// The zone at `origin`; SOA MNAME "ns.<origin>", RNAME "hostmaster.<origin>".
    explicit Zone(const Name& origin);

    const Name& GetOrigin() const;
    const SoaFields& GetSoa() const;
    void SetSoa(const SoaFields& soa);
    uint32_t GetSerial() const;

    /// Whether `name` is the origin or below it (RFC 1034 4.3.2 "zone of").
    bool Contains(const Name& name) const;

    /**
     * Adds an A record (several per name allowed, each with its TTL); the
     * same name and address again only sets the TTL.
     * \return false when the name lies outside the zone
     */
    bool AddA(const Name& name, Ipv4Address address, uint32_t ttl);
    /// Adds any record of class IN but SOA, same rules. \return false outside the zone, a
    /// class other than IN, or type SOA.
    bool AddRecord(const ResourceRecord& record);
    /// Removes one A record. \return whether it was there
    bool RemoveA(const Name& name, Ipv4Address address);

    /// The addresses of the name's A records, in the order added.
    std::vector<Ipv4Address> GetAddresses(const Name& name) const;
    /// The RRset of (name, type); the SOA for (origin, SOA).
    std::vector<ResourceRecord> GetRecords(const Name& name, uint16_t type) const;
    /// Records but the SOA.
    size_t GetRecordCount() const;

    /// Accepts updates from `prefix`/`mask` (see the class comment).
    void AllowUpdatesFrom(Ipv4Address prefix, Ipv4Mask mask);
    bool IsUpdateAllowed(Ipv4Address from) const;

    /**
     * The authoritative answer to a QUERY (RFC 1034 4.3.2, RFC 1035 4.3.1,
     * 6.2). ID, OPCODE, RD and the question are copied; QR set; RA clear.
     *  - QDCOUNT != 1: FORMERR, no question copied.
     *  - OPCODE not QUERY: NOTIMP (UPDATE goes to Respond()).
     *  - QNAME outside the zone or QCLASS not IN/ANY: REFUSED, AA clear.
     *  - the RRset (QTYPE ANY: every record of the name), a CNAME chain
     *    inside the zone followed (RFC 1034 4.3.2 step 3.a): NOERROR, AA.
     *  - the name exists (it owns records, or names below it do: an empty
     *    non-terminal, RFC 8020 2) without that type: NOERROR, no answer
     *    (NODATA), the SOA in the authority section (RFC 2308 2.2, 3).
     *  - the name does not exist: NXDOMAIN, AA, the SOA in the authority
     *    section (RFC 2308 2.1, 3), its TTL min(SOA TTL, MINIMUM).
     */
    Message Answer(const Message& query) const;

    /**
     * Applies an UPDATE (RFC 2136 section 3) from `from`, atomically: on any
     * error the zone is unchanged. Order: zone section (3.1), prerequisites
     * (3.2), permission (3.3, see the class comment), update prescan (3.4.1),
     * update (3.4.2). The serial is incremented when the zone changed and
     * the update did not raise it itself (3.6).
     */
    Rcode ApplyUpdate(const Message& update, Ipv4Address from);

    /**
     * The response to any request: Answer() for QUERY, ApplyUpdate() for
     * UPDATE, NOTIMP for other opcodes. An UPDATE's response copies ID and
     * OPCODE and carries zero counts (RFC 2136 3.8 allows either).
     */
    Message Respond(const Message& request, Ipv4Address from);

  private:
    /// Checks and applies; `records` and `soa` are the copies changed.
    Rcode DoUpdate(const Message& update,
                   Ipv4Address from,
                   std::vector<ResourceRecord>& records,
                   SoaFields& soa) const;

    Name m_origin;
    SoaFields m_soa;
    std::vector<ResourceRecord> m_records; ///< every record but the SOA, in the order added
    std::vector<std::pair<Ipv4Address, Ipv4Mask>> m_updatePrefixes;
};

/// Whether `name` equals `origin` or lies below it (labels compared ignoring ASCII case).
bool IsSubdomain(const Name& name, const Name& origin);

/// A name's octets without compression (RFC 1035 3.1).
std::vector<uint8_t> EncodeName(const Name& name);

/// RDATA of an SOA record (RFC 1035 3.3.13), names uncompressed.
std::vector<uint8_t> EncodeSoaRdata(const SoaFields& soa);

} // namespace dns
} // namespace ns3

#endif /* IPVPN_DNS_ZONE_H */
