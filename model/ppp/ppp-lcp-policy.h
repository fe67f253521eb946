/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * LCP's option policy (RFC 1661 section 6): Maximum-Receive-Unit (6.1) and
 * Magic-Number (6.4) with its loop-back detection; every other option the
 * peer requests is rejected (no authentication, quality protocol, ACCM,
 * field compression or multilink in this model).
 *
 * Choices of this model (pppd's where RFC 1661 leaves freedom):
 *  - Our MRU is requested only when it differs from the default 1500
 *    (6.1: "the default value is 1500"); a peer's MRU below 128 octets
 *    (pppd's MINMRU) is Nak'd with 128; a Nak's MRU is taken when it is
 *    at least 128 and at most 1500 or our own.
 *  - A Magic-Number is always requested, a fresh random non-zero value for
 *    each negotiation; the peer's zero or our own value is Nak'd with
 *    another random value (6.4). Nak'd Magic-Numbers are never turned into
 *    Rejects by Max-Failure, as in pppd.
 *  - Loop-back (6.4): a Configure-Nak whose Magic-Number equals the one in
 *    the last Configure-Nak we sent counts as one loop-back indication,
 *    any other Nak of the Magic-Number resets the count; IsLoopedBack()
 *    once `loopbackFail` indications came in a row (pppd gives up after
 *    10, its DEFLOOPBACKFAIL).
 */
#ifndef IPVPN_PPP_LCP_POLICY_H
#define IPVPN_PPP_LCP_POLICY_H

#include "ns3/ppp-option-policy.h"

#include <cstdint>
#include <functional>

namespace ns3
{
namespace ppp
{

/// LCP options: MRU and Magic-Number.
class LcpPolicy : public OptionPolicy
{
  public:
    static constexpr uint16_t DEFAULT_MRU = 1500; ///< RFC 1661 6.1
    static constexpr uint16_t MIN_MRU = 128;      ///< smallest peer MRU accepted (pppd)

    struct Config
    {
        uint16_t mru = DEFAULT_MRU;     ///< our MRU, requested when not 1500
        bool requestMagicNumber = true; ///< request a Magic-Number (6.4)
        uint32_t loopbackFail = 10;     ///< loop-back indications before IsLoopedBack()
    };

    /// A source of random 32-bit values for Magic-Numbers.
    using RandomSource = std::function<uint32_t()>;

    LcpPolicy(const Config& config, RandomSource random);

    void Reset() override;
    std::vector<ControlOption> BuildRequest() override;
    void RequestAcked(const std::vector<ControlOption>& options) override;
    bool NakReceived(const std::vector<ControlOption>& options) override;
    bool RejectReceived(const std::vector<ControlOption>& options) override;
    /// The Magic-Number the peer acknowledged, 0 without one (5.8).
    uint32_t GetLocalMagicNumber() const override;

    /// The peer's Magic-Number as we acknowledged it, 0 without one.
    uint32_t GetPeerMagicNumber() const;
    /// Our MRU as the peer acknowledged it (1500 when not negotiated).
    uint16_t GetLocalMru() const;
    /// The peer's MRU as we acknowledged it (1500 when not negotiated).
    uint16_t GetPeerMru() const;
    /// Loop-back indications in a row (6.4).
    uint32_t GetLoopCount() const;
    /// True once loopbackFail indications came in a row.
    bool IsLoopedBack() const;

  protected:
    Judgement JudgeOption(const ControlOption& option,
                          bool rejectIfDisagree,
                          ControlOption& suggestion) override;
    void CommitPeer(const std::vector<ControlOption>& options) override;
    void NakSent(const std::vector<ControlOption>& suggestions) override;

  private:
    /// A random non-zero value other than `avoid`.
    uint32_t NewMagicNumber(uint32_t avoid);

    Config m_config;
    RandomSource m_random;
    // What we ask for (our next Configure-Request).
    bool m_requestMru;
    uint16_t m_wantMru;
    bool m_requestMagic;
    uint32_t m_wantMagic;
    // What was agreed.
    uint16_t m_localMru;
    uint32_t m_localMagic;
    uint16_t m_peerMru;
    uint32_t m_peerMagic;
    // Loop-back detection (6.4).
    bool m_nakMagicSent;     ///< a Nak of the peer's Magic-Number was sent
    uint32_t m_lastNakMagic; ///< the Magic-Number that Nak suggested
    uint32_t m_loops;
};

} // namespace ppp
} // namespace ns3

#endif // IPVPN_PPP_LCP_POLICY_H
