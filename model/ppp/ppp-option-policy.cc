// SPDX-License-Identifier: GPL-2.0-only
#include "ppp-option-policy.h"

#include "ns3/log.h"
#include "ns3/ppp-control-header.h"

namespace ns3
{
namespace ppp
{

NS_LOG_COMPONENT_DEFINE("PppOptionPolicy");

ConfigureVerdict
OptionPolicy::JudgeRequest(const std::vector<ControlOption>& options, bool rejectIfDisagree)
{
    std::vector<ControlOption> rejects;
    std::vector<ControlOption> naks;
    for (const ControlOption& option : options)
    {
        ControlOption suggestion;
        switch (JudgeOption(option, rejectIfDisagree, suggestion))
        {
        case ACCEPT:
            break;
        case NAK:
            naks.push_back(suggestion);
            break;
        case REJECT:
            // 5.4: the rejected options, unmodified, in the order received.
            rejects.push_back(option);
            break;
        }
    }
    ConfigureVerdict verdict;
    if (!rejects.empty())
    {
        // 5.4 before 5.3: Reject what cannot be negotiated at all first.
        verdict.code = CONFIGURE_REJECT;
        verdict.options = rejects;
        return verdict;
    }
    for (const ControlOption& extra : MissingOptions(options, rejectIfDisagree))
    {
        naks.push_back(extra);
    }
    if (!naks.empty())
    {
        verdict.code = CONFIGURE_NAK;
        verdict.options = naks;
        NakSent(naks);
        return verdict;
    }
    // 5.2: every option recognizable and acceptable; the Ack echoes them.
    verdict.code = CONFIGURE_ACK;
    verdict.options = options;
    CommitPeer(options);
    return verdict;
}

uint32_t
OptionPolicy::GetLocalMagicNumber() const
{
    return 0;
}

std::vector<ControlOption>
OptionPolicy::MissingOptions(const std::vector<ControlOption>& /* options */,
                             bool /* rejectIfDisagree */)
{
    return {};
}

void
OptionPolicy::NakSent(const std::vector<ControlOption>& /* suggestions */)
{
}

bool
OptionPolicy::TypesFollowRequest(const std::vector<ControlOption>& answer,
                                 const std::vector<ControlOption>& request)
{
    std::size_t next = 0;
    for (const ControlOption& option : answer)
    {
        while (next < request.size() && request[next].GetType() != option.GetType())
        {
            ++next;
        }
        if (next == request.size())
        {
            return false;
        }
        ++next;
    }
    return true;
}

} // namespace ppp
} // namespace ns3
