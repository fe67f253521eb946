/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-status.h"

#include "ns3/log.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpStatus");

namespace ldp
{

bool
IsFatalStatus(uint32_t statusData)
{
    // E column of the RFC 5036 section 3.9 table.
    switch (statusData)
    {
    case STATUS_BAD_LDP_IDENTIFIER:
    case STATUS_BAD_PROTOCOL_VERSION:
    case STATUS_BAD_PDU_LENGTH:
    case STATUS_BAD_MESSAGE_LENGTH:
    case STATUS_BAD_TLV_LENGTH:
    case STATUS_MALFORMED_TLV_VALUE:
    case STATUS_HOLD_TIMER_EXPIRED:
    case STATUS_SHUTDOWN:
    case STATUS_SESSION_REJECTED_NO_HELLO:
    case STATUS_SESSION_REJECTED_ADVERTISEMENT_MODE:
    case STATUS_SESSION_REJECTED_MAX_PDU_LENGTH:
    case STATUS_SESSION_REJECTED_LABEL_RANGE:
    case STATUS_KEEPALIVE_TIMER_EXPIRED:
    case STATUS_SESSION_REJECTED_BAD_KEEPALIVE_TIME:
    case STATUS_INTERNAL_ERROR:
        return true;
    default:
        return false;
    }
}

std::string
StatusCodeName(uint32_t statusData)
{
    switch (statusData)
    {
    case STATUS_SUCCESS:
        return "Success";
    case STATUS_BAD_LDP_IDENTIFIER:
        return "Bad LDP Identifier";
    case STATUS_BAD_PROTOCOL_VERSION:
        return "Bad Protocol Version";
    case STATUS_BAD_PDU_LENGTH:
        return "Bad PDU Length";
    case STATUS_UNKNOWN_MESSAGE_TYPE:
        return "Unknown Message Type";
    case STATUS_BAD_MESSAGE_LENGTH:
        return "Bad Message Length";
    case STATUS_UNKNOWN_TLV:
        return "Unknown TLV";
    case STATUS_BAD_TLV_LENGTH:
        return "Bad TLV Length";
    case STATUS_MALFORMED_TLV_VALUE:
        return "Malformed TLV Value";
    case STATUS_HOLD_TIMER_EXPIRED:
        return "Hold Timer Expired";
    case STATUS_SHUTDOWN:
        return "Shutdown";
    case STATUS_LOOP_DETECTED:
        return "Loop Detected";
    case STATUS_UNKNOWN_FEC:
        return "Unknown FEC";
    case STATUS_NO_ROUTE:
        return "No Route";
    case STATUS_NO_LABEL_RESOURCES:
        return "No Label Resources";
    case STATUS_LABEL_RESOURCES_AVAILABLE:
        return "Label Resources / Available";
    case STATUS_SESSION_REJECTED_NO_HELLO:
        return "Session Rejected/No Hello";
    case STATUS_SESSION_REJECTED_ADVERTISEMENT_MODE:
        return "Session Rejected/Parameters Advertisement Mode";
    case STATUS_SESSION_REJECTED_MAX_PDU_LENGTH:
        return "Session Rejected/Parameters Max PDU Length";
    case STATUS_SESSION_REJECTED_LABEL_RANGE:
        return "Session Rejected/Parameters Label Range";
    case STATUS_KEEPALIVE_TIMER_EXPIRED:
        return "KeepAlive Timer Expired";
    case STATUS_LABEL_REQUEST_ABORTED:
        return "Label Request Aborted";
    case STATUS_MISSING_MESSAGE_PARAMETERS:
        return "Missing Message Parameters";
    case STATUS_UNSUPPORTED_ADDRESS_FAMILY:
        return "Unsupported Address Family";
    case STATUS_SESSION_REJECTED_BAD_KEEPALIVE_TIME:
        return "Session Rejected/Bad KeepAlive Time";
    case STATUS_INTERNAL_ERROR:
        return "Internal Error";
    default: {
        std::ostringstream os;
        os << "Status 0x" << std::hex << std::setw(8) << std::setfill('0') << statusData;
        return os.str();
    }
    }
}

} // namespace ldp
} // namespace ns3
