/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What one control protocol (LCP, IPCP, ...) asks for and accepts: the
 * per-protocol half of RFC 1661 option negotiation that the automaton
 * (OptionFsm) leaves open. A policy builds our Configure-Request
 * options (5.1), judges the peer's Configure-Request option by option
 * (Ack, Nak with a suggestion, Reject; 5.2-5.4) and learns from the
 * peer's Ack, Nak and Reject of ours. Pure logic: no I/O, no timers.
 */
#ifndef IPVPN_PPP_OPTION_POLICY_H
#define IPVPN_PPP_OPTION_POLICY_H

#include "ns3/ppp-control-option.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace ppp
{

/// The answer to a Configure-Request: code 2, 3 or 4 and its options.
struct ConfigureVerdict
{
    uint8_t code = 2;                   ///< CONFIGURE_ACK, _NAK or _REJECT
    std::vector<ControlOption> options; ///< what the answer carries
};

/// Per-protocol option negotiation policy.
class OptionPolicy
{
  public:
    /// How one received option is judged.
    enum Judgement
    {
        ACCEPT, ///< acknowledge as it is
        NAK,    ///< acknowledgeable type, unacceptable value: suggest another
        REJECT, ///< not recognized or not acceptable for negotiation
    };

    virtual ~OptionPolicy() = default;

    /// A new negotiation starts: forget what the last one agreed and what
    /// the peer rejected or suggested.
    virtual void Reset() = 0;
    /// Options of our next Configure-Request (5.1).
    virtual std::vector<ControlOption> BuildRequest() = 0;

    /**
     * Judges the peer's Configure-Request (RFC 1661 5.1-5.4): Configure-
     * Reject with every option to reject, unmodified and in order; else a
     * Configure-Nak with a suggestion for every unacceptable value (and
     * options we want the peer to add); else a Configure-Ack echoing the
     * request. On Ack the peer's values are taken (CommitPeer()).
     * \param options the options received
     * \param rejectIfDisagree Max-Failure reached (4.6): Naks become Rejects
     *        for the options whose policy allows it
     */
    ConfigureVerdict JudgeRequest(const std::vector<ControlOption>& options, bool rejectIfDisagree);

    /// The peer acknowledged our request (5.2): options are the request.
    virtual void RequestAcked(const std::vector<ControlOption>& options) = 0;
    /// The peer's Configure-Nak of our request (5.3); false when it is not
    /// a sensible answer to it (the packet is then discarded).
    virtual bool NakReceived(const std::vector<ControlOption>& options) = 0;
    /// The peer's Configure-Reject (5.4); false when it names options we
    /// did not request (the packet is then discarded).
    virtual bool RejectReceived(const std::vector<ControlOption>& options) = 0;

    /// LCP's Magic-Number for Echo-Reply/Request (5.8); 0 elsewhere.
    virtual uint32_t GetLocalMagicNumber() const;

  protected:
    /**
     * One option of the peer's request.
     * \param option the option as received
     * \param rejectIfDisagree see JudgeRequest()
     * \param suggestion set to the Nak's option when NAK is returned
     */
    virtual Judgement JudgeOption(const ControlOption& option,
                                  bool rejectIfDisagree,
                                  ControlOption& suggestion) = 0;
    /// Options to append to a Nak because the request lacks them (5.3);
    /// none by default. Called only when nothing is rejected.
    virtual std::vector<ControlOption> MissingOptions(const std::vector<ControlOption>& options,
                                                      bool rejectIfDisagree);
    /// The request is about to be acknowledged: take the peer's values.
    virtual void CommitPeer(const std::vector<ControlOption>& options) = 0;
    /// Called with the suggestions of a Nak about to be sent.
    virtual void NakSent(const std::vector<ControlOption>& suggestions);

    /// True when every option in `answer` is of a type in `request`, in
    /// the same relative order (5.3, 5.4: answers keep the request's order).
    static bool TypesFollowRequest(const std::vector<ControlOption>& answer,
                                   const std::vector<ControlOption>& request);
};

} // namespace ppp
} // namespace ns3

#endif // IPVPN_PPP_OPTION_POLICY_H
