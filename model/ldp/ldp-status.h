/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * LDP status codes (RFC 5036 section 3.9). The same values report why a
 * decoder rejected a PDU, message or TLV, so a session can put the code
 * straight into the Status TLV of its Notification.
 */
#ifndef IPVPN_LDP_STATUS_H
#define IPVPN_LDP_STATUS_H

#include <cstdint>
#include <string>

namespace ns3
{
namespace ldp
{

/// Status Data values (the low 30 bits of a Status Code), RFC 5036 section 3.9.
enum StatusCode : uint32_t
{
    STATUS_SUCCESS = 0x00,
    STATUS_BAD_LDP_IDENTIFIER = 0x01,
    STATUS_BAD_PROTOCOL_VERSION = 0x02,
    STATUS_BAD_PDU_LENGTH = 0x03,
    STATUS_UNKNOWN_MESSAGE_TYPE = 0x04,
    STATUS_BAD_MESSAGE_LENGTH = 0x05,
    STATUS_UNKNOWN_TLV = 0x06,
    STATUS_BAD_TLV_LENGTH = 0x07,
    STATUS_MALFORMED_TLV_VALUE = 0x08,
    STATUS_HOLD_TIMER_EXPIRED = 0x09,
    STATUS_SHUTDOWN = 0x0A,
    STATUS_LOOP_DETECTED = 0x0B,
    STATUS_UNKNOWN_FEC = 0x0C,
    STATUS_NO_ROUTE = 0x0D,
    STATUS_NO_LABEL_RESOURCES = 0x0E,
    STATUS_LABEL_RESOURCES_AVAILABLE = 0x0F,
    STATUS_SESSION_REJECTED_NO_HELLO = 0x10,
    STATUS_SESSION_REJECTED_ADVERTISEMENT_MODE = 0x11,
    STATUS_SESSION_REJECTED_MAX_PDU_LENGTH = 0x12,
    STATUS_SESSION_REJECTED_LABEL_RANGE = 0x13,
    STATUS_KEEPALIVE_TIMER_EXPIRED = 0x14,
    STATUS_LABEL_REQUEST_ABORTED = 0x15,
    STATUS_MISSING_MESSAGE_PARAMETERS = 0x16,
    STATUS_UNSUPPORTED_ADDRESS_FAMILY = 0x17,
    STATUS_SESSION_REJECTED_BAD_KEEPALIVE_TIME = 0x18,
    STATUS_INTERNAL_ERROR = 0x19,
};

/// Largest Status Data value: the field is 30 bits (RFC 5036 section 3.4.6).
constexpr uint32_t MAX_STATUS_DATA = 0x3FFFFFFF;

/**
 * \return the E bit the RFC 5036 section 3.9 table gives the code: true for
 * fatal errors, which close the session. Codes outside that table give false.
 */
bool IsFatalStatus(uint32_t statusData);

/// Records `next` in `status` unless `status` already holds a problem, so
/// the first problem found is the one reported.
inline void
KeepFirstStatus(uint32_t& status, uint32_t next)
{
    if (status == STATUS_SUCCESS)
    {
        status = next;
    }
}

/// \return the RFC name of a status code, or "Status 0x..." for others.
std::string StatusCodeName(uint32_t statusData);

} // namespace ldp
} // namespace ns3

#endif
