/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One PPP control protocol engine (LCP or an NCP such as IPCP): the
 * automaton of RFC 1661 section 4 (OptionFsm) joined to the packets
 * of section 5 and to a per-protocol OptionPolicy. Pure logic like its
 * parts: every call returns a ControlOutput telling the driver (the
 * ppp::Endpoint) which packets to send, which layer actions happened
 * (tlu/tld/tls/tlf) and what to do with the Restart timer.
 *
 * Receive() turns a packet into the automaton's event (4.3):
 *   Configure-Request   RCR+ / RCR-, as the policy judges it (judged only
 *                       where the table answers it: Stopped, Req-Sent,
 *                       Ack-Rcvd, Ack-Sent, Opened)
 *   Configure-Ack       RCA, if its Identifier is that of our last request,
 *                       no reply to it came yet, and the options are the
 *                       ones sent (5.2); otherwise discarded
 *   Configure-Nak/Rej   RCN, same Identifier rule; discarded when the policy
 *                       finds it no answer to our request (5.3, 5.4)
 *   Terminate-Req/Ack   RTR / RTA
 *   Code-Reject         RXJ- for a rejected code 1-7, RXJ+ otherwise (5.6)
 *   Protocol-Reject     (LCP, Opened only, 5.7) RXJ- for LCP itself, RXJ+
 *                       for another protocol, reported in rejectedProtocol
 *   Echo/Discard        (LCP) RXR; ser answers only an Echo-Request (5.8)
 *   any other code      RUC (scj); for NCPs codes 8-11 are unknown too
 *                       (RFC 1332 section 2)
 *
 * Identifiers: each new Configure-Request and Terminate-Request takes the
 * next Identifier; a retransmission on TO+ repeats the last one with the
 * same Identifier and options (5.1 permits both).
 */
#ifndef IPVPN_PPP_CONTROL_ENGINE_H
#define IPVPN_PPP_CONTROL_ENGINE_H

#include "ns3/ppp-control-header.h"
#include "ns3/ppp-option-fsm.h"
#include "ns3/ppp-option-policy.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace ppp
{

/// What the driver does after one call into a ControlEngine.
struct ControlOutput
{
    std::vector<ControlHeader> send;            ///< packets, in order
    std::vector<OptionFsm::Result> steps;       ///< automaton steps taken
    std::vector<OptionFsm::Action> layer;       ///< tlu/tld/tls/tlf, in order
    bool startTimer = false;                    ///< (re)start the Restart timer
    bool stopTimer = false;                     ///< stop it
    bool echoReply = false;                     ///< an Echo-Reply to count (LCP, Opened)
    uint16_t rejectedProtocol = 0;              ///< Protocol-Reject of this protocol (LCP)
    std::string discard;                        ///< why the packet was ignored, if it was

    bool HasLayer(OptionFsm::Action action) const;
    /// The first packet sent with this code, or nullptr.
    const ControlHeader* FindSent(uint8_t code) const;
};

/// LCP or an NCP: automaton, packets and policy.
class ControlEngine
{
  public:
    /**
     * \param protocol PROTOCOL_LCP, PROTOCOL_IPCP, ...
     * \param config counters and options of the automaton (4.6)
     * \param policy the protocol's options
     */
    ControlEngine(uint16_t protocol,
                  const OptionFsm::Config& config,
                  std::unique_ptr<OptionPolicy> policy);

    ControlOutput Up();
    ControlOutput Down();
    ControlOutput Open();
    ControlOutput Close();
    /// The Restart timer expired.
    ControlOutput Timeout();
    /// A packet of this protocol; the caller drops invalid ones first.
    ControlOutput Receive(const ControlHeader& packet);
    /**
     * The peer's LCP rejected this protocol (RFC 1661 5.7: "MUST stop
     * sending packets of the indicated protocol at the earliest
     * opportunity"). Fed as the lower layer's Down, as pppd does: no
     * Terminate-Request, timers stop, and the next LCP tlu (Up) tries again.
     */
    ControlOutput ProtocolRejected();

    /// A Protocol-Reject (LCP, 5.7) with the next Identifier.
    ControlHeader MakeProtocolReject(uint16_t protocol, const std::vector<uint8_t>& information);

    uint16_t GetProtocol() const;
    OptionFsm::State GetState() const;

  private:
    /// Runs the event and carries out its actions.
    ControlOutput Feed(OptionFsm::Event event, const ControlHeader* trigger);
    void Perform(OptionFsm::Action action,
                 const OptionFsm::Result& step,
                 const ControlHeader* trigger,
                 ControlOutput& out);
    /// Valid answer to our outstanding Configure-Request?
    bool AnswersRequest(const ControlHeader& packet) const;
    /// The event for a Configure-Request; sets the pending answer.
    OptionFsm::Event JudgeRequest(const ControlHeader& packet);
    /// Starts a new negotiation in the policy and the failure count.
    void ResetNegotiation();

    uint16_t m_protocol;
    OptionFsm m_fsm;
    std::unique_ptr<OptionPolicy> m_policy;
    uint8_t m_nextIdentifier;
    uint8_t m_requestId;                  ///< Identifier of our last Configure-Request
    bool m_requestAnswered;               ///< a valid reply to it came
    std::vector<ControlOption> m_request; ///< options of our last Configure-Request
    uint8_t m_terminateId;                ///< Identifier of our last Terminate-Request
    ConfigureVerdict m_answer;            ///< to send on sca/scn
    bool m_negotiationReset;              ///< Reset done for the current event
};

} // namespace ppp
} // namespace ns3

#endif // IPVPN_PPP_CONTROL_ENGINE_H
