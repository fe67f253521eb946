// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: the capture readers (libpcap through ns-3's PcapFile, and
// pcapng) and the capture decoder behind `./ipvpn decode`: link layers,
// IPv4, UDP, TCP reassembly of LDP, GRE, and every protocol decoder. The
// input is a whole capture file. Invariants: every line has the
// documented token format and names its frame; ReadCapture() sees the
// same frames as the record loop.
#include "fuzz-util.h"

#include "ns3/ipvpn-capture-decoder.h"
#include "ns3/ipvpn-capture-reader.h"

#include <sys/mman.h>
#include <unistd.h>

using namespace ns3;
using namespace ns3::decode;

namespace
{

/// The readers open files by name: one in-memory file per process.
const std::string&
ScratchPath()
{
    static const std::string path = [] {
        const int fd = memfd_create("ipvpn-fuzz-capture", 0);
        FUZZ_CHECK(fd >= 0);
        return "/proc/self/fd/" + std::to_string(fd);
    }();
    return path;
}

void
WriteScratch(const uint8_t* data, size_t size)
{
    const int fd = std::stoi(ScratchPath().substr(ScratchPath().rfind('/') + 1));
    FUZZ_CHECK(ftruncate(fd, 0) == 0);
    FUZZ_CHECK(pwrite(fd, data, size, 0) == static_cast<ssize_t>(size));
}

void
CheckDecoded(const DecodedMessage& m, uint32_t frame)
{
    fuzz::CheckLine(m);
    const std::string line = m.ToLine();
    FUZZ_CHECK(line.rfind(std::to_string(frame) + " ", 0) == 0);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    WriteScratch(data, size);
    CaptureReader reader;
    if (!reader.Open(ScratchPath()))
    {
        FUZZ_CHECK(!reader.GetError().empty());
        return 0;
    }
    CaptureDecoder decoder;
    CaptureRecord record;
    uint32_t number = 0;
    uint32_t lastFrame = 0;
    while (reader.Next(record))
    {
        ++number;
        FUZZ_CHECK(record.bytes.size() <= CaptureReader::MAX_RECORD);
        const Frame frame = DecodeRecord(record, number);
        FUZZ_CHECK(frame.number == number);
        for (const DecodedMessage& m : decoder.Decode(frame))
        {
            CheckDecoded(m, number);
            lastFrame = m.frame;
        }
    }
    for (const DecodedMessage& m : decoder.Finish())
    {
        // TCP data still pending at the end belongs to an earlier frame.
        FUZZ_CHECK(m.frame >= 1 && m.frame <= number);
        CheckDecoded(m, m.frame);
        lastFrame = m.frame;
    }
    FUZZ_CHECK(lastFrame <= number);

    const Capture capture = ReadCapture(ScratchPath());
    FUZZ_CHECK(capture.ok);
    FUZZ_CHECK(capture.frames.size() == number);
    FUZZ_CHECK(capture.error == reader.GetError());
    return 0;
}
