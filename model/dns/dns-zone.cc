/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dns-zone.h"

#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnsZone");

namespace dns
{

namespace
{

/// RFC 1034 4.3.2 step 3.a: a CNAME chain is followed; the limit stops loops.
constexpr int MAX_CNAME_HOPS = 8;
/// RFC 1035 3.3.13: SERIAL, REFRESH, RETRY, EXPIRE, MINIMUM after the two names.
constexpr size_t SOA_FIXED_TAIL = 20;

bool
LabelEqual(const std::string& a, const std::string& b)
{
    if (a.size() != b.size())
    {
        return false;
    }
    for (size_t i = 0; i < a.size(); ++i)
    {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
        {
            return false;
        }
    }
    return true;
}

/// RFC 2136 3.4.1.2-3.4.1.3: meta types not allowed in an update.
bool
IsXfrOrMail(uint16_t type)
{
    return type == TYPE_AXFR || type == TYPE_MAILA || type == TYPE_MAILB;
}

/// RDATA that is exactly one uncompressed name (a pointer read alone always fails).
bool
IsPlainNameRdata(const std::vector<uint8_t>& rdata)
{
    Name name;
    size_t next = 0;
    return !rdata.empty() &&
           ReadName(rdata.data(), rdata.size(), 0, name, next) == DecodeError::OK &&
           next == rdata.size();
}

/// The zone's contents as one value, for the lookups shared by queries and updates.
struct View
{
    const Name& origin;
    const SoaFields& soa;
    const std::vector<ResourceRecord>& records;

    ResourceRecord
    Soa() const
    {
        ResourceRecord r;
        r.name = origin;
        r.type = TYPE_SOA;
        r.rclass = CLASS_IN;
        r.ttl = soa.ttl;
        r.rdata = EncodeSoaRdata(soa);
        return r;
    }

    /// RRset of (name, type); TYPE_ANY: every record of the name.
    std::vector<ResourceRecord>
    RRset(const Name& name, uint16_t type) const
    {
        std::vector<ResourceRecord> out;
        if (name == origin && (type == TYPE_SOA || type == TYPE_ANY))
        {
            out.push_back(Soa());
        }
        for (const ResourceRecord& r : records)
        {
            if (r.name == name && (type == TYPE_ANY || r.type == type))
            {
                out.push_back(r);
            }
        }
        return out;
    }

    /// RFC 2136 2.4.4: "at least one RR with a specified NAME ... must exist"
    /// (not satisfied by empty non-terminals).
    bool
    OwnsRecords(const Name& name) const
    {
        return !RRset(name, TYPE_ANY).empty();
    }

    /// RFC 8020 2: a name exists when it or a name below it owns records.
    bool
    Exists(const Name& name) const
    {
        if (IsSubdomain(origin, name))
        {
            return true; // the origin owns the SOA
        }
        return std::any_of(records.begin(), records.end(), [&name](const ResourceRecord& r) {
            return IsSubdomain(r.name, name);
        });
    }
};

} // namespace

bool
SerialGreater(uint32_t a, uint32_t b)
{
    // RFC 1982 3.2: i1 > i2 if (i1 < i2 and i2 - i1 > 2^31) or (i1 > i2 and i1 - i2 < 2^31).
    const uint32_t half = 0x80000000u;
    return (a < b && b - a > half) || (a > b && a - b < half);
}

bool
IsSubdomain(const Name& name, const Name& origin)
{
    const std::vector<std::string>& n = name.GetLabels();
    const std::vector<std::string>& o = origin.GetLabels();
    if (o.size() > n.size())
    {
        return false;
    }
    const size_t skip = n.size() - o.size();
    for (size_t i = 0; i < o.size(); ++i)
    {
        if (!LabelEqual(n[skip + i], o[i]))
        {
            return false;
        }
    }
    return true;
}

std::vector<uint8_t>
EncodeName(const Name& name)
{
    std::vector<uint8_t> out;
    NameCompressor fresh; // nothing written before: no pointer
    fresh.Write(name, out);
    return out;
}

std::vector<uint8_t>
EncodeSoaRdata(const SoaFields& soa)
{
    std::vector<uint8_t> out = EncodeName(soa.mname);
    const std::vector<uint8_t> rname = EncodeName(soa.rname);
    out.insert(out.end(), rname.begin(), rname.end());
    byteorder::AppendBe32(out, soa.serial);
    byteorder::AppendBe32(out, soa.refresh);
    byteorder::AppendBe32(out, soa.retry);
    byteorder::AppendBe32(out, soa.expire);
    byteorder::AppendBe32(out, soa.minimum);
    return out;
}

Zone::Zone()
    : Zone(Name())
{
}

Zone::Zone(const Name& origin)
    : m_origin(origin)
{
    std::vector<std::string> ns{"ns"};
    std::vector<std::string> hostmaster{"hostmaster"};
    for (const std::string& label : origin.GetLabels())
    {
        ns.push_back(label);
        hostmaster.push_back(label);
    }
    // A 255-octet origin leaves no room for a label: keep the origin itself.
    m_soa.mname = Name::FromLabels(ns).value_or(origin);
    m_soa.rname = Name::FromLabels(hostmaster).value_or(origin);
}

const Name&
Zone::GetOrigin() const
{
    return m_origin;
}

const SoaFields&
Zone::GetSoa() const
{
    return m_soa;
}

void
Zone::SetSoa(const SoaFields& soa)
{
    m_soa = soa;
}

uint32_t
Zone::GetSerial() const
{
    return m_soa.serial;
}

bool
Zone::Contains(const Name& name) const
{
    return IsSubdomain(name, m_origin);
}

bool
Zone::AddA(const Name& name, Ipv4Address address, uint32_t ttl)
{
    return AddRecord(ResourceRecord::MakeA(name, ttl, address));
}

bool
Zone::AddRecord(const ResourceRecord& record)
{
    if (!Contains(record.name) || record.rclass != CLASS_IN || record.type == TYPE_SOA)
    {
        return false;
    }
    for (ResourceRecord& r : m_records)
    {
        if (r.name == record.name && r.type == record.type && r.rdata == record.rdata)
        {
            r.ttl = record.ttl;
            return true;
        }
    }
    m_records.push_back(record);
    m_records.back().rdataOffset = 0;
    return true;
}

bool
Zone::RemoveA(const Name& name, Ipv4Address address)
{
    const ResourceRecord a = ResourceRecord::MakeA(name, 0, address);
    const auto it = std::find_if(m_records.begin(), m_records.end(), [&a](const ResourceRecord& r) {
        return r.name == a.name && r.type == TYPE_A && r.rdata == a.rdata;
    });
    if (it == m_records.end())
    {
        return false;
    }
    m_records.erase(it);
    return true;
}

std::vector<Ipv4Address>
Zone::GetAddresses(const Name& name) const
{
    std::vector<Ipv4Address> out;
    for (const ResourceRecord& r : m_records)
    {
        if (r.name == name && r.IsA())
        {
            out.push_back(*r.GetAddress());
        }
    }
    return out;
}

std::vector<ResourceRecord>
Zone::GetRecords(const Name& name, uint16_t type) const
{
    return View{m_origin, m_soa, m_records}.RRset(name, type);
}

size_t
Zone::GetRecordCount() const
{
    return m_records.size();
}

void
Zone::AllowUpdatesFrom(Ipv4Address prefix, Ipv4Mask mask)
{
    m_updatePrefixes.emplace_back(prefix.CombineMask(mask), mask);
}

bool
Zone::IsUpdateAllowed(Ipv4Address from) const
{
    return std::any_of(m_updatePrefixes.begin(),
                       m_updatePrefixes.end(),
                       [&from](const std::pair<Ipv4Address, Ipv4Mask>& p) {
                           return from.CombineMask(p.second) == p.first;
                       });
}

Message
Zone::Answer(const Message& query) const
{
    Message r;
    r.header.id = query.header.id;
    r.header.qr = true;
    r.header.opcode = query.header.opcode;
    r.header.rd = query.header.rd; // RFC 1035 4.1.1: "copied into the response"
    if (query.header.opcode != OPCODE_QUERY)
    {
        r.header.rcode = RCODE_NOTIMP;
        return r;
    }
    if (query.questions.size() != 1)
    {
        r.header.rcode = RCODE_FORMERR; // one question per query (RFC 9619 4)
        return r;
    }
    r.questions = query.questions;
    const Question& q = query.questions[0];
    if (!Contains(q.name) || (q.qclass != CLASS_IN && q.qclass != CLASS_ANY))
    {
        r.header.rcode = RCODE_REFUSED; // not authoritative, no recursion offered
        return r;
    }
    r.header.aa = true;

    const View view{m_origin, m_soa, m_records};
    ResourceRecord negative = view.Soa();
    negative.ttl = std::min(m_soa.ttl, m_soa.minimum); // RFC 2308 3
    Name current = q.name;
    for (int hop = 0; hop < MAX_CNAME_HOPS; ++hop)
    {
        if (!view.Exists(current))
        {
            // RFC 6604 2.1: after a CNAME, RCODE tells about the last name.
            r.header.rcode = RCODE_NXDOMAIN;
            r.authorities.push_back(negative);
            return r;
        }
        const std::vector<ResourceRecord> rrset = view.RRset(current, q.type);
        if (!rrset.empty())
        {
            r.answers.insert(r.answers.end(), rrset.begin(), rrset.end());
            return r;
        }
        const std::vector<ResourceRecord> cname = view.RRset(current, TYPE_CNAME);
        if (cname.empty())
        {
            r.authorities.push_back(negative); // NODATA (RFC 2308 2.2)
            return r;
        }
        // RFC 1034 4.3.2 3.a: the CNAME into the answer, then look up its target.
        r.answers.push_back(cname[0]);
        Name target;
        size_t next = 0;
        if (ReadName(cname[0].rdata.data(), cname[0].rdata.size(), 0, target, next) !=
                DecodeError::OK ||
            !Contains(target))
        {
            return r; // the chain leaves the zone: the resolver goes on
        }
        current = target;
    }
    return r; // a CNAME loop: answer with the chain so far
}

Rcode
Zone::ApplyUpdate(const Message& update, Ipv4Address from)
{
    std::vector<ResourceRecord> records = m_records;
    SoaFields soa = m_soa;
    const Rcode rcode = DoUpdate(update, from, records, soa);
    NS_LOG_INFO("update of " << m_origin << " from " << from << ": " << RcodeName(rcode));
    if (rcode != RCODE_NOERROR)
    {
        return rcode; // RFC 2136 3.4.2.1: all or nothing
    }
    const bool soaChanged = EncodeSoaRdata(soa) != EncodeSoaRdata(m_soa) || soa.ttl != m_soa.ttl;
    if (records != m_records || soaChanged)
    {
        // RFC 2136 3.6: the serial is incremented unless the update raised it.
        if (!SerialGreater(soa.serial, m_soa.serial))
        {
            soa.serial = m_soa.serial + 1;
        }
        m_records = std::move(records);
        m_soa = soa;
    }
    return RCODE_NOERROR;
}

Rcode
Zone::DoUpdate(const Message& update,
               Ipv4Address from,
               std::vector<ResourceRecord>& records,
               SoaFields& soa) const
{
    if (update.header.opcode != OPCODE_UPDATE)
    {
        return RCODE_NOTIMP;
    }
    // 3.1.1: "if ZOCOUNT != 1 or ZTYPE != SOA, return FORMERR".
    if (update.questions.size() != 1 || update.questions[0].type != TYPE_SOA)
    {
        return RCODE_FORMERR;
    }
    // 3.1.2: a zone this server is not authoritative for: NOTAUTH.
    const Question& zone = update.questions[0];
    if (zone.name != m_origin || zone.qclass != CLASS_IN)
    {
        return RCODE_NOTAUTH;
    }

    // 3.2.5, the prerequisite section (the message's answer section).
    const View before{m_origin, m_soa, m_records};
    std::vector<ResourceRecord> temp;
    for (const ResourceRecord& rr : update.answers)
    {
        if (rr.ttl != 0)
        {
            return RCODE_FORMERR; // 3.2.1
        }
        if (!Contains(rr.name))
        {
            return RCODE_NOTZONE; // 3.2.2
        }
        if (rr.rclass == CLASS_ANY)
        {
            if (!rr.rdata.empty())
            {
                return RCODE_FORMERR;
            }
            if (rr.type == TYPE_ANY)
            {
                if (!before.OwnsRecords(rr.name))
                {
                    return RCODE_NXDOMAIN; // 2.4.4 Name Is In Use
                }
            }
            else if (before.RRset(rr.name, rr.type).empty())
            {
                return RCODE_NXRRSET; // 2.4.1 RRset Exists (Value Independent)
            }
        }
        else if (rr.rclass == CLASS_NONE)
        {
            if (!rr.rdata.empty())
            {
                return RCODE_FORMERR;
            }
            if (rr.type == TYPE_ANY)
            {
                if (before.OwnsRecords(rr.name))
                {
                    return RCODE_YXDOMAIN; // 2.4.5 Name Is Not In Use
                }
            }
            else if (!before.RRset(rr.name, rr.type).empty())
            {
                return RCODE_YXRRSET; // 2.4.3 RRset Does Not Exist
            }
        }
        else if (rr.rclass == CLASS_IN)
        {
            temp.push_back(rr); // 2.4.2 RRset Exists (Value Dependent)
        }
        else
        {
            return RCODE_FORMERR;
        }
    }
    // 3.2.5: each RRset built from the prerequisites must equal the zone's (TTL aside).
    for (const ResourceRecord& rr : temp)
    {
        std::set<std::vector<uint8_t>> wanted;
        for (const ResourceRecord& t : temp)
        {
            if (t.name == rr.name && t.type == rr.type)
            {
                wanted.insert(t.rdata);
            }
        }
        std::set<std::vector<uint8_t>> have;
        for (const ResourceRecord& z : before.RRset(rr.name, rr.type))
        {
            have.insert(z.rdata);
        }
        if (wanted != have)
        {
            return RCODE_NXRRSET;
        }
    }

    // 3.3: permission, by source address (see the class comment).
    if (!IsUpdateAllowed(from))
    {
        return RCODE_REFUSED;
    }

    // 3.4.1.3, the prescan of the update section (the authority section).
    for (const ResourceRecord& rr : update.authorities)
    {
        if (!Contains(rr.name))
        {
            return RCODE_NOTZONE; // 3.4.1.2
        }
        if (rr.rclass == CLASS_IN)
        {
            if (rr.type == TYPE_ANY || IsXfrOrMail(rr.type))
            {
                return RCODE_FORMERR;
            }
        }
        else if (rr.rclass == CLASS_ANY)
        {
            if (rr.ttl != 0 || !rr.rdata.empty() || IsXfrOrMail(rr.type))
            {
                return RCODE_FORMERR;
            }
        }
        else if (rr.rclass == CLASS_NONE)
        {
            if (rr.ttl != 0 || rr.type == TYPE_ANY || IsXfrOrMail(rr.type))
            {
                return RCODE_FORMERR;
            }
        }
        else
        {
            return RCODE_FORMERR;
        }
    }
    // The types an update may add (3.3, see the class comment).
    for (const ResourceRecord& rr : update.authorities)
    {
        if (rr.rclass != CLASS_IN)
        {
            continue;
        }
        switch (rr.type)
        {
        case TYPE_A:
            if (rr.rdata.size() != 4)
            {
                return RCODE_FORMERR; // RFC 1035 3.4.1
            }
            break;
        case TYPE_AAAA:
            if (rr.rdata.size() != 16)
            {
                return RCODE_FORMERR; // RFC 3596 2.2
            }
            break;
        case TYPE_TXT:
            break;
        case TYPE_SOA:
            if (rr.rdata.size() < 2 + SOA_FIXED_TAIL)
            {
                return RCODE_FORMERR; // two names of one octet at least, then 20
            }
            break;
        case TYPE_CNAME:
        case TYPE_NS:
        case TYPE_PTR:
            if (!IsPlainNameRdata(rr.rdata))
            {
                return RCODE_REFUSED;
            }
            break;
        default:
            return RCODE_REFUSED;
        }
    }

    // 3.4.2, applied to the copies in order (3.4.2.1: atomic for the caller).
    auto sameNameType = [](const ResourceRecord& a, const Name& name, uint16_t type) {
        return a.name == name && a.type == type;
    };
    for (const ResourceRecord& rr : update.authorities)
    {
        const View now{m_origin, soa, records};
        if (rr.rclass == CLASS_IN)
        {
            // 3.4.2.2: a CNAME and other data do not share a name.
            const std::vector<ResourceRecord> all = now.RRset(rr.name, TYPE_ANY);
            const bool hasCname = std::any_of(all.begin(), all.end(), [](const ResourceRecord& z) {
                return z.type == TYPE_CNAME;
            });
            const bool hasOther = std::any_of(all.begin(), all.end(), [](const ResourceRecord& z) {
                return z.type != TYPE_CNAME;
            });
            if ((rr.type == TYPE_CNAME && hasOther) || (rr.type != TYPE_CNAME && hasCname))
            {
                continue;
            }
            if (rr.type == TYPE_SOA)
            {
                // 3.4.2.2: ignored with no zone SOA there or a serial not greater.
                const uint8_t* tail = rr.rdata.data() + rr.rdata.size() - SOA_FIXED_TAIL;
                const uint32_t serial = byteorder::ReadBe32(tail);
                if (rr.name != m_origin || !SerialGreater(serial, soa.serial))
                {
                    continue;
                }
                // MNAME and RNAME are kept: names in RDATA may be compressed.
                soa.serial = serial;
                soa.refresh = byteorder::ReadBe32(tail + 4);
                soa.retry = byteorder::ReadBe32(tail + 8);
                soa.expire = byteorder::ReadBe32(tail + 12);
                soa.minimum = byteorder::ReadBe32(tail + 16);
                soa.ttl = rr.ttl;
                continue;
            }
            auto same = std::find_if(records.begin(), records.end(), [&](const ResourceRecord& z) {
                return sameNameType(z, rr.name, rr.type) &&
                       (rr.type == TYPE_CNAME || z.rdata == rr.rdata);
            });
            ResourceRecord added = rr;
            added.rdataOffset = 0;
            if (same != records.end())
            {
                *same = added; // duplicate RDATA (or the one CNAME): replaced
            }
            else
            {
                records.push_back(added);
            }
        }
        else if (rr.rclass == CLASS_ANY)
        {
            const bool apex = rr.name == m_origin;
            if (rr.type == TYPE_ANY)
            {
                // 3.4.2.3: all RRsets of the name; at the apex not SOA or NS.
                records.erase(std::remove_if(records.begin(),
                                             records.end(),
                                             [&](const ResourceRecord& z) {
                                                 return z.name == rr.name &&
                                                        !(apex && z.type == TYPE_NS);
                                             }),
                              records.end());
            }
            else if (apex && (rr.type == TYPE_SOA || rr.type == TYPE_NS))
            {
                continue; // 3.4.2.3
            }
            else
            {
                records.erase(std::remove_if(records.begin(),
                                             records.end(),
                                             [&](const ResourceRecord& z) {
                                                 return sameNameType(z, rr.name, rr.type);
                                             }),
                              records.end());
            }
        }
        else // CLASS_NONE, 3.4.2.4: delete one RR
        {
            if (rr.type == TYPE_SOA)
            {
                continue;
            }
            if (rr.type == TYPE_NS && rr.name == m_origin)
            {
                const std::vector<ResourceRecord> ns = now.RRset(rr.name, TYPE_NS);
                if (ns.size() == 1 && ns[0].rdata == rr.rdata)
                {
                    continue; // the last NS of the apex stays
                }
            }
            records.erase(std::remove_if(records.begin(),
                                         records.end(),
                                         [&](const ResourceRecord& z) {
                                             return sameNameType(z, rr.name, rr.type) &&
                                                    z.rdata == rr.rdata;
                                         }),
                          records.end());
        }
    }
    return RCODE_NOERROR;
}

Message
Zone::Respond(const Message& request, Ipv4Address from)
{
    if (request.header.opcode != OPCODE_UPDATE)
    {
        return Answer(request);
    }
    Message r;
    r.header.id = request.header.id;
    r.header.qr = true;
    r.header.opcode = OPCODE_UPDATE;
    r.header.rcode = ApplyUpdate(request, from);
    return r;
}

} // namespace dns
} // namespace ns3
