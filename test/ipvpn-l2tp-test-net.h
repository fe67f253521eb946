/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * For the L2TP ns-3 suites: a chain of nodes joined by 10 Mb/s
 * point-to-point links (link k joins nodes k and k+1 and holds subnet
 * 10.0.(k+1).0/24), and packet loss on receipt on one of its links.
 */
#ifndef IPVPN_L2TP_TEST_NET_H
#define IPVPN_L2TP_TEST_NET_H

#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/string.h"

#include <string>
#include <vector>

namespace ipvpntest
{

struct ChainNet
{
    ns3::NodeContainer nodes;
    ns3::PointToPointHelper p2p; ///< for pcaps of the chain's devices
    std::vector<ns3::NetDeviceContainer> links;
    std::vector<ns3::Ipv4InterfaceContainer> interfaces; ///< per link
};

inline ChainNet
BuildChain(uint32_t nodes, ns3::Time linkDelay)
{
    using namespace ns3;
    ChainNet net;
    net.nodes.Create(nodes);
    InternetStackHelper().Install(net.nodes);
    net.p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    net.p2p.SetChannelAttribute("Delay", TimeValue(linkDelay));
    Ipv4AddressHelper addresses;
    for (uint32_t k = 0; k + 1 < nodes; ++k)
    {
        net.links.push_back(net.p2p.Install(net.nodes.Get(k), net.nodes.Get(k + 1)));
        addresses.SetBase(Ipv4Address(("10.0." + std::to_string(k + 1) + ".0").c_str()),
                          "255.255.255.0");
        net.interfaces.push_back(addresses.Assign(net.links.back()));
    }
    return net;
}

/// Drops packets on receipt at both ends of `link` with probability `rate`
/// (fixed random streams from `firstStream`), counting them in `*drops`.
inline void
AddReceiveLoss(const ns3::NetDeviceContainer& link, double rate, int64_t firstStream, uint32_t* drops)
{
    using namespace ns3;
    for (uint32_t i = 0; i < link.GetN(); ++i)
    {
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        em->SetAttribute("ErrorRate", DoubleValue(rate));
        em->AssignStreams(firstStream + i);
        link.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        link.Get(i)->TraceConnectWithoutContext(
            "PhyRxDrop",
            Callback<void, Ptr<const Packet>>([drops](Ptr<const Packet>) { ++*drops; }));
    }
}

} // namespace ipvpntest

#endif
