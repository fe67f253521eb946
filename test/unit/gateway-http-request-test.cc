// SPDX-License-Identifier: GPL-2.0-only
//
// gateway::HttpRequestParser, the response builder and reader, and the
// form decoding. Requests are RFC 9112's examples (sections 3.2.1-3.2.4)
// and ones written by hand from its grammar; each error is the one the RFC
// section quoted beside it names, with the status code RFC 9110 section 15
// (or RFC 6585) gives it. A valid request is fed split at every octet
// offset and must read the same; two pipelined requests read as two.
#include "ns3/gateway-http-request.h"
#include "ns3/gateway-http-response.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace ns3::gateway;

namespace
{

/// Feeds `text` at once and reads every request out of it.
std::vector<HttpRequest>
ReadAll(const std::string& text, HttpError& error, const HttpLimits& limits = HttpLimits())
{
    HttpRequestParser parser(limits);
    parser.Feed(text);
    std::vector<HttpRequest> requests;
    HttpRequest request;
    ParseStatus status;
    while ((status = parser.Next(request)) == ParseStatus::REQUEST)
    {
        requests.push_back(request);
    }
    error = parser.GetError();
    return requests;
}

/// The error (and its status code) a single bad request gives.
HttpError
ErrorOf(const std::string& text, const HttpLimits& limits = HttpLimits())
{
    HttpError error = HttpError::OK;
    const std::vector<HttpRequest> requests = ReadAll(text, error, limits);
    CHECK(requests.empty());
    return error;
}

const std::string POST_FORM = "POST /tunnel HTTP/1.1\r\n"
                              "Host: 10.0.0.1\r\n"
                              "Content-Type: application/x-www-form-urlencoded\r\n"
                              "Content-Length: 22\r\n"
                              "\r\n"
                              "peer=gateway-b.example"; // 5 + 17 = 22 octets

} // namespace

TEST_CASE("RFC 9112 3.2.1 origin-form example", "[http]")
{
    HttpError error;
    const auto requests =
        ReadAll("GET /where?q=now HTTP/1.1\r\nHost: www.example.org\r\n\r\n", error);
    REQUIRE(requests.size() == 1);
    CHECK(error == HttpError::OK);
    const HttpRequest& r = requests[0];
    CHECK(r.method == "GET");
    CHECK(r.target == "/where?q=now");
    CHECK(r.versionMajor == 1);
    CHECK(r.versionMinor == 1);
    REQUIRE(r.fields.size() == 1);
    CHECK(r.fields[0].name == "Host");
    CHECK(r.fields[0].value == "www.example.org");
    CHECK(r.body.empty());
    CHECK(r.KeepAlive()); // RFC 9112 9.3: HTTP/1.1 persists by default
    CHECK(SplitTarget(r.target) == std::make_pair(std::string("/where"), std::string("q=now")));
}

TEST_CASE("RFC 9112 3.2.2-3.2.4 the other target forms read as given", "[http]")
{
    HttpError error;
    auto requests = ReadAll("GET http://www.example.org/pub/WWW/TheProject.html HTTP/1.1\r\n"
                            "Host: www.example.org\r\n\r\n",
                            error);
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].target == "http://www.example.org/pub/WWW/TheProject.html");
    requests =
        ReadAll("CONNECT www.example.com:80 HTTP/1.1\r\nHost: www.example.com\r\n\r\n", error);
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "CONNECT");
    CHECK(requests[0].target == "www.example.com:80");
    requests = ReadAll("OPTIONS * HTTP/1.1\r\nHost: www.example.org:8001\r\n\r\n", error);
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].target == "*");
}

TEST_CASE("field names ignore case, values lose their OWS", "[http]")
{
    HttpError error;
    const auto requests = ReadAll("GET / HTTP/1.1\r\n"
                                  "hOsT:   gw.example \t\r\n"
                                  "X-Empty:\r\n"
                                  "Connection: keep-alive , Close\r\n\r\n",
                                  error);
    REQUIRE(requests.size() == 1);
    const HttpRequest& r = requests[0];
    CHECK(r.GetField("HOST") == std::optional<std::string>("gw.example"));
    CHECK(r.GetField("x-empty") == std::optional<std::string>(""));
    CHECK_FALSE(r.GetField("Content-Length").has_value());
    CHECK(r.HasToken("connection", "close")); // 9110 7.6.1: tokens ignore case
    CHECK_FALSE(r.KeepAlive());
}

TEST_CASE("HTTP/1.0 closes; no Host needed; bare LF line ends accepted", "[http]")
{
    HttpError error;
    // RFC 9112 2.2: a recipient MAY take a lone LF as a line terminator.
    const auto requests = ReadAll("GET / HTTP/1.0\n\n", error);
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].versionMinor == 0);
    CHECK_FALSE(requests[0].KeepAlive());
}

TEST_CASE("empty lines before the request line are skipped (RFC 9112 2.2)", "[http]")
{
    HttpError error;
    const auto requests = ReadAll("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", error);
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].target == "/");
}

TEST_CASE("a request split at every octet offset reads the same", "[http]")
{
    HttpError error;
    const auto whole = ReadAll(POST_FORM, error);
    REQUIRE(whole.size() == 1);
    REQUIRE(whole[0].body == "peer=gateway-b.example");
    for (size_t cut = 0; cut <= POST_FORM.size(); ++cut)
    {
        INFO("cut at " << cut);
        HttpRequestParser parser;
        HttpRequest request;
        parser.Feed(POST_FORM.substr(0, cut));
        if (cut < POST_FORM.size())
        {
            REQUIRE(parser.Next(request) == ParseStatus::NEED_MORE);
        }
        parser.Feed(POST_FORM.substr(cut));
        REQUIRE(parser.Next(request) == ParseStatus::REQUEST);
        CHECK(request.method == "POST");
        CHECK(request.target == "/tunnel");
        CHECK(request.fields.size() == 3);
        CHECK(request.body == "peer=gateway-b.example");
        CHECK(parser.Next(request) == ParseStatus::NEED_MORE);
        CHECK(parser.GetBuffered() == 0);
    }
}

TEST_CASE("one octet at a time", "[http]")
{
    HttpRequestParser parser;
    HttpRequest request;
    int complete = 0;
    for (char c : POST_FORM + POST_FORM)
    {
        parser.Feed(std::string(1, c));
        while (parser.Next(request) == ParseStatus::REQUEST)
        {
            ++complete;
            CHECK(request.body == "peer=gateway-b.example");
        }
    }
    CHECK(complete == 2);
}

TEST_CASE("pipelined requests in one segment, and split between them", "[http]")
{
    const std::string first = "GET / HTTP/1.1\r\nHost: 10.0.0.1\r\n\r\n";
    const std::string both = first + POST_FORM;
    HttpError error;
    const auto requests = ReadAll(both, error);
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].method == "GET");
    CHECK(requests[0].body.empty());
    CHECK(requests[1].method == "POST");
    CHECK(requests[1].body == "peer=gateway-b.example");
    for (size_t cut = 0; cut <= both.size(); ++cut)
    {
        INFO("cut at " << cut);
        HttpRequestParser parser;
        HttpRequest request;
        std::vector<std::string> methods;
        parser.Feed(both.substr(0, cut));
        while (parser.Next(request) == ParseStatus::REQUEST)
        {
            methods.push_back(request.method);
        }
        parser.Feed(both.substr(cut));
        while (parser.Next(request) == ParseStatus::REQUEST)
        {
            methods.push_back(request.method);
        }
        CHECK(methods == std::vector<std::string>{"GET", "POST"});
    }
}

TEST_CASE("identical Content-Length values are one length (RFC 9112 6.3 item 5)", "[http]")
{
    HttpError error;
    const auto requests =
        ReadAll("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\nContent-Length: 003\r\n"
                "\r\nabc",
                error);
    // "003" and "3" are different field values: refused.
    CHECK(requests.empty());
    CHECK(error == HttpError::BAD_CONTENT_LENGTH);
    const auto same = ReadAll("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n"
                              "Content-Length: 3\r\n\r\nabc",
                              error);
    REQUIRE(same.size() == 1);
    CHECK(same[0].body == "abc");
}

TEST_CASE("each error and its status code", "[http]")
{
    struct Case
    {
        const char* text;
        HttpError error;
        uint16_t status;
    };

    const std::vector<Case> cases = {
        // RFC 9112 3: request-line = method SP request-target SP HTTP-version.
        {"GARBAGE\r\n\r\n", HttpError::BAD_REQUEST_LINE, 400},
        {"GET /\r\n\r\n", HttpError::BAD_REQUEST_LINE, 400}, // HTTP/0.9 form
        {" GET / HTTP/1.1\r\nHost: a\r\n\r\n", HttpError::BAD_REQUEST_LINE, 400},
        // RFC 9112 3.1: method = token.
        {"G(T / HTTP/1.1\r\nHost: a\r\n\r\n", HttpError::BAD_METHOD, 400},
        // RFC 9112 3.2: no whitespace in the target.
        {"GET  / HTTP/1.1\r\nHost: a\r\n\r\n", HttpError::BAD_TARGET, 400},
        {"GET /a\x01 HTTP/1.1\r\nHost: a\r\n\r\n", HttpError::BAD_TARGET, 400},
        // RFC 9112 2.3: "HTTP" "/" DIGIT "." DIGIT, case-sensitive.
        {"GET / http/1.1\r\nHost: a\r\n\r\n", HttpError::BAD_VERSION, 400},
        {"GET / HTTP/1.10\r\nHost: a\r\n\r\n", HttpError::BAD_VERSION, 400},
        // RFC 9110 15.6.6: 505 for a major version not supported.
        {"GET / HTTP/2.0\r\nHost: a\r\n\r\n", HttpError::VERSION_NOT_SUPPORTED, 505},
        // RFC 9112 2.2: a bare CR is invalid.
        {"GET / HTTP/1.1\rX\r\nHost: a\r\n\r\n", HttpError::BARE_CR, 400},
        {"GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", HttpError::BARE_CR, 400},
        // RFC 9112 5: field-line = field-name ":" OWS field-value OWS.
        {"GET / HTTP/1.1\r\nHost a\r\n\r\n", HttpError::BAD_FIELD_NAME, 400},
        {"GET / HTTP/1.1\r\n: a\r\n\r\n", HttpError::BAD_FIELD_NAME, 400},
        {"GET / HTTP/1.1\r\nHo(st: a\r\n\r\n", HttpError::BAD_FIELD_NAME, 400},
        // RFC 9112 5.1: "MUST respond with a 400" to whitespace before the colon.
        {"GET / HTTP/1.1\r\nHost : a\r\n\r\n", HttpError::SPACE_BEFORE_COLON, 400},
        // RFC 9112 5.2: obs-fold rejected with 400.
        {"GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n", HttpError::OBS_FOLD, 400},
        // RFC 9112 3.2: 400 without Host in HTTP/1.1, or with two.
        {"GET / HTTP/1.1\r\n\r\n", HttpError::MISSING_HOST, 400},
        {"GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", HttpError::DUPLICATE_HOST, 400},
        // RFC 9112 6.3 item 5: an invalid Content-Length is unrecoverable.
        {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
         HttpError::BAD_CONTENT_LENGTH,
         400},
        {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 2\r\n\r\nab",
         HttpError::BAD_CONTENT_LENGTH,
         400},
        {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n",
         HttpError::BAD_CONTENT_LENGTH,
         400},
        // RFC 9112 6.1: a transfer coding not understood: 501.
        {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         HttpError::TRANSFER_ENCODING,
         501},
        // RFC 9110 15.5.14: content larger than the server accepts.
        {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4097\r\n\r\n",
         HttpError::BODY_TOO_LARGE,
         413},
        {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n",
         HttpError::BODY_TOO_LARGE,
         413},
    };
    for (const Case& c : cases)
    {
        INFO(c.text);
        const HttpError error = ErrorOf(c.text);
        CHECK(error == c.error);
        CHECK(StatusForError(error) == c.status);
    }
    // A NUL inside a value (RFC 9110 5.5), built with its length.
    const std::string nul("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\0c\r\n\r\n", 37);
    CHECK(ErrorOf(nul) == HttpError::BAD_FIELD_VALUE);
    CHECK(StatusForError(HttpError::BAD_FIELD_VALUE) == 400);
}

TEST_CASE("size limits: 414, 431, 413 and the largest accepted sizes", "[http]")
{
    HttpLimits limits;
    limits.maxRequestLine = 30;
    limits.maxHeaderSection = 40;
    limits.maxBody = 5;
    // "GET /" + 16 'a' + " HTTP/1.1" = 5 + 16 + 9 = 30 octets: accepted; 31 not.
    const std::string line30 = "GET /" + std::string(16, 'a') + " HTTP/1.1";
    REQUIRE(line30.size() == 30);
    HttpError error;
    CHECK(ReadAll(line30 + "\r\nHost: a\r\n\r\n", error, limits).size() == 1);
    const std::string line31 = "GET /" + std::string(17, 'a') + " HTTP/1.1";
    CHECK(ErrorOf(line31 + "\r\nHost: a\r\n\r\n", limits) == HttpError::REQUEST_LINE_TOO_LONG);
    CHECK(StatusForError(HttpError::REQUEST_LINE_TOO_LONG) == 414);
    // A request line that never ends is refused once it passes the limit.
    {
        HttpRequestParser parser(limits);
        HttpRequest request;
        parser.Feed("GET /" + std::string(100, 'a'));
        CHECK(parser.Next(request) == ParseStatus::ERROR);
        CHECK(parser.GetError() == HttpError::REQUEST_LINE_TOO_LONG);
    }
    // Header section: "Host: a\r\n" (9) + "X: " + v + "\r\n" + "\r\n" (2).
    const std::string fields40 = "Host: a\r\nX: " + std::string(24, 'v') + "\r\n\r\n";
    REQUIRE(fields40.size() == 40);
    CHECK(ReadAll("GET / HTTP/1.1\r\n" + fields40, error, limits).size() == 1);
    const std::string fields41 = "Host: a\r\nX: " + std::string(25, 'v') + "\r\n\r\n";
    CHECK(ErrorOf("GET / HTTP/1.1\r\n" + fields41, limits) == HttpError::HEADER_SECTION_TOO_LARGE);
    CHECK(StatusForError(HttpError::HEADER_SECTION_TOO_LARGE) == 431);
    {
        HttpRequestParser parser(limits);
        HttpRequest request;
        parser.Feed("GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(100, 'v'));
        CHECK(parser.Next(request) == ParseStatus::ERROR);
        CHECK(parser.GetError() == HttpError::HEADER_SECTION_TOO_LARGE);
    }
    CHECK(ReadAll("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n12345", error, limits)
              .size() == 1);
    CHECK(ErrorOf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\n123456", limits) ==
          HttpError::BODY_TOO_LARGE);
}

TEST_CASE("after an error the parser stays in error", "[http]")
{
    HttpRequestParser parser;
    HttpRequest request;
    parser.Feed("GARBAGE\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
    CHECK(parser.Next(request) == ParseStatus::ERROR);
    parser.Feed("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    CHECK(parser.Next(request) == ParseStatus::ERROR);
    CHECK(parser.GetError() == HttpError::BAD_REQUEST_LINE);
}

TEST_CASE("percent-decoding and '+' (RFC 3986 2.1, WHATWG URL 5.1)", "[http]")
{
    CHECK(PercentDecode("%41%62c", false) == std::optional<std::string>("Abc"));
    CHECK(PercentDecode("%2b%2B", false) == std::optional<std::string>("++"));
    CHECK(PercentDecode("a+b", false) == std::optional<std::string>("a+b"));
    CHECK(PercentDecode("a+b", true) == std::optional<std::string>("a b"));
    CHECK(PercentDecode("%20", true) == std::optional<std::string>(" "));
    CHECK(PercentDecode("%C3%A9", false) == std::optional<std::string>("\xC3\xA9"));
    CHECK(PercentDecode("%00", false) == std::optional<std::string>(std::string(1, '\0')));
    CHECK_FALSE(PercentDecode("%", false).has_value());
    CHECK_FALSE(PercentDecode("%4", false).has_value());
    CHECK_FALSE(PercentDecode("ab%4", false).has_value());
    CHECK_FALSE(PercentDecode("%zz", false).has_value());
    CHECK_FALSE(PercentDecode("%G1", false).has_value());
}

TEST_CASE("application/x-www-form-urlencoded", "[http]")
{
    auto fields = ParseForm("peer=gateway-b.example");
    REQUIRE(fields.has_value());
    CHECK(FindFormField(*fields, "peer") == std::optional<std::string>("gateway-b.example"));
    fields = ParseForm("a=1&&b=&c&peer=x+y%26z&a=2");
    REQUIRE(fields.has_value());
    const FormFields expected = {{"a", "1"}, {"b", ""}, {"c", ""}, {"peer", "x y&z"}, {"a", "2"}};
    CHECK(*fields == expected);
    CHECK(FindFormField(*fields, "a") == std::optional<std::string>("1")); // the first
    CHECK_FALSE(FindFormField(*fields, "missing").has_value());
    fields = ParseForm("k%3Dv=1%3D2"); // '=' escaped in the name, the first '=' splits
    REQUIRE(fields.has_value());
    CHECK(*fields == FormFields{{"k=v", "1=2"}});
    CHECK(ParseForm("")->empty());
    CHECK_FALSE(ParseForm("peer=%zz").has_value());
    // WHATWG URL 5.2's byte serializer, checked against the bytes by hand.
    CHECK(FormEncode("gateway-b.example") == "gateway-b.example");
    CHECK(FormEncode("a b&c=d/~*_") == "a+b%26c%3Dd%2F%7E*_");
    CHECK(FormEncode("\xC3\xA9") == "%C3%A9");
    const std::string odd = "x y+z%&=\x01\xFF";
    CHECK(PercentDecode(FormEncode(odd), true) == std::optional<std::string>(odd));
}

TEST_CASE("response builder: status line, fields, body", "[http]")
{
    HttpResponse response;
    response.status = 202;
    response.contentType = "text/html; charset=utf-8";
    response.body = "<p>ok</p>";
    CHECK(response.Serialize() == "HTTP/1.1 202 Accepted\r\n"
                                  "Content-Type: text/html; charset=utf-8\r\n"
                                  "Content-Length: 9\r\n"
                                  "\r\n"
                                  "<p>ok</p>");
    HttpResponse allow;
    allow.status = 405;
    allow.close = true;
    allow.fields.push_back(HttpField{"Allow", "GET, HEAD"});
    CHECK(allow.Serialize() == "HTTP/1.1 405 Method Not Allowed\r\n"
                               "Content-Length: 0\r\n"
                               "Connection: close\r\n"
                               "Allow: GET, HEAD\r\n"
                               "\r\n");
    response.headOnly = true; // RFC 9110 9.3.2: HEAD gets GET's fields, no content
    CHECK(response.Serialize() == "HTTP/1.1 202 Accepted\r\n"
                                  "Content-Type: text/html; charset=utf-8\r\n"
                                  "Content-Length: 9\r\n"
                                  "\r\n");
    CHECK(ReasonPhrase(400) == "Bad Request");
    CHECK(ReasonPhrase(414) == "URI Too Long");
    CHECK(ReasonPhrase(431) == "Request Header Fields Too Large");
}

TEST_CASE("response reader: split anywhere, two in a row, bad ones", "[http]")
{
    const std::string two = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
                            "HTTP/1.1 409 Conflict\r\nconnection: Close\r\ncontent-length: 2"
                            "\r\n\r\nno";
    for (size_t cut = 0; cut <= two.size(); ++cut)
    {
        INFO("cut at " << cut);
        HttpResponseParser parser;
        HttpResponse response;
        std::vector<HttpResponse> read;
        parser.Feed(two.substr(0, cut));
        while (parser.Next(response) == ParseStatus::REQUEST)
        {
            read.push_back(response);
        }
        parser.Feed(two.substr(cut));
        while (parser.Next(response) == ParseStatus::REQUEST)
        {
            read.push_back(response);
        }
        REQUIRE(read.size() == 2);
        CHECK(read[0].status == 200);
        CHECK(read[0].reason == "OK");
        CHECK(read[0].body == "hello");
        CHECK_FALSE(read[0].close);
        CHECK(read[1].status == 409);
        CHECK(read[1].body == "no");
        CHECK(read[1].close);
    }
    HttpResponse response;
    for (const std::string& bad : {std::string("HTTP/1.1 2x0 OK\r\n\r\n"),
                                   std::string("HTTP/1.1200 OK\r\n\r\n"),
                                   std::string("FTP/1.1 200 OK\r\n\r\n")})
    {
        HttpResponseParser parser;
        parser.Feed(bad);
        CHECK(parser.Next(response) == ParseStatus::ERROR);
        CHECK(parser.GetError() == HttpResponseError::BAD_STATUS_LINE);
    }
    HttpResponseParser noLength;
    noLength.Feed("HTTP/1.1 200 OK\r\n\r\nbody");
    CHECK(noLength.Next(response) == ParseStatus::ERROR);
    CHECK(noLength.GetError() == HttpResponseError::BAD_CONTENT_LENGTH);
    HttpResponseParser noContent; // RFC 9112 6.3 item 1: 204 has no content
    noContent.Feed("HTTP/1.1 204 No Content\r\n\r\n");
    CHECK(noContent.Next(response) == ParseStatus::REQUEST);
    CHECK(response.status == 204);
    // A round trip through the builder.
    HttpResponse built;
    built.status = 404;
    built.contentType = "text/plain";
    built.body = "none";
    HttpResponseParser parser;
    parser.Feed(built.Serialize());
    REQUIRE(parser.Next(response) == ParseStatus::REQUEST);
    CHECK(response.status == 404);
    CHECK(response.reason == "Not Found");
    CHECK(response.GetField("content-type") == std::optional<std::string>("text/plain"));
    CHECK(response.body == "none");
}
