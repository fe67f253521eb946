// SPDX-License-Identifier: GPL-2.0-only
#include "ppp-endpoint.h"

#include "ppp-control-engine.h"
#include "ppp-control-header.h"
#include "ppp-ipcp-policy.h"
#include "ppp-lcp-policy.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace ppp
{

NS_LOG_COMPONENT_DEFINE("PppEndpoint");

NS_OBJECT_ENSURE_REGISTERED(Endpoint);

namespace
{
constexpr uint8_t HDLC_ADDRESS = 0xFF; ///< RFC 1662 3.1 All-Stations
constexpr uint8_t HDLC_CONTROL = 0x03; ///< RFC 1662 3.1 Unnumbered Information
constexpr uint32_t PROTOCOL_REJECT_OVERHEAD = ControlHeader::HEADER_SIZE + 2;

std::vector<uint8_t>
PacketBytes(Ptr<const Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    return bytes;
}
} // namespace

TypeId
Endpoint::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ppp::Endpoint")
            .SetParent<Object>()
            .SetGroupName("Ppp")
            .AddConstructor<Endpoint>()
            .AddAttribute("RestartTimer",
                          "Restart timer of LCP and IPCP (RFC 1661 4.6: default 3 seconds).",
                          TimeValue(Seconds(3)),
                          MakeTimeAccessor(&Endpoint::m_restartTimer),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxConfigure",
                          "Configure-Requests sent without an answer before giving up "
                          "(RFC 1661 4.6 Max-Configure: default 10).",
                          UintegerValue(10),
                          MakeUintegerAccessor(&Endpoint::m_maxConfigure),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("MaxTerminate",
                          "Terminate-Requests sent without a Terminate-Ack before closing "
                          "(RFC 1661 4.6 Max-Terminate: default 2).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&Endpoint::m_maxTerminate),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("MaxFailure",
                          "Configure-Naks sent without a Configure-Ack before Naks become "
                          "Rejects (RFC 1661 4.6 Max-Failure: default 5).",
                          UintegerValue(5),
                          MakeUintegerAccessor(&Endpoint::m_maxFailure),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Mru",
                          "Our Maximum-Receive-Unit, requested when it is not the default "
                          "(RFC 1661 6.1: default 1500).",
                          UintegerValue(LcpPolicy::DEFAULT_MRU),
                          MakeUintegerAccessor(&Endpoint::m_mru),
                          MakeUintegerChecker<uint16_t>(LcpPolicy::MIN_MRU))
            .AddAttribute("EchoInterval",
                          "Keepalive: an LCP Echo-Request (RFC 1661 5.8) this often while "
                          "LCP is Opened; 0 turns keepalive off. RFC 1661 names no value; "
                          "30 s as Debian's pppd options (lcp-echo-interval 30).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&Endpoint::m_echoInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("EchoFailure",
                          "Keepalive: the link is dead once this many Echo-Requests went "
                          "unanswered (pppd lcp-echo-failure; Debian's options: 4); 0 never "
                          "declares it dead.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&Endpoint::m_echoFailure),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("LoopbackFail",
                          "Magic-Number loop-back indications in a row (RFC 1661 6.4) before "
                          "LCP is closed; 0 never closes (pppd: 10).",
                          UintegerValue(10),
                          MakeUintegerAccessor(&Endpoint::m_loopbackFail),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("LocalAddress",
                          "IPCP: the IP-Address we request (RFC 1332 3.3); 0.0.0.0 asks "
                          "the peer to provide one.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&Endpoint::m_localAddressConfig),
                          MakeIpv4AddressChecker())
            .AddAttribute("PeerAddress",
                          "IPCP: the address given to the peer in a Configure-Nak when it "
                          "asks for one (RFC 1332 3.3) or requests another; 0.0.0.0: none.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&Endpoint::m_peerAddressConfig),
                          MakeIpv4AddressChecker())
            .AddAttribute("Passive",
                          "LCP waits for the peer's Configure-Request instead of sending the "
                          "first one, and waits again after Max-Configure (RFC 1661 4.2 "
                          "Stopped, passive option; pppd 'silent').",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Endpoint::m_passive),
                          MakeBooleanChecker())
            .AddTraceSource("LcpStateChange",
                            "LCP automaton state change (RFC 1661 4.2): old, new.",
                            MakeTraceSourceAccessor(&Endpoint::m_lcpStateTrace),
                            "ns3::ppp::Endpoint::StateTracedCallback")
            .AddTraceSource("IpcpStateChange",
                            "IPCP automaton state change: old, new.",
                            MakeTraceSourceAccessor(&Endpoint::m_ipcpStateTrace),
                            "ns3::ppp::Endpoint::StateTracedCallback")
            .AddTraceSource("Tx",
                            "A frame handed to the send callback: protocol, code, frame.",
                            MakeTraceSourceAccessor(&Endpoint::m_txTrace),
                            "ns3::ppp::Endpoint::FrameTracedCallback")
            .AddTraceSource("Rx",
                            "A frame received: protocol, code, frame.",
                            MakeTraceSourceAccessor(&Endpoint::m_rxTrace),
                            "ns3::ppp::Endpoint::FrameTracedCallback")
            .AddTraceSource("LinkUp",
                            "IPCP reached Opened: local and peer address.",
                            MakeTraceSourceAccessor(&Endpoint::m_linkUpTrace),
                            "ns3::ppp::Endpoint::LinkUpTracedCallback")
            .AddTraceSource("LinkDown",
                            "IPCP left Opened.",
                            MakeTraceSourceAccessor(&Endpoint::m_linkDownTrace),
                            "ns3::TracedValueCallback::Void")
            .AddTraceSource("EchoTimeout",
                            "Keepalive declared the link dead: Echo-Requests outstanding.",
                            MakeTraceSourceAccessor(&Endpoint::m_echoTimeoutTrace),
                            "ns3::ppp::Endpoint::EchoTimeoutTracedCallback")
            .AddTraceSource("Loopback",
                            "A looped-back link was detected (RFC 1661 6.4): indications.",
                            MakeTraceSourceAccessor(&Endpoint::m_loopbackTrace),
                            "ns3::ppp::Endpoint::LoopbackTracedCallback")
            .AddTraceSource("Drop",
                            "A frame or datagram dropped, and why.",
                            MakeTraceSourceAccessor(&Endpoint::m_dropTrace),
                            "ns3::ppp::Endpoint::DropTracedCallback");
    return tid;
}

Endpoint::Endpoint()
    : m_restartTimer(Seconds(3))
    , m_maxConfigure(10)
    , m_maxTerminate(2)
    , m_maxFailure(5)
    , m_mru(LcpPolicy::DEFAULT_MRU)
    , m_echoInterval(Seconds(30))
    , m_echoFailure(4)
    , m_loopbackFail(10)
    , m_passive(false)
    , m_random(CreateObject<UniformRandomVariable>())
    , m_lcpPolicy(nullptr)
    , m_ipcpPolicy(nullptr)
    , m_echoOutstanding(0)
    , m_echoId(0)
    , m_ipUp(false)
    , m_depth(0)
    , m_flushing(false)
    , m_disposed(false)
{
}

Endpoint::Batch::Batch(Endpoint* endpoint)
    : m_endpoint(endpoint)
{
    ++m_endpoint->m_depth;
}

Endpoint::Batch::~Batch()
{
    if (--m_endpoint->m_depth == 0)
    {
        m_endpoint->Flush();
    }
}

void
Endpoint::Flush()
{
    if (m_flushing)
    {
        return; // the outer Flush() sends what was added
    }
    m_flushing = true;
    while (!m_txQueue.empty())
    {
        auto [key, frame] = m_txQueue.front();
        m_txQueue.pop_front();
        if (m_send.IsNull())
        {
            Drop(frame, "no-send-callback");
            continue;
        }
        ++m_counters.txFrames;
        m_txTrace(key.first, key.second, frame);
        m_send(frame);
    }
    m_flushing = false;
}

Endpoint::~Endpoint() = default;

void
Endpoint::DoInitialize()
{
    Setup();
    Object::DoInitialize();
}

void
Endpoint::DoDispose()
{
    m_disposed = true;
    m_lcpTimer.Cancel();
    m_ipcpTimer.Cancel();
    m_echoTimer.Cancel();
    m_txQueue.clear();
    m_send = MakeNullCallback<void, Ptr<Packet>>();
    m_deliver = MakeNullCallback<void, Ptr<Packet>>();
    m_linkChange = MakeNullCallback<void, bool>();
    m_lowerLayer = MakeNullCallback<void, bool>();
    m_lcpPolicy = nullptr;
    m_ipcpPolicy = nullptr;
    m_lcp.reset();
    m_ipcp.reset();
    m_random = nullptr;
    Object::DoDispose();
}

bool
Endpoint::Setup()
{
    if (m_disposed)
    {
        return false; // a disposed endpoint does nothing
    }
    if (m_lcp)
    {
        return true;
    }
    OptionFsm::Config config;
    config.maxConfigure = m_maxConfigure;
    config.maxTerminate = m_maxTerminate;
    config.maxFailure = m_maxFailure;
    config.passive = false;
    OptionFsm::Config lcpConfig = config;
    lcpConfig.passive = m_passive; // the NCPs always start as LCP opens

    LcpPolicy::Config lcpOptions;
    lcpOptions.mru = m_mru;
    lcpOptions.loopbackFail = m_loopbackFail;
    Ptr<UniformRandomVariable> random = m_random;
    auto lcpPolicy = std::make_unique<LcpPolicy>(lcpOptions, [random]() {
        return random->GetInteger(1, 0xFFFFFFFFU);
    });
    m_lcpPolicy = lcpPolicy.get();
    m_lcp = std::make_unique<ControlEngine>(PROTOCOL_LCP, lcpConfig, std::move(lcpPolicy));

    IpcpPolicy::Config ipcpOptions;
    ipcpOptions.localAddress = m_localAddressConfig;
    ipcpOptions.peerAddress = m_peerAddressConfig;
    auto ipcpPolicy = std::make_unique<IpcpPolicy>(ipcpOptions);
    m_ipcpPolicy = ipcpPolicy.get();
    m_ipcp = std::make_unique<ControlEngine>(PROTOCOL_IPCP, config, std::move(ipcpPolicy));
    return true;
}

// ------------------------------------------------------------- callbacks

void
Endpoint::SetSendCallback(Callback<void, Ptr<Packet>> sendFrame)
{
    m_send = sendFrame;
}

void
Endpoint::SetIpv4ReceiveCallback(Callback<void, Ptr<Packet>> deliver)
{
    m_deliver = deliver;
}

void
Endpoint::SetLinkChangeCallback(Callback<void, bool> up)
{
    m_linkChange = up;
}

void
Endpoint::SetLowerLayerCallback(Callback<void, bool> needed)
{
    m_lowerLayer = needed;
}

// ----------------------------------------------------- administrative events

void
Endpoint::Open()
{
    NS_LOG_FUNCTION(this);
    Batch batch(this);
    if (!Setup())
    {
        return;
    }
    // IPCP is opened administratively with LCP; its Up comes with LCP's tlu.
    ApplyIpcp(m_ipcp->Open());
    ApplyLcp(m_lcp->Open());
}

void
Endpoint::Close()
{
    NS_LOG_FUNCTION(this);
    Batch batch(this);
    if (!Setup())
    {
        return;
    }
    ApplyLcp(m_lcp->Close());
}

void
Endpoint::LowerUp()
{
    NS_LOG_FUNCTION(this);
    Batch batch(this);
    if (!Setup())
    {
        return;
    }
    ApplyLcp(m_lcp->Up());
}

void
Endpoint::LowerDown()
{
    NS_LOG_FUNCTION(this);
    Batch batch(this);
    if (!Setup())
    {
        return;
    }
    ApplyLcp(m_lcp->Down());
}

// --------------------------------------------------------------- queries

bool
Endpoint::IsIpUp() const
{
    return m_ipUp;
}

Ipv4Address
Endpoint::GetLocalAddress() const
{
    return m_ipUp ? m_ipcpPolicy->GetLocalAddress() : Ipv4Address::GetAny();
}

Ipv4Address
Endpoint::GetPeerAddress() const
{
    return m_ipUp ? m_ipcpPolicy->GetPeerAddress() : Ipv4Address::GetAny();
}

uint16_t
Endpoint::GetMru() const
{
    return m_lcpPolicy ? m_lcpPolicy->GetLocalMru() : LcpPolicy::DEFAULT_MRU;
}

uint16_t
Endpoint::GetPeerMru() const
{
    return m_lcpPolicy ? m_lcpPolicy->GetPeerMru() : LcpPolicy::DEFAULT_MRU;
}

Endpoint::State
Endpoint::GetLcpState() const
{
    return m_lcp ? m_lcp->GetState() : OptionFsm::INITIAL;
}

Endpoint::State
Endpoint::GetIpcpState() const
{
    return m_ipcp ? m_ipcp->GetState() : OptionFsm::INITIAL;
}

uint32_t
Endpoint::GetMagicNumber() const
{
    return m_lcpPolicy ? m_lcpPolicy->GetLocalMagicNumber() : 0;
}

const Endpoint::Counters&
Endpoint::GetCounters() const
{
    return m_counters;
}

int64_t
Endpoint::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

// ------------------------------------------------------------- wire side

void
Endpoint::SendFrame(uint16_t protocol, uint8_t code, Ptr<Packet> information)
{
    // RFC 1662 3.1 framing without flags and FCS (RFC 2661 section 1).
    const uint8_t head[4] = {HDLC_ADDRESS,
                             HDLC_CONTROL,
                             static_cast<uint8_t>(protocol >> 8),
                             static_cast<uint8_t>(protocol & 0xFF)};
    Ptr<Packet> frame = Create<Packet>(head, sizeof(head));
    frame->AddAtEnd(information);
    m_txQueue.push_back({{protocol, code}, frame});
    if (m_depth == 0)
    {
        Flush();
    }
}

void
Endpoint::SendControl(const ControlHeader& packet)
{
    Ptr<Packet> information = Create<Packet>();
    information->AddHeader(packet);
    NS_LOG_LOGIC("send " << ControlProtocolName(packet.GetProtocol()) << " " << packet);
    SendFrame(packet.GetProtocol(), packet.GetCode(), information);
}

void
Endpoint::Drop(Ptr<const Packet> packet, const std::string& reason)
{
    NS_LOG_LOGIC("drop: " << reason);
    ++m_counters.drops;
    m_dropTrace(packet, reason);
}

void
Endpoint::Receive(Ptr<Packet> frame)
{
    NS_LOG_FUNCTION(this << frame);
    Batch batch(this);
    if (!Setup())
    {
        return;
    }
    ++m_counters.rxFrames;
    if (!frame)
    {
        return;
    }
    std::vector<uint8_t> bytes = PacketBytes(frame);
    std::size_t pos = 0;
    // RFC 1662 3.1: Address and Control, unless compressed away (6.6 of
    // RFC 1661; accepted whether negotiated or not).
    if (bytes.size() >= 2 && bytes[0] == HDLC_ADDRESS && bytes[1] == HDLC_CONTROL)
    {
        pos = 2;
    }
    else if (!bytes.empty() && bytes[0] == HDLC_ADDRESS)
    {
        // 0xFF cannot begin a Protocol field (0x00ff is reserved): a
        // damaged Address/Control pair.
        bytes.clear();
    }
    // RFC 1661 section 2: the Protocol field's least significant octet is
    // odd and its most significant even; a single odd octet is a
    // compressed Protocol field (6.5).
    uint16_t protocol = 0;
    if (pos < bytes.size() && (bytes[pos] & 1) != 0)
    {
        protocol = bytes[pos];
        pos += 1;
    }
    else if (pos + 2 <= bytes.size() && (bytes[pos + 1] & 1) != 0)
    {
        protocol = static_cast<uint16_t>((bytes[pos] << 8) | bytes[pos + 1]);
        pos += 2;
    }
    else
    {
        ++m_counters.malformed;
        m_rxTrace(0, 0, frame);
        Drop(frame, "bad-frame-header");
        return;
    }
    Ptr<Packet> information = frame->CreateFragment(pos, frame->GetSize() - pos);
    const bool control = protocol == PROTOCOL_LCP || protocol == PROTOCOL_IPCP;
    const uint8_t code = control && pos < bytes.size() ? bytes[pos] : 0;
    m_rxTrace(protocol, code, frame);

    if (protocol == PROTOCOL_LCP)
    {
        ReceiveLcp(frame, information);
        return;
    }
    // RFC 1661 3.4: non-LCP packets before LCP is Opened are discarded.
    if (m_lcp->GetState() != OptionFsm::OPENED)
    {
        Drop(frame, "lcp-not-opened");
        return;
    }
    switch (protocol)
    {
    case PROTOCOL_IPCP:
        ReceiveIpcp(frame, information);
        break;
    case PROTOCOL_IPV4:
        ReceiveIpv4(frame, information);
        break;
    default:
        RejectProtocol(protocol, frame, information);
        break;
    }
}

void
Endpoint::ReceiveLcp(Ptr<Packet> frame, Ptr<Packet> information)
{
    ControlHeader packet(PROTOCOL_LCP);
    information->PeekHeader(packet);
    if (!packet.IsValid())
    {
        ++m_counters.malformed;
        Drop(frame, "malformed-lcp-" + ControlHeader::ErrorName(packet.GetError()));
        return;
    }
    NS_LOG_LOGIC("received LCP " << packet);
    const ControlOutput out = m_lcp->Receive(packet);
    if (!out.discard.empty())
    {
        Drop(frame, out.discard);
    }
    ApplyLcp(out);
    // RFC 1661 6.4: a link found looped back is not brought up.
    if (m_lcpPolicy->IsLoopedBack() && OptionFsm::IsNegotiating(m_lcp->GetState()))
    {
        NS_LOG_WARN("link appears looped back");
        m_loopbackTrace(m_lcpPolicy->GetLoopCount());
        ApplyLcp(m_lcp->Close());
    }
}

void
Endpoint::ReceiveIpcp(Ptr<Packet> frame, Ptr<Packet> information)
{
    ControlHeader packet(PROTOCOL_IPCP);
    information->PeekHeader(packet);
    if (!packet.IsValid())
    {
        ++m_counters.malformed;
        Drop(frame, "malformed-ipcp-" + ControlHeader::ErrorName(packet.GetError()));
        return;
    }
    NS_LOG_LOGIC("received IPCP " << packet);
    const ControlOutput out = m_ipcp->Receive(packet);
    if (!out.discard.empty())
    {
        Drop(frame, out.discard);
    }
    ApplyIpcp(out);
}

void
Endpoint::ReceiveIpv4(Ptr<Packet> frame, Ptr<Packet> datagram)
{
    if (!m_ipUp)
    {
        Drop(frame, "ipcp-not-opened");
        return;
    }
    ++m_counters.rxIpv4;
    if (!m_deliver.IsNull())
    {
        m_deliver(datagram);
    }
}

void
Endpoint::RejectProtocol(uint16_t protocol, Ptr<Packet> frame, Ptr<Packet> information)
{
    // RFC 1661 5.7: Protocol-Reject, the information truncated to the
    // peer's MRU.
    std::vector<uint8_t> rejected = PacketBytes(information);
    const uint32_t room =
        GetPeerMru() > PROTOCOL_REJECT_OVERHEAD ? GetPeerMru() - PROTOCOL_REJECT_OVERHEAD : 0;
    rejected.resize(std::min<std::size_t>(rejected.size(), room));
    ++m_counters.protocolRejects;
    Drop(frame, "unknown-protocol");
    SendControl(m_lcp->MakeProtocolReject(protocol, rejected));
}

bool
Endpoint::SendIpv4(Ptr<Packet> datagram)
{
    Batch batch(this);
    if (!Setup() || !datagram)
    {
        return false;
    }
    if (!m_ipUp)
    {
        ++m_counters.ipv4NotUp;
        Drop(datagram, "ipcp-not-opened");
        return false;
    }
    if (datagram->GetSize() > GetPeerMru())
    {
        Drop(datagram, "exceeds-peer-mru");
        return false;
    }
    ++m_counters.txIpv4;
    SendFrame(PROTOCOL_IPV4, 0, datagram->Copy());
    return true;
}

// ------------------------------------------------------ engine results

void
Endpoint::ApplyLcp(const ControlOutput& out)
{
    for (const OptionFsm::Result& step : out.steps)
    {
        if (step.from != step.to)
        {
            m_lcpStateTrace(step.from, step.to);
        }
    }
    if (out.startTimer)
    {
        m_lcpTimer.Cancel();
        m_lcpTimer = Simulator::Schedule(m_restartTimer, &Endpoint::LcpTimeout, this);
    }
    else if (out.stopTimer)
    {
        m_lcpTimer.Cancel();
    }
    for (const ControlHeader& packet : out.send)
    {
        SendControl(packet);
    }
    if (out.echoReply)
    {
        ++m_counters.echoReplies;
        m_echoOutstanding = 0;
    }
    if (out.rejectedProtocol == PROTOCOL_IPCP)
    {
        ApplyIpcp(m_ipcp->ProtocolRejected()); // 5.7: stop sending IPCP at once
    }
    for (OptionFsm::Action action : out.layer)
    {
        switch (action)
        {
        case OptionFsm::TLU:
            // 3.5 Network-Layer Protocol phase: each NCP gets its Up.
            StartEcho();
            ApplyIpcp(m_ipcp->Up());
            break;
        case OptionFsm::TLD:
            StopEcho();
            ApplyIpcp(m_ipcp->Down());
            break;
        case OptionFsm::TLS:
            if (!m_lowerLayer.IsNull())
            {
                m_lowerLayer(true);
            }
            break;
        case OptionFsm::TLF:
            if (!m_lowerLayer.IsNull())
            {
                m_lowerLayer(false);
            }
            break;
        default:
            break;
        }
    }
}

void
Endpoint::ApplyIpcp(const ControlOutput& out)
{
    for (const OptionFsm::Result& step : out.steps)
    {
        if (step.from != step.to)
        {
            m_ipcpStateTrace(step.from, step.to);
        }
    }
    if (out.startTimer)
    {
        m_ipcpTimer.Cancel();
        m_ipcpTimer = Simulator::Schedule(m_restartTimer, &Endpoint::IpcpTimeout, this);
    }
    else if (out.stopTimer)
    {
        m_ipcpTimer.Cancel();
    }
    for (const ControlHeader& packet : out.send)
    {
        SendControl(packet);
    }
    for (OptionFsm::Action action : out.layer)
    {
        switch (action)
        {
        case OptionFsm::TLU:
            m_ipUp = true;
            NS_LOG_INFO("IPCP up: " << GetLocalAddress() << " <-> " << GetPeerAddress());
            m_linkUpTrace(GetLocalAddress(), GetPeerAddress());
            if (!m_linkChange.IsNull())
            {
                m_linkChange(true);
            }
            break;
        case OptionFsm::TLD:
            m_ipUp = false;
            m_linkDownTrace();
            if (!m_linkChange.IsNull())
            {
                m_linkChange(false);
            }
            break;
        case OptionFsm::TLF:
            // As pppd: with no network protocol left, close the link.
            if (m_lcp->GetState() == OptionFsm::OPENED)
            {
                NS_LOG_INFO("IPCP finished: closing LCP");
                ApplyLcp(m_lcp->Close());
            }
            break;
        default:
            break;
        }
    }
}

void
Endpoint::LcpTimeout()
{
    Batch batch(this);
    ApplyLcp(m_lcp->Timeout());
}

void
Endpoint::IpcpTimeout()
{
    Batch batch(this);
    ApplyIpcp(m_ipcp->Timeout());
}

// ------------------------------------------------------------- keepalive

void
Endpoint::StartEcho()
{
    m_echoTimer.Cancel();
    m_echoOutstanding = 0;
    if (m_echoInterval.IsStrictlyPositive())
    {
        m_echoTimer = Simulator::Schedule(m_echoInterval, &Endpoint::EchoTick, this);
    }
}

void
Endpoint::StopEcho()
{
    m_echoTimer.Cancel();
    m_echoOutstanding = 0;
}

void
Endpoint::EchoTick()
{
    Batch batch(this);
    if (m_lcp->GetState() != OptionFsm::OPENED)
    {
        return;
    }
    if (m_echoFailure > 0 && m_echoOutstanding >= m_echoFailure)
    {
        // pppd LcpLinkFailure: "No response to n echo-requests", close LCP.
        NS_LOG_INFO("no reply to " << m_echoOutstanding << " Echo-Requests: link dead");
        ++m_counters.echoTimeouts;
        m_echoTimeoutTrace(m_echoOutstanding);
        ApplyLcp(m_lcp->Close());
        return;
    }
    // 5.8: Echo-Request with our Magic-Number (0 when none negotiated).
    SendControl(ControlHeader::MakeEcho(ECHO_REQUEST, m_echoId++, GetMagicNumber()));
    ++m_echoOutstanding;
    ++m_counters.echoRequests;
    m_echoTimer = Simulator::Schedule(m_echoInterval, &Endpoint::EchoTick, this);
}

} // namespace ppp
} // namespace ns3
