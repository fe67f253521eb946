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
