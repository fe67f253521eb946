/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IPCP's option policy (RFC 1332 section 3): IP-Address (3.3) only; the
 * deprecated IP-Addresses (3.1), IP-Compression-Protocol (3.2) and the
 * RFC 1877 name server options are rejected.
 *
 * Address assignment (RFC 1332 3.3):
 *  - We request our configured local address; 0.0.0.0 asks the peer to
 *    provide one, which arrives in a Configure-Nak and is requested next.
 *    A Nak's non-zero address is always taken (pppd's ipcp-accept-local).
 *  - A peer requesting 0.0.0.0 is Nak'd with the configured peer address;
 *    without one the option is rejected. With a configured peer address,
 *    any other address the peer requests is Nak'd with it as well.
 *  - A peer whose request has no IP-Address is Nak'd once per negotiation
 *    with the configured peer address (5.3 allows Naks to add options),
 *    as pppd does; if it still leaves it out, the configured address is
 *    taken as its address.
 */
#ifndef IPVPN_PPP_IPCP_POLICY_H
#define IPVPN_PPP_IPCP_POLICY_H

#include "ns3/ipv4-address.h"
#include "ns3/ppp-option-policy.h"

namespace ns3
{
namespace ppp
{

/// IPCP options: IP-Address.
class IpcpPolicy : public OptionPolicy
{
  public:
    struct Config
    {
        Ipv4Address localAddress = Ipv4Address::GetAny(); ///< 0.0.0.0: ask the peer
        Ipv4Address peerAddress = Ipv4Address::GetAny();  ///< to give a peer asking
    };

    explicit IpcpPolicy(const Config& config);

    void Reset() override;
    std::vector<ControlOption> BuildRequest() override;
    void RequestAcked(const std::vector<ControlOption>& options) override;
    bool NakReceived(const std::vector<ControlOption>& options) override;
    bool RejectReceived(const std::vector<ControlOption>& options) override;

    /// Our address as the peer acknowledged it (0.0.0.0 before).
    Ipv4Address GetLocalAddress() const;
    /// The peer's address as we acknowledged it (0.0.0.0 before).
    Ipv4Address GetPeerAddress() const;

  protected:
    Judgement JudgeOption(const ControlOption& option,
                          bool rejectIfDisagree,
                          ControlOption& suggestion) override;
    std::vector<ControlOption> MissingOptions(const std::vector<ControlOption>& options,
                                              bool rejectIfDisagree) override;
    void CommitPeer(const std::vector<ControlOption>& options) override;

  private:
    Config m_config;
    bool m_requestAddress;   ///< IP-Address not rejected by the peer
    Ipv4Address m_wantLocal; ///< what our next request asks for
    Ipv4Address m_local;     ///< acknowledged by the peer
    Ipv4Address m_peer;      ///< acknowledged by us
    bool m_askedForAddress;  ///< Nak'd a request lacking IP-Address
};

} // namespace ppp
} // namespace ns3

#endif // IPVPN_PPP_IPCP_POLICY_H
