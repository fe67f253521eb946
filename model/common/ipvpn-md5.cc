// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-md5.h"

#include "ns3/log.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvpnMd5");

Md5Digest
Md5(const uint8_t* data, size_t size)
{
    return Md5Concat({Md5Input(data, size)});
}

Md5Digest
Md5(const std::vector<uint8_t>& data)
{
    return Md5(data.data(), data.size());
}

Md5Digest
Md5(const std::string& text)
{
    return Md5(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

Md5Input::Md5Input(const uint8_t* data, size_t size)
    : m_data(data)
    , m_size(size)
{
}

Md5Input::Md5Input(const std::vector<uint8_t>& bytes)
    : Md5Input(bytes.data(), bytes.size())
{
}

Md5Input::Md5Input(const std::string& text)
    : Md5Input(reinterpret_cast<const uint8_t*>(text.data()), text.size())
{
}

const uint8_t*
Md5Input::Data() const
{
    return m_data;
}

size_t
Md5Input::Size() const
{
    return m_size;
}

Md5Digest
Md5Concat(std::initializer_list<Md5Input> parts)
{
    Md5Digest digest{};
    unsigned int written = 0;
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    bool ok = context != nullptr && EVP_DigestInit_ex(context, EVP_md5(), nullptr) == 1;
    for (const Md5Input& part : parts)
    {
        if (ok && part.Size() > 0)
        {
            ok = EVP_DigestUpdate(context, part.Data(), part.Size()) == 1;
        }
    }
    ok =
        ok && EVP_DigestFinal_ex(context, digest.data(), &written) == 1 && written == digest.size();
    EVP_MD_CTX_free(context);
    if (!ok)
    {
        NS_LOG_ERROR("libcrypto refused to compute MD5");
        digest.fill(0);
    }
    return digest;
}

Md5Digest
HmacMd5(const uint8_t* key, size_t keySize, const uint8_t* data, size_t size)
{
    Md5Digest digest{};
    unsigned int written = 0;
    static const uint8_t empty = 0;
    if (HMAC(EVP_md5(),
             keySize == 0 ? &empty : key,
             static_cast<int>(keySize),
             size == 0 ? &empty : data,
             size,
             digest.data(),
             &written) == nullptr ||
        written != digest.size())
    {
        NS_LOG_ERROR("libcrypto refused to compute HMAC-MD5");
        digest.fill(0);
    }
    return digest;
}

Md5Digest
HmacMd5(const std::vector<uint8_t>& key, const std::vector<uint8_t>& data)
{
    return HmacMd5(key.data(), key.size(), data.data(), data.size());
}

} // namespace ns3
