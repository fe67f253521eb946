// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: the messages of seed 004's Home-to-home Tunnelling
// Initiation Protocol (the module's own format, doc/htip-wire.md) as a
// receiver reads a UDP payload, and htip::Prefix's text form. Invariants:
// nothing is read past the data (bounded and unbounded decoding agree);
// Print() never fails and an error names a cause; a valid message has the
// fields its type needs, only valid prefixes, and re-encodes to a message
// that decodes to the same values; with no unknown TLV it re-encodes to as
// many octets, and to the very octets it came from when its TLVs were in
// type order; the decoder's line (SummarizeHtip) keeps its format and is
// malformed exactly when the codec rejects the message; a prefix that
// parses prints back to the same text; prefix relations are consistent.
#include "fuzz-util.h"

#include "ns3/htip-message.h"
#include "ns3/htip-prefix.h"
#include "ns3/ipvpn-htip-summary.h"

using namespace ns3;
using namespace ns3::htip;

namespace
{

/// Whether the TLV types of the valid message `bytes` come in ascending
/// order (the order Serialize() writes).
bool
TlvsInTypeOrder(const std::vector<uint8_t>& bytes)
{
    int last = -1;
    for (std::size_t i = MessageHeader::FIXED_SIZE; i + 1 < bytes.size(); i += 2 + bytes[i + 1])
    {
        if (bytes[i] <= last)
        {
            return false;
        }
        last = bytes[i];
    }
    return true;
}

/// Relations every valid prefix pair keeps.
void
CheckPrefixes(const Prefix& a, const Prefix& b)
{
    FUZZ_CHECK(a.IsValid() && b.IsValid());
    FUZZ_CHECK(a.Contains(a) && a.Overlaps(a));
    FUZZ_CHECK(a.Overlaps(b) == b.Overlaps(a));
    FUZZ_CHECK(a.Overlaps(b) == (a.Contains(b) || b.Contains(a)));
    FUZZ_CHECK(a.Contains(a.Map(b.network)));
    FUZZ_CHECK(a.GetSize() >= 1 && a.GetSize() <= (uint64_t(1) << 32));
    FUZZ_CHECK(Prefix::Parse(a.ToString()) == a);
    FUZZ_CHECK((a < b) + (b < a) + (a == b) == 1);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::vector<uint8_t> bytes(data, data + size);

    // Bounded, as a receiver with the UDP payload's size does it.
    MessageHeader bounded;
    Buffer buffer = fuzz::ToBuffer(data, size);
    const uint32_t used = bounded.Deserialize(buffer.Begin(), buffer.End());
    FUZZ_CHECK(used <= size);
    FUZZ_CHECK(!fuzz::Printed(bounded).empty());
    FUZZ_CHECK(!MessageHeader::ErrorName(bounded.GetError()).empty());

    // Unbounded, on a packet that holds only the message: the same reading.
    MessageHeader whole;
    Ptr<Packet> packet = fuzz::ToPacket(data, size);
    packet->RemoveHeader(whole);
    FUZZ_CHECK(whole.GetError() == bounded.GetError());
    FUZZ_CHECK(!bounded.IsValid() || whole == bounded);

    if (bounded.IsValid())
    {
        FUZZ_CHECK(used == size);
        FUZZ_CHECK(bounded.GetVersion() == HTIP_VERSION);
        FUZZ_CHECK(bounded.GetType() >= REQUEST && bounded.GetType() <= NAK);
        const uint8_t type = bounded.GetType();
        if (type != NAK)
        {
            FUZZ_CHECK(bounded.GetVpnProtocol() && bounded.GetRequesterPrefix());
        }
        if (type == REQUEST)
        {
            FUZZ_CHECK(bounded.HasRequesterCandidates() && bounded.GetGatewayName());
            FUZZ_CHECK(!bounded.GetRequesterCandidates().empty());
        }
        if (type == RESPONSE)
        {
            FUZZ_CHECK(bounded.HasResponderCandidates() && bounded.GetRequesterTunnel());
        }
        if (type == ACK || type == READY)
        {
            FUZZ_CHECK(bounded.GetResponderPrefix() && bounded.GetRequesterTunnel() &&
                       bounded.GetResponderTunnel());
        }
        if (type == NAK)
        {
            FUZZ_CHECK(bounded.GetNakCause());
        }
        if (const auto name = bounded.GetGatewayName())
        {
            FUZZ_CHECK(!name->empty() && name->size() <= 255);
        }
        // Every prefix is valid, and the relations between them hold.
        std::vector<Prefix> all = bounded.GetRequesterCandidates();
        for (const auto& list : {bounded.GetResponderCandidates(), bounded.GetInUse()})
        {
            all.insert(all.end(), list.begin(), list.end());
        }
        for (const auto& p : {bounded.GetRequesterPrefix(),
                              bounded.GetResponderPrefix(),
                              bounded.GetRequesterTunnel(),
                              bounded.GetResponderTunnel()})
        {
            if (p)
            {
                all.push_back(*p);
            }
        }
        for (std::size_t k = 0; k < all.size(); ++k)
        {
            CheckPrefixes(all[k], all[(k + 1) % all.size()]);
        }

        const std::vector<uint8_t> encoded = fuzz::Encode(bounded);
        MessageHeader again;
        fuzz::Decode(again, encoded);
        // The encoder leaves unknown TLVs out; every field survives.
        FUZZ_CHECK(again.IsValid() && again.GetUnknownTlvCount() == 0);
        FUZZ_CHECK(fuzz::Encode(again) == encoded);
        FUZZ_CHECK(again.GetType() == bounded.GetType());
        FUZZ_CHECK(again.GetNegotiationId() == bounded.GetNegotiationId());
        FUZZ_CHECK(again.GetRound() == bounded.GetRound());
        FUZZ_CHECK(again.GetVpnProtocol() == bounded.GetVpnProtocol());
        FUZZ_CHECK(again.GetRequesterPrefix() == bounded.GetRequesterPrefix());
        FUZZ_CHECK(again.GetRequesterCandidates() == bounded.GetRequesterCandidates());
        FUZZ_CHECK(again.HasRequesterCandidates() == bounded.HasRequesterCandidates());
        FUZZ_CHECK(again.GetResponderPrefix() == bounded.GetResponderPrefix());
        FUZZ_CHECK(again.GetResponderCandidates() == bounded.GetResponderCandidates());
        FUZZ_CHECK(again.HasResponderCandidates() == bounded.HasResponderCandidates());
        FUZZ_CHECK(again.GetRequesterTunnel() == bounded.GetRequesterTunnel());
        FUZZ_CHECK(again.GetResponderTunnel() == bounded.GetResponderTunnel());
        FUZZ_CHECK(again.GetGatewayName() == bounded.GetGatewayName());
        FUZZ_CHECK(again.GetNakCause() == bounded.GetNakCause());
        FUZZ_CHECK(again.GetInUse() == bounded.GetInUse());
        FUZZ_CHECK(again.HasInUse() == bounded.HasInUse());
        if (bounded.GetUnknownTlvCount() == 0)
        {
            FUZZ_CHECK(again == bounded);
            // TLVs may come in any order; the encoder writes them sorted.
            FUZZ_CHECK(encoded.size() == bytes.size());
            FUZZ_CHECK(!TlvsInTypeOrder(bytes) || encoded == bytes);
        }
        else
        {
            FUZZ_CHECK(encoded.size() < bytes.size());
        }
    }

    // The line ./ipvpn decode prints for this UDP payload.
    const decode::DecodedMessage line = decode::SummarizeHtip(bytes);
    fuzz::CheckLine(line);
    FUZZ_CHECK(line.IsMalformed() == !bounded.IsValid());

    // A prefix's text form from arbitrary text: what parses prints back
    // as the same text (one spelling per prefix).
    const std::string text(bytes.begin(), bytes.end());
    if (const std::optional<Prefix> p = Prefix::Parse(text))
    {
        FUZZ_CHECK(p->IsValid());
        FUZZ_CHECK(p->ToString() == text);
    }
    return 0;
}
