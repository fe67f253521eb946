/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "gateway-tunnel-request.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GatewayTunnelRequest");

namespace gateway
{

NS_OBJECT_ENSURE_REGISTERED(TunnelRequester);
NS_OBJECT_ENSURE_REGISTERED(RecordingTunnelRequester);

std::string
OutcomeName(TunnelRequestOutcome outcome)
{
    switch (outcome)
    {
    case TunnelRequestOutcome::ACCEPTED:
        return "ACCEPTED";
    case TunnelRequestOutcome::CONFLICT:
        return "CONFLICT";
    case TunnelRequestOutcome::UNAVAILABLE:
        return "UNAVAILABLE";
    }
    return "UNKNOWN";
}

std::ostream&
operator<<(std::ostream& os, TunnelRequestOutcome outcome)
{
    return os << OutcomeName(outcome);
}

TunnelRequestAnswer
TunnelRequestAnswer::Accept()
{
    return TunnelRequestAnswer{TunnelRequestOutcome::ACCEPTED, ""};
}

TunnelRequestAnswer
TunnelRequestAnswer::Conflict(const std::string& reason)
{
    return TunnelRequestAnswer{TunnelRequestOutcome::CONFLICT, reason};
}

TunnelRequestAnswer
TunnelRequestAnswer::Unavailable(const std::string& reason)
{
    return TunnelRequestAnswer{TunnelRequestOutcome::UNAVAILABLE, reason};
}

TypeId
TunnelRequester::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gateway::TunnelRequester").SetParent<Object>().SetGroupName("Gateway");
    return tid;
}

TypeId
RecordingTunnelRequester::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gateway::RecordingTunnelRequester")
                            .SetParent<TunnelRequester>()
                            .SetGroupName("Gateway")
                            .AddConstructor<RecordingTunnelRequester>();
    return tid;
}

TunnelRequestAnswer
RecordingTunnelRequester::RequestTunnel(const std::string& peerDomain, Ipv4Address requester)
{
    NS_LOG_FUNCTION(this << peerDomain << requester);
    m_records.push_back(Record{peerDomain, requester, Simulator::Now()});
    return m_answer;
}

void
RecordingTunnelRequester::SetAnswer(const TunnelRequestAnswer& answer)
{
    m_answer = answer;
}

const std::vector<RecordingTunnelRequester::Record>&
RecordingTunnelRequester::GetRecords() const
{
    return m_records;
}

namespace
{

bool
IsLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool
IsDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// <label> ::= <letter> [ [ <ldh-str> ] <let-dig> ], 63 characters at most.
bool
IsLabel(const std::string& label)
{
    if (label.empty() || label.size() > 63 || !IsLetter(label.front()))
    {
        return false;
    }
    const char last = label.back();
    if (!IsLetter(last) && !IsDigit(last))
    {
        return false;
    }
    for (char c : label)
    {
        if (!IsLetter(c) && !IsDigit(c) && c != '-')
        {
            return false;
        }
    }
    return true;
}

} // namespace

bool
IsPreferredDomainName(const std::string& name)
{
    // 255 octets on the wire: each label's length octet stands for a dot,
    // plus the first length octet and the root's zero.
    if (name.empty() || name.size() > 253)
    {
        return false;
    }
    size_t start = 0;
    while (true)
    {
        const size_t dot = name.find('.', start);
        const std::string label =
            name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!IsLabel(label))
        {
            return false;
        }
        if (dot == std::string::npos)
        {
            return true;
        }
        start = dot + 1;
    }
}

} // namespace gateway
} // namespace ns3
