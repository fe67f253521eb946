/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dhcp-message.h"

#include "ns3/address-utils.h"
#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DhcpMessage");

namespace dhcp
{

NS_OBJECT_ENSURE_REGISTERED(Message);

std::string
MessageTypeName(uint8_t type)
{
    static const char* const names[] = {"BOOTP",
                                        "DHCPDISCOVER",
                                        "DHCPOFFER",
                                        "DHCPREQUEST",
                                        "DHCPDECLINE",
                                        "DHCPACK",
                                        "DHCPNAK",
                                        "DHCPRELEASE",
                                        "DHCPINFORM"};
    if (type <= DHCPINFORM)
    {
        return names[type];
    }
    return "type " + std::to_string(type);
}

std::string
Message::ErrorName(Error error)
{
    static const char* const names[] = {"OK",
                                        "TRUNCATED",
                                        "BAD_OP",
                                        "BAD_HLEN",
                                        "BAD_COOKIE",
                                        "OPTION_OVERRUN",
                                        "MISSING_END",
                                        "OVERLOAD_UNSUPPORTED",
                                        "BAD_OPTION_LENGTH",
                                        "BAD_MESSAGE_TYPE"};
    return error <= BAD_MESSAGE_TYPE ? names[error] : "?";
}

TypeId
Message::GetTypeId()
{
    static TypeId tid = TypeId("ns3::dhcp::Message")
                            .SetParent<Header>()
                            .SetGroupName("Dhcp")
                            .AddConstructor<Message>();
    return tid;
}

TypeId
Message::GetInstanceTypeId() const
{
    return GetTypeId();
}

Message::Message()
    : m_op(BOOTREQUEST)
    , m_htype(1)
    , m_hlen(6)
    , m_hops(0)
    , m_xid(0)
    , m_secs(0)
    , m_flags(0)
    , m_ciaddr(Ipv4Address::GetAny())
    , m_yiaddr(Ipv4Address::GetAny())
    , m_siaddr(Ipv4Address::GetAny())
    , m_giaddr(Ipv4Address::GetAny())
    , m_chaddr{}
    , m_sname{}
    , m_file{}
    , m_error(OK)
    , m_errorOption(0)
{
}

void
Message::SetOp(uint8_t op)
{
    m_op = op;
}

uint8_t
Message::GetOp() const
{
    return m_op;
}

void
Message::SetHtype(uint8_t htype)
{
    m_htype = htype;
}

uint8_t
Message::GetHtype() const
{
    return m_htype;
}

void
Message::SetHlen(uint8_t hlen)
{
    m_hlen = hlen;
}

uint8_t
Message::GetHlen() const
{
    return m_hlen;
}

void
Message::SetHops(uint8_t hops)
{
    m_hops = hops;
}

uint8_t
Message::GetHops() const
{
    return m_hops;
}

void
Message::SetXid(uint32_t xid)
{
    m_xid = xid;
}

uint32_t
Message::GetXid() const
{
    return m_xid;
}

void
Message::SetSecs(uint16_t secs)
{
    m_secs = secs;
}

uint16_t
Message::GetSecs() const
{
    return m_secs;
}

void
Message::SetFlags(uint16_t flags)
{
    m_flags = flags;
}

uint16_t
Message::GetFlags() const
{
    return m_flags;
}

void
Message::SetBroadcast(bool broadcast)
{
    m_flags = broadcast ? (m_flags | BROADCAST_FLAG) : (m_flags & ~BROADCAST_FLAG);
}

bool
Message::IsBroadcast() const
{
    return (m_flags & BROADCAST_FLAG) != 0;
}

void
Message::SetCiaddr(Ipv4Address a)
{
    m_ciaddr = a;
}

Ipv4Address
Message::GetCiaddr() const
{
    return m_ciaddr;
}

void
Message::SetYiaddr(Ipv4Address a)
{
    m_yiaddr = a;
}

Ipv4Address
Message::GetYiaddr() const
{
    return m_yiaddr;
}

void
Message::SetSiaddr(Ipv4Address a)
{
    m_siaddr = a;
}

Ipv4Address
Message::GetSiaddr() const
{
    return m_siaddr;
}

void
Message::SetGiaddr(Ipv4Address a)
{
    m_giaddr = a;
}

Ipv4Address
Message::GetGiaddr() const
{
    return m_giaddr;
}

void
Message::SetChaddr(Mac48Address mac)
{
    m_htype = 1;
    m_hlen = 6;
    m_chaddr.fill(0);
    mac.CopyTo(m_chaddr.data());
}

Mac48Address
Message::GetChaddrMac() const
{
    Mac48Address mac;
    mac.CopyFrom(m_chaddr.data());
    return mac;
}

const std::array<uint8_t, 16>&
Message::GetChaddr() const
{
    return m_chaddr;
}

namespace
{

template <size_t N>
void
SetText(std::array<uint8_t, N>& field, const std::string& text)
{
    field.fill(0);
    std::copy_n(text.begin(), std::min(text.size(), N - 1), field.begin());
}

template <size_t N>
std::string
GetText(const std::array<uint8_t, N>& field)
{
    auto end = std::find(field.begin(), field.end(), 0);
    return std::string(field.begin(), end);
}

std::vector<uint8_t>
AddressBytes(Ipv4Address a)
{
    std::vector<uint8_t> v(4);
    a.Serialize(v.data());
    return v;
}

Ipv4Address
AddressFrom(const uint8_t* p)
{
    return Ipv4Address::Deserialize(p);
}

} // namespace

void
Message::SetSname(const std::string& sname)
{
    SetText(m_sname, sname);
}

std::string
Message::GetSname() const
{
    return GetText(m_sname);
}

void
Message::SetFile(const std::string& file)
{
    SetText(m_file, file);
}

std::string
Message::GetFile() const
{
    return GetText(m_file);
}

// Raw options.

const std::vector<OptionList::Option>&
Message::GetOptions() const
{
    return m_options.GetAll();
}

bool
Message::HasOption(uint8_t code) const
{
    return m_options.Has(code);
}

const std::vector<uint8_t>*
Message::GetOption(uint8_t code) const
{
    return m_options.Find(code);
}

void
Message::SetOption(uint8_t code, const std::vector<uint8_t>& value)
{
    m_options.Set(code, value);
}

void
Message::RemoveOption(uint8_t code)
{
    m_options.Remove(code);
}

// Typed options.

void
Message::SetAddressOption(uint8_t code, Ipv4Address a)
{
    SetOption(code, AddressBytes(a));
}

std::optional<Ipv4Address>
Message::GetAddressOption(uint8_t code) const
{
    const std::vector<uint8_t>* v = GetOption(code);
    if (v == nullptr || v->size() != 4)
    {
        return std::nullopt;
    }
    return AddressFrom(v->data());
}

void
Message::SetU32Option(uint8_t code, uint32_t x)
{
    SetOption(code,
              {static_cast<uint8_t>(x >> 24),
               static_cast<uint8_t>(x >> 16),
               static_cast<uint8_t>(x >> 8),
               static_cast<uint8_t>(x)});
}

std::optional<uint32_t>
Message::GetU32Option(uint8_t code) const
{
    const std::vector<uint8_t>* v = GetOption(code);
    if (v == nullptr || v->size() != 4)
    {
        return std::nullopt;
    }
    return byteorder::ReadBe32(v->data());
}

std::vector<Ipv4Address>
Message::GetAddressList(uint8_t code) const
{
    std::vector<Ipv4Address> out;
    const std::vector<uint8_t>* v = GetOption(code);
    if (v != nullptr)
    {
        for (size_t i = 0; i + 4 <= v->size(); i += 4)
        {
            out.push_back(AddressFrom(v->data() + i));
        }
    }
    return out;
}

void
Message::SetMessageType(uint8_t type)
{
    SetOption(OPT_MESSAGE_TYPE, {type});
}

uint8_t
Message::GetMessageType() const
{
    const std::vector<uint8_t>* v = GetOption(OPT_MESSAGE_TYPE);
    return (v != nullptr && v->size() == 1) ? (*v)[0] : uint8_t(NONE);
}

void
Message::SetSubnetMask(Ipv4Mask mask)
{
    SetU32Option(OPT_SUBNET_MASK, mask.Get());
}

std::optional<Ipv4Mask>
Message::GetSubnetMask() const
{
    auto v = GetU32Option(OPT_SUBNET_MASK);
    return v ? std::optional<Ipv4Mask>(Ipv4Mask(*v)) : std::nullopt;
}

void
Message::SetRouters(const std::vector<Ipv4Address>& routers)
{
    std::vector<uint8_t> v;
    for (const Ipv4Address& a : routers)
    {
        auto b = AddressBytes(a);
        v.insert(v.end(), b.begin(), b.end());
    }
    SetOption(OPT_ROUTER, v);
}

std::vector<Ipv4Address>
Message::GetRouters() const
{
    return GetAddressList(OPT_ROUTER);
}

void
Message::SetDnsServers(const std::vector<Ipv4Address>& servers)
{
    std::vector<uint8_t> v;
    for (const Ipv4Address& a : servers)
    {
        auto b = AddressBytes(a);
        v.insert(v.end(), b.begin(), b.end());
    }
    SetOption(OPT_DNS_SERVERS, v);
}

std::vector<Ipv4Address>
Message::GetDnsServers() const
{
    return GetAddressList(OPT_DNS_SERVERS);
}

void
Message::SetHostName(const std::string& name)
{
    SetOption(OPT_HOST_NAME, std::vector<uint8_t>(name.begin(), name.end()));
}

std::optional<std::string>
Message::GetHostName() const
{
    const std::vector<uint8_t>* v = GetOption(OPT_HOST_NAME);
    return v ? std::optional<std::string>(std::string(v->begin(), v->end())) : std::nullopt;
}

void
Message::SetDomainName(const std::string& name)
{
    SetOption(OPT_DOMAIN_NAME, std::vector<uint8_t>(name.begin(), name.end()));
}

std::optional<std::string>
Message::GetDomainName() const
{
    const std::vector<uint8_t>* v = GetOption(OPT_DOMAIN_NAME);
    return v ? std::optional<std::string>(std::string(v->begin(), v->end())) : std::nullopt;
}

void
Message::SetRequestedAddress(Ipv4Address a)
{
    SetAddressOption(OPT_REQUESTED_ADDRESS, a);
}

std::optional<Ipv4Address>
Message::GetRequestedAddress() const
{
    return GetAddressOption(OPT_REQUESTED_ADDRESS);
}

void
Message::SetServerId(Ipv4Address a)
{
    SetAddressOption(OPT_SERVER_ID, a);
}

std::optional<Ipv4Address>
Message::GetServerId() const
{
    return GetAddressOption(OPT_SERVER_ID);
}

void
Message::SetLeaseTime(uint32_t seconds)
{
    SetU32Option(OPT_LEASE_TIME, seconds);
}

std::optional<uint32_t>
Message::GetLeaseTime() const
{
    return GetU32Option(OPT_LEASE_TIME);
}

void
Message::SetRenewalTime(uint32_t seconds)
{
    SetU32Option(OPT_RENEWAL_TIME, seconds);
}

std::optional<uint32_t>
Message::GetRenewalTime() const
{
    return GetU32Option(OPT_RENEWAL_TIME);
}

void
Message::SetRebindingTime(uint32_t seconds)
{
    SetU32Option(OPT_REBINDING_TIME, seconds);
}

std::optional<uint32_t>
Message::GetRebindingTime() const
{
    return GetU32Option(OPT_REBINDING_TIME);
}

void
Message::SetParameterRequestList(const std::vector<uint8_t>& codes)
{
    SetOption(OPT_PARAMETER_LIST, codes);
}

std::vector<uint8_t>
Message::GetParameterRequestList() const
{
    const std::vector<uint8_t>* v = GetOption(OPT_PARAMETER_LIST);
    return v ? *v : std::vector<uint8_t>();
}

void
Message::SetClientId(const std::vector<uint8_t>& id)
{
    SetOption(OPT_CLIENT_ID, id);
}

std::optional<std::vector<uint8_t>>
Message::GetClientId() const
{
    const std::vector<uint8_t>* v = GetOption(OPT_CLIENT_ID);
    return v ? std::optional<std::vector<uint8_t>>(*v) : std::nullopt;
}

// Validity.

bool
Message::IsValid() const
{
    return m_error == OK;
}

Message::Error
Message::GetError() const
{
    return m_error;
}

uint8_t
Message::GetErrorOption() const
{
    return m_errorOption;
}

void
Message::Fail(Error error, uint8_t option)
{
    if (m_error == OK)
    {
        m_error = error;
        m_errorOption = option;
    }
}

// Wire format.

uint32_t
Message::GetSerializedSize() const
{
    return std::max(FIXED_SIZE + 4 + m_options.GetSerializedSize(), MIN_SIZE);
}

void
Message::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(m_op);
    i.WriteU8(m_htype);
    i.WriteU8(m_hlen);
    i.WriteU8(m_hops);
    i.WriteHtonU32(m_xid);
    i.WriteHtonU16(m_secs);
    i.WriteHtonU16(m_flags);
    WriteTo(i, m_ciaddr);
    WriteTo(i, m_yiaddr);
    WriteTo(i, m_siaddr);
    WriteTo(i, m_giaddr);
    i.Write(m_chaddr.data(), m_chaddr.size());
    i.Write(m_sname.data(), m_sname.size());
    i.Write(m_file.data(), m_file.size());
    i.WriteHtonU32(MAGIC_COOKIE);
    m_options.Write(i);
    const uint32_t used = FIXED_SIZE + 4 + m_options.GetSerializedSize();
    for (uint32_t n = used; n < MIN_SIZE; ++n)
    {
        i.WriteU8(OPT_PAD);
    }
}

uint32_t
Message::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    const uint32_t total = i.GetRemainingSize();
    m_options.Clear();
    m_error = OK;
    m_errorOption = 0;
    if (total < FIXED_SIZE + 4)
    {
        Fail(TRUNCATED);
        return 0;
    }
    m_op = i.ReadU8();
    m_htype = i.ReadU8();
    m_hlen = i.ReadU8();
    m_hops = i.ReadU8();
    m_xid = i.ReadNtohU32();
    m_secs = i.ReadNtohU16();
    m_flags = i.ReadNtohU16();
    ReadFrom(i, m_ciaddr);
    ReadFrom(i, m_yiaddr);
    ReadFrom(i, m_siaddr);
    ReadFrom(i, m_giaddr);
    i.Read(m_chaddr.data(), m_chaddr.size());
    i.Read(m_sname.data(), m_sname.size());
    i.Read(m_file.data(), m_file.size());
    const uint32_t cookie = i.ReadNtohU32();
    if (m_op != BOOTREQUEST && m_op != BOOTREPLY)
    {
        Fail(BAD_OP);
    }
    if (m_hlen > m_chaddr.size())
    {
        Fail(BAD_HLEN);
    }
    if (cookie != MAGIC_COOKIE)
    {
        Fail(BAD_COOKIE);
        return total;
    }
    uint8_t badCode = 0;
    switch (m_options.Read(i, total - FIXED_SIZE - 4, badCode))
    {
    case OptionList::READ_OK:
        break;
    case OptionList::READ_OVERRUN:
        Fail(OPTION_OVERRUN, badCode);
        break;
    case OptionList::READ_MISSING_END:
        Fail(MISSING_END);
        break;
    }
    CheckOptions();
    NS_LOG_LOGIC("decoded " << *this << " error " << ErrorName(m_error));
    return total;
}

void
Message::CheckOptions()
{
    for (const auto& option : m_options.GetAll())
    {
        const uint8_t code = option.first;
        const size_t len = option.second.size();
        bool good = true;
        switch (code)
        {
        case OPT_SUBNET_MASK:
        case OPT_REQUESTED_ADDRESS:
        case OPT_LEASE_TIME:
        case OPT_SERVER_ID:
        case OPT_RENEWAL_TIME:
        case OPT_REBINDING_TIME:
            good = len == 4; // RFC 2132 3.3, 9.1, 9.2, 9.7, 9.11, 9.12
            break;
        case OPT_ROUTER:
        case OPT_DNS_SERVERS:
            good = len >= 4 && len % 4 == 0; // 3.5, 3.8
            break;
        case OPT_HOST_NAME:
        case OPT_DOMAIN_NAME:
        case OPT_PARAMETER_LIST:
            good = len >= 1; // 3.14, 3.17, 9.8
            break;
        case OPT_CLIENT_ID:
            good = len >= 2; // 9.14
            break;
        case OPT_MESSAGE_TYPE:
            good = len == 1; // 9.6
            if (good && (option.second[0] < DHCPDISCOVER || option.second[0] > DHCPINFORM))
            {
                Fail(BAD_MESSAGE_TYPE, code);
            }
            break;
        case OPT_OVERLOAD:
            Fail(OVERLOAD_UNSUPPORTED, code);
            break;
        default:
            break;
        }
        if (!good)
        {
            Fail(BAD_OPTION_LENGTH, code);
        }
    }
}

void
Message::Print(std::ostream& os) const
{
    os << MessageTypeName(GetMessageType()) << " xid=0x" << std::hex << m_xid << std::dec
       << " chaddr=" << GetChaddrMac() << " ciaddr=" << m_ciaddr << " yiaddr=" << m_yiaddr;
    if (IsBroadcast())
    {
        os << " broadcast";
    }
    os << " opts=";
    for (size_t k = 0; k < GetOptions().size(); ++k)
    {
        os << (k ? "," : "") << int(GetOptions()[k].first);
    }
    if (auto name = GetHostName())
    {
        os << " host=" << *name;
    }
}

bool
Message::operator==(const Message& o) const
{
    return m_op == o.m_op && m_htype == o.m_htype && m_hlen == o.m_hlen && m_hops == o.m_hops &&
           m_xid == o.m_xid && m_secs == o.m_secs && m_flags == o.m_flags &&
           m_ciaddr == o.m_ciaddr && m_yiaddr == o.m_yiaddr && m_siaddr == o.m_siaddr &&
           m_giaddr == o.m_giaddr && m_chaddr == o.m_chaddr && m_sname == o.m_sname &&
           m_file == o.m_file && m_options == o.m_options;
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

} // namespace dhcp
} // namespace ns3
