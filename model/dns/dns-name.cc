// SPDX-License-Identifier: GPL-2.0-only
#include "dns-name.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnsName");

namespace dns
{

namespace
{
/// RFC 1035 4.1.4: the two high bits of a length octet.
constexpr uint8_t LABEL_TYPE_MASK = 0xc0;
constexpr uint8_t LABEL_TYPE_NORMAL = 0x00;
constexpr uint8_t LABEL_TYPE_POINTER = 0xc0;

char
LowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool
EqualIgnoringCase(const std::string& a, const std::string& b)
{
    if (a.size() != b.size())
    {
        return false;
    }
    for (size_t i = 0; i < a.size(); ++i)
    {
        if (LowerAscii(a[i]) != LowerAscii(b[i]))
        {
            return false;
        }
    }
    return true;
}
} // namespace

std::string
ErrorName(DecodeError error)
{
    switch (error)
    {
    case DecodeError::OK:
        return "OK";
    case DecodeError::TRUNCATED_HEADER:
        return "TRUNCATED_HEADER";
    case DecodeError::TRUNCATED_NAME:
        return "TRUNCATED_NAME";
    case DecodeError::BAD_LABEL:
        return "BAD_LABEL";
    case DecodeError::POINTER_LOOP:
        return "POINTER_LOOP";
    case DecodeError::POINTER_OUT_OF_RANGE:
        return "POINTER_OUT_OF_RANGE";
    case DecodeError::NAME_TOO_LONG:
        return "NAME_TOO_LONG";
    case DecodeError::TRUNCATED_QUESTION:
        return "TRUNCATED_QUESTION";
    case DecodeError::TRUNCATED_RECORD:
        return "TRUNCATED_RECORD";
    case DecodeError::BAD_RDATA:
        return "BAD_RDATA";
    case DecodeError::COUNT_MISMATCH:
        return "COUNT_MISMATCH";
    case DecodeError::TRAILING_BYTES:
        return "TRAILING_BYTES";
    }
    return "Error " + std::to_string(static_cast<int>(error));
}

std::ostream&
operator<<(std::ostream& os, DecodeError error)
{
    return os << ErrorName(error);
}

std::optional<Name>
Name::Parse(const std::string& text)
{
    std::vector<std::string> labels;
    if (text.empty() || text == ".")
    {
        return Name();
    }
    // One trailing dot marks the name as absolute; it adds no label.
    const std::string body = text.back() == '.' ? text.substr(0, text.size() - 1) : text;
    size_t start = 0;
    while (true)
    {
        const size_t dot = body.find('.', start);
        labels.push_back(body.substr(start, dot == std::string::npos ? dot : dot - start));
        if (dot == std::string::npos)
        {
            break;
        }
        start = dot + 1;
    }
    return FromLabels(labels);
}

std::optional<Name>
Name::FromLabels(const std::vector<std::string>& labels)
{
    Name name;
    size_t length = 1; // the root's zero octet
    for (const std::string& label : labels)
    {
        if (label.empty() || label.size() > MAX_LABEL_LENGTH)
        {
            return std::nullopt;
        }
        length += 1 + label.size();
    }
    if (length > MAX_NAME_LENGTH)
    {
        return std::nullopt;
    }
    name.m_labels = labels;
    return name;
}

const std::vector<std::string>&
Name::GetLabels() const
{
    return m_labels;
}

bool
Name::IsRoot() const
{
    return m_labels.empty();
}

size_t
Name::GetWireLength() const
{
    size_t length = 1;
    for (const std::string& label : m_labels)
    {
        length += 1 + label.size();
    }
    return length;
}

std::string
Name::ToString() const
{
    if (m_labels.empty())
    {
        return ".";
    }
    std::string text;
    for (const std::string& label : m_labels)
    {
        if (!text.empty())
        {
            text += '.';
        }
        text += label;
    }
    return text;
}

bool
Name::operator==(const Name& other) const
{
    if (m_labels.size() != other.m_labels.size())
    {
        return false;
    }
    for (size_t i = 0; i < m_labels.size(); ++i)
    {
        if (!EqualIgnoringCase(m_labels[i], other.m_labels[i]))
        {
            return false;
        }
    }
    return true;
}

bool
Name::operator!=(const Name& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const Name& name)
{
    return os << name.ToString();
}

DecodeError
ReadName(const uint8_t* message, size_t size, size_t offset, Name& name, size_t& next)
{
    std::vector<std::string> labels;
    size_t length = 1; // the root's zero octet
    size_t position = offset;
    size_t runStart = offset; // first octet of the labels the next pointer ends
    bool jumped = false;
    size_t after = 0;
    while (true)
    {
        if (position >= size)
        {
            return DecodeError::TRUNCATED_NAME;
        }
        const uint8_t octet = message[position];
        const uint8_t type = octet & LABEL_TYPE_MASK;
        if (type == LABEL_TYPE_POINTER)
        {
            if (position + 1 >= size)
            {
                return DecodeError::TRUNCATED_NAME;
            }
            const size_t target = ((octet & ~LABEL_TYPE_MASK) << 8) | message[position + 1];
            if (target >= size)
            {
                return DecodeError::POINTER_OUT_OF_RANGE;
            }
            // 4.1.4: a pointer refers to a prior occurrence; requiring each
            // jump to go backwards also bounds the walk.
            if (target >= runStart)
            {
                return DecodeError::POINTER_LOOP;
            }
            if (!jumped)
            {
                after = position + 2;
                jumped = true;
            }
            position = target;
            runStart = target;
            continue;
        }
        if (type != LABEL_TYPE_NORMAL)
        {
            return DecodeError::BAD_LABEL; // 01 and 10 are reserved (4.1.4)
        }
        if (octet == 0)
        {
            if (!jumped)
            {
                after = position + 1;
            }
            break;
        }
        length += 1 + octet;
        if (length > MAX_NAME_LENGTH)
        {
            return DecodeError::NAME_TOO_LONG;
        }
        if (position + 1 + octet > size)
        {
            return DecodeError::TRUNCATED_NAME;
        }
        labels.emplace_back(reinterpret_cast<const char*>(message + position + 1), octet);
        position += 1 + octet;
    }
    // Every label is 1 to 63 octets (a 6-bit length, zero ends) and the
    // total was checked, so this cannot fail.
    name = *Name::FromLabels(labels);
    next = after;
    return DecodeError::OK;
}

void
NameCompressor::Write(const Name& name, std::vector<uint8_t>& message)
{
    const std::vector<std::string>& labels = name.GetLabels();
    for (size_t i = 0; i < labels.size(); ++i)
    {
        const std::vector<std::string> suffix(labels.begin() + i, labels.end());
        const auto found = m_suffixes.find(suffix);
        if (found != m_suffixes.end())
        {
            message.push_back(static_cast<uint8_t>(LABEL_TYPE_POINTER | (found->second >> 8)));
            message.push_back(static_cast<uint8_t>(found->second & 0xff));
            return;
        }
        if (message.size() <= MAX_POINTER_OFFSET)
        {
            m_suffixes.emplace(suffix, static_cast<uint16_t>(message.size()));
        }
        message.push_back(static_cast<uint8_t>(labels[i].size()));
        message.insert(message.end(), labels[i].begin(), labels[i].end());
    }
    message.push_back(0);
}

} // namespace dns
} // namespace ns3
