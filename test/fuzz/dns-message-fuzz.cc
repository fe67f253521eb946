// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: the DNS message codec (RFC 1035 section 4) as a receiver
// reads a UDP payload or a TCP stream. Invariants: decoding never reads
// past the data and always names its error; a name read anywhere is at most
// 255 octets and ends inside the data; a valid message re-encodes (names
// compressed afresh) to octets that decode to the same message; cut to 512
// octets for UDP it is still valid, keeps a prefix of its entries and sets
// TC exactly when a question, answer or authority record is left out; a TCP
// frame taken off the data frames back to the same octets.
#include "fuzz-util.h"

#include "ns3/dns-message.h"
#include "ns3/dns-name.h"

#include <algorithm>
#include <sstream>

using namespace ns3;
using namespace ns3::dns;

namespace
{

/// Whether `part` is the first entries of `whole`.
template <typename T>
bool
IsPrefix(const std::vector<T>& part, const std::vector<T>& whole)
{
    return part.size() <= whole.size() && std::equal(part.begin(), part.end(), whole.begin());
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // Exactly the octets given: a copy, so ASan sees reads past the end.
    const std::vector<uint8_t> bytes(data, data + size);

    Message message;
    const DecodeError error = Message::Decode(bytes, message);
    FUZZ_CHECK(!ErrorName(error).empty());
    std::ostringstream printed;
    printed << message;
    FUZZ_CHECK(!printed.str().empty());

    // Names at the first offsets, as RDATA readers call ReadName().
    for (size_t offset = 0; offset < std::min<size_t>(size, 48); ++offset)
    {
        Name name;
        size_t next = 0;
        if (ReadName(bytes.data(), bytes.size(), offset, name, next) == DecodeError::OK)
        {
            FUZZ_CHECK(name.GetWireLength() <= MAX_NAME_LENGTH);
            FUZZ_CHECK(next > offset && next <= size);
            // The text form reads back unless a label holds a dot (it does not escape).
            const std::vector<std::string>& labels = name.GetLabels();
            if (std::none_of(labels.begin(), labels.end(), [](const std::string& label) {
                    return label.find('.') != std::string::npos;
                }))
            {
                const std::optional<Name> parsed = Name::Parse(name.ToString());
                FUZZ_CHECK(parsed && parsed->GetLabels() == labels);
            }
        }
    }

    if (error == DecodeError::OK)
    {
        const std::vector<uint8_t> encoded = message.Encode();
        Message again;
        FUZZ_CHECK(Message::Decode(encoded, again) == DecodeError::OK);
        FUZZ_CHECK(again == message);

        const std::vector<uint8_t> cut = message.EncodeTruncated(MAX_UDP_SIZE);
        FUZZ_CHECK(cut.size() <= std::max(MAX_UDP_SIZE, HEADER_SIZE));
        Message truncated;
        FUZZ_CHECK(Message::Decode(cut, truncated) == DecodeError::OK);
        FUZZ_CHECK(IsPrefix(truncated.questions, message.questions));
        FUZZ_CHECK(IsPrefix(truncated.answers, message.answers));
        FUZZ_CHECK(IsPrefix(truncated.authorities, message.authorities));
        FUZZ_CHECK(IsPrefix(truncated.additionals, message.additionals));
        const bool lost = truncated.questions.size() < message.questions.size() ||
                          truncated.answers.size() < message.answers.size() ||
                          truncated.authorities.size() < message.authorities.size();
        FUZZ_CHECK(truncated.header.tc == (message.header.tc || lost));
        if (encoded.size() <= MAX_UDP_SIZE)
        {
            FUZZ_CHECK(cut == encoded);
        }
    }

    // The same octets as a TCP stream (RFC 1035 4.2.2).
    std::vector<uint8_t> body;
    const size_t used = ReadTcpFrame(bytes.data(), bytes.size(), body);
    FUZZ_CHECK(used <= size);
    if (used > 0)
    {
        FUZZ_CHECK(body.size() + 2 == used);
        const std::optional<std::vector<uint8_t>> framed = FrameForTcp(body);
        FUZZ_CHECK(framed && std::equal(framed->begin(), framed->end(), bytes.begin()));
    }
    return 0;
}
