// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: the DHCP message codec (RFC 2131 section 2, RFC 2132
// options, RFC 3396 long options) as a server or client reads the UDP
// payload of ports 67/68. Invariants: decoding never reads past the data
// and names its error; every typed option getter runs on what was read; a
// valid message re-encodes to at least the minimal 300 octets (RFC 1542
// 2.1), exactly GetSerializedSize() of them, which decode to the same
// fields and encode again to the same octets.
#include "fuzz-util.h"

#include "ns3/dhcp-message.h"

using namespace ns3;
using namespace ns3::dhcp;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // Exactly the octets given: a copy, so ASan sees reads past the end.
    const std::vector<uint8_t> bytes(data, data + size);

    Message message;
    const uint32_t used = fuzz::Decode(message, bytes);
    FUZZ_CHECK(used <= size);
    FUZZ_CHECK(!Message::ErrorName(message.GetError()).empty());
    FUZZ_CHECK(message.IsValid() == (message.GetError() == Message::OK));
    FUZZ_CHECK(!fuzz::Printed(message).empty());
    FUZZ_CHECK(!MessageTypeName(message.GetMessageType()).empty());

    // What the client FSM and the server engine read from a message.
    message.GetChaddrMac();
    message.GetSname();
    message.GetFile();
    message.GetSubnetMask();
    message.GetRouters();
    message.GetDnsServers();
    message.GetHostName();
    message.GetDomainName();
    message.GetRequestedAddress();
    message.GetServerId();
    message.GetLeaseTime();
    message.GetRenewalTime();
    message.GetRebindingTime();
    message.GetParameterRequestList();
    message.GetClientId();
    for (const auto& [code, value] : message.GetOptions())
    {
        // Pad and End are never stored; each code once.
        FUZZ_CHECK(code != OPT_PAD && code != OPT_END);
        FUZZ_CHECK(message.GetOption(code) && *message.GetOption(code) == value);
    }

    if (message.IsValid())
    {
        FUZZ_CHECK(used == size);
        const std::vector<uint8_t> encoded = fuzz::Encode(message);
        FUZZ_CHECK(encoded.size() == message.GetSerializedSize());
        FUZZ_CHECK(encoded.size() >= Message::MIN_SIZE);
        Message again;
        FUZZ_CHECK(fuzz::Decode(again, encoded) == encoded.size());
        FUZZ_CHECK(again.IsValid());
        FUZZ_CHECK(again == message);
        FUZZ_CHECK(again.GetMessageType() == message.GetMessageType());
        FUZZ_CHECK(again.GetXid() == message.GetXid());
        FUZZ_CHECK(again.GetOptions() == message.GetOptions());
        FUZZ_CHECK(fuzz::Printed(again) == fuzz::Printed(message));
        FUZZ_CHECK(fuzz::Encode(again) == encoded);
    }
    return 0;
}
