/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * HTTP/1.1 requests as a server reads them (RFC 9112): an incremental parser
 * that takes the octets of a connection in pieces of any size and yields one
 * complete request at a time, so that a request split over TCP segments and
 * several requests pipelined in one segment read the same. Request line
 * (section 3), header fields (5), Content-Length bodies (6), limits on each
 * part; every refusal is a typed error with its status code. Also the
 * decoding of application/x-www-form-urlencoded bodies and query strings.
 *
 * Transfer-Encoding (chunked or any other) is not implemented: such a
 * request is refused with 501 (RFC 9112 section 6.1).
 */
#ifndef IPVPN_GATEWAY_HTTP_REQUEST_H
#define IPVPN_GATEWAY_HTTP_REQUEST_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace gateway
{

/// Why a request cannot be read. Each maps to a status code (StatusForError).
enum class HttpError
{
    OK = 0,
    BAD_REQUEST_LINE,         ///< not method SP target SP version (9112 3), 400
    BAD_METHOD,               ///< method not a token (9112 3.1), 400
    BAD_TARGET,               ///< empty target or one with a control octet (9112 3.2), 400
    BAD_VERSION,              ///< not "HTTP/" DIGIT "." DIGIT (9112 2.3), 400
    VERSION_NOT_SUPPORTED,    ///< major version other than 1 (9110 15.6.6), 505
    BARE_CR,                  ///< a CR not followed by LF (9112 2.2), 400
    REQUEST_LINE_TOO_LONG,    ///< over the request-line limit (9112 3), 414
    HEADER_SECTION_TOO_LARGE, ///< over the header-section limit (RFC 6585 5), 431
    BAD_FIELD_NAME,           ///< no colon, or a name not a token (9112 5), 400
    SPACE_BEFORE_COLON,       ///< whitespace between name and colon (9112 5.1), 400
    OBS_FOLD,                 ///< a line starting with SP or HTAB (9112 5.2), 400
    BAD_FIELD_VALUE,          ///< a NUL or other control octet in a value (9110 5.5), 400
    MISSING_HOST,             ///< an HTTP/1.1 request without Host (9112 3.2), 400
    DUPLICATE_HOST,           ///< more than one Host field (9112 3.2), 400
    BAD_CONTENT_LENGTH,       ///< not 1*DIGIT, or differing values (9112 6.3), 400
    BODY_TOO_LARGE,           ///< Content-Length over the body limit (9110 15.5.14), 413
    TRANSFER_ENCODING,        ///< Transfer-Encoding present: not implemented (9112 6.1), 501
};

/// \return the enumerator's name ("OK", "BAD_REQUEST_LINE", ...).
std::string ErrorName(HttpError error);
std::ostream& operator<<(std::ostream& os, HttpError error);
/// The status code a server answers the error with (0 for OK).
uint16_t StatusForError(HttpError error);

/// One header field as received; the name keeps its case.
struct HttpField
{
    std::string name;
    std::string value; ///< OWS trimmed at both ends (9112 5.1)
};

/// A complete request.
struct HttpRequest
{
    std::string method; ///< case-sensitive (9110 9.1)
    std::string target; ///< as received
    uint8_t versionMajor = 1;
    uint8_t versionMinor = 1;
    std::vector<HttpField> fields; ///< in the order received
    std::string body;

    /// The first field's value of that name (case-insensitive), if any.
    std::optional<std::string> GetField(const std::string& name) const;
    /// Whether a comma-separated field (Connection) lists the token, ignoring case.
    bool HasToken(const std::string& name, const std::string& token) const;
    /// RFC 9112 9.3: HTTP/1.1 persists unless "Connection: close"; HTTP/1.0
    /// is closed after the response (this server does not do 1.0 keep-alive).
    bool KeepAlive() const;
};

/// Sizes a server accepts; a larger part is refused.
struct HttpLimits
{
    /// RFC 9112 section 3: support "at a minimum, request-line lengths of 8000 octets".
    size_t maxRequestLine = 8000;
    /// Octets of all field lines with their line ends and the empty line.
    size_t maxHeaderSection = 8192;
    /// Largest Content-Length accepted.
    size_t maxBody = 4096;
};

/// What HttpRequestParser::Next() found.
enum class ParseStatus
{
    NEED_MORE, ///< no complete request yet: feed more octets
    REQUEST,   ///< one request taken out of the buffer
    ERROR,     ///< the stream cannot be read further (GetError()); answer and close
};

/**
 * Reads requests from a connection's octets. Feed() appends octets; Next()
 * takes out the next complete request, if any. After an error the parser
 * stays in error: a server answers and closes the connection, as the end of
 * the faulty message cannot be known.
 */
class HttpRequestParser
{
  public:
    explicit HttpRequestParser(const HttpLimits& limits = HttpLimits());

    void Feed(const uint8_t* data, size_t size);
    void Feed(const std::string& data);
    /// Takes out the next request into `request` when it returns REQUEST.
    ParseStatus Next(HttpRequest& request);

    HttpError GetError() const;
    /// Octets fed and not yet taken out in a request.
    size_t GetBuffered() const;

  private:
    enum class Part
    {
        REQUEST_LINE,
        FIELDS,
        BODY,
        FAILED,
    };

    /// Takes one line ending in LF from the buffer into `line`, without its
    /// CRLF or LF (9112 2.2 lets a recipient take a bare LF as a line end).
    /// \return false if no complete line is buffered.
    bool TakeLine(std::string& line);
    ParseStatus Fail(HttpError error);
    HttpError ParseRequestLine(const std::string& line);
    HttpError ParseFieldLine(const std::string& line);
    /// Checks the fields once the section ended; sets m_bodyLength.
    HttpError CheckFields();

    HttpLimits m_limits;
    std::string m_buffer;
    size_t m_start = 0; ///< first octet of m_buffer not yet consumed
    Part m_part = Part::REQUEST_LINE;
    HttpError m_error = HttpError::OK;
    HttpRequest m_current;
    size_t m_headerOctets = 0; ///< of the field lines read so far
    size_t m_bodyLength = 0;
};

/// RFC 9110 5.6.2 token character (tchar).
bool IsTokenChar(char c);
/// ASCII case-insensitive equality (field names, 9110 5.1).
bool EqualsIgnoreCase(const std::string& a, const std::string& b);

/**
 * Decodes percent-escapes (RFC 3986 2.1) and, if `plusIsSpace` (form
 * encoding, WHATWG URL 5.1), '+' as a space.
 * \return nothing for a '%' not followed by two hex digits.
 */
std::optional<std::string> PercentDecode(const std::string& text, bool plusIsSpace);

/// Name/value pairs in order.
using FormFields = std::vector<std::pair<std::string, std::string>>;

/**
 * Parses application/x-www-form-urlencoded text (WHATWG URL 5.1): pairs
 * separated by '&', empty pieces skipped, name and value split at the first
 * '=' (no '=': empty value), each decoded with '+' as space.
 * \return nothing if an escape is malformed (this parser refuses where
 *         WHATWG keeps the '%' as is).
 */
std::optional<FormFields> ParseForm(const std::string& text);
/// The first value of `name` in the fields, if any.
std::optional<std::string> FindFormField(const FormFields& fields, const std::string& name);
/// Encodes text for a form body or query (WHATWG URL 5.2's serializer:
/// ALPHA, DIGIT and "*-._" kept, space as '+', the rest as %XX).
std::string FormEncode(const std::string& text);

/// An origin-form target split at the first '?' (RFC 9112 3.2.1): the path
/// and the query without its '?' (empty if none).
std::pair<std::string, std::string> SplitTarget(const std::string& target);

} // namespace gateway
} // namespace ns3

#endif // IPVPN_GATEWAY_HTTP_REQUEST_H
