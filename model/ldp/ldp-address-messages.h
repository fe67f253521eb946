/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * LDP Address and Address Withdraw messages (RFC 5036 sections 3.5.5 and
 * 3.5.6): both carry one mandatory Address List TLV; other TLVs are kept in
 * GetOtherParameters().
 */
#ifndef IPVPN_LDP_ADDRESS_MESSAGES_H
#define IPVPN_LDP_ADDRESS_MESSAGES_H

#include "ns3/ldp-message.h"
#include "ns3/ldp-parameter-tlvs.h"

namespace ns3
{
namespace ldp
{

/// The encoding shared by Address and Address Withdraw.
class AddressListMessage : public Message
{
  public:
    static TypeId GetTypeId();

    void SetAddressList(const AddressListTlv& list);
    const AddressListTlv& GetAddressList() const;
    /// Sets an IPv4 address list.
    void SetAddresses(const std::vector<Ipv4Address>& addresses);
    /// The IPv4 addresses (empty for another family).
    const std::vector<Ipv4Address>& GetAddresses() const;

  protected:
    explicit AddressListMessage(uint16_t type);

    void EncodeParameters(std::vector<Tlv>& out) const override;
    uint32_t DecodeParameters(const std::vector<Tlv>& tlvs) override;
    void PrintParameters(std::ostream& os) const override;

  private:
    AddressListTlv m_list;
};

/// Address, 0x0300 (section 3.5.5): advertises the LSR's interface addresses.
class AddressMessage : public AddressListMessage
{
  public:
    static TypeId GetTypeId();
    AddressMessage();
    TypeId GetInstanceTypeId() const override;
};

/// Address Withdraw, 0x0301 (section 3.5.6): withdraws addresses.
class AddressWithdrawMessage : public AddressListMessage
{
  public:
    static TypeId GetTypeId();
    AddressWithdrawMessage();
    TypeId GetInstanceTypeId() const override;
};

} // namespace ldp
} // namespace ns3

#endif
