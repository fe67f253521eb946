/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A small event-driven "wire" that runs htip::Engine instances against each
 * other without a simulator: every message goes through the codec (a
 * Packet), may be lost, copied or delayed, and every action is logged in
 * order. It stands in for the driver: PrepareServer is answered by
 * ServerReady after a short delay; StartClient brings the tunnel up at both
 * ends once the peer's server is ready (an L2TP client retrying each second
 * until then), as an L2TP LAC/LNS pair would.
 */
#ifndef IPVPN_HTIP_ENGINE_TEST_UTIL_H
#define IPVPN_HTIP_ENGINE_TEST_UTIL_H

#include "ns3/htip-engine.h"
#include "ns3/packet.h"

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace htiptest
{

using namespace ns3::htip;

// Seed 004: gateway A 168.219.193.7 (figure text), gateway B 211.32.119.136 ([0120]).
const Ipv4Address ADDR_A("168.219.193.7");
const Ipv4Address ADDR_B("211.32.119.136");
const Ipv4Address ADDR_C("198.51.100.3");

inline Prefix
P(const std::string& text)
{
    auto p = Prefix::Parse(text);
    REQUIRE(p.has_value());
    return *p;
}

inline std::vector<Prefix>
Ps(std::initializer_list<const char*> texts)
{
    std::vector<Prefix> out;
    for (const char* t : texts)
    {
        out.push_back(P(t));
    }
    return out;
}

inline std::string
Str(const Action& a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

template <typename T>
std::vector<T>
OfType(const Actions& actions)
{
    std::vector<T> out;
    for (const Action& a : actions)
    {
        if (const T* t = std::get_if<T>(&a))
        {
            out.push_back(*t);
        }
    }
    return out;
}

inline EngineConfig
Config(const std::string& name, const std::string& own, Embodiment e = Embodiment::SECOND)
{
    EngineConfig c;
    c.name = name;
    c.own = P(own);
    c.embodiment = e;
    return c;
}

/// Gateways and the wire between them.
class Net
{
  public:
    struct Gateway
    {
        std::string name;
        Ipv4Address address;
        std::unique_ptr<Engine> engine;
        bool autoServerReady = true;
        uint16_t nextTunnelId = 1;
    };

    /// A message as an engine sent it.
    struct Wired
    {
        Time at;
        Ipv4Address from;
        Ipv4Address to;
        MessageHeader message;
        bool retransmission = false;
    };

    /// An action as an engine returned it.
    struct Logged
    {
        Time at;
        Ipv4Address gateway;
        Action action;
    };

    Time delay = MilliSeconds(10);        ///< one way
    Time serverDelay = MilliSeconds(5);   ///< PrepareServer -> ServerReady
    Time tunnelDelay = MilliSeconds(100); ///< StartClient -> TunnelUp
    double loss = 0;                      ///< per message
    std::mt19937 rng{1};
    /// Returns true to drop this message (besides `loss`).
    std::function<bool(const Wired&)> dropIf;
    /// Copies delivered of each message (1 = no duplicate).
    std::function<int(const Wired&)> copies;
    /// Extra delay per message (reordering).
    std::function<Time(const Wired&)> jitter;

    std::vector<Wired> sent;
    std::vector<Logged> log;
    Time now = Seconds(0);

    Gateway&
    Add(EngineConfig config, Ipv4Address address, uint32_t firstId)
    {
        auto g = std::make_unique<Gateway>();
        g->name = config.name;
        g->address = address;
        auto next = std::make_shared<uint32_t>(firstId);
        g->engine = std::make_unique<Engine>(config, [next]() {
            return (*next)++;
        });
        m_gateways.push_back(std::move(g));
        return *m_gateways.back();
    }

    Gateway&
    Get(Ipv4Address address)
    {
        for (auto& g : m_gateways)
        {
            if (g->address == address)
            {
                return *g;
            }
        }
        FAIL("no gateway " << address);
        return *m_gateways.front();
    }

    bool
    Has(Ipv4Address address) const
    {
        for (const auto& g : m_gateways)
        {
            if (g->address == address)
            {
                return true;
            }
        }
        return false;
    }

    void
    StartAt(Time at, Ipv4Address from, Ipv4Address to, const std::string& toName)
    {
        At(at, [this, from, to, toName]() {
            Handle(from, Get(from).engine->Start(toName, to, now));
        });
    }

    /// Runs events and the engines' timers up to `end`.
    void
    RunUntil(Time end)
    {
        while (true)
        {
            std::optional<Time> next;
            if (!m_events.empty())
            {
                next = m_events.begin()->first.first;
            }
            for (auto& g : m_gateways)
            {
                auto d = g->engine->NextDeadline();
                if (d && (!next || *d < *next))
                {
                    next = d;
                }
            }
            if (!next || *next > end)
            {
                now = end;
                return;
            }
            REQUIRE(*next >= now);
            now = *next;
            if (!m_events.empty() && m_events.begin()->first.first == now)
            {
                auto f = std::move(m_events.begin()->second);
                m_events.erase(m_events.begin());
                f();
                continue;
            }
            for (auto& g : m_gateways)
            {
                auto d = g->engine->NextDeadline();
                if (d && *d <= now)
                {
                    Handle(g->address, g->engine->Advance(now));
                }
            }
        }
    }

    void
    At(Time at, std::function<void()> f)
    {
        m_events.emplace(std::make_pair(at, m_seq++), std::move(f));
    }

    /// Carries out the actions of gateway `self`.
    void
    Handle(Ipv4Address self, const Actions& actions)
    {
        for (const Action& a : actions)
        {
            log.push_back(Logged{now, self, a});
            if (const auto* s = std::get_if<SendMessage>(&a))
            {
                Put(Wired{now, self, s->to, s->message, s->retransmission});
            }
            else if (const auto* p = std::get_if<PrepareServer>(&a))
            {
                Gateway& g = Get(self);
                const Ipv4Address peer = p->connection.peerAddress;
                if (g.autoServerReady)
                {
                    At(now + serverDelay, [this, self, peer]() {
                        m_serverReady[{self, peer}] = true;
                        Handle(self, Get(self).engine->ServerReady(peer, now));
                    });
                }
            }
            else if (const auto* c = std::get_if<StartClient>(&a))
            {
                TryTunnel(self, c->connection.peerAddress);
            }
            else if (const auto* r = std::get_if<ConnectionRemoved>(&a))
            {
                m_serverReady.erase({self, r->connection.peerAddress});
            }
        }
    }

    /// The messages sent between two gateways (either direction), first copies only.
    std::vector<Wired>
    Exchange(bool withRetransmissions = false) const
    {
        std::vector<Wired> out;
        for (const Wired& w : sent)
        {
            if (withRetransmissions || !w.retransmission)
            {
                out.push_back(w);
            }
        }
        return out;
    }

    /// Index in `log` of the first action of type T at `gateway`; -1 if none.
    template <typename T>
    int
    FirstIndex(Ipv4Address gateway) const
    {
        for (std::size_t i = 0; i < log.size(); ++i)
        {
            if (log[i].gateway == gateway && std::holds_alternative<T>(log[i].action))
            {
                return static_cast<int>(i);
            }
        }
        return -1;
    }

    /// Index in `log` of the first send of `type` by `gateway`; -1 if none.
    int
    FirstSend(Ipv4Address gateway, uint8_t type) const
    {
        for (std::size_t i = 0; i < log.size(); ++i)
        {
            const auto* s = std::get_if<SendMessage>(&log[i].action);
            if (log[i].gateway == gateway && s && s->message.GetType() == type)
            {
                return static_cast<int>(i);
            }
        }
        return -1;
    }

    template <typename T>
    std::vector<T>
    ActionsOf(Ipv4Address gateway) const
    {
        std::vector<T> out;
        for (const Logged& l : log)
        {
            if (l.gateway == gateway)
            {
                if (const T* t = std::get_if<T>(&l.action))
                {
                    out.push_back(*t);
                }
            }
        }
        return out;
    }

    std::string
    Dump() const
    {
        std::ostringstream os;
        for (const Logged& l : log)
        {
            os << l.at.GetSeconds() << " " << l.gateway << " " << l.action << "\n";
        }
        return os.str();
    }

  private:
    void
    Put(const Wired& w)
    {
        sent.push_back(w);
        if (!Has(w.to))
        {
            return; // nobody there: a silent peer
        }
        int n = copies ? copies(w) : 1;
        for (int i = 0; i < n; ++i)
        {
            if (loss > 0 && std::uniform_real_distribution<double>(0, 1)(rng) < loss)
            {
                continue;
            }
            if (dropIf && dropIf(w))
            {
                continue;
            }
            // Through the codec, as the driver does (Packet::RemoveHeader).
            Ptr<Packet> packet = Create<Packet>();
            packet->AddHeader(w.message);
            const Time extra = jitter ? jitter(w) : Seconds(0);
            At(now + delay + extra, [this, w, packet]() {
                MessageHeader h;
                Ptr<Packet> copy = packet->Copy();
                copy->RemoveHeader(h, copy->GetSize());
                Engine& e = *Get(w.to).engine;
                Handle(w.to,
                       h.IsValid() ? e.Receive(w.from, h, now)
                                   : e.ReceiveMalformed(w.from, h.GetError(), now));
            });
        }
    }

    /// The L2TP client at `client` tries to reach the LNS at `server`.
    void
    TryTunnel(Ipv4Address client, Ipv4Address server)
    {
        At(now + tunnelDelay, [this, client, server]() {
            const Connection* c = Get(client).engine->GetTable().Find(server);
            if (c == nullptr)
            {
                return; // the negotiation ended meanwhile
            }
            if (!m_serverReady[{server, client}])
            {
                TryTunnel(client, server); // no LNS yet: the LAC retries
                return;
            }
            const uint16_t clientId = Get(client).nextTunnelId++;
            const uint16_t serverId = Get(server).nextTunnelId++;
            Handle(client, Get(client).engine->TunnelUp(server, clientId, now));
            Handle(server, Get(server).engine->TunnelUp(client, serverId, now));
        });
    }

    std::vector<std::unique_ptr<Gateway>> m_gateways;
    std::multimap<std::pair<Time, uint64_t>, std::function<void()>> m_events;
    uint64_t m_seq = 0;
    std::map<std::pair<Ipv4Address, Ipv4Address>, bool> m_serverReady;
};

} // namespace htiptest
} // namespace ns3

#endif /* IPVPN_HTIP_ENGINE_TEST_UTIL_H */
