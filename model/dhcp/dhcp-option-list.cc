/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dhcp-option-list.h"

#include <algorithm>

namespace ns3
{
namespace dhcp
{

namespace
{
constexpr uint8_t PAD = 0;
constexpr uint8_t END = 255;
} // namespace

const std::vector<OptionList::Option>&
OptionList::GetAll() const
{
    return m_options;
}

bool
OptionList::Has(uint8_t code) const
{
    return Find(code) != nullptr;
}

const std::vector<uint8_t>*
OptionList::Find(uint8_t code) const
{
    for (const Option& option : m_options)
    {
        if (option.first == code)
        {
            return &option.second;
        }
    }
    return nullptr;
}

void
OptionList::Set(uint8_t code, const std::vector<uint8_t>& value)
{
    if (code == PAD || code == END)
    {
        return;
    }
    for (Option& option : m_options)
    {
        if (option.first == code)
        {
            option.second = value;
            return;
        }
    }
    m_options.emplace_back(code, value);
}

void
OptionList::Remove(uint8_t code)
{
    m_options.erase(std::remove_if(m_options.begin(),
                                   m_options.end(),
                                   [code](const Option& o) {
                                       return o.first == code;
                                   }),
                    m_options.end());
}

void
OptionList::Clear()
{
    m_options.clear();
}

uint32_t
OptionList::GetSerializedSize() const
{
    uint32_t size = 1; // End
    for (const Option& option : m_options)
    {
        // RFC 3396 section 5: a value over 255 octets goes in several options.
        const uint32_t len = option.second.size();
        const uint32_t pieces = len == 0 ? 1 : (len + 254) / 255;
        size += 2 * pieces + len;
    }
    return size;
}

void
OptionList::Write(Buffer::Iterator& i) const
{
    for (const Option& option : m_options)
    {
        const std::vector<uint8_t>& v = option.second;
        size_t done = 0;
        do
        {
            const size_t piece = std::min<size_t>(255, v.size() - done);
            i.WriteU8(option.first);
            i.WriteU8(static_cast<uint8_t>(piece));
            if (piece > 0)
            {
                i.Write(v.data() + done, piece);
            }
            done += piece;
        } while (done < v.size());
    }
    i.WriteU8(END);
}

OptionList::ReadResult
OptionList::Read(Buffer::Iterator& i, uint32_t length, uint8_t& badCode)
{
    m_options.clear();
    uint32_t left = length;
    while (left > 0)
    {
        const uint8_t code = i.ReadU8();
        --left;
        if (code == PAD)
        {
            continue;
        }
        if (code == END)
        {
            return READ_OK;
        }
        if (left == 0)
        {
            badCode = code;
            return READ_OVERRUN;
        }
        const uint8_t len = i.ReadU8();
        --left;
        if (len > left)
        {
            badCode = code;
            return READ_OVERRUN;
        }
        std::vector<uint8_t> value(len);
        if (len > 0)
        {
            i.Read(value.data(), len);
        }
        left -= len;
        // RFC 3396 section 5: repeated instances are concatenated.
        auto it = std::find_if(m_options.begin(), m_options.end(), [code](const Option& o) {
            return o.first == code;
        });
        if (it != m_options.end())
        {
            it->second.insert(it->second.end(), value.begin(), value.end());
        }
        else
        {
            m_options.emplace_back(code, std::move(value));
        }
    }
    return READ_MISSING_END;
}

bool
OptionList::operator==(const OptionList& other) const
{
    return m_options == other.m_options;
}

} // namespace dhcp
} // namespace ns3
