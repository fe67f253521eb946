/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * HTTP/1.1 responses (RFC 9112 section 4, RFC 9110 section 15): the
 * builder the gateway's web server answers with, and the small parser its
 * client (the host's browser) reads them with. The parser reads what such a
 * server sends: a status line, header fields and a Content-Length body.
 */
#ifndef IPVPN_GATEWAY_HTTP_RESPONSE_H
#define IPVPN_GATEWAY_HTTP_RESPONSE_H

#include "gateway-http-request.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace gateway
{

/// RFC 9110 section 15's reason phrase of a status code ("" if unknown).
std::string ReasonPhrase(uint16_t status);

/// A response to build or one that was read.
struct HttpResponse
{
    uint16_t status = 200;
    std::string reason;            ///< empty when building: ReasonPhrase(status)
    std::string contentType;       ///< empty: no Content-Type field
    std::vector<HttpField> fields; ///< further fields (Allow, ...), in order
    std::string body;
    /// Sends "Connection: close" (RFC 9112 9.6); when read: the field listed "close".
    bool close = false;
    /// An answer to HEAD (RFC 9110 9.3.2): the fields of the full response,
    /// Content-Length included, and no body.
    bool headOnly = false;

    /// Status line, Content-Type, Content-Length, Connection, the further
    /// fields, the empty line and the body.
    std::string Serialize() const;
    /// The first field's value of that name (case-insensitive) among `fields`.
    std::optional<std::string> GetField(const std::string& name) const;
};

/// Why a response cannot be read.
enum class HttpResponseError
{
    OK = 0,
    BAD_STATUS_LINE,    ///< not HTTP-version SP 3DIGIT SP [reason] (9112 4)
    BAD_FIELD,          ///< a field line without a colon or name
    BAD_CONTENT_LENGTH, ///< missing (this reader needs it) or not 1*DIGIT
    TOO_LARGE,          ///< over the reader's size limit
};

/// \return the enumerator's name.
std::string ErrorName(HttpResponseError error);

/**
 * Reads responses from a connection's octets, fed in pieces of any size.
 * Every response but 1xx, 204 and 304 (which have no body, RFC 9112 6.3)
 * must carry Content-Length.
 */
class HttpResponseParser
{
  public:
    /// \param maxSize largest header section plus body accepted
    explicit HttpResponseParser(size_t maxSize = 65536);

    void Feed(const uint8_t* data, size_t size);
    void Feed(const std::string& data);
    /// REQUEST here means a complete response taken out into `response`.
    ParseStatus Next(HttpResponse& response);
    HttpResponseError GetError() const;

  private:
    ParseStatus Fail(HttpResponseError error);

    size_t m_maxSize;
    std::string m_buffer;
    HttpResponseError m_error = HttpResponseError::OK;
};

} // namespace gateway
} // namespace ns3

#endif // IPVPN_GATEWAY_HTTP_RESPONSE_H
