// SPDX-License-Identifier: GPL-2.0-only
#include "ppp-lcp-policy.h"

#include "ns3/log.h"

namespace ns3
{
namespace ppp
{

NS_LOG_COMPONENT_DEFINE("PppLcpPolicy");

LcpPolicy::LcpPolicy(const Config& config, RandomSource random)
    : m_config(config)
    , m_random(std::move(random))
    , m_requestMru(false)
    , m_wantMru(DEFAULT_MRU)
    , m_requestMagic(false)
    , m_wantMagic(0)
    , m_localMru(DEFAULT_MRU)
    , m_localMagic(0)
    , m_peerMru(DEFAULT_MRU)
    , m_peerMagic(0)
    , m_nakMagicSent(false)
    , m_lastNakMagic(0)
    , m_loops(0)
{
    // The first Magic-Number is drawn by the first Reset(), which the
    // engine calls as the first negotiation starts.
    m_requestMru = m_config.mru != DEFAULT_MRU;
    m_wantMru = m_config.mru;
    m_requestMagic = m_config.requestMagicNumber;
}

uint32_t
LcpPolicy::NewMagicNumber(uint32_t avoid)
{
    // 6.4: chosen at random, never zero; a different value than the one
    // that collided.
    for (int tries = 0; tries < 64; ++tries)
    {
        const uint32_t value = m_random ? m_random() : 0;
        if (value != 0 && value != avoid)
        {
            return value;
        }
    }
    return avoid + 1 != 0 ? avoid + 1 : 1; // a degenerate source
}

void
LcpPolicy::Reset()
{
    m_requestMru = m_config.mru != DEFAULT_MRU;
    m_wantMru = m_config.mru;
    m_requestMagic = m_config.requestMagicNumber;
    m_wantMagic = m_requestMagic ? NewMagicNumber(0) : 0;
    m_localMru = DEFAULT_MRU;
    m_localMagic = 0;
    m_peerMru = DEFAULT_MRU;
    m_peerMagic = 0;
    m_nakMagicSent = false;
    m_lastNakMagic = 0;
    m_loops = 0;
}

std::vector<ControlOption>
LcpPolicy::BuildRequest()
{
    std::vector<ControlOption> options;
    if (m_requestMru)
    {
        options.push_back(ControlOption::MakeUint16(LCP_MRU, m_wantMru));
    }
    if (m_requestMagic)
    {
        options.push_back(ControlOption::MakeUint32(LCP_MAGIC_NUMBER, m_wantMagic));
    }
    return options;
}

OptionPolicy::Judgement
LcpPolicy::JudgeOption(const ControlOption& option,
                       bool rejectIfDisagree,
                       ControlOption& suggestion)
{
    switch (option.GetType())
    {
    case LCP_MRU: {
        uint16_t mru = 0;
        if (!option.GetUint16(mru))
        {
            return REJECT;
        }
        if (mru < MIN_MRU)
        {
            // 6.1 leaves the lower bound to us; Nak with the smallest we take.
            suggestion = ControlOption::MakeUint16(LCP_MRU, MIN_MRU);
            return rejectIfDisagree ? REJECT : NAK;
        }
        return ACCEPT;
    }
    case LCP_MAGIC_NUMBER: {
        uint32_t magic = 0;
        if (!option.GetUint32(magic))
        {
            return REJECT;
        }
        if (magic == 0)
        {
            // 6.4: "a Magic-Number of zero is illegal and MUST always be
            // Nak'd, if it is not Rejected outright".
            suggestion = ControlOption::MakeUint32(LCP_MAGIC_NUMBER, NewMagicNumber(0));
            return rejectIfDisagree ? REJECT : NAK;
        }
        if (m_requestMagic && magic == m_wantMagic)
        {
            // 6.4: equal to the Magic-Number of our last Configure-Request:
            // maybe looped back; a Configure-Nak MUST suggest another value.
            NS_LOG_LOGIC("peer's Magic-Number " << magic << " equals ours");
            suggestion = ControlOption::MakeUint32(LCP_MAGIC_NUMBER, NewMagicNumber(magic));
            return NAK;
        }
        return ACCEPT;
    }
    default:
        return REJECT; // not implemented here: 5.4
    }
}

void
LcpPolicy::CommitPeer(const std::vector<ControlOption>& options)
{
    m_peerMru = DEFAULT_MRU;
    m_peerMagic = 0;
    for (const ControlOption& option : options)
    {
        if (option.GetType() == LCP_MRU)
        {
            option.GetUint16(m_peerMru);
        }
        else if (option.GetType() == LCP_MAGIC_NUMBER)
        {
            option.GetUint32(m_peerMagic);
        }
    }
}

void
LcpPolicy::NakSent(const std::vector<ControlOption>& suggestions)
{
    for (const ControlOption& option : suggestions)
    {
        if (option.GetType() == LCP_MAGIC_NUMBER && option.GetUint32(m_lastNakMagic))
        {
            m_nakMagicSent = true;
        }
    }
}

void
LcpPolicy::RequestAcked(const std::vector<ControlOption>& /* options */)
{
    m_localMru = m_requestMru ? m_wantMru : DEFAULT_MRU;
    m_localMagic = m_requestMagic ? m_wantMagic : 0;
    m_loops = 0;
}

bool
LcpPolicy::NakReceived(const std::vector<ControlOption>& options)
{
    for (const ControlOption& option : options)
    {
        if (option.GetType() == LCP_MRU)
        {
            uint16_t mru = 0;
            if (option.GetUint16(mru) && mru >= MIN_MRU &&
                (mru <= DEFAULT_MRU || mru <= m_config.mru))
            {
                m_requestMru = true;
                m_wantMru = mru;
            }
        }
        else if (option.GetType() == LCP_MAGIC_NUMBER && m_requestMagic)
        {
            uint32_t magic = 0;
            if (!option.GetUint32(magic))
            {
                continue;
            }
            // 6.4: equal to the Magic-Number of our last Configure-Nak:
            // the possibility of a loop-back increases; otherwise the link
            // is proven not looped back. Either way choose a new number.
            if (m_nakMagicSent && magic == m_lastNakMagic)
            {
                ++m_loops;
                NS_LOG_LOGIC("loop-back indication " << m_loops);
            }
            else
            {
                m_loops = 0;
            }
            m_wantMagic = NewMagicNumber(magic);
        }
        // Options we did not request (the peer wants them added) are not
        // implemented: left out of the next request.
    }
    return true;
}

bool
LcpPolicy::RejectReceived(const std::vector<ControlOption>& options)
{
    const std::vector<ControlOption> request = BuildRequest();
    if (options.empty() || !TypesFollowRequest(options, request))
    {
        return false;
    }
    for (const ControlOption& option : options)
    {
        for (const ControlOption& requested : request)
        {
            if (requested.GetType() == option.GetType() && requested != option)
            {
                return false; // 5.4: rejected options MUST NOT be modified
            }
        }
    }
    for (const ControlOption& option : options)
    {
        if (option.GetType() == LCP_MRU)
        {
            m_requestMru = false;
        }
        else if (option.GetType() == LCP_MAGIC_NUMBER)
        {
            m_requestMagic = false;
        }
    }
    return true;
}

uint32_t
LcpPolicy::GetLocalMagicNumber() const
{
    return m_localMagic;
}

uint32_t
LcpPolicy::GetPeerMagicNumber() const
{
    return m_peerMagic;
}

uint16_t
LcpPolicy::GetLocalMru() const
{
    return m_localMru;
}

uint16_t
LcpPolicy::GetPeerMru() const
{
    return m_peerMru;
}

uint32_t
LcpPolicy::GetLoopCount() const
{
    return m_loops;
}

bool
LcpPolicy::IsLoopedBack() const
{
    return m_config.loopbackFail > 0 && m_loops >= m_config.loopbackFail;
}

} // namespace ppp
} // namespace ns3
