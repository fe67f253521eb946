// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: the gateway's HTTP/1.1 request parser (RFC 9112) as the web
// server reads a TCP connection. The first octet gives how many of the
// following octets are piece sizes (0 to 7); the rest is the connection's
// octets, fed in pieces of those sizes in turn (a size 0 feeds nothing),
// Next() called after each piece as the server does. Invariants: the same
// octets fed in one piece give the same requests, the same final status,
// the same error and the same octets left buffered; an error maps to a
// status code and OK to none; a request's body has its Content-Length; a
// form body or query that parses re-encodes (FormEncode) to the same pairs.
#include "fuzz-util.h"

#include "ns3/gateway-http-request.h"

using namespace ns3;
using namespace ns3::gateway;

namespace
{

struct Outcome
{
    std::vector<HttpRequest> requests;
    ParseStatus last = ParseStatus::NEED_MORE;
    HttpError error = HttpError::OK;
    size_t buffered = 0;
};

bool
Same(const HttpRequest& a, const HttpRequest& b)
{
    if (a.method != b.method || a.target != b.target || a.versionMajor != b.versionMajor ||
        a.versionMinor != b.versionMinor || a.body != b.body || a.fields.size() != b.fields.size())
    {
        return false;
    }
    for (size_t i = 0; i < a.fields.size(); ++i)
    {
        if (a.fields[i].name != b.fields[i].name || a.fields[i].value != b.fields[i].value)
        {
            return false;
        }
    }
    return true;
}

/// Takes out every complete request, as the server does after each segment.
void
Drain(HttpRequestParser& parser, Outcome& out)
{
    while (true)
    {
        HttpRequest request;
        out.last = parser.Next(request);
        if (out.last != ParseStatus::REQUEST)
        {
            return;
        }
        out.requests.push_back(request);
    }
}

/// The body length the Content-Length fields give (RFC 9112 6.3: a list of
/// identical values is that value; empty list elements are allowed, RFC
/// 9110 5.6.1), read independently of the parser; 0 without one.
size_t
ContentLength(const HttpRequest& request)
{
    size_t length = 0;
    for (const HttpField& field : request.fields)
    {
        if (!EqualsIgnoreCase(field.name, "Content-Length"))
        {
            continue;
        }
        std::string item;
        for (size_t i = 0; i <= field.value.size(); ++i)
        {
            const char c = i < field.value.size() ? field.value[i] : ',';
            if (c == ',')
            {
                if (!item.empty())
                {
                    size_t value = 0;
                    for (char digit : item)
                    {
                        FUZZ_CHECK(digit >= '0' && digit <= '9');
                        value = std::min<size_t>(value * 10 + (digit - '0'), SIZE_MAX / 20);
                    }
                    length = value;
                }
                item.clear();
            }
            else if (c != ' ' && c != '\t')
            {
                item += c;
            }
        }
    }
    return length;
}

void
CheckForm(const std::string& text)
{
    const std::optional<FormFields> form = ParseForm(text);
    if (!form)
    {
        return;
    }
    std::string encoded;
    for (const auto& [name, value] : *form)
    {
        if (name.empty())
        {
            return; // "=value" pieces: not every form has a serialisation
        }
        encoded += (encoded.empty() ? "" : "&") + FormEncode(name) + "=" + FormEncode(value);
    }
    const std::optional<FormFields> again = ParseForm(encoded);
    FUZZ_CHECK(again && *again == *form);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
    {
        return 0;
    }
    const size_t count = std::min<size_t>(data[0] % 8, size - 1);
    const std::vector<uint8_t> sizes(data + 1, data + 1 + count);
    // Exactly the stream's octets: a copy, so ASan sees reads past the end.
    const std::vector<uint8_t> stream(data + 1 + count, data + size);

    // In pieces.
    Outcome pieces;
    HttpRequestParser split;
    size_t at = 0;
    bool anyNonZero = false;
    for (uint8_t s : sizes)
    {
        anyNonZero = anyNonZero || s != 0;
    }
    for (size_t k = 0; at < stream.size() && anyNonZero; ++k)
    {
        const size_t piece = std::min<size_t>(sizes[k % sizes.size()], stream.size() - at);
        std::vector<uint8_t> chunk(stream.begin() + at, stream.begin() + at + piece);
        split.Feed(chunk.data(), chunk.size());
        at += piece;
        Drain(split, pieces);
    }
    if (at < stream.size())
    {
        split.Feed(stream.data() + at, stream.size() - at);
    }
    Drain(split, pieces);
    pieces.error = split.GetError();
    pieces.buffered = split.GetBuffered();

    // In one piece.
    Outcome whole;
    HttpRequestParser one;
    one.Feed(stream.data(), stream.size());
    Drain(one, whole);
    whole.error = one.GetError();
    whole.buffered = one.GetBuffered();

    FUZZ_CHECK(pieces.requests.size() == whole.requests.size());
    for (size_t i = 0; i < whole.requests.size(); ++i)
    {
        FUZZ_CHECK(Same(pieces.requests[i], whole.requests[i]));
    }
    FUZZ_CHECK(pieces.last == whole.last);
    FUZZ_CHECK(pieces.error == whole.error);
    FUZZ_CHECK((whole.last == ParseStatus::ERROR) == (whole.error != HttpError::OK));
    if (whole.error == HttpError::OK)
    {
        FUZZ_CHECK(pieces.buffered == whole.buffered);
        FUZZ_CHECK(whole.buffered <= stream.size());
    }
    FUZZ_CHECK(!ErrorName(whole.error).empty());
    FUZZ_CHECK((StatusForError(whole.error) == 0) == (whole.error == HttpError::OK));

    // What the web server reads from each request.
    for (const HttpRequest& request : whole.requests)
    {
        FUZZ_CHECK(!request.method.empty() && !request.target.empty());
        FUZZ_CHECK(request.versionMajor == 1);
        FUZZ_CHECK(request.body.size() == ContentLength(request));
        if (request.versionMinor >= 1)
        {
            FUZZ_CHECK(request.GetField("Host").has_value());
        }
        request.KeepAlive();
        request.HasToken("Connection", "close");
        const auto [path, query] = SplitTarget(request.target);
        FUZZ_CHECK(path.size() + (query.empty() ? 0 : query.size() + 1) <= request.target.size());
        PercentDecode(path, false);
        CheckForm(query);
        CheckForm(request.body);
    }
    return 0;
}
