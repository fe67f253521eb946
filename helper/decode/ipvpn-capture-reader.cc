// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-capture-reader.h"

#include "ipvpn-pcapng-reader.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace decode
{

NS_LOG_COMPONENT_DEFINE("IpvpnCaptureReader");

namespace
{
constexpr uint32_t PCAP_FILE_HEADER = 24;
constexpr uint32_t PCAP_RECORD_HEADER = 16;
constexpr uint64_t NANOSECONDS_PER_SECOND = 1000000000;

/// libpcap magic numbers: microsecond and nanosecond timestamps, each in
/// both byte orders.
bool
IsPcapMagic(const uint8_t* m)
{
    const uint32_t be = (uint32_t(m[0]) << 24) | (m[1] << 16) | (m[2] << 8) | m[3];
    return be == 0xA1B2C3D4 || be == 0xD4C3B2A1 || be == 0xA1B23C4D || be == 0x4D3CB2A1;
}
} // namespace

CaptureReader::CaptureReader()
    : m_format(CaptureFormat::UNKNOWN),
      m_pcapLinkType(0),
      m_fileSize(0),
      m_consumed(0)
{
}

CaptureReader::~CaptureReader() = default;

bool
CaptureReader::Open(const std::string& path)
{
    std::ifstream probe(path, std::ios::binary);
    if (!probe)
    {
        m_error = "cannot open " + path;
        return false;
    }
    probe.seekg(0, std::ios::end);
    m_fileSize = static_cast<uint64_t>(std::max<std::streamoff>(probe.tellg(), 0));
    probe.seekg(0, std::ios::beg);
    uint8_t magic[4] = {0, 0, 0, 0};
    probe.read(reinterpret_cast<char*>(magic), sizeof(magic));
    if (static_cast<std::size_t>(probe.gcount()) < sizeof(magic))
    {
        m_error = path + ": too short to be a capture file";
        return false;
    }
    probe.close();

    if (IsPcapngMagic(magic))
    {
        m_stream.open(path, std::ios::binary);
        m_pcapng = std::make_unique<PcapngReader>(m_stream);
        if (!m_pcapng->IsOpen())
        {
            m_error = path + ": " + m_pcapng->GetError();
            return false;
        }
        m_format = CaptureFormat::PCAPNG;
        return true;
    }
    if (!IsPcapMagic(magic))
    {
        m_error = path + ": not a capture file (neither pcap nor pcapng)";
        return false;
    }
    if (m_fileSize < PCAP_FILE_HEADER)
    {
        m_error = path + ": pcap file header truncated";
        return false;
    }
    m_pcap.Open(path, std::ios::in);
    if (m_pcap.Fail())
    {
        m_error = path + ": unreadable pcap file header";
        return false;
    }
    m_format = CaptureFormat::PCAP;
    // draft-ietf-opsawg-pcap section 4: the link type is the lower 16 bits;
    // the upper ones may describe an FCS.
    m_pcapLinkType = m_pcap.GetDataLinkType() & 0xFFFF;
    m_consumed = PCAP_FILE_HEADER;
    m_buffer.resize(MAX_RECORD);
    return true;
}

CaptureFormat
CaptureReader::GetFormat() const
{
    return m_format;
}

uint32_t
CaptureReader::GetLinkType() const
{
    switch (m_format)
    {
    case CaptureFormat::PCAP:
        return m_pcapLinkType;
    case CaptureFormat::PCAPNG:
        return m_pcapng->GetFirstLinkType();
    default:
        return 0;
    }
}

const std::string&
CaptureReader::GetError() const
{
    return m_error;
}

uint32_t
CaptureReader::GetSkippedBlocks() const
{
    return m_pcapng ? m_pcapng->GetSkippedBlocks() : 0;
}

bool
CaptureReader::Next(CaptureRecord& record)
{
    switch (m_format)
    {
    case CaptureFormat::PCAP:
        return NextPcap(record);
    case CaptureFormat::PCAPNG:
        if (m_pcapng->Next(record))
        {
            return true;
        }
        if (!m_pcapng->GetError().empty())
        {
            m_error = m_pcapng->GetError();
        }
        return false;
    default:
        return false;
    }
}

bool
CaptureReader::NextPcap(CaptureRecord& record)
{
    if (m_consumed >= m_fileSize)
    {
        return false;
    }
    uint32_t tsSec = 0;
    uint32_t tsFraction = 0;
    uint32_t inclLen = 0;
    uint32_t origLen = 0;
    uint32_t readLen = 0;
    m_pcap.Read(m_buffer.data(), m_buffer.size(), tsSec, tsFraction, inclLen, origLen, readLen);
    if (m_pcap.Fail())
    {
        // PcapFile fails alike at the end and inside a cut record; the
        // byte count tells them apart.
        m_error = "file ends inside the record at offset " + std::to_string(m_consumed);
        return false;
    }
    m_consumed += PCAP_RECORD_HEADER + uint64_t(inclLen);
    if (m_consumed > m_fileSize)
    {
        m_error = "record of " + std::to_string(inclLen) + " bytes runs past the end of the file";
        return false;
    }
    const uint64_t fraction =
        m_pcap.IsNanoSecMode() ? uint64_t(tsFraction) : uint64_t(tsFraction) * 1000;
    record.linkType = m_pcapLinkType;
    record.seconds = tsSec + fraction / NANOSECONDS_PER_SECOND;
    record.nanoseconds = static_cast<uint32_t>(fraction % NANOSECONDS_PER_SECOND);
    record.originalLength = std::max(origLen, readLen);
    record.bytes.assign(m_buffer.begin(), m_buffer.begin() + std::min(readLen, MAX_RECORD));
    return true;
}

Frame
DecodeRecord(const CaptureRecord& record, uint32_t number)
{
    Frame frame = DecodeFrame(record.linkType, record.bytes, number, record.originalLength);
    frame.seconds = record.seconds;
    frame.nanoseconds = record.nanoseconds;
    return frame;
}

Capture
ReadCapture(const std::string& path)
{
    Capture capture;
    CaptureReader reader;
    if (!reader.Open(path))
    {
        capture.error = reader.GetError();
        return capture;
    }
    capture.ok = true;
    capture.format = reader.GetFormat();
    CaptureRecord record;
    for (uint32_t number = 1; reader.Next(record); ++number)
    {
        capture.frames.push_back(DecodeRecord(record, number));
    }
    capture.linkType = reader.GetLinkType();
    capture.error = reader.GetError();
    return capture;
}

} // namespace decode
} // namespace ns3
