// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-hidden-avp.h"

#include "ns3/ipvpn-md5.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpHiddenAvp");

namespace
{

constexpr size_t BLOCK = 16;

/**
 * XORs data with the RFC 2661 4.3 keystream. The keystream depends on the
 * hidden octets, so the caller says which side of the XOR is hidden:
 * hiding=true when data is the plain subformat, false when it is hidden.
 */
std::vector<uint8_t>
ApplyKeystream(uint16_t attributeType,
               const std::vector<uint8_t>& data,
               const std::string& secret,
               const std::vector<uint8_t>& randomVector,
               bool hiding)
{
    std::vector<uint8_t> out(data.size());
    // b(1) = MD5(2-octet attribute type + secret + random vector)
    const uint8_t typeOctets[2] = {static_cast<uint8_t>(attributeType >> 8),
                                   static_cast<uint8_t>(attributeType)};
    Md5Digest key = Md5Concat({Md5Input(typeOctets, 2), secret, randomVector});

    for (size_t offset = 0; offset < data.size(); offset += BLOCK)
    {
        const size_t n = std::min(BLOCK, data.size() - offset);
        for (size_t k = 0; k < n; ++k)
        {
            out[offset + k] = data[offset + k] ^ key[k];
        }
        if (offset + n < data.size())
        {
            // b(i+1) = MD5(secret + c(i)); c(i) is always a full block here.
            const std::vector<uint8_t>& hidden = hiding ? out : data;
            key = Md5Concat({secret, Md5Input(hidden.data() + offset, n)});
        }
    }
    return out;
}

} // namespace

std::vector<uint8_t>
HideValue(uint16_t attributeType,
          const std::vector<uint8_t>& value,
          const std::string& secret,
          const std::vector<uint8_t>& randomVector,
          const std::vector<uint8_t>& padding)
{
    std::vector<uint8_t> subformat{static_cast<uint8_t>(value.size() >> 8),
                                   static_cast<uint8_t>(value.size())};
    subformat.insert(subformat.end(), value.begin(), value.end());
    subformat.insert(subformat.end(), padding.begin(), padding.end());
    return ApplyKeystream(attributeType, subformat, secret, randomVector, true);
}

bool
UnhideValue(uint16_t attributeType,
            const std::vector<uint8_t>& hidden,
            const std::string& secret,
            const std::vector<uint8_t>& randomVector,
            std::vector<uint8_t>& value)
{
    if (hidden.size() < 2)
    {
        NS_LOG_LOGIC("hidden value of " << hidden.size() << " octets has no length field");
        return false;
    }
    const std::vector<uint8_t> plain =
        ApplyKeystream(attributeType, hidden, secret, randomVector, false);
    const size_t length = (size_t(plain[0]) << 8) | plain[1];
    if (length > plain.size() - 2)
    {
        NS_LOG_LOGIC("recovered length " << length << " exceeds the " << plain.size() - 2
                                         << " octets hidden");
        return false;
    }
    value.assign(plain.begin() + 2, plain.begin() + 2 + length);
    return true;
}

bool
HideAvp(Avp& avp,
        const std::string& secret,
        const std::vector<uint8_t>& randomVector,
        const std::vector<uint8_t>& padding)
{
    if (avp.IsHidden() || 2 + avp.GetValue().size() + padding.size() > Avp::MAX_VALUE_SIZE)
    {
        return false;
    }
    avp.SetValue(HideValue(avp.GetType(), avp.GetValue(), secret, randomVector, padding));
    avp.SetHidden(true);
    return true;
}

bool
UnhideAvp(Avp& avp, const std::string& secret, const std::vector<uint8_t>& randomVector)
{
    std::vector<uint8_t> value;
    if (!avp.IsHidden() || !UnhideValue(avp.GetType(), avp.GetValue(), secret, randomVector, value))
    {
        return false;
    }
    avp.SetValue(value);
    avp.SetHidden(false);
    return true;
}

bool
UnhideAvps(std::vector<Avp>& avps, const std::string& secret)
{
    bool allRecovered = true;
    const std::vector<uint8_t>* randomVector = nullptr;
    for (Avp& avp : avps)
    {
        if (avp.Is(AVP_RANDOM_VECTOR) && !avp.IsHidden())
        {
            randomVector = &avp.GetValue();
            continue;
        }
        if (!avp.IsHidden())
        {
            continue;
        }
        if (randomVector == nullptr || !UnhideAvp(avp, secret, *randomVector))
        {
            NS_LOG_LOGIC("hidden AVP " << avp.GetType() << " could not be recovered");
            allRecovered = false;
        }
    }
    return allRecovered;
}

bool
IsHideableAvp(uint16_t attributeType)
{
    switch (attributeType)
    {
    case AVP_MESSAGE_TYPE:
    case AVP_RESULT_CODE:
    case AVP_PROTOCOL_VERSION:
    case AVP_TIE_BREAKER:
    case AVP_HOST_NAME:
    case AVP_RECEIVE_WINDOW_SIZE:
    case AVP_Q931_CAUSE_CODE:
    case AVP_RANDOM_VECTOR:
    case AVP_SEQUENCING_REQUIRED:
        return false;
    default:
        return AvpTypeName(attributeType) != "Unknown";
    }
}

uint32_t
HideMessageAvps(std::vector<Avp>& avps,
                const std::string& secret,
                const std::vector<uint8_t>& randomVector)
{
    std::vector<Avp> out;
    uint32_t hidden = 0;
    for (const Avp& avp : avps)
    {
        Avp copy = avp;
        if (avp.GetVendorId() == 0 && IsHideableAvp(avp.GetType()) &&
            HideAvp(copy, secret, randomVector))
        {
            ++hidden;
        }
        out.push_back(copy);
    }
    if (hidden == 0)
    {
        return 0;
    }
    // 4.3: the Random Vector goes before the first hidden AVP; right after
    // the Message Type (4.4.1: always first) is before all of them.
    const size_t at = !out.empty() && out.front().Is(AVP_MESSAGE_TYPE) ? 1 : 0;
    out.insert(out.begin() + at, Avp(AVP_RANDOM_VECTOR, randomVector, true));
    avps = out;
    return hidden;
}

bool
HasHiddenAvp(const std::vector<Avp>& avps)
{
    for (const Avp& avp : avps)
    {
        if (avp.IsHidden())
        {
            return true;
        }
    }
    return false;
}

} // namespace l2tp
} // namespace ns3
