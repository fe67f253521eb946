// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: L2TP AVPs (RFC 2661 section 4.1) and hidden AVPs (4.3): the
// AVP area of a control message, read AVP by AVP as l2tp::PacketHeader
// reads it. Hidden AVPs are recovered with the message's Random Vector and
// a fixed secret, as the control connection does. Invariants: every AVP
// re-encodes to an equal one; hiding then recovering gives back the value
// (RFC 2661 4.3) for every AVP, with the input's Random Vector; hiding a
// whole message and recovering it gives back the message.
#include "fuzz-util.h"

#include "ns3/l2tp-avp.h"
#include "ns3/l2tp-hidden-avp.h"

using namespace ns3;
using namespace ns3::l2tp;

namespace
{

constexpr char kSecret[] = "fuzz-secret";

/// Typed readers the control messages use; any answer is fine.
void
ReadValues(const Avp& avp)
{
    uint16_t u16 = 0;
    uint32_t u32 = 0;
    uint16_t result = 0;
    uint16_t error = 0;
    std::string message;
    avp.GetUint16(u16);
    avp.GetUint32(u32);
    avp.GetString();
    avp.GetResultCode(result, error, message);
    AvpTypeName(avp.GetType());
    fuzz::Printed(avp);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Buffer buffer = fuzz::ToBuffer(data, size);
    Buffer::Iterator i = buffer.Begin();
    std::vector<Avp> avps;
    std::vector<uint8_t> randomVector = {0x5a, 0x17, 0x00, 0xff};
    bool plain = true; // no hidden AVP and no Random Vector: 4.3 round trip applies
    for (uint32_t offset = 0; offset < size;)
    {
        Avp avp;
        const uint32_t used = avp.Deserialize(i, buffer.End());
        FUZZ_CHECK(used > 0 && used <= size - offset);
        if (!avp.IsValid())
        {
            break;
        }
        FUZZ_CHECK(used == avp.GetSerializedSize());
        ReadValues(avp);
        Avp again;
        FUZZ_CHECK(fuzz::Decode(again, fuzz::Encode(avp)) == used);
        FUZZ_CHECK(again == avp);
        if (avp.Is(AVP_RANDOM_VECTOR))
        {
            randomVector = avp.GetValue();
        }
        plain = plain && !avp.IsHidden() && !avp.Is(AVP_RANDOM_VECTOR);
        avps.push_back(avp);
        i.Next(used);
        offset += used;
    }

    // Recovery as the control connection does it (4.3), then the values.
    std::vector<Avp> recovered = avps;
    UnhideAvps(recovered, kSecret);
    for (const Avp& avp : recovered)
    {
        ReadValues(avp);
    }

    for (const Avp& avp : avps)
    {
        std::vector<uint8_t> value;
        const std::vector<uint8_t> hidden =
            HideValue(avp.GetType(), avp.GetValue(), kSecret, randomVector);
        FUZZ_CHECK(UnhideValue(avp.GetType(), hidden, kSecret, randomVector, value));
        FUZZ_CHECK(value == avp.GetValue());
        Avp copy = avp;
        if (HideAvp(copy, kSecret, randomVector))
        {
            FUZZ_CHECK(copy.IsHidden());
            FUZZ_CHECK(UnhideAvp(copy, kSecret, randomVector));
            FUZZ_CHECK(copy.GetValue() == avp.GetValue());
        }
    }

    if (plain)
    {
        std::vector<Avp> message = avps;
        const uint32_t hidden = HideMessageAvps(message, kSecret, randomVector);
        FUZZ_CHECK(hidden == 0 || HasHiddenAvp(message));
        FUZZ_CHECK(UnhideAvps(message, kSecret));
        if (hidden > 0)
        {
            // The Random Vector HideMessageAvps added, then the rest.
            const size_t at = !avps.empty() && avps.front().Is(AVP_MESSAGE_TYPE) ? 1 : 0;
            FUZZ_CHECK(message.size() == avps.size() + 1);
            FUZZ_CHECK(message[at].Is(AVP_RANDOM_VECTOR));
            message.erase(message.begin() + at);
        }
        FUZZ_CHECK(message == avps);
    }
    return 0;
}
