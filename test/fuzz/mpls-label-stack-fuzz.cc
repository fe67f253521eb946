// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: MPLS label stacks (RFC 3032 section 2.1) as mpls::Protocol
// and the capture decoder read them. Invariants: a valid stack ends with
// the only S = 1 entry and re-encodes to the bytes it came from; one entry
// at a time (the forwarding path) reads the same labels.
#include "fuzz-util.h"

#include "ns3/ipvpn-message-summary.h"
#include "ns3/mpls-label-stack-header.h"

using namespace ns3;
using namespace ns3::mpls;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::vector<uint8_t> bytes(data, data + size);

    LabelStack stack;
    Ptr<Packet> packet = fuzz::ToPacket(data, size);
    packet->RemoveHeader(stack);
    fuzz::Printed(stack);
    FUZZ_CHECK(stack.GetDepth() * 4 <= size);
    if (stack.IsValid())
    {
        const auto& entries = stack.GetEntries();
        for (uint32_t k = 0; k < entries.size(); ++k)
        {
            FUZZ_CHECK(entries[k].IsBottomOfStack() == (k + 1 == entries.size()));
            FUZZ_CHECK(entries[k].GetLabel() <= MAX_LABEL);
            FUZZ_CHECK(LabelStackEntry::FromWord(entries[k].ToWord()) == entries[k]);
        }
        const std::vector<uint8_t> encoded = fuzz::Encode(stack);
        FUZZ_CHECK(std::equal(encoded.begin(), encoded.end(), bytes.begin()));
        FUZZ_CHECK(packet->GetSize() == size - encoded.size());
        LabelStack again;
        fuzz::Decode(again, encoded);
        FUZZ_CHECK(again == stack);
    }
    else
    {
        FUZZ_CHECK(stack.GetError() == (size < 4 ? LabelStack::EMPTY
                                                 : LabelStack::NO_BOTTOM_OF_STACK));
    }

    // mpls::Protocol pops one entry at a time, each only when four bytes
    // are left.
    Ptr<Packet> rest = fuzz::ToPacket(data, size);
    for (uint32_t k = 0; rest->GetSize() >= 4; ++k)
    {
        LabelStackEntry top;
        rest->RemoveHeader(top);
        FUZZ_CHECK(top.IsValid());
        if (k < stack.GetDepth())
        {
            FUZZ_CHECK(top == stack.GetEntry(k));
        }
        if (top.IsBottomOfStack())
        {
            break;
        }
    }

    const decode::MplsSummary summary = decode::SummarizeMpls(fuzz::ToPacket(data, size));
    fuzz::CheckLine(summary.message);
    return 0;
}
