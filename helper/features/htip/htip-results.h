/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The run part of the tunnelling feature: the processor of each home
 * gateway, and the `tunnelling` part of results.json read from them at the
 * end: per gateway its message counters, drops by reason, DNS work and
 * connection table; per tunnel its setup timeline (web request, DNS,
 * REQUEST ... ACK, PPP up, first packet), NAK rounds, retransmissions and
 * translations; and the isolation counters.
 */
#ifndef IPVPN_HTIP_RESULTS_H
#define IPVPN_HTIP_RESULTS_H

#include "ns3/htip-processor.h"
#include "ns3/ipvpn-run-results.h"
#include "ns3/scenario-feature.h"

#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

class HomesRun;

struct TunnellingGatewayParts
{
    std::string home;
    std::string node;
    std::string domain;
    Ptr<htip::Processor> processor; ///< null for a silent gateway
};

class TunnellingRun : public FeatureRun
{
  public:
    void Finish(metrics::RunResults& results) override;

    std::vector<TunnellingGatewayParts> gateways;
    const HomesRun* homes = nullptr; ///< for the isolation counters
};

} // namespace scenario
} // namespace ns3

#endif
