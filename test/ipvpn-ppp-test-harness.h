/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * For the PPP ns-3 suite: two ppp::Endpoints A and B wired back to back
 * through scheduled callbacks with a one-way delay (optionally losing
 * frames, B falling silent, or A alone on a looped-back wire), what each
 * endpoint reported, and A's frames in a pcap (DLT_PPP_WITH_DIR).
 */
#ifndef IPVPN_PPP_TEST_HARNESS_H
#define IPVPN_PPP_TEST_HARNESS_H

#include "ipvpn-pcap-check.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/object-factory.h"
#include "ns3/packet.h"
#include "ns3/pcap-file-wrapper.h"
#include "ns3/ppp-control-header.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ipvpntest
{
namespace ppp_harness
{

using namespace ns3;
using namespace ns3::ppp;

using ipvpntest::CanCheckPcaps;
using ipvpntest::PcapCheckTool;

using S = OptionFsm;

/// DLT_PPP_WITH_DIR: one direction octet (0 received, 1 sent), then PPP.
constexpr uint32_t DLT_PPP_WITH_DIR = 204;

/// What one run is asked to do.
struct RunOptions
{
    RunOptions()
    {
        a.SetTypeId(Endpoint::GetTypeId());
        b.SetTypeId(Endpoint::GetTypeId());
        a.Set("LocalAddress", Ipv4AddressValue("10.0.0.1"));
        b.Set("LocalAddress", Ipv4AddressValue("10.0.0.2"));
    }

    ObjectFactory a;               ///< endpoint A's attributes
    ObjectFactory b;               ///< endpoint B's attributes
    Time delay = MilliSeconds(10); ///< one-way
    Time start = Seconds(1);       ///< Open() and LowerUp() on both
    Time stop = Seconds(20);
    double loss = 0.0;                            ///< per frame, both directions
    int64_t lossStream = 13;                      ///< stream of the loss variable
    Time silenceAt;                               ///< B neither sends nor receives from then on
    bool silentFromStart = false;                 ///< B never answers
    Time closeAt;                                 ///< A.Close() then (zero: never)
    bool loopback = false;                        ///< A alone, its frames come back to it
    bool stripAddressControl = false;             ///< B's frames reach A without 0xFF 0x03
    std::vector<std::pair<Time, bool>> datagrams; ///< (when, from A?) 200-octet IPv4
    std::string pcap;                             ///< A's frames, empty for none
};

/// What one endpoint reported.
struct EndLog
{
    std::map<std::pair<uint16_t, uint8_t>, int> tx; ///< (protocol, code) -> frames
    Time lcpOpenedAt = Seconds(-1);
    Time ipcpOpenedAt = Seconds(-1);
    int linkUps = 0;
    int linkDowns = 0;
    int linkChanges = 0;
    Ipv4Address upLocal;
    Ipv4Address upPeer;
    Time linkDownAt = Seconds(-1);
    int echoTimeouts = 0;
    Time echoTimeoutAt = Seconds(-1);
    int loopbacks = 0;
    std::vector<bool> lowerLayer;    ///< SetLowerLayerCallback calls
    Time finishedAt = Seconds(-1);   ///< last lower-layer "not needed"
    std::vector<uint32_t> delivered; ///< IPv4 datagram sizes
    std::vector<std::string> drops;
    std::vector<bool> sendResults; ///< SendIpv4() answers

    int
    Tx(uint16_t protocol, uint8_t code) const
    {
        auto it = tx.find({protocol, code});
        return it == tx.end() ? 0 : it->second;
    }

    int
    Drops(const std::string& reason) const
    {
        int n = 0;
        for (const std::string& d : drops)
        {
            n += d == reason ? 1 : 0;
        }
        return n;
    }
};

inline void
OnTx(EndLog* log, uint16_t protocol, uint8_t code, Ptr<const Packet>)
{
    ++log->tx[{protocol, code}];
}

inline void
OnLcpState(EndLog* log, S::State, S::State to)
{
    if (to == S::OPENED)
    {
        log->lcpOpenedAt = Simulator::Now();
    }
}

inline void
OnIpcpState(EndLog* log, S::State, S::State to)
{
    if (to == S::OPENED)
    {
        log->ipcpOpenedAt = Simulator::Now();
    }
}

inline void
OnLinkUp(EndLog* log, Ipv4Address local, Ipv4Address peer)
{
    ++log->linkUps;
    log->upLocal = local;
    log->upPeer = peer;
}

inline void
OnLinkDown(EndLog* log)
{
    ++log->linkDowns;
    log->linkDownAt = Simulator::Now();
}

inline void
OnLinkChange(EndLog* log, bool)
{
    ++log->linkChanges;
}

inline void
OnEchoTimeout(EndLog* log, uint32_t)
{
    ++log->echoTimeouts;
    log->echoTimeoutAt = Simulator::Now();
}

inline void
OnLoopback(EndLog* log, uint32_t)
{
    ++log->loopbacks;
}

inline void
OnLowerLayer(EndLog* log, bool needed)
{
    log->lowerLayer.push_back(needed);
    if (!needed)
    {
        log->finishedAt = Simulator::Now();
    }
}

inline void
OnDeliver(EndLog* log, Ptr<Packet> datagram)
{
    log->delivered.push_back(datagram->GetSize());
}

inline void
OnDrop(EndLog* log, Ptr<const Packet>, const std::string& reason)
{
    log->drops.push_back(reason);
}

inline void
Collect(std::vector<Ptr<Packet>>* frames, Ptr<Packet> frame)
{
    frames->push_back(frame);
}

/// A valid IPv4 datagram (checksummed header, protocol 253 "experimental").
inline Ptr<Packet>
MakeDatagram(Ipv4Address source, Ipv4Address destination, uint32_t payload)
{
    Ptr<Packet> p = Create<Packet>(payload);
    Ipv4Header h;
    h.SetSource(source);
    h.SetDestination(destination);
    h.SetProtocol(253);
    h.SetTtl(64);
    h.SetPayloadSize(payload);
    h.EnableChecksum();
    p->AddHeader(h);
    return p;
}

/// Two endpoints and the wire between them.
class Harness
{
  public:
    explicit Harness(const RunOptions& o)
        : m_o(o)
    {
        a = m_o.a.Create<Endpoint>();
        b = m_o.b.Create<Endpoint>();
        a->AssignStreams(11);
        b->AssignStreams(12);
        m_loss = CreateObject<UniformRandomVariable>();
        m_loss->SetStream(m_o.lossStream);
        Attach(a, &la);
        Attach(b, &lb);
        a->SetSendCallback(MakeCallback(&Harness::FromA, this));
        b->SetSendCallback(MakeCallback(&Harness::FromB, this));
        if (!m_o.pcap.empty())
        {
            m_pcap = CreateObject<PcapFileWrapper>();
            m_pcap->Open(m_o.pcap, std::ios::out);
            m_pcap->Init(DLT_PPP_WITH_DIR);
            a->TraceConnectWithoutContext("Tx", MakeCallback(&Harness::PcapTx, this));
            a->TraceConnectWithoutContext("Rx", MakeCallback(&Harness::PcapRx, this));
        }
    }

    void
    Run()
    {
        Simulator::Schedule(m_o.start, &Harness::Start, this);
        if (m_o.closeAt.IsStrictlyPositive())
        {
            Simulator::Schedule(m_o.closeAt, &Endpoint::Close, a);
        }
        for (const auto& [when, fromA] : m_o.datagrams)
        {
            Simulator::Schedule(when, &Harness::SendDatagram, this, fromA);
        }
        Simulator::Stop(m_o.stop);
        Simulator::Run();
        if (!m_o.pcap.empty())
        {
            m_pcap->Close();
        }
        a->Dispose();
        b->Dispose();
        Simulator::Destroy();
    }

    Ptr<Endpoint> a;
    Ptr<Endpoint> b;
    EndLog la;
    EndLog lb;
    int lost = 0; ///< frames the wire lost

  private:
    static void
    Attach(Ptr<Endpoint> e, EndLog* log)
    {
        e->TraceConnectWithoutContext("Tx", MakeBoundCallback(&OnTx, log));
        e->TraceConnectWithoutContext("LcpStateChange", MakeBoundCallback(&OnLcpState, log));
        e->TraceConnectWithoutContext("IpcpStateChange", MakeBoundCallback(&OnIpcpState, log));
        e->TraceConnectWithoutContext("LinkUp", MakeBoundCallback(&OnLinkUp, log));
        e->TraceConnectWithoutContext("LinkDown", MakeBoundCallback(&OnLinkDown, log));
        e->TraceConnectWithoutContext("EchoTimeout", MakeBoundCallback(&OnEchoTimeout, log));
        e->TraceConnectWithoutContext("Loopback", MakeBoundCallback(&OnLoopback, log));
        e->TraceConnectWithoutContext("Drop", MakeBoundCallback(&OnDrop, log));
        e->SetLinkChangeCallback(MakeBoundCallback(&OnLinkChange, log));
        e->SetLowerLayerCallback(MakeBoundCallback(&OnLowerLayer, log));
        e->SetIpv4ReceiveCallback(MakeBoundCallback(&OnDeliver, log));
    }

    void
    Start()
    {
        a->Open();
        a->LowerUp();
        if (!m_o.loopback)
        {
            b->Open();
            b->LowerUp();
        }
    }

    bool
    Silent() const
    {
        return m_o.silentFromStart ||
               (m_o.silenceAt.IsStrictlyPositive() && Simulator::Now() >= m_o.silenceAt);
    }

    bool
    Lose()
    {
        if (m_o.loss > 0 && m_loss->GetValue() < m_o.loss)
        {
            ++lost;
            return true;
        }
        return false;
    }

    void
    FromA(Ptr<Packet> frame)
    {
        if (m_o.loopback)
        {
            Simulator::Schedule(m_o.delay, &Endpoint::Receive, a, frame);
            return;
        }
        if (Lose() || Silent())
        {
            return;
        }
        Simulator::Schedule(m_o.delay, &Harness::ToB, this, frame);
    }

    void
    ToB(Ptr<Packet> frame)
    {
        if (!Silent())
        {
            b->Receive(frame);
        }
    }

    void
    FromB(Ptr<Packet> frame)
    {
        if (Lose() || Silent())
        {
            return;
        }
        if (m_o.stripAddressControl)
        {
            frame->RemoveAtStart(2);
        }
        Simulator::Schedule(m_o.delay, &Endpoint::Receive, a, frame);
    }

    void
    SendDatagram(bool fromA)
    {
        if (fromA)
        {
            la.sendResults.push_back(
                a->SendIpv4(MakeDatagram(Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2"), 180)));
        }
        else
        {
            lb.sendResults.push_back(
                b->SendIpv4(MakeDatagram(Ipv4Address("10.0.0.2"), Ipv4Address("10.0.0.1"), 180)));
        }
    }

    void
    PcapWrite(uint8_t direction, Ptr<const Packet> frame)
    {
        Ptr<Packet> record = Create<Packet>(&direction, 1);
        record->AddAtEnd(frame);
        m_pcap->Write(Simulator::Now(), record);
    }

    void
    PcapTx(uint16_t, uint8_t, Ptr<const Packet> frame)
    {
        PcapWrite(1, frame);
    }

    void
    PcapRx(uint16_t, uint8_t, Ptr<const Packet> frame)
    {
        PcapWrite(0, frame);
    }

    RunOptions m_o;
    Ptr<UniformRandomVariable> m_loss;
    // Made by CreateObject: its attributes (snap length, timestamp unit) are
    // set only then; a plain member left them undefined (0-byte records in a
    // debug ns-3).
    Ptr<PcapFileWrapper> m_pcap;
};

inline bool
PcapCheck(const std::string& file)
{
    const std::string cmd = "'" + PcapCheckTool() + "' '" + file +
                            "' --expect ppp --expect lcp --expect ipcp --expect ip"
                            " --expect 'lcp && ppp.code == 9' --expect 'lcp.magic_number'"
                            " --expect 'ipcp.opt.ip_address == 10.0.0.2' --quiet";
    return std::system(cmd.c_str()) == 0;
}

} // namespace ppp_harness
} // namespace ipvpntest

#endif /* IPVPN_PPP_TEST_HARNESS_H */
