/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-label-actions.h"

#include "ldp-status.h"

#include <algorithm>
#include <iterator>
#include <string>

namespace ns3
{
namespace ldp
{

bool
NextHop::operator==(const NextHop& o) const
{
    return address == o.address && outDevice == o.outDevice;
}

bool
NextHop::operator!=(const NextHop& o) const
{
    return !(*this == o);
}

bool
LfibChange::operator==(const LfibChange& o) const
{
    return table == o.table && kind == o.kind && fec == o.fec && inLabel == o.inLabel &&
           nhlfe == o.nhlfe && outLabel == o.outLabel && nextHop == o.nextHop;
}

bool
LabelMessage::operator==(const LabelMessage& o) const
{
    return type == o.type && peer == o.peer && wildcard == o.wildcard &&
           (wildcard || fec == o.fec) && label == o.label && status == o.status &&
           requestId == o.requestId;
}

bool
EngineOutput::Empty() const
{
    return lfib.empty() && messages.empty();
}

std::vector<LabelMessage>
EngineOutput::MessagesOf(LabelMessage::Type type) const
{
    std::vector<LabelMessage> out;
    std::copy_if(
        messages.begin(), messages.end(), std::back_inserter(out), [type](const LabelMessage& m) {
            return m.type == type;
        });
    return out;
}

std::ostream&
operator<<(std::ostream& os, EgressLabel mode)
{
    switch (mode)
    {
    case EgressLabel::IMPLICIT_NULL:
        return os << "implicit-null";
    case EgressLabel::EXPLICIT_NULL:
        return os << "explicit-null";
    case EgressLabel::NON_NULL:
        return os << "non-null";
    }
    return os << "EgressLabel(" << static_cast<int>(mode) << ")";
}

std::ostream&
operator<<(std::ostream& os, const NextHop& nh)
{
    return os << nh.address << " dev " << nh.outDevice;
}

std::ostream&
operator<<(std::ostream& os, const LfibChange& c)
{
    os << (c.kind == LfibChange::ADD ? "add " : "remove ")
       << (c.table == LfibChange::FTN ? "FTN " : "ILM ") << c.fec;
    if (c.table == LfibChange::ILM)
    {
        os << " in " << c.inLabel;
    }
    if (c.kind == LfibChange::ADD)
    {
        os << " " << c.nhlfe;
    }
    return os;
}

std::ostream&
operator<<(std::ostream& os, const LabelMessage& m)
{
    static const char* const names[] = {"Mapping", "Withdraw", "Release", "Notification"};
    os << names[m.type] << " to " << m.peer << " ";
    if (m.wildcard)
    {
        os << "wildcard";
    }
    else
    {
        os << m.fec;
    }
    if (m.label)
    {
        os << " label " << *m.label;
    }
    if (m.type == LabelMessage::NOTIFICATION)
    {
        os << " " << StatusCodeName(m.status);
    }
    return os;
}

} // namespace ldp
} // namespace ns3
