/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ospf-dr-election.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfDrElection");

namespace ospf
{

namespace
{

/// A router of the list with the declarations the current pass uses.
struct Candidate
{
    const ElectionRouter* router;
    bool declaresDr;  ///< lists itself as Designated Router
    bool declaresBdr; ///< lists itself as Backup, but not as Designated Router
};

/// 9.4: "the one having highest Router Priority ... In case of a tie, the
/// one having the highest Router ID is chosen".
bool
Outranks(const ElectionRouter& a, const ElectionRouter& b)
{
    if (a.priority != b.priority)
    {
        return a.priority > b.priority;
    }
    return a.routerId.Get() > b.routerId.Get();
}

const ElectionRouter*
Best(const std::vector<const ElectionRouter*>& routers)
{
    const ElectionRouter* best = nullptr;
    for (const ElectionRouter* r : routers)
    {
        if (best == nullptr || Outranks(*r, *best))
        {
            best = r;
        }
    }
    return best;
}

Candidate
Declarations(const ElectionRouter& r, Ipv4Address dr, Ipv4Address bdr)
{
    Candidate c;
    c.router = &r;
    c.declaresDr = dr == r.address;
    c.declaresBdr = !c.declaresDr && bdr == r.address;
    return c;
}

/// Steps 2 and 3 over the list; `dr`/`bdr` receive the elected routers.
void
StepsTwoAndThree(const std::vector<Candidate>& list,
                 const ElectionRouter*& dr,
                 const ElectionRouter*& bdr)
{
    // Step 2: only routers not declaring themselves Designated Router may
    // become Backup; those declaring themselves Backup come first.
    std::vector<const ElectionRouter*> declaringBdr;
    std::vector<const ElectionRouter*> eligibleBdr;
    std::vector<const ElectionRouter*> declaringDr;
    for (const Candidate& c : list)
    {
        if (c.declaresDr)
        {
            declaringDr.push_back(c.router);
            continue;
        }
        eligibleBdr.push_back(c.router);
        if (c.declaresBdr)
        {
            declaringBdr.push_back(c.router);
        }
    }
    bdr = !declaringBdr.empty() ? Best(declaringBdr) : Best(eligibleBdr);
    // Step 3: the best router declaring itself Designated Router, else the
    // newly elected Backup.
    dr = !declaringDr.empty() ? Best(declaringDr) : bdr;
}

} // namespace

ElectionResult
ElectDesignatedRouter(const ElectionRouter& self, const std::vector<ElectionRouter>& neighbors)
{
    // Step 1: the current values, from Router X's own declarations.
    const Ipv4Address oldDr = self.declaredDr;
    const Ipv4Address oldBdr = self.declaredBdr;
    const bool wasDr = oldDr == self.address;
    const bool wasBdr = !wasDr && oldBdr == self.address;

    // The list: Router X and its bidirectional neighbors, without the
    // routers of Router Priority 0.
    std::vector<Candidate> list;
    const bool selfEligible = self.priority != 0;
    if (selfEligible)
    {
        list.push_back(Declarations(self, oldDr, oldBdr));
    }
    for (const ElectionRouter& n : neighbors)
    {
        if (n.priority != 0)
        {
            list.push_back(Declarations(n, n.declaredDr, n.declaredBdr));
        }
    }

    const ElectionRouter* dr = nullptr;
    const ElectionRouter* bdr = nullptr;
    StepsTwoAndThree(list, dr, bdr);

    // Step 4: Router X newly (Backup) Designated Router, or no longer:
    // X now declares what steps 2 and 3 gave it, and they run again.
    const bool isDr = dr == &self;
    const bool isBdr = bdr == &self;
    ElectionResult result;
    if (isDr != wasDr || isBdr != wasBdr)
    {
        result.repeated = true;
        if (selfEligible)
        {
            const Ipv4Address newDr = dr != nullptr ? dr->address : Ipv4Address::GetAny();
            const Ipv4Address newBdr = bdr != nullptr ? bdr->address : Ipv4Address::GetAny();
            list.front() = Declarations(self, newDr, newBdr);
        }
        StepsTwoAndThree(list, dr, bdr);
    }

    result.dr = dr != nullptr ? dr->address : Ipv4Address::GetAny();
    result.bdr = bdr != nullptr ? bdr->address : Ipv4Address::GetAny();
    result.drRouterId = dr != nullptr ? dr->routerId : Ipv4Address::GetAny();
    result.bdrRouterId = bdr != nullptr ? bdr->routerId : Ipv4Address::GetAny();
    // Step 5 reads the router's own role from the result.
    result.selfIsDr = dr == &self;
    result.selfIsBdr = !result.selfIsDr && bdr == &self;
    // Step 7: a changed identity re-examines every bidirectional neighbor.
    result.changed = result.dr != oldDr || result.bdr != oldBdr;
    if (result.changed)
    {
        for (const ElectionRouter& n : neighbors)
        {
            result.adjOk.push_back(n.address);
        }
    }
    NS_LOG_LOGIC("router " << self.routerId << ": " << result);
    return result;
}

std::ostream&
operator<<(std::ostream& os, const ElectionResult& result)
{
    os << "DR " << result.dr << " BDR " << result.bdr;
    if (result.repeated)
    {
        os << " (steps 2-3 repeated)";
    }
    if (result.changed)
    {
        os << " (changed)";
    }
    return os;
}

} // namespace ospf
} // namespace ns3
