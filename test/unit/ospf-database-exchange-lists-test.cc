// SPDX-License-Identifier: GPL-2.0-only
// RFC 2328 10.3, 10.6, 10.8, 10.9: the Database summary list and the Link
// state request list of a neighbor, and a whole database exchange between
// two NeighborFsm driven with them.
#include "ns3/ospf-database-exchange-lists.h"
#include "ns3/ospf-neighbor-fsm.h"

#include <catch2/catch.hpp>
#include <utility>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;

namespace
{

/// A Router-LSA header of router n, at `age` seconds, sequence `seq`.
LsaHeader
RouterLsa(int n, uint16_t age = 10, int32_t seq = INITIAL_SEQUENCE_NUMBER)
{
    LsaHeader h;
    h.SetType(LS_ROUTER);
    h.SetLinkStateId(Ipv4Address(uint32_t(n) * 0x01010101u));
    h.SetAdvertisingRouter(Ipv4Address(uint32_t(n) * 0x01010101u));
    h.SetAge(age);
    h.SetSequenceNumber(seq);
    return h;
}

std::vector<LsaKey>
Keys(const std::vector<LsaHeader>& headers)
{
    std::vector<LsaKey> keys;
    for (const LsaHeader& h : headers)
    {
        keys.push_back(h.GetKey());
    }
    return keys;
}

} // namespace

TEST_CASE("OSPF exchange lists: the Database summary list", "[ospf][exchange-lists]")
{
    DatabaseExchangeLists lists;
    // 10.3 NegotiationDone: "LSAs whose age is equal to MaxAge are instead
    // added to the neighbor's Link state retransmission list."
    const std::vector<LsaHeader> maxAge =
        lists.FillSummary({RouterLsa(1), RouterLsa(2, MAX_AGE), RouterLsa(3), RouterLsa(4)});
    CHECK(Keys(maxAge) == Keys({RouterLsa(2)}));
    CHECK(lists.GetSummarySize() == 3);

    // 10.8: each packet "describes the current top of the Database summary
    // list. Items are removed from the Database summary list when the
    // previous packet is acknowledged."
    CHECK(Keys(lists.Describe(2)) == Keys({RouterLsa(1), RouterLsa(3)}));
    CHECK(lists.MoreAfterDescribed());
    // A retransmission describes the same LSAs.
    CHECK(Keys(lists.Describe(2)) == Keys({RouterLsa(1), RouterLsa(3)}));
    lists.AcknowledgeDescribed();
    CHECK(lists.GetSummarySize() == 1);
    CHECK(Keys(lists.Describe(2)) == Keys({RouterLsa(4)}));
    CHECK_FALSE(lists.MoreAfterDescribed());
    lists.AcknowledgeDescribed();
    CHECK(lists.GetSummarySize() == 0);
    CHECK(lists.Describe(2).empty());
    CHECK_FALSE(lists.MoreAfterDescribed());
    // An acknowledgement with nothing described removes nothing.
    lists.FillSummary({RouterLsa(5)});
    lists.AcknowledgeDescribed();
    CHECK(lists.GetSummarySize() == 1);
}

TEST_CASE("OSPF exchange lists: the Link state request list", "[ospf][exchange-lists]")
{
    DatabaseExchangeLists lists;
    CHECK(lists.RequestListEmpty());
    lists.AddRequest(RouterLsa(1));
    lists.AddRequest(RouterLsa(2));
    lists.AddRequest(RouterLsa(3));
    // The same LSA listed again (a newer instance) keeps its place.
    lists.AddRequest(RouterLsa(1, 10, INITIAL_SEQUENCE_NUMBER + 4));
    CHECK(lists.GetRequestSize() == 3);
    // 10.9: "the beginning of the Link state request list".
    const std::vector<LsaHeader> first = lists.NextRequests(2);
    CHECK(Keys(first) == Keys({RouterLsa(1), RouterLsa(2)}));
    CHECK(first[0].GetSequenceNumber() == INITIAL_SEQUENCE_NUMBER + 4);
    REQUIRE(lists.FindRequest(RouterLsa(3).GetKey()) != nullptr);
    CHECK(lists.FindRequest(RouterLsa(9).GetKey()) == nullptr);
    // "the Link state request list is truncated" as the LSAs arrive.
    CHECK(lists.RemoveRequest(RouterLsa(2).GetKey()));
    CHECK_FALSE(lists.RemoveRequest(RouterLsa(2).GetKey()));
    CHECK(Keys(lists.NextRequests(5)) == Keys({RouterLsa(1), RouterLsa(3)}));
    lists.FillSummary({RouterLsa(7)});
    // 10.3: CLEAR_LISTS empties both.
    lists.Clear();
    CHECK(lists.RequestListEmpty());
    CHECK(lists.GetSummarySize() == 0);
}

namespace
{

/// One router's side of an adjacency: its neighbor FSM, lists, database.
struct Side
{
    Ipv4Address routerId;
    std::vector<LsaHeader> database;
    NeighborFsm fsm;
    DatabaseExchangeLists lists;
    bool lastSentMore = true; ///< M bit of the last DD this side sent

    Side(const char* id, uint32_t seq, std::vector<LsaHeader> db)
        : routerId(id)
        , database(std::move(db))
        , fsm(seq)
    {
    }

    NeighborContext
    Context() const
    {
        NeighborContext c; // point-to-point: always adjacent (10.4)
        c.requestListEmpty = lists.RequestListEmpty();
        return c;
    }

    bool
    Has(const LsaKey& key) const
    {
        for (const LsaHeader& h : database)
        {
            if (h.GetKey() == key)
            {
                return true;
            }
        }
        return false;
    }
};

/// A DD from `from`: the top of its summary list (at most 2 headers).
DdSummary
SendDd(Side& from, std::vector<LsaHeader>& headers)
{
    headers = from.lists.Describe(2);
    DdSummary d;
    d.master = from.fsm.IsMaster();
    d.more = from.lists.MoreAfterDescribed();
    d.sequence = from.fsm.GetDdSequence();
    d.options = OPTION_E;
    d.interfaceMtu = 1500;
    d.empty = headers.empty();
    from.lastSentMore = d.more;
    return d;
}

/// `to` receives a DD of `from` and does what 10.6 and 10.8 say.
DdVerdict
Deliver(Side& to, const Side& from, const DdSummary& dd, const std::vector<LsaHeader>& headers)
{
    const NeighborFsm::DdResult r =
        to.fsm.ReceiveDd(dd, to.Context(), to.routerId, from.routerId, 1500);
    if (r.actions.Has(NeighborActionType::LIST_DATABASE_SUMMARY))
    {
        to.lists.FillSummary(to.database);
    }
    const DdVerdict v = r.judgement.verdict;
    if (v == DdVerdict::ACCEPT || v == DdVerdict::NEGOTIATION_MASTER ||
        v == DdVerdict::NEGOTIATION_SLAVE)
    {
        // A packet accepted in sequence acknowledges the previous one we
        // sent (10.8), except the negotiation packet the slave answers.
        if (v != DdVerdict::NEGOTIATION_SLAVE)
        {
            to.lists.AcknowledgeDescribed();
        }
        // 10.6: LSAs we do not have go on the request list.
        for (const LsaHeader& h : headers)
        {
            REQUIRE(DdLsTypeAcceptable(h.GetType(), false));
            if (!to.Has(h.GetKey()))
            {
                to.lists.AddRequest(h);
            }
        }
    }
    return v;
}

} // namespace

TEST_CASE("OSPF exchange lists: a database exchange to Full", "[ospf][exchange-lists]")
{
    // Master 2.2.2.2 holds LSAs 1, 2, 3; slave 1.1.1.1 holds LSA 4. Both
    // describe two headers per DD.
    Side master("2.2.2.2", 500, {RouterLsa(1), RouterLsa(2), RouterLsa(3)});
    Side slave("1.1.1.1", 100, {RouterLsa(4)});
    for (Side* s : {&master, &slave})
    {
        s->fsm.ProcessEvent(NeighborEvent::HELLO_RECEIVED);
        s->fsm.ProcessEvent(NeighborEvent::TWO_WAY_RECEIVED, s->Context());
        REQUIRE(s->fsm.GetState() == NeighborState::EX_START);
    }
    std::vector<LsaHeader> headers;

    // ExStart: the master's empty I|M|MS makes the other side slave.
    DdSummary initial;
    initial.init = initial.more = initial.master = true;
    initial.sequence = master.fsm.GetDdSequence();
    initial.options = OPTION_E;
    initial.interfaceMtu = 1500;
    CHECK(Deliver(slave, master, initial, {}) == DdVerdict::NEGOTIATION_SLAVE);
    CHECK(slave.lists.GetSummarySize() == 1);

    // The slave's answer (seq 500, LSA 4) makes the master master.
    DdSummary dd = SendDd(slave, headers);
    CHECK(dd.sequence == 500);
    CHECK(Deliver(master, slave, dd, headers) == DdVerdict::NEGOTIATION_MASTER);
    CHECK(master.lists.GetSummarySize() == 3);
    CHECK(master.lists.GetRequestSize() == 1); // LSA 4

    int rounds = 0;
    bool slaveDone = false;
    bool masterDone = false;
    while (!(slaveDone && masterDone) && rounds++ < 10)
    {
        // Master polls (10.8: a new DD when the slave acknowledged).
        dd = SendDd(master, headers);
        CHECK(Deliver(slave, master, dd, headers) == DdVerdict::ACCEPT);
        // Slave answers; 10.6: it generates ExchangeDone when the master's
        // packet and its own answer both have M clear.
        const bool pollMore = dd.more;
        dd = SendDd(slave, headers);
        if (!slaveDone && ExchangeIsDone(pollMore, dd.more))
        {
            slave.fsm.ProcessEvent(NeighborEvent::EXCHANGE_DONE, slave.Context());
            slaveDone = true;
        }
        CHECK(Deliver(master, slave, dd, headers) == DdVerdict::ACCEPT);
        // The master, once its whole sequence is sent and the answer has
        // M clear.
        if (ExchangeIsDone(dd.more, master.lastSentMore))
        {
            master.fsm.ProcessEvent(NeighborEvent::EXCHANGE_DONE, master.Context());
            masterDone = true;
        }
    }
    // Two polls describe LSAs 1-2 and 3; the slave's second answer is its
    // last (10.6: "the slave always generates this event before the
    // master", here in the same round).
    CHECK(rounds == 2);
    CHECK(master.fsm.GetDdSequence() == 503);
    CHECK(slave.fsm.GetDdSequence() == 502);
    CHECK(slave.lists.GetSummarySize() == 0);
    CHECK(master.lists.GetSummarySize() == 0);

    // Both have LSAs to request: Loading.
    REQUIRE(slave.fsm.GetState() == NeighborState::LOADING);
    REQUIRE(master.fsm.GetState() == NeighborState::LOADING);
    CHECK(Keys(slave.lists.NextRequests(10)) == Keys({RouterLsa(1), RouterLsa(2), RouterLsa(3)}));
    CHECK(Keys(master.lists.NextRequests(10)) == Keys({RouterLsa(4)}));

    // The updates arrive: 10.9 "When the Link state request list becomes
    // empty, and the neighbor state is Loading ... the Loading Done neighbor
    // event is generated."
    for (int n : {1, 2, 3})
    {
        CHECK(slave.lists.RemoveRequest(RouterLsa(n).GetKey()));
    }
    CHECK(master.lists.RemoveRequest(RouterLsa(4).GetKey()));
    for (Side* s : {&master, &slave})
    {
        REQUIRE(s->lists.RequestListEmpty());
        s->fsm.ProcessEvent(NeighborEvent::LOADING_DONE);
        CHECK(s->fsm.GetState() == NeighborState::FULL);
    }
}
