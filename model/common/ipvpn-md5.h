/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * MD5 (RFC 1321) and HMAC-MD5 (RFC 2104), as used by RADIUS (RFC 2865,
 * RFC 3579) and by L2TP tunnel authentication and AVP hiding (RFC 2661).
 * Thin wrappers around OpenSSL's libcrypto; stateless and thread-safe.
 * In model/common because both protocols use it; the ipvpn- prefix keeps
 * the flat-installed header name (ns3/ipvpn-md5.h) unique.
 */
#ifndef IPVPN_MD5_H
#define IPVPN_MD5_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace ns3
{

/// A 16-octet MD5 or HMAC-MD5 digest.
using Md5Digest = std::array<uint8_t, 16>;

/// MD5 of size octets at data (RFC 1321).
Md5Digest Md5(const uint8_t* data, size_t size);

/// MD5 of a byte string.
Md5Digest Md5(const std::vector<uint8_t>& data);

/// MD5 of the octets of a text string (no terminating NUL).
Md5Digest Md5(const std::string& text);

/// A view of octets to feed to Md5Concat(); it does not own them.
class Md5Input
{
  public:
    Md5Input(const uint8_t* data, size_t size);
    Md5Input(const std::vector<uint8_t>& bytes);
    Md5Input(const std::string& text);

    template <size_t N>
    Md5Input(const std::array<uint8_t, N>& bytes)
        : Md5Input(bytes.data(), N)
    {
    }

    const uint8_t* Data() const;
    size_t Size() const;

  private:
    const uint8_t* m_data;
    size_t m_size;
};

/// MD5 of the concatenation of parts, without building the concatenation.
/// RADIUS and L2TP hash "a + secret + b" sequences this way.
Md5Digest Md5Concat(std::initializer_list<Md5Input> parts);

/// HMAC-MD5 (RFC 2104) of data under key; keys longer than 64 octets are
/// hashed first, as the RFC prescribes.
Md5Digest HmacMd5(const uint8_t* key, size_t keySize, const uint8_t* data, size_t size);

/// HMAC-MD5 of byte strings.
Md5Digest HmacMd5(const std::vector<uint8_t>& key, const std::vector<uint8_t>& data);

} // namespace ns3

#endif // IPVPN_MD5_H
