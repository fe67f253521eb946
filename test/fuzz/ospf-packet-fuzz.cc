// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: OSPFv2 packets (RFC 2328 A.3) as an OSPF interface reads an
// IP payload: authentication and checksum first (D.2, D.4), then the
// common header and the body of its type, and the LSAs of an Update
// (A.4). Invariants: nothing is read past the data; a decoded packet
// re-encodes to a packet that decodes to the same values; every LSA
// survives ToBytes/FromBytes and, once sealed, carries a valid Fletcher
// checksum; a packet sealed by an authenticator verifies under it; the
// decoder's line keeps its format.
#include "fuzz-util.h"

#include "ns3/ipvpn-message-summary.h"
#include "ns3/ospf-authentication.h"
#include "ns3/ospf-database-description-header.h"
#include "ns3/ospf-hello-header.h"
#include "ns3/ospf-link-state-ack-header.h"
#include "ns3/ospf-link-state-request-header.h"
#include "ns3/ospf-link-state-update-header.h"
#include "ns3/ospf-lsa-checksum.h"
#include "ns3/ospf-packet-header.h"

using namespace ns3;
using namespace ns3::ospf;

namespace
{

/// Decodes a body of `length` octets from `bytes`, checks that a valid one
/// survives encode/decode, and returns whether it was valid.
template <typename Body>
bool
CheckBody(const std::vector<uint8_t>& bytes, size_t offset, size_t length, Body& body)
{
    Buffer buffer = fuzz::ToBuffer(bytes.data() + offset, length);
    Buffer::Iterator start = buffer.Begin();
    Buffer::Iterator end = buffer.End();
    const uint32_t used = body.Deserialize(start, end);
    FUZZ_CHECK(used <= length);
    fuzz::Printed(body);
    if (!body.IsValid())
    {
        return false;
    }
    const std::vector<uint8_t> encoded = fuzz::Encode(body);
    Body again;
    Buffer b2 = fuzz::ToBuffer(encoded.data(), encoded.size());
    FUZZ_CHECK(again.Deserialize(b2.Begin(), b2.End()) == encoded.size());
    FUZZ_CHECK(again.IsValid());
    FUZZ_CHECK(again == body);
    return true;
}

void
CheckLsa(const Lsa& lsa)
{
    const std::vector<uint8_t> bytes = lsa.ToBytes();
    Lsa copy;
    FUZZ_CHECK(Lsa::FromBytes(bytes.data(), bytes.size(), copy));
    FUZZ_CHECK(copy == lsa);
    Lsa sealed = lsa;
    sealed.Seal();
    const std::vector<uint8_t> sealedBytes = sealed.ToBytes();
    FUZZ_CHECK(sealedBytes.size() == sealed.header.GetLength());
    FUZZ_CHECK(IsLsaChecksumValid(sealedBytes.data(), sealedBytes.size()));
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::vector<uint8_t> bytes(data, data + size);

    // An interface checks authentication before anything else (D.2).
    Authenticator none;
    Authenticator simple;
    simple.SetSimplePassword("secret");
    Authenticator md5;
    md5.SetCryptographic(7);
    md5.AddKey(7, "fuzzing-key");
    for (const Authenticator* a : {&none, &simple, &md5})
    {
        const AuthCheck check = a->Verify(data, size, 100u);
        FUZZ_CHECK(AuthResultName(check.result) != nullptr);
        FUZZ_CHECK(check.result != AuthResult::OK || size >= PacketHeader::SIZE);
    }

    // What ./ipvpn decode prints for it.
    fuzz::CheckLine(decode::SummarizeOspf(bytes));

    PacketHeader header;
    Buffer buffer = fuzz::ToBuffer(data, size);
    const uint32_t used = header.Deserialize(buffer.Begin(), buffer.End());
    FUZZ_CHECK(used <= size);
    fuzz::Printed(header);
    if (!header.IsValid())
    {
        return 0;
    }
    FUZZ_CHECK(header.GetPacketLength() >= PacketHeader::SIZE);
    FUZZ_CHECK(header.GetPacketLength() <= size);
    const size_t bodyLength = header.GetPacketLength() - PacketHeader::SIZE;

    switch (header.GetType())
    {
    case PACKET_HELLO: {
        HelloHeader hello;
        CheckBody(bytes, PacketHeader::SIZE, bodyLength, hello);
        break;
    }
    case PACKET_DATABASE_DESCRIPTION: {
        DatabaseDescriptionHeader dd;
        CheckBody(bytes, PacketHeader::SIZE, bodyLength, dd);
        break;
    }
    case PACKET_LINK_STATE_REQUEST: {
        LinkStateRequestHeader request;
        CheckBody(bytes, PacketHeader::SIZE, bodyLength, request);
        break;
    }
    case PACKET_LINK_STATE_UPDATE: {
        LinkStateUpdateHeader update;
        if (CheckBody(bytes, PacketHeader::SIZE, bodyLength, update))
        {
            FUZZ_CHECK(update.GetLsas().size() == update.GetLsaCount());
            for (const Lsa& lsa : update.GetLsas())
            {
                CheckLsa(lsa);
            }
        }
        break;
    }
    case PACKET_LINK_STATE_ACK: {
        LinkStateAckHeader ack;
        CheckBody(bytes, PacketHeader::SIZE, bodyLength, ack);
        break;
    }
    default:
        FUZZ_CHECK(false); // a valid header has a type in 1..5
    }

    // A packet sealed by an authenticator verifies under it (D.4).
    const std::vector<uint8_t> packet(bytes.begin(), bytes.begin() + header.GetPacketLength());
    for (const Authenticator* a : {&none, &simple, &md5})
    {
        const std::vector<uint8_t> sealed = a->Seal(packet, 101);
        const AuthCheck check = a->Verify(sealed.data(), sealed.size(), 100u);
        FUZZ_CHECK(check.result == AuthResult::OK);
        FUZZ_CHECK(check.packetLength == packet.size());
    }
    return 0;
}
