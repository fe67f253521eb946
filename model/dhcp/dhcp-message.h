/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A DHCP message (RFC 2131 section 2, figure 1) with its options (RFC 2132):
 * the fixed BOOTP header, the magic cookie and the options, the whole UDP
 * payload of ports 67/68.
 */
#ifndef IPVPN_DHCP_MESSAGE_H
#define IPVPN_DHCP_MESSAGE_H

#include "dhcp-option-list.h"

#include "ns3/header.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace dhcp
{

/// UDP port of the server (RFC 2131 section 4.1).
constexpr uint16_t SERVER_PORT = 67;
/// UDP port of the client (RFC 2131 section 4.1).
constexpr uint16_t CLIENT_PORT = 68;
/// The magic cookie 99.130.83.99 (RFC 2131 section 3, RFC 2132 section 2).
constexpr uint32_t MAGIC_COOKIE = 0x63825363;

/// The 'op' field (RFC 2131 section 2).
enum Op : uint8_t
{
    BOOTREQUEST = 1,
    BOOTREPLY = 2,
};

/// Option 53 values (RFC 2132 section 9.6).
enum MessageType : uint8_t
{
    NONE = 0, ///< no option 53: a plain BOOTP message
    DHCPDISCOVER = 1,
    DHCPOFFER = 2,
    DHCPREQUEST = 3,
    DHCPDECLINE = 4,
    DHCPACK = 5,
    DHCPNAK = 6,
    DHCPRELEASE = 7,
    DHCPINFORM = 8,
};

/// Option codes this codec interprets (RFC 2132).
enum OptionCode : uint8_t
{
    OPT_PAD = 0,                ///< 3.1
    OPT_SUBNET_MASK = 1,        ///< 3.3
    OPT_ROUTER = 3,             ///< 3.5
    OPT_DNS_SERVERS = 6,        ///< 3.8
    OPT_HOST_NAME = 12,         ///< 3.14
    OPT_DOMAIN_NAME = 15,       ///< 3.17
    OPT_REQUESTED_ADDRESS = 50, ///< 9.1
    OPT_LEASE_TIME = 51,        ///< 9.2
    OPT_OVERLOAD = 52,          ///< 9.3
    OPT_MESSAGE_TYPE = 53,      ///< 9.6
    OPT_SERVER_ID = 54,         ///< 9.7
    OPT_PARAMETER_LIST = 55,    ///< 9.8
    OPT_RENEWAL_TIME = 58,      ///< 9.11 (T1)
    OPT_REBINDING_TIME = 59,    ///< 9.12 (T2)
    OPT_CLIENT_ID = 61,         ///< 9.14
    OPT_END = 255,              ///< 3.2
};

/// \return "DHCPDISCOVER" ... "DHCPINFORM", "BOOTP" for NONE, "type N" otherwise.
std::string MessageTypeName(uint8_t type);

/**
 * One DHCP message. Options (an OptionList) are kept in the order
 * received or set, each code once; unknown codes keep their raw value and
 * are written back as they came (RFC 3396 concatenation and splitting as
 * in OptionList).
 *
 * Serialize() writes the fixed 236 octets, the cookie, the options, End,
 * then Pad octets up to 300 octets: RFC 1542 section 2.1 ("the minimal
 * BOOTP header of 300 octets (in the UDP data field)").
 *
 * Deserialize() takes every octet left in the buffer as the message (use
 * it on a packet holding only the UDP payload). Checks, in order: 240
 * octets (TRUNCATED), op (BAD_OP), hlen (BAD_HLEN), cookie (BAD_COOKIE),
 * each option's length against the octets left (OPTION_OVERRUN), an End
 * option (MISSING_END), option 52 (OVERLOAD_UNSUPPORTED: 'sname' and 'file'
 * are never read as options), the length and value of each interpreted
 * option (BAD_OPTION_LENGTH, BAD_MESSAGE_TYPE). The first problem is kept;
 * nothing is read past the end.
 */
class Message : public Header
{
  public:
    /// Why a decoded message is unusable.
    enum Error
    {
        OK = 0,
        TRUNCATED,            ///< fewer than 236 + 4 octets
        BAD_OP,               ///< op neither BOOTREQUEST nor BOOTREPLY
        BAD_HLEN,             ///< hlen above 16, the size of 'chaddr'
        BAD_COOKIE,           ///< not 99.130.83.99 (BOOTP vendor data is not read)
        OPTION_OVERRUN,       ///< an option's length runs past the end
        MISSING_END,          ///< the options end without option 255
        OVERLOAD_UNSUPPORTED, ///< option 52: options in 'sname'/'file' (refused)
        BAD_OPTION_LENGTH,    ///< an interpreted option with the wrong length
        BAD_MESSAGE_TYPE,     ///< option 53 outside 1..8
    };

    /// op .. file (RFC 2131 figure 1).
    static constexpr uint32_t FIXED_SIZE = 236;
    /// RFC 1542 section 2.1: the minimal BOOTP message.
    static constexpr uint32_t MIN_SIZE = 300;
    /// The broadcast bit of 'flags' (RFC 2131 section 2, figure 2).
    static constexpr uint16_t BROADCAST_FLAG = 0x8000;

    static std::string ErrorName(Error error);
    static TypeId GetTypeId();

    /// A BOOTREQUEST, htype 1, hlen 6, every other field zero, no options.
    Message();

    void SetOp(uint8_t op);
    uint8_t GetOp() const;
    void SetHtype(uint8_t htype);
    uint8_t GetHtype() const;
    void SetHlen(uint8_t hlen);
    uint8_t GetHlen() const;
    void SetHops(uint8_t hops);
    uint8_t GetHops() const;
    void SetXid(uint32_t xid);
    uint32_t GetXid() const;
    void SetSecs(uint16_t secs);
    uint16_t GetSecs() const;
    void SetFlags(uint16_t flags);
    uint16_t GetFlags() const;
    void SetBroadcast(bool broadcast);
    bool IsBroadcast() const;
    void SetCiaddr(Ipv4Address a);
    Ipv4Address GetCiaddr() const;
    void SetYiaddr(Ipv4Address a);
    Ipv4Address GetYiaddr() const;
    void SetSiaddr(Ipv4Address a);
    Ipv4Address GetSiaddr() const;
    void SetGiaddr(Ipv4Address a);
    Ipv4Address GetGiaddr() const;
    /// Sets htype 1 (Ethernet), hlen 6 and the first 6 octets of chaddr.
    void SetChaddr(Mac48Address mac);
    /// The first 6 octets of chaddr as a MAC address.
    Mac48Address GetChaddrMac() const;
    const std::array<uint8_t, 16>& GetChaddr() const;
    void SetSname(const std::string& sname); ///< truncated to 63 octets
    std::string GetSname() const;            ///< up to the first NUL
    void SetFile(const std::string& file);   ///< truncated to 127 octets
    std::string GetFile() const;             ///< up to the first NUL

    /// Raw options, in order. Codes 0 and 255 are never stored.
    const std::vector<OptionList::Option>& GetOptions() const;
    bool HasOption(uint8_t code) const;
    /// The raw value, or nullptr.
    const std::vector<uint8_t>* GetOption(uint8_t code) const;
    /// Replaces the option in place, or appends it.
    void SetOption(uint8_t code, const std::vector<uint8_t>& value);
    void RemoveOption(uint8_t code);

    /// Option 53; NONE when absent.
    void SetMessageType(uint8_t type);
    uint8_t GetMessageType() const;
    void SetSubnetMask(Ipv4Mask mask);
    std::optional<Ipv4Mask> GetSubnetMask() const;
    void SetRouters(const std::vector<Ipv4Address>& routers);
    std::vector<Ipv4Address> GetRouters() const;
    void SetDnsServers(const std::vector<Ipv4Address>& servers);
    std::vector<Ipv4Address> GetDnsServers() const;
    void SetHostName(const std::string& name);
    std::optional<std::string> GetHostName() const;
    void SetDomainName(const std::string& name);
    std::optional<std::string> GetDomainName() const;
    void SetRequestedAddress(Ipv4Address a);
    std::optional<Ipv4Address> GetRequestedAddress() const;
    void SetServerId(Ipv4Address a);
    std::optional<Ipv4Address> GetServerId() const;
    /// Seconds (RFC 2132 9.2; 0xffffffff is infinity).
    void SetLeaseTime(uint32_t seconds);
    std::optional<uint32_t> GetLeaseTime() const;
    void SetRenewalTime(uint32_t seconds);
    std::optional<uint32_t> GetRenewalTime() const;
    void SetRebindingTime(uint32_t seconds);
    std::optional<uint32_t> GetRebindingTime() const;
    void SetParameterRequestList(const std::vector<uint8_t>& codes);
    std::vector<uint8_t> GetParameterRequestList() const;
    /// Option 61: type octet then identifier (RFC 2132 9.14).
    void SetClientId(const std::vector<uint8_t>& id);
    std::optional<std::vector<uint8_t>> GetClientId() const;

    bool IsValid() const;
    Error GetError() const;
    /// Option code at fault for BAD_OPTION_LENGTH, OPTION_OVERRUN, BAD_MESSAGE_TYPE.
    uint8_t GetErrorOption() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    /// One line: `DHCPREQUEST xid=0x7c0 chaddr=... ciaddr=... yiaddr=... opts=53,54,50,12`.
    void Print(std::ostream& os) const override;

    bool operator==(const Message& other) const;
    bool operator!=(const Message& other) const;

  private:
    void SetAddressOption(uint8_t code, Ipv4Address a);
    std::optional<Ipv4Address> GetAddressOption(uint8_t code) const;
    void SetU32Option(uint8_t code, uint32_t v);
    std::optional<uint32_t> GetU32Option(uint8_t code) const;
    std::vector<Ipv4Address> GetAddressList(uint8_t code) const;
    /// Checks the interpreted options after decoding; sets m_error.
    void CheckOptions();
    void Fail(Error error, uint8_t option = 0);

    uint8_t m_op;
    uint8_t m_htype;
    uint8_t m_hlen;
    uint8_t m_hops;
    uint32_t m_xid;
    uint16_t m_secs;
    uint16_t m_flags;
    Ipv4Address m_ciaddr;
    Ipv4Address m_yiaddr;
    Ipv4Address m_siaddr;
    Ipv4Address m_giaddr;
    std::array<uint8_t, 16> m_chaddr;
    std::array<uint8_t, 64> m_sname;
    std::array<uint8_t, 128> m_file;
    OptionList m_options;
    Error m_error;
    uint8_t m_errorOption;
};

std::ostream& operator<<(std::ostream& os, const Message& message);

} // namespace dhcp
} // namespace ns3

#endif /* IPVPN_DHCP_MESSAGE_H */
