/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reads capture files: classic pcap through ns3::PcapFile (both byte
 * orders, micro- and nanosecond timestamps) and pcapng through
 * PcapngReader. The format is recognised from the first four bytes, not
 * from the file name.
 *
 * CaptureReader streams records one at a time; ReadCapture() reads a whole
 * file and peels every frame (ipvpn-capture-frame.h), which is what tests want.
 */
#ifndef IPVPN_CAPTURE_READER_H
#define IPVPN_CAPTURE_READER_H

#include "ipvpn-capture-frame.h"
#include "ipvpn-capture-record.h"

#include "ns3/pcap-file.h"

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace decode
{

class PcapngReader;

/// File formats CaptureReader recognises.
enum class CaptureFormat
{
    UNKNOWN,
    PCAP,   ///< libpcap format
    PCAPNG, ///< pcapng
};

/// Reads the records of one capture file in file order.
class CaptureReader
{
  public:
    /// Largest record kept; longer ones are cut (like a snap length).
    static constexpr uint32_t MAX_RECORD = 262144;

    CaptureReader();
    ~CaptureReader();
    CaptureReader(const CaptureReader&) = delete;
    CaptureReader& operator=(const CaptureReader&) = delete;

    /// Opens a file and reads its file or section header.
    /// \return false (and GetError()) when it is missing, unreadable, or
    /// neither pcap nor pcapng.
    bool Open(const std::string& path);

    CaptureFormat GetFormat() const;

    /// The link type of a pcap file, or of the first interface of a pcapng
    /// file (known once its Interface Description Block was read, i.e.
    /// after the first Next()).
    uint32_t GetLinkType() const;

    /// Fills the next record. \return false at the end of the file or when
    /// the file is damaged (GetError() then tells where).
    bool Next(CaptureRecord& record);

    /// Why Open() failed, or the damage that ended the reading early.
    const std::string& GetError() const;

    /// pcapng blocks skipped (types not interpreted, unknown interfaces).
    uint32_t GetSkippedBlocks() const;

  private:
    bool NextPcap(CaptureRecord& record);

    CaptureFormat m_format;
    PcapFile m_pcap;
    uint32_t m_pcapLinkType;
    uint64_t m_fileSize;
    uint64_t m_consumed; ///< pcap bytes accounted for so far
    std::vector<uint8_t> m_buffer;
    std::ifstream m_stream; ///< pcapng input
    std::unique_ptr<PcapngReader> m_pcapng;
    std::string m_error;
};

/// A capture file read whole.
struct Capture
{
    bool ok = false;     ///< the file opened and its header was readable
    std::string error;   ///< why not ok, or the damage that stopped the reading
    CaptureFormat format = CaptureFormat::UNKNOWN;
    uint32_t linkType = 0; ///< see CaptureReader::GetLinkType()
    std::vector<Frame> frames;
};

/// Reads every frame of a pcap or pcapng file and decodes its layers.
Capture ReadCapture(const std::string& path);

/// Decodes a record: link layers, IPv4, UDP/TCP, timestamp and number.
Frame DecodeRecord(const CaptureRecord& record, uint32_t number);

} // namespace decode
} // namespace ns3

#endif
