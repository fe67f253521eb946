// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-decoded-message.h"

#include "ns3/log.h"

#include <cctype>
#include <cstdio>
#include <sstream>

namespace ns3
{
namespace decode
{

NS_LOG_COMPONENT_DEFINE("IpvpnDecodedMessage");

DecodedMessage::DecodedMessage(std::string protocolName, std::string typeName)
    : protocol(std::move(protocolName)),
      type(std::move(typeName))
{
}

DecodedMessage
DecodedMessage::Malformed(const std::string& protocolName, const std::string& reason)
{
    DecodedMessage message(protocolName, "malformed");
    message.Add("reason", ReasonToken(reason));
    return message;
}

DecodedMessage&
DecodedMessage::Add(const std::string& key, const std::string& value)
{
    fields.emplace_back(key, Token(value));
    return *this;
}

DecodedMessage&
DecodedMessage::Add(const std::string& key, uint64_t value)
{
    fields.emplace_back(key, std::to_string(value));
    return *this;
}

DecodedMessage&
DecodedMessage::AddWords(const std::string& words)
{
    std::istringstream in(words);
    std::string word;
    while (in >> word)
    {
        const auto eq = word.find('=');
        if (eq == std::string::npos)
        {
            fields.emplace_back(Token(word), "");
        }
        else
        {
            fields.emplace_back(Token(word.substr(0, eq)), Token(word.substr(eq + 1)));
        }
    }
    return *this;
}

bool
DecodedMessage::IsMalformed() const
{
    return type == "malformed";
}

std::string
DecodedMessage::Get(const std::string& key) const
{
    for (const auto& field : fields)
    {
        if (field.first == key)
        {
            return field.second;
        }
    }
    return "";
}

std::string
DecodedMessage::ToLine() const
{
    char time[48];
    std::snprintf(time,
                  sizeof(time),
                  "%llu.%06u",
                  static_cast<unsigned long long>(seconds),
                  static_cast<unsigned>(nanoseconds / 1000));
    std::string line = std::to_string(frame) + " " + time + " " + Token(protocol) + " " + Token(type);
    for (const auto& field : fields)
    {
        line += " " + field.first + "=" + field.second;
    }
    return line;
}

std::string
Token(const std::string& text)
{
    std::string out;
    bool space = false;
    for (char c : text)
    {
        const auto u = static_cast<unsigned char>(c);
        if (std::isspace(u))
        {
            space = !out.empty();
            continue;
        }
        if (!std::isalnum(u) && std::string("._:/,+*-").find(c) == std::string::npos)
        {
            continue;
        }
        if (space)
        {
            out += '-';
            space = false;
        }
        out += c;
    }
    return out.empty() ? "-" : out;
}

std::string
ReasonToken(const std::string& text)
{
    std::string out = Token(text);
    for (char& c : out)
    {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string
Hex16(uint16_t value)
{
    char text[8];
    std::snprintf(text, sizeof(text), "0x%04x", static_cast<unsigned>(value));
    return text;
}

std::string
Hex32(uint32_t value)
{
    char text[12];
    std::snprintf(text, sizeof(text), "0x%08x", static_cast<unsigned>(value));
    return text;
}

} // namespace decode
} // namespace ns3
