/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-listener.h"

#include "ldp-pdu-header.h"
#include "ldp-pdu.h"
#include "ldp-session-messages.h"
#include "ldp-session.h"
#include "ldp-status.h"

#include "ns3/buffer.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpListener");

namespace ldp
{

Listener::Listener(ListenerOwner* owner, Ptr<Node> node, Ipv4Address localLsrId)
    : m_owner(owner)
    , m_node(node)
    , m_localLsrId(localLsrId)
{
}

Listener::~Listener()
{
    Stop();
}

void
Listener::Start()
{
    // Section 2.5.2: the passive role waits on TCP 646.
    m_socket = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
    m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), LDP_PORT));
    m_socket->Listen();
    m_socket->SetAcceptCallback(MakeCallback(&Listener::HandleAccept, this),
                                MakeCallback(&Listener::HandleAccepted, this));
}

void
Listener::Stop()
{
    std::vector<Ptr<Socket>> pending;
    for (const auto& [socket, bytes] : m_pending)
    {
        (void)bytes;
        pending.push_back(socket);
    }
    for (Ptr<Socket> socket : pending)
    {
        Drop(socket);
    }
    if (m_socket)
    {
        m_socket->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeNullCallback<void, Ptr<Socket>, const Address&>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

bool
Listener::HandleAccept(Ptr<Socket> /* socket */, const Address& /* from */)
{
    return true;
}

void
Listener::HandleAccepted(Ptr<Socket> socket, const Address& /* from */)
{
    m_pending[socket] = {};
    socket->SetRecvCallback(MakeCallback(&Listener::HandleRead, this));
    socket->SetCloseCallbacks(MakeCallback(&Listener::Drop, this),
                              MakeCallback(&Listener::Drop, this));
}

void
Listener::Drop(Ptr<Socket> socket)
{
    socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    socket->Close();
    m_pending.erase(socket);
}

void
Listener::HandleRead(Ptr<Socket> socket)
{
    auto it = m_pending.find(socket);
    if (it == m_pending.end())
    {
        return;
    }
    std::vector<uint8_t>& bytes = it->second;
    while (Ptr<Packet> p = socket->Recv())
    {
        if (p->GetSize() == 0)
        {
            break;
        }
        const size_t old = bytes.size();
        bytes.resize(old + p->GetSize());
        p->CopyData(bytes.data() + old, p->GetSize());
    }
    if (bytes.size() < PDU_HEADER_SIZE)
    {
        return; // the LDP Identifier is not there yet
    }
    Buffer buffer;
    buffer.AddAtStart(PDU_HEADER_SIZE);
    buffer.Begin().Write(bytes.data(), PDU_HEADER_SIZE);
    PduHeader header;
    header.DeserializeFrom(buffer.Begin(), PDU_HEADER_SIZE);
    uint32_t status = header.GetStatus();
    Ptr<Session> session;
    if (header.IsValid())
    {
        session = m_owner->IncomingSession(header.GetLsrId(), header.GetLabelSpace(), status);
    }
    if (!session)
    {
        NS_LOG_INFO("node " << m_node->GetId() << ": connection from " << header.GetLsrId()
                            << " refused: " << StatusCodeName(status));
        NotificationMessage n(StatusTlv::Make(status), m_owner->AllocateMessageId());
        Pdu pdu(m_localLsrId, 0);
        pdu.AddMessage(n);
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(pdu);
        socket->Send(p);
        m_owner->IncomingRefused(header.GetLsrId(), status, !header.IsValid());
        Drop(socket);
        return;
    }
    const std::vector<uint8_t> received = std::move(bytes);
    m_pending.erase(it);
    socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    session->Adopt(socket, received);
}

} // namespace ldp
} // namespace ns3
