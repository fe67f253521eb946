/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The passive role of LDP session establishment (RFC 5036 section 2.5.3)
 * for ldp::Protocol: listens on TCP 646, reads the first PDU header of
 * each accepted connection to learn which LSR is calling, and hands the
 * connection to that peer's ldp::Session, or refuses it with a fatal
 * Notification (Session Rejected/No Hello when no Hello adjacency matches).
 */
#ifndef IPVPN_LDP_LISTENER_H
#define IPVPN_LDP_LISTENER_H

#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{

class Address;
class Node;
class Socket;

namespace ldp
{

class Session;

/// What the listener asks ldp::Protocol.
class ListenerOwner
{
  public:
    virtual ~ListenerOwner() = default;
    /**
     * A connection announces LDP identifier `lsrId`:`labelSpace`.
     * \return the session that takes it over, or nullptr after setting
     * `status` to the reason for refusing it.
     */
    virtual Ptr<Session> IncomingSession(Ipv4Address lsrId,
                                         uint16_t labelSpace,
                                         uint32_t& status) = 0;
    /// A connection was refused with a Notification carrying `status`
    /// (`malformed`: its PDU header was bad).
    virtual void IncomingRefused(Ipv4Address lsrId, uint32_t status, bool malformed) = 0;
    virtual uint32_t AllocateMessageId() = 0;
};

class Listener
{
  public:
    Listener(ListenerOwner* owner, Ptr<Node> node, Ipv4Address localLsrId);
    ~Listener();

    void Start();
    /// Closes the listening socket and the connections not handed over yet.
    void Stop();

  private:
    bool HandleAccept(Ptr<Socket> socket, const Address& from);
    void HandleAccepted(Ptr<Socket> socket, const Address& from);
    void HandleRead(Ptr<Socket> socket);
    void Drop(Ptr<Socket> socket);

    ListenerOwner* m_owner;
    Ptr<Node> m_node;
    Ipv4Address m_localLsrId;
    Ptr<Socket> m_socket;                                  ///< TCP 646
    std::map<Ptr<Socket>, std::vector<uint8_t>> m_pending; ///< accepted, peer unknown yet
};

} // namespace ldp
} // namespace ns3

#endif // IPVPN_LDP_LISTENER_H
