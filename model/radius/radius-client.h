/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A RADIUS authentication client (the NAS side) as an ns-3 Application: one
 * UDP socket and one timer drive a ClientEngine, which decides what to send,
 * when to retransmit or fail over (RFC 2865 section 2.5) and how a request
 * ended. This class only moves octets and schedules the engine's wake-up.
 */
#ifndef IPVPN_RADIUS_CLIENT_H
#define IPVPN_RADIUS_CLIENT_H

#include "radius-client-engine.h"

#include "ns3/application.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace radius
{

/**
 * RADIUS client application. Servers are added, in order of preference,
 * before the application starts; requests are started with Authenticate()
 * while it runs.
 */
class Client : public Application
{
  public:
    /// Told how a request ended: the outcome and the time it took.
    using DoneCallback = Callback<void, Outcome, Time>;

    static TypeId GetTypeId();

    Client();
    ~Client() override;

    /// Adds a server after those already added (RFC 2865 section 2.5: the
    /// client fails over to the next one). Takes effect when the engine is
    /// created, i.e. before the first Authenticate() or the start.
    void AddServer(Ipv4Address address, uint16_t port, const std::string& secret);

    /**
     * Starts authenticating a user with PAP. `done` is called once, when the
     * request ends (also for TIMEOUT). Returns the request's handle, 0 if the
     * application is not running (then `done` is not called).
     */
    uint64_t Authenticate(const std::string& userName,
                          const std::string& password,
                          DoneCallback done);

    /// Fixes the random stream of the Request Authenticators; returns the
    /// number of streams used (1).
    int64_t AssignStreams(int64_t stream);

    /// Counters of the engine (all zero before it exists).
    const ClientCounters& GetCounters() const;
    /// Requests not yet finished.
    uint32_t GetOutstandingCount() const;

    /// Signature of the "Tx" trace: packet, server index, retransmission.
    typedef void (*TxTracedCallback)(Ptr<const Packet> packet, uint32_t server, bool resend);
    /// Signature of the "Rx" trace: packet, server index (the number of
    /// servers when the source is not a configured server).
    typedef void (*RxTracedCallback)(Ptr<const Packet> packet, uint32_t server);
    /// Signature of the "Outcome" trace: request handle, outcome, latency.
    typedef void (*OutcomeTracedCallback)(uint64_t request, Outcome outcome, Time latency);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// The engine, created from the attributes and servers when needed.
    ClientEngine& Engine();
    /// A fresh Request Authenticator from the random stream (RFC 2865 section 3).
    Authenticator DrawAuthenticator();
    void HandleRead(Ptr<Socket> socket);
    /// The engine's timer expired.
    void Wakeup();
    /// Sends, reports and reschedules what the engine asked for.
    void Apply(const ClientActions& actions);
    /// Re-arms m_wakeup at the engine's earliest deadline.
    void ScheduleWakeup();

    Time m_timeout;              ///< attribute RetransmitTimeout
    uint32_t m_maxTransmissions; ///< attribute MaxTransmissions
    std::string m_nasIdentifier; ///< attribute NasIdentifier
    Ipv4Address m_nasAddress;    ///< attribute NasIpAddress
    Ipv4Address m_localAddress;  ///< attribute LocalAddress
    bool m_messageAuthenticator; ///< attribute MessageAuthenticator
    std::vector<ServerEntry> m_servers;
    std::unique_ptr<ClientEngine> m_engine;
    Ptr<UniformRandomVariable> m_random;
    Ptr<Socket> m_socket;
    EventId m_wakeup;                        ///< the engine's next deadline
    std::map<uint64_t, DoneCallback> m_done; ///< by request handle
    TracedCallback<Ptr<const Packet>, uint32_t, bool> m_txTrace;
    TracedCallback<Ptr<const Packet>, uint32_t> m_rxTrace;
    TracedCallback<uint64_t, Outcome, Time> m_outcomeTrace;
};

} // namespace radius
} // namespace ns3

#endif // IPVPN_RADIUS_CLIENT_H
