/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-address-messages.h"

#include "ldp-status.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpAddressMessages");

namespace ldp
{

NS_OBJECT_ENSURE_REGISTERED(AddressListMessage);
NS_OBJECT_ENSURE_REGISTERED(AddressMessage);
NS_OBJECT_ENSURE_REGISTERED(AddressWithdrawMessage);

TypeId
AddressListMessage::GetTypeId()
{
    // Abstract in spirit: no constructor, only the two concrete messages.
    static TypeId tid =
        TypeId("ns3::ldp::AddressListMessage").SetParent<Message>().SetGroupName("Ldp");
    return tid;
}

AddressListMessage::AddressListMessage(uint16_t type)
    : Message(type, 0, true)
{
}

void
AddressListMessage::SetAddressList(const AddressListTlv& list)
{
    m_list = list;
}

const AddressListTlv&
AddressListMessage::GetAddressList() const
{
    return m_list;
}

void
AddressListMessage::SetAddresses(const std::vector<Ipv4Address>& addresses)
{
    m_list = AddressListTlv();
    m_list.addresses = addresses;
}

const std::vector<Ipv4Address>&
AddressListMessage::GetAddresses() const
{
    return m_list.addresses;
}

void
AddressListMessage::EncodeParameters(std::vector<Tlv>& out) const
{
    out.push_back(m_list.ToTlv());
}

uint32_t
AddressListMessage::DecodeParameters(const std::vector<Tlv>& tlvs)
{
    // Sections 3.5.5 / 3.5.6: Address List TLV, then optional parameters.
    m_list = AddressListTlv();
    uint32_t status = STATUS_SUCCESS;
    bool haveList = false;
    std::vector<Tlv> other;
    for (const auto& tlv : tlvs)
    {
        if (tlv.type == TLV_ADDRESS_LIST && !haveList)
        {
            KeepFirstStatus(status, m_list.FromTlv(tlv));
            haveList = true;
        }
        else
        {
            other.push_back(tlv);
        }
    }
    SetOtherParameters(std::move(other));
    if (!haveList)
    {
        KeepFirstStatus(status, STATUS_MISSING_MESSAGE_PARAMETERS);
    }
    return status;
}

void
AddressListMessage::PrintParameters(std::ostream& os) const
{
    os << " " << m_list;
    Message::PrintParameters(os);
}

TypeId
AddressMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::AddressMessage")
                            .SetParent<AddressListMessage>()
                            .SetGroupName("Ldp")
                            .AddConstructor<AddressMessage>();
    return tid;
}

AddressMessage::AddressMessage()
    : AddressListMessage(MSG_ADDRESS)
{
}

TypeId
AddressMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

TypeId
AddressWithdrawMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::AddressWithdrawMessage")
                            .SetParent<AddressListMessage>()
                            .SetGroupName("Ldp")
                            .AddConstructor<AddressWithdrawMessage>();
    return tid;
}

AddressWithdrawMessage::AddressWithdrawMessage()
    : AddressListMessage(MSG_ADDRESS_WITHDRAW)
{
}

TypeId
AddressWithdrawMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

} // namespace ldp
} // namespace ns3
