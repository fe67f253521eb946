// SPDX-License-Identifier: GPL-2.0-only
#include "ppp-control-engine.h"

#include "ns3/log.h"
#include "ns3/packet.h"

#include <algorithm>

namespace ns3
{
namespace ppp
{

NS_LOG_COMPONENT_DEFINE("PppControlEngine");

namespace
{
/// Longest rejected packet a Code-Reject carries: it must fit the default
/// MRU with its own 4-octet header (5.6: "truncated to comply with the
/// peer's established MRU").
constexpr std::size_t MAX_REJECTED = 1500 - ControlHeader::HEADER_SIZE;

/// The octets of a control packet as it was received.
std::vector<uint8_t>
Bytes(const ControlHeader& packet)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(packet);
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    return bytes;
}

/// 5.4: every rejected option is one we sent, unmodified, in order.
bool
IsRejectOf(const std::vector<ControlOption>& rejected, const std::vector<ControlOption>& request)
{
    std::size_t next = 0;
    for (const ControlOption& option : rejected)
    {
        while (next < request.size() && request[next] != option)
        {
            ++next;
        }
        if (next == request.size())
        {
            return false;
        }
        ++next;
    }
    return !rejected.empty();
}
} // namespace

bool
ControlOutput::HasLayer(OptionFsm::Action action) const
{
    return std::find(layer.begin(), layer.end(), action) != layer.end();
}

const ControlHeader*
ControlOutput::FindSent(uint8_t code) const
{
    for (const ControlHeader& packet : send)
    {
        if (packet.GetCode() == code)
        {
            return &packet;
        }
    }
    return nullptr;
}

ControlEngine::ControlEngine(uint16_t protocol,
                             const OptionFsm::Config& config,
                             std::unique_ptr<OptionPolicy> policy)
    : m_protocol(protocol)
    , m_fsm(config)
    , m_policy(std::move(policy))
    , m_nextIdentifier(1)
    , m_requestId(0)
    , m_requestAnswered(true)
    , m_terminateId(0)
    , m_negotiationReset(false)
{
    NS_ASSERT_MSG(m_policy, "a control protocol needs an option policy");
}

ControlOutput
ControlEngine::Up()
{
    return Feed(OptionFsm::UP, nullptr);
}

ControlOutput
ControlEngine::Down()
{
    return Feed(OptionFsm::DOWN, nullptr);
}

ControlOutput
ControlEngine::Open()
{
    return Feed(OptionFsm::OPEN, nullptr);
}

ControlOutput
ControlEngine::Close()
{
    return Feed(OptionFsm::CLOSE, nullptr);
}

ControlOutput
ControlEngine::Timeout()
{
    // 4.3 "Timeout": TO+ while the restart counter is above zero.
    return Feed(m_fsm.GetRestartCounter() > 0 ? OptionFsm::TO_PLUS : OptionFsm::TO_MINUS, nullptr);
}

ControlOutput
ControlEngine::ProtocolRejected()
{
    return Feed(OptionFsm::DOWN, nullptr);
}

void
ControlEngine::ResetNegotiation()
{
    m_policy->Reset();
    m_fsm.ResetFailures();
}

OptionFsm::Event
ControlEngine::JudgeRequest(const ControlHeader& packet)
{
    const OptionFsm::State state = m_fsm.GetState();
    m_answer = ConfigureVerdict();
    if (state == OptionFsm::STOPPED || state == OptionFsm::OPENED)
    {
        // The cell sends a fresh Configure-Request (irc,scr / tld,scr):
        // a new negotiation, started before the peer's values are taken.
        ResetNegotiation();
        m_negotiationReset = true;
    }
    else if (!OptionFsm::IsNegotiating(state))
    {
        // Closed answers sta, Closing/Stopping ignore, Initial/Starting
        // cannot receive: the request is not judged.
        return OptionFsm::RCR_PLUS;
    }
    m_answer = m_policy->JudgeRequest(packet.GetOptions(), m_fsm.NakExhausted());
    if (m_answer.code == CONFIGURE_ACK)
    {
        return OptionFsm::RCR_PLUS;
    }
    if (m_answer.code == CONFIGURE_NAK)
    {
        m_fsm.NoteNakSent(); // 4.6 Max-Failure
    }
    return OptionFsm::RCR_MINUS;
}

bool
ControlEngine::AnswersRequest(const ControlHeader& packet) const
{
    // 5.2-5.4: the Identifier of the last Configure-Request, and only the
    // first reply to it (a duplicate is "invalid", silently discarded).
    return !m_requestAnswered && packet.GetIdentifier() == m_requestId;
}

ControlOutput
ControlEngine::Receive(const ControlHeader& packet)
{
    ControlOutput out;
    const bool lcp = m_protocol == PROTOCOL_LCP;
    switch (packet.GetCode())
    {
    case CONFIGURE_REQUEST:
        return Feed(JudgeRequest(packet), &packet);
    case CONFIGURE_ACK:
        // 5.2: the options MUST exactly match those of our request.
        if (!AnswersRequest(packet) || packet.GetOptions() != m_request)
        {
            out.discard = "unexpected-configure-ack";
            return out;
        }
        m_requestAnswered = true;
        m_policy->RequestAcked(packet.GetOptions());
        return Feed(OptionFsm::RCA, &packet);
    case CONFIGURE_NAK:
    case CONFIGURE_REJECT: {
        bool sensible = AnswersRequest(packet);
        if (sensible && packet.GetCode() == CONFIGURE_NAK)
        {
            sensible = m_policy->NakReceived(packet.GetOptions());
        }
        else if (sensible)
        {
            sensible = IsRejectOf(packet.GetOptions(), m_request) &&
                       m_policy->RejectReceived(packet.GetOptions());
        }
        if (!sensible)
        {
            out.discard = packet.GetCode() == CONFIGURE_NAK ? "unexpected-configure-nak"
                                                            : "unexpected-configure-reject";
            return out;
        }
        m_requestAnswered = true;
        return Feed(OptionFsm::RCN, &packet);
    }
    case TERMINATE_REQUEST:
        return Feed(OptionFsm::RTR, &packet);
    case TERMINATE_ACK:
        return Feed(OptionFsm::RTA, &packet);
    case CODE_REJECT: {
        // 5.6: RXJ- when the rejected code is one the automaton needs.
        if (packet.GetData().empty())
        {
            out.discard = "empty-code-reject";
            return out;
        }
        const uint8_t rejected = packet.GetData()[0];
        const bool catastrophic = rejected >= CONFIGURE_REQUEST && rejected <= CODE_REJECT;
        return Feed(catastrophic ? OptionFsm::RXJ_MINUS : OptionFsm::RXJ_PLUS, &packet);
    }
    case PROTOCOL_REJECT:
        if (!lcp)
        {
            break; // RFC 1332 section 2: an unknown code for an NCP
        }
        // 5.7: received outside Opened SHOULD be silently discarded.
        if (m_fsm.GetState() != OptionFsm::OPENED)
        {
            out.discard = "protocol-reject-not-opened";
            return out;
        }
        if (packet.GetRejectedProtocol() == PROTOCOL_LCP)
        {
            return Feed(OptionFsm::RXJ_MINUS, &packet);
        }
        out = Feed(OptionFsm::RXJ_PLUS, &packet);
        out.rejectedProtocol = packet.GetRejectedProtocol();
        return out;
    case ECHO_REQUEST:
    case ECHO_REPLY:
    case DISCARD_REQUEST:
        if (!lcp)
        {
            break;
        }
        if (packet.GetCode() == ECHO_REPLY && m_fsm.GetState() == OptionFsm::OPENED)
        {
            // 5.8 and 6.4: our own Magic-Number means a looped-back link.
            const uint32_t magic = m_policy->GetLocalMagicNumber();
            if (magic != 0 && packet.GetMagicNumber() == magic)
            {
                out.discard = "own-echo-reply";
                return out;
            }
            out = Feed(OptionFsm::RXR, &packet);
            out.echoReply = true;
            return out;
        }
        return Feed(OptionFsm::RXR, &packet);
    default:
        break;
    }
    return Feed(OptionFsm::RUC, &packet);
}

ControlOutput
ControlEngine::Feed(OptionFsm::Event event, const ControlHeader* trigger)
{
    ControlOutput out;
    const OptionFsm::Result step = m_fsm.ProcessEvent(event);
    NS_LOG_LOGIC(ControlProtocolName(m_protocol) << " " << step);
    out.steps.push_back(step);
    for (OptionFsm::Action action : step.actions)
    {
        Perform(action, step, trigger, out);
    }
    out.startTimer = step.startTimer;
    out.stopTimer = step.stopTimer;
    if (step.illegal)
    {
        out.discard = "illegal-event-" + OptionFsm::EventName(event);
    }
    m_negotiationReset = false;
    return out;
}

void
ControlEngine::Perform(OptionFsm::Action action,
                       const OptionFsm::Result& step,
                       const ControlHeader* trigger,
                       ControlOutput& out)
{
    switch (action)
    {
    case OptionFsm::TLU:
    case OptionFsm::TLD:
    case OptionFsm::TLS:
    case OptionFsm::TLF:
        out.layer.push_back(action);
        break;
    case OptionFsm::IRC:
    case OptionFsm::ZRC:
        break; // the automaton keeps the counter
    case OptionFsm::SCR:
        // 5.1: a retransmission (TO+) may keep Identifier and options; a
        // new request takes a new Identifier. Outside negotiation a new
        // negotiation starts.
        if (step.event != OptionFsm::TO_PLUS)
        {
            if (!OptionFsm::IsNegotiating(step.from) && !m_negotiationReset)
            {
                ResetNegotiation();
            }
            m_request = m_policy->BuildRequest();
            m_requestId = m_nextIdentifier++;
        }
        m_requestAnswered = false;
        out.send.push_back(
            ControlHeader::MakeConfigure(m_protocol, CONFIGURE_REQUEST, m_requestId, m_request));
        break;
    case OptionFsm::SCA:
        // 5.2: Identifier copied, the options received unchanged.
        if (trigger)
        {
            out.send.push_back(ControlHeader::MakeConfigure(
                m_protocol, CONFIGURE_ACK, trigger->GetIdentifier(), trigger->GetOptions()));
        }
        break;
    case OptionFsm::SCN:
        if (trigger)
        {
            out.send.push_back(ControlHeader::MakeConfigure(
                m_protocol, m_answer.code, trigger->GetIdentifier(), m_answer.options));
        }
        break;
    case OptionFsm::STR:
        if (step.event != OptionFsm::TO_PLUS)
        {
            m_terminateId = m_nextIdentifier++;
        }
        out.send.push_back(ControlHeader(m_protocol, TERMINATE_REQUEST, m_terminateId));
        break;
    case OptionFsm::STA:
        // 5.5: the Identifier of the packet answered.
        out.send.push_back(ControlHeader(
            m_protocol, TERMINATE_ACK, trigger ? trigger->GetIdentifier() : m_nextIdentifier++));
        break;
    case OptionFsm::SCJ:
        if (trigger)
        {
            // 5.6: the rejected packet, truncated to fit the MRU.
            std::vector<uint8_t> rejected = Bytes(*trigger);
            rejected.resize(std::min(rejected.size(), MAX_REJECTED));
            ControlHeader reject(m_protocol, CODE_REJECT, m_nextIdentifier++);
            reject.SetData(rejected);
            out.send.push_back(reject);
        }
        break;
    case OptionFsm::SER:
        // 5.8: only an Echo-Request is answered; the reply carries our
        // Magic-Number and the request's data.
        if (trigger && trigger->GetCode() == ECHO_REQUEST)
        {
            out.send.push_back(ControlHeader::MakeEcho(ECHO_REPLY,
                                                       trigger->GetIdentifier(),
                                                       m_policy->GetLocalMagicNumber(),
                                                       trigger->GetData()));
        }
        break;
    }
}

ControlHeader
ControlEngine::MakeProtocolReject(uint16_t protocol, const std::vector<uint8_t>& information)
{
    return ControlHeader::MakeProtocolReject(m_nextIdentifier++, protocol, information);
}

uint16_t
ControlEngine::GetProtocol() const
{
    return m_protocol;
}

OptionFsm::State
ControlEngine::GetState() const
{
    return m_fsm.GetState();
}

} // namespace ppp
} // namespace ns3
