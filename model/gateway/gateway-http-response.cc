/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "gateway-http-response.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GatewayHttpResponse");
namespace gateway
{

std::string
ReasonPhrase(uint16_t status)
{
    switch (status)
    {
    case 200:
        return "OK";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 431:
        return "Request Header Fields Too Large"; // RFC 6585 5
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "";
    }
}

std::string
HttpResponse::Serialize() const
{
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " +
                      (reason.empty() ? ReasonPhrase(status) : reason) + "\r\n";
    if (!contentType.empty())
    {
        out += "Content-Type: " + contentType + "\r\n";
    }
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    if (close)
    {
        out += "Connection: close\r\n";
    }
    for (const HttpField& field : fields)
    {
        out += field.name + ": " + field.value + "\r\n";
    }
    out += "\r\n";
    if (!headOnly)
    {
        out += body;
    }
    return out;
}

std::optional<std::string>
HttpResponse::GetField(const std::string& name) const
{
    for (const HttpField& field : fields)
    {
        if (EqualsIgnoreCase(field.name, name))
        {
            return field.value;
        }
    }
    return std::nullopt;
}

std::string
ErrorName(HttpResponseError error)
{
    switch (error)
    {
    case HttpResponseError::OK:
        return "OK";
    case HttpResponseError::BAD_STATUS_LINE:
        return "BAD_STATUS_LINE";
    case HttpResponseError::BAD_FIELD:
        return "BAD_FIELD";
    case HttpResponseError::BAD_CONTENT_LENGTH:
        return "BAD_CONTENT_LENGTH";
    case HttpResponseError::TOO_LARGE:
        return "TOO_LARGE";
    }
    return "UNKNOWN";
}

HttpResponseParser::HttpResponseParser(size_t maxSize)
    : m_maxSize(maxSize)
{
}

void
HttpResponseParser::Feed(const uint8_t* data, size_t size)
{
    if (m_error == HttpResponseError::OK)
    {
        m_buffer.append(reinterpret_cast<const char*>(data), size);
    }
}

void
HttpResponseParser::Feed(const std::string& data)
{
    Feed(reinterpret_cast<const uint8_t*>(data.data()), data.size());
}

HttpResponseError
HttpResponseParser::GetError() const
{
    return m_error;
}

ParseStatus
HttpResponseParser::Fail(HttpResponseError error)
{
    m_error = error;
    m_buffer.clear();
    return ParseStatus::ERROR;
}

ParseStatus
HttpResponseParser::Next(HttpResponse& response)
{
    if (m_error != HttpResponseError::OK)
    {
        return ParseStatus::ERROR;
    }
    const size_t end = m_buffer.find("\r\n\r\n");
    if (end == std::string::npos)
    {
        return m_buffer.size() > m_maxSize ? Fail(HttpResponseError::TOO_LARGE)
                                           : ParseStatus::NEED_MORE;
    }
    HttpResponse r;
    // Status line (RFC 9112 4): HTTP-version SP status-code SP [reason-phrase].
    size_t lineEnd = m_buffer.find("\r\n");
    const std::string statusLine = m_buffer.substr(0, lineEnd);
    bool valid = statusLine.size() >= 12 && statusLine.compare(0, 5, "HTTP/") == 0 &&
                 statusLine[6] == '.' && statusLine[8] == ' ' &&
                 (statusLine.size() == 12 || statusLine[12] == ' ');
    for (size_t i : {5, 7, 9, 10, 11})
    {
        valid = valid && statusLine[i] >= '0' && statusLine[i] <= '9';
    }
    if (!valid)
    {
        return Fail(HttpResponseError::BAD_STATUS_LINE);
    }
    r.status = static_cast<uint16_t>(std::stoi(statusLine.substr(9, 3)));
    r.reason = statusLine.size() > 13 ? statusLine.substr(13) : "";
    // Field lines up to the empty line.
    size_t pos = lineEnd + 2;
    while (pos < end + 2)
    {
        lineEnd = m_buffer.find("\r\n", pos);
        const std::string line = m_buffer.substr(pos, lineEnd - pos);
        pos = lineEnd + 2;
        const size_t colon = line.find(':');
        if (colon == std::string::npos || colon == 0)
        {
            return Fail(HttpResponseError::BAD_FIELD);
        }
        HttpField field;
        field.name = line.substr(0, colon);
        const size_t begin = line.find_first_not_of(" \t", colon + 1);
        const size_t last = line.find_last_not_of(" \t");
        field.value = begin == std::string::npos ? "" : line.substr(begin, last + 1 - begin);
        r.fields.push_back(field);
    }
    size_t length = 0;
    const bool bodiless = r.status < 200 || r.status == 204 || r.status == 304;
    if (!bodiless)
    {
        const std::optional<std::string> value = r.GetField("Content-Length");
        if (!value || value->empty() || value->size() > 9 ||
            value->find_first_not_of("0123456789") != std::string::npos)
        {
            return Fail(HttpResponseError::BAD_CONTENT_LENGTH);
        }
        length = std::stoul(*value);
    }
    const size_t bodyStart = end + 4;
    if (bodyStart + length > m_maxSize)
    {
        return Fail(HttpResponseError::TOO_LARGE);
    }
    if (m_buffer.size() < bodyStart + length)
    {
        return ParseStatus::NEED_MORE;
    }
    r.body = m_buffer.substr(bodyStart, length);
    m_buffer.erase(0, bodyStart + length);
    HttpRequest asList; // reuses the list reading of Connection
    asList.fields = r.fields;
    r.close = asList.HasToken("Connection", "close");
    response = std::move(r);
    return ParseStatus::REQUEST;
}

} // namespace gateway
} // namespace ns3
