// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: LDP PDUs with their messages and TLVs (RFC 5036 section 3),
// decoded as ldp::Session and ldp::Discovery decode them, then each message
// loaded into its typed class (MakeTypedMessage) as Session::HandleMessage
// does. Invariants: decoding consumes what the PDU Length says; a valid PDU
// re-encodes to the bytes it came from and every valid typed message to an
// equal one; Initialization and Notification go through the session state
// machine.
#include "fuzz-util.h"

#include "ns3/ldp-pdu.h"
#include "ns3/ldp-session-fsm.h"
#include "ns3/ldp-session-messages.h"
#include "ns3/ldp-status.h"
#include "ns3/ipvpn-message-summary.h"

#include <memory>

using namespace ns3;
using namespace ns3::ldp;

namespace
{

void
CheckTyped(const Message& generic)
{
    std::unique_ptr<Message> typed = MakeTypedMessage(generic.GetType());
    if (!typed)
    {
        return;
    }
    const bool ok = typed->LoadFrom(generic);
    fuzz::Printed(*typed);
    if (!ok)
    {
        FUZZ_CHECK(!typed->IsValid());
        return;
    }
    // Typed -> wire -> generic -> typed gives the same message.
    const std::vector<uint8_t> wire = fuzz::Encode(*typed);
    FUZZ_CHECK(wire.size() == typed->GetSerializedSize());
    Message generic2;
    FUZZ_CHECK(fuzz::Decode(generic2, wire) == wire.size());
    FUZZ_CHECK(generic2.IsValid());
    std::unique_ptr<Message> typed2 = MakeTypedMessage(generic.GetType());
    FUZZ_CHECK(typed2->LoadFrom(generic2));
    FUZZ_CHECK(*typed2 == *typed);

    if (generic.GetType() == MSG_INITIALIZATION)
    {
        // Section 2.5.4: the passive role answers a received Initialization.
        const auto& init = static_cast<const InitializationMessage&>(*typed);
        SessionFsm fsm(SessionRole::PASSIVE);
        fsm.TcpConnected(Seconds(1));
        fsm.ReceiveInitialization(init.GetSessionParams(), Ipv4Address("10.0.0.1"), 0, Seconds(2));
        fsm.ReceiveKeepAlive(Seconds(3));
        fsm.HoldTimerExpired(Seconds(400));
    }
    else if (generic.GetType() == MSG_NOTIFICATION)
    {
        const auto& note = static_cast<const NotificationMessage&>(*typed);
        SessionFsm fsm(SessionRole::ACTIVE);
        fsm.TcpConnected(Seconds(1));
        fsm.ReceiveNotification(note.GetStatusTlv(), Seconds(2));
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::vector<uint8_t> bytes(data, data + size);
    Pdu pdu;
    Buffer buffer = fuzz::ToBuffer(data, size);
    const uint32_t used = pdu.Deserialize(buffer.Begin(), buffer.End());
    fuzz::Printed(pdu);
    FUZZ_CHECK(used <= size);
    if (pdu.GetHeader().IsValid() && pdu.IsValid())
    {
        // Section 3.1: exactly 4 + PDU Length octets, re-encoded unchanged.
        FUZZ_CHECK(used == 4u + pdu.GetHeader().GetPduLength());
        const std::vector<uint8_t> wire = fuzz::Encode(pdu);
        FUZZ_CHECK(wire.size() == used);
        FUZZ_CHECK(std::equal(wire.begin(), wire.end(), bytes.begin()));
        Pdu again;
        FUZZ_CHECK(fuzz::Decode(again, wire) == wire.size());
        FUZZ_CHECK(again == pdu);
    }
    for (const Message& m : pdu.GetMessages())
    {
        fuzz::Printed(m);
        if (m.GetStatus() != STATUS_BAD_MESSAGE_LENGTH && m.GetStatus() != STATUS_BAD_TLV_LENGTH)
        {
            CheckTyped(m);
        }
    }

    // Several PDUs in one TCP segment, as the decoder reads them.
    for (const decode::DecodedMessage& line : decode::SummarizeLdp(bytes))
    {
        fuzz::CheckLine(line);
    }
    return 0;
}
