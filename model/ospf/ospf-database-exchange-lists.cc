/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ospf-database-exchange-lists.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfDatabaseExchangeLists");

namespace ospf
{

std::vector<LsaHeader>
DatabaseExchangeLists::FillSummary(const std::vector<LsaHeader>& database)
{
    m_summary.clear();
    m_described = 0;
    std::vector<LsaHeader> maxAge;
    for (const LsaHeader& h : database)
    {
        // 10.3: "LSAs whose age is equal to MaxAge" (12.1.1: an LS age
        // never exceeds MaxAge).
        if (h.GetAge() >= MAX_AGE)
        {
            maxAge.push_back(h);
        }
        else
        {
            m_summary.push_back(h);
        }
    }
    NS_LOG_LOGIC(m_summary.size() << " headers to describe, " << maxAge.size() << " at MaxAge");
    return maxAge;
}

std::vector<LsaHeader>
DatabaseExchangeLists::Describe(std::size_t max)
{
    m_described = std::min(max, m_summary.size());
    return std::vector<LsaHeader>(m_summary.begin(), m_summary.begin() + m_described);
}

void
DatabaseExchangeLists::AcknowledgeDescribed()
{
    m_summary.erase(m_summary.begin(), m_summary.begin() + m_described);
    m_described = 0;
}

bool
DatabaseExchangeLists::MoreAfterDescribed() const
{
    return m_summary.size() > m_described;
}

std::size_t
DatabaseExchangeLists::GetSummarySize() const
{
    return m_summary.size();
}

void
DatabaseExchangeLists::AddRequest(const LsaHeader& header)
{
    const LsaKey key = header.GetKey();
    for (LsaHeader& h : m_requests)
    {
        if (h.GetKey() == key)
        {
            h = header;
            return;
        }
    }
    m_requests.push_back(header);
}

std::vector<LsaHeader>
DatabaseExchangeLists::NextRequests(std::size_t max) const
{
    const std::size_t n = std::min(max, m_requests.size());
    return std::vector<LsaHeader>(m_requests.begin(), m_requests.begin() + n);
}

const LsaHeader*
DatabaseExchangeLists::FindRequest(const LsaKey& key) const
{
    for (const LsaHeader& h : m_requests)
    {
        if (h.GetKey() == key)
        {
            return &h;
        }
    }
    return nullptr;
}

bool
DatabaseExchangeLists::RemoveRequest(const LsaKey& key)
{
    auto it = std::find_if(m_requests.begin(), m_requests.end(), [&key](const LsaHeader& h) {
        return h.GetKey() == key;
    });
    if (it == m_requests.end())
    {
        return false;
    }
    m_requests.erase(it);
    return true;
}

bool
DatabaseExchangeLists::RequestListEmpty() const
{
    return m_requests.empty();
}

std::size_t
DatabaseExchangeLists::GetRequestSize() const
{
    return m_requests.size();
}

void
DatabaseExchangeLists::Clear()
{
    m_summary.clear();
    m_described = 0;
    m_requests.clear();
}

} // namespace ospf
} // namespace ns3
