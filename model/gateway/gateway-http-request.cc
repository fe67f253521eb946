/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "gateway-http-request.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GatewayHttpRequest");
namespace gateway
{

namespace
{

bool
IsWhitespace(char c)
{
    return c == ' ' || c == '\t';
}

char
Lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string
Trim(const std::string& text)
{
    size_t begin = 0;
    size_t end = text.size();
    while (begin < end && IsWhitespace(text[begin]))
    {
        ++begin;
    }
    while (end > begin && IsWhitespace(text[end - 1]))
    {
        --end;
    }
    return text.substr(begin, end - begin);
}

/// Comma-separated list elements (RFC 9110 5.6.1), trimmed, empty ones dropped.
std::vector<std::string>
SplitList(const std::string& value)
{
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= value.size())
    {
        size_t comma = value.find(',', start);
        if (comma == std::string::npos)
        {
            comma = value.size();
        }
        const std::string item = Trim(value.substr(start, comma - start));
        if (!item.empty())
        {
            items.push_back(item);
        }
        start = comma + 1;
    }
    return items;
}

int
HexValue(char c)
{
    if (c >= '0' && c <= '9')
    {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f')
    {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F')
    {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

std::string
ErrorName(HttpError error)
{
    switch (error)
    {
    case HttpError::OK:
        return "OK";
    case HttpError::BAD_REQUEST_LINE:
        return "BAD_REQUEST_LINE";
    case HttpError::BAD_METHOD:
        return "BAD_METHOD";
    case HttpError::BAD_TARGET:
        return "BAD_TARGET";
    case HttpError::BAD_VERSION:
        return "BAD_VERSION";
    case HttpError::VERSION_NOT_SUPPORTED:
        return "VERSION_NOT_SUPPORTED";
    case HttpError::BARE_CR:
        return "BARE_CR";
    case HttpError::REQUEST_LINE_TOO_LONG:
        return "REQUEST_LINE_TOO_LONG";
    case HttpError::HEADER_SECTION_TOO_LARGE:
        return "HEADER_SECTION_TOO_LARGE";
    case HttpError::BAD_FIELD_NAME:
        return "BAD_FIELD_NAME";
    case HttpError::SPACE_BEFORE_COLON:
        return "SPACE_BEFORE_COLON";
    case HttpError::OBS_FOLD:
        return "OBS_FOLD";
    case HttpError::BAD_FIELD_VALUE:
        return "BAD_FIELD_VALUE";
    case HttpError::MISSING_HOST:
        return "MISSING_HOST";
    case HttpError::DUPLICATE_HOST:
        return "DUPLICATE_HOST";
    case HttpError::BAD_CONTENT_LENGTH:
        return "BAD_CONTENT_LENGTH";
    case HttpError::BODY_TOO_LARGE:
        return "BODY_TOO_LARGE";
    case HttpError::TRANSFER_ENCODING:
        return "TRANSFER_ENCODING";
    }
    return "UNKNOWN";
}

std::ostream&
operator<<(std::ostream& os, HttpError error)
{
    return os << ErrorName(error);
}

uint16_t
StatusForError(HttpError error)
{
    switch (error)
    {
    case HttpError::OK:
        return 0;
    case HttpError::REQUEST_LINE_TOO_LONG:
        return 414; // RFC 9112 3, RFC 9110 15.5.15
    case HttpError::HEADER_SECTION_TOO_LARGE:
        return 431; // RFC 6585 5
    case HttpError::BODY_TOO_LARGE:
        return 413; // RFC 9110 15.5.14
    case HttpError::TRANSFER_ENCODING:
        return 501; // RFC 9112 6.1
    case HttpError::VERSION_NOT_SUPPORTED:
        return 505; // RFC 9110 15.6.6
    default:
        return 400; // RFC 9110 15.5.1
    }
}

std::optional<std::string>
HttpRequest::GetField(const std::string& name) const
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

bool
HttpRequest::HasToken(const std::string& name, const std::string& token) const
{
    for (const HttpField& field : fields)
    {
        if (!EqualsIgnoreCase(field.name, name))
        {
            continue;
        }
        for (const std::string& item : SplitList(field.value))
        {
            if (EqualsIgnoreCase(item, token))
            {
                return true;
            }
        }
    }
    return false;
}

bool
HttpRequest::KeepAlive() const
{
    const bool http11 = versionMajor == 1 && versionMinor >= 1;
    return http11 && !HasToken("Connection", "close");
}

HttpRequestParser::HttpRequestParser(const HttpLimits& limits)
    : m_limits(limits)
{
}

void
HttpRequestParser::Feed(const uint8_t* data, size_t size)
{
    if (m_part != Part::FAILED && size > 0)
    {
        m_buffer.append(reinterpret_cast<const char*>(data), size);
    }
}

void
HttpRequestParser::Feed(const std::string& data)
{
    Feed(reinterpret_cast<const uint8_t*>(data.data()), data.size());
}

HttpError
HttpRequestParser::GetError() const
{
    return m_error;
}

size_t
HttpRequestParser::GetBuffered() const
{
    return m_buffer.size() - m_start;
}

ParseStatus
HttpRequestParser::Fail(HttpError error)
{
    m_error = error;
    m_part = Part::FAILED;
    m_buffer.clear();
    m_start = 0;
    return ParseStatus::ERROR;
}

bool
HttpRequestParser::TakeLine(std::string& line)
{
    const size_t lf = m_buffer.find('\n', m_start);
    if (lf == std::string::npos)
    {
        return false;
    }
    size_t end = lf;
    if (end > m_start && m_buffer[end - 1] == '\r')
    {
        --end;
    }
    line.assign(m_buffer, m_start, end - m_start);
    m_headerOctets += lf + 1 - m_start;
    m_start = lf + 1;
    return true;
}

ParseStatus
HttpRequestParser::Next(HttpRequest& request)
{
    std::string line;
    while (true)
    {
        switch (m_part)
        {
        case Part::FAILED:
            return ParseStatus::ERROR;
        case Part::REQUEST_LINE:
            m_headerOctets = 0;
            if (!TakeLine(line))
            {
                // The line so far, a CR that may end it aside.
                if (GetBuffered() > m_limits.maxRequestLine + 1)
                {
                    return Fail(HttpError::REQUEST_LINE_TOO_LONG);
                }
                return ParseStatus::NEED_MORE;
            }
            if (line.size() > m_limits.maxRequestLine)
            {
                return Fail(HttpError::REQUEST_LINE_TOO_LONG);
            }
            if (line.empty())
            {
                continue; // RFC 9112 2.2: empty lines before the request line are ignored
            }
            if (HttpError error = ParseRequestLine(line); error != HttpError::OK)
            {
                return Fail(error);
            }
            m_headerOctets = 0;
            m_part = Part::FIELDS;
            break;
        case Part::FIELDS:
            if (!TakeLine(line))
            {
                if (m_headerOctets + GetBuffered() > m_limits.maxHeaderSection)
                {
                    return Fail(HttpError::HEADER_SECTION_TOO_LARGE);
                }
                return ParseStatus::NEED_MORE;
            }
            if (m_headerOctets > m_limits.maxHeaderSection)
            {
                return Fail(HttpError::HEADER_SECTION_TOO_LARGE);
            }
            if (line.empty())
            {
                if (HttpError error = CheckFields(); error != HttpError::OK)
                {
                    return Fail(error);
                }
                m_part = Part::BODY;
            }
            else if (HttpError error = ParseFieldLine(line); error != HttpError::OK)
            {
                return Fail(error);
            }
            break;
        case Part::BODY:
            if (GetBuffered() < m_bodyLength)
            {
                return ParseStatus::NEED_MORE;
            }
            m_current.body.assign(m_buffer, m_start, m_bodyLength);
            m_start += m_bodyLength;
            m_buffer.erase(0, m_start);
            m_start = 0;
            request = std::move(m_current);
            m_current = HttpRequest();
            m_part = Part::REQUEST_LINE;
            return ParseStatus::REQUEST;
        }
    }
}

HttpError
HttpRequestParser::ParseRequestLine(const std::string& line)
{
    if (line.find('\r') != std::string::npos)
    {
        return HttpError::BARE_CR;
    }
    // RFC 9112 3: method SP request-target SP HTTP-version.
    const size_t first = line.find(' ');
    const size_t last = line.rfind(' ');
    if (first == std::string::npos || first == last || first == 0)
    {
        return HttpError::BAD_REQUEST_LINE;
    }
    const std::string method = line.substr(0, first);
    const std::string target = line.substr(first + 1, last - first - 1);
    const std::string version = line.substr(last + 1);
    for (char c : method)
    {
        if (!IsTokenChar(c))
        {
            return HttpError::BAD_METHOD;
        }
    }
    // RFC 9112 3.2: no whitespace inside the target; visible ASCII only.
    if (target.empty())
    {
        return HttpError::BAD_TARGET;
    }
    for (char c : target)
    {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
        {
            return HttpError::BAD_TARGET;
        }
    }
    // RFC 9112 2.3: HTTP-version = "HTTP" "/" DIGIT "." DIGIT, case-sensitive.
    if (version.size() != 8 || version.compare(0, 5, "HTTP/") != 0 || version[6] != '.' ||
        version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9')
    {
        return HttpError::BAD_VERSION;
    }
    m_current.method = method;
    m_current.target = target;
    m_current.versionMajor = static_cast<uint8_t>(version[5] - '0');
    m_current.versionMinor = static_cast<uint8_t>(version[7] - '0');
    if (m_current.versionMajor != 1)
    {
        return HttpError::VERSION_NOT_SUPPORTED;
    }
    return HttpError::OK;
}

HttpError
HttpRequestParser::ParseFieldLine(const std::string& line)
{
    // RFC 9112 5.2: obs-fold refused (a server MUST reject it or unfold it);
    // 2.2: whitespace before the first field line is refused the same way.
    if (IsWhitespace(line.front()))
    {
        return HttpError::OBS_FOLD;
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos || colon == 0)
    {
        return HttpError::BAD_FIELD_NAME;
    }
    // RFC 9112 5.1: whitespace before the colon MUST be answered with 400.
    if (IsWhitespace(line[colon - 1]))
    {
        return HttpError::SPACE_BEFORE_COLON;
    }
    HttpField field;
    field.name = line.substr(0, colon);
    for (char c : field.name)
    {
        if (!IsTokenChar(c))
        {
            return HttpError::BAD_FIELD_NAME;
        }
    }
    field.value = Trim(line.substr(colon + 1));
    // RFC 9110 5.5: field-vchar, SP and HTAB; CR, LF and NUL are refused.
    for (char c : field.value)
    {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\r')
        {
            return HttpError::BARE_CR;
        }
        if ((u < 0x20 && c != '\t') || u == 0x7f)
        {
            return HttpError::BAD_FIELD_VALUE;
        }
    }
    m_current.fields.push_back(std::move(field));
    return HttpError::OK;
}

HttpError
HttpRequestParser::CheckFields()
{
    size_t hosts = 0;
    bool transferEncoding = false;
    std::optional<std::string> length;
    for (const HttpField& field : m_current.fields)
    {
        if (EqualsIgnoreCase(field.name, "Host"))
        {
            ++hosts;
        }
        else if (EqualsIgnoreCase(field.name, "Transfer-Encoding"))
        {
            transferEncoding = true;
        }
        else if (EqualsIgnoreCase(field.name, "Content-Length"))
        {
            // RFC 9112 6.3 item 5: a list of identical values may be taken
            // as that value; anything else is an unrecoverable error.
            const std::vector<std::string> items = SplitList(field.value);
            if (items.empty())
            {
                return HttpError::BAD_CONTENT_LENGTH;
            }
            for (const std::string& item : items)
            {
                for (char c : item)
                {
                    if (c < '0' || c > '9')
                    {
                        return HttpError::BAD_CONTENT_LENGTH;
                    }
                }
                if (length && *length != item)
                {
                    return HttpError::BAD_CONTENT_LENGTH;
                }
                length = item;
            }
        }
    }
    // RFC 9112 3.2: 400 to an HTTP/1.1 request without Host, and to any
    // request with more than one.
    if (hosts > 1)
    {
        return HttpError::DUPLICATE_HOST;
    }
    if (hosts == 0 && m_current.versionMinor >= 1)
    {
        return HttpError::MISSING_HOST;
    }
    // RFC 9112 6.3 item 3: Transfer-Encoding overrides Content-Length; no
    // transfer coding is implemented here (6.1: 501).
    if (transferEncoding)
    {
        return HttpError::TRANSFER_ENCODING;
    }
    m_bodyLength = 0;
    if (length)
    {
        // Leading zeros are allowed (1*DIGIT); compare without them.
        const size_t nonZero = length->find_first_not_of('0');
        const std::string digits = nonZero == std::string::npos ? "0" : length->substr(nonZero);
        if (digits.size() > 15)
        {
            return HttpError::BODY_TOO_LARGE;
        }
        m_bodyLength = static_cast<size_t>(std::stoull(digits));
        if (m_bodyLength > m_limits.maxBody)
        {
            return HttpError::BODY_TOO_LARGE;
        }
    }
    return HttpError::OK;
}

bool
IsTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    {
        return true;
    }
    // RFC 9110 5.6.2: tchar's punctuation.
    return c != '\0' && std::string("!#$%&'*+-.^_`|~").find(c) != std::string::npos;
}

bool
EqualsIgnoreCase(const std::string& a, const std::string& b)
{
    if (a.size() != b.size())
    {
        return false;
    }
    for (size_t i = 0; i < a.size(); ++i)
    {
        if (Lower(a[i]) != Lower(b[i]))
        {
            return false;
        }
    }
    return true;
}

std::optional<std::string>
PercentDecode(const std::string& text, bool plusIsSpace)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i)
    {
        const char c = text[i];
        if (c == '%')
        {
            if (i + 2 >= text.size())
            {
                return std::nullopt;
            }
            const int high = HexValue(text[i + 1]);
            const int low = HexValue(text[i + 2]);
            if (high < 0 || low < 0)
            {
                return std::nullopt;
            }
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        }
        else if (c == '+' && plusIsSpace)
        {
            out.push_back(' ');
        }
        else
        {
            out.push_back(c);
        }
    }
    return out;
}

std::optional<FormFields>
ParseForm(const std::string& text)
{
    FormFields fields;
    size_t start = 0;
    while (start <= text.size())
    {
        size_t amp = text.find('&', start);
        if (amp == std::string::npos)
        {
            amp = text.size();
        }
        const std::string piece = text.substr(start, amp - start);
        start = amp + 1;
        if (piece.empty())
        {
            continue;
        }
        const size_t eq = piece.find('=');
        const std::optional<std::string> name = PercentDecode(piece.substr(0, eq), true);
        const std::optional<std::string> value =
            PercentDecode(eq == std::string::npos ? "" : piece.substr(eq + 1), true);
        if (!name || !value)
        {
            return std::nullopt;
        }
        fields.emplace_back(*name, *value);
    }
    return fields;
}

std::optional<std::string>
FindFormField(const FormFields& fields, const std::string& name)
{
    for (const auto& [fieldName, value] : fields)
    {
        if (fieldName == name)
        {
            return value;
        }
    }
    return std::nullopt;
}

std::string
FormEncode(const std::string& text)
{
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (char c : text)
    {
        const auto u = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '*' || c == '-' || c == '.' || c == '_')
        {
            out.push_back(c);
        }
        else if (c == ' ')
        {
            out.push_back('+');
        }
        else
        {
            out.push_back('%');
            out.push_back(hex[u >> 4]);
            out.push_back(hex[u & 0x0f]);
        }
    }
    return out;
}

std::pair<std::string, std::string>
SplitTarget(const std::string& target)
{
    const size_t question = target.find('?');
    if (question == std::string::npos)
    {
        return {target, ""};
    }
    return {target.substr(0, question), target.substr(question + 1)};
}

} // namespace gateway
} // namespace ns3
