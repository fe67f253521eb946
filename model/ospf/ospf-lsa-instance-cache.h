/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Decoded LSA instances shared by every router of the process.
 *
 * Flooding sends each LSA instance over nearly every link of the area: in a
 * large area every router receives it once or twice, and decoding it anew
 * each time (a Router-LSA's link list, its checksum) was a tenth of a
 * large area's run, and a private copy per router most of its memory. An
 * instance is immutable once sealed, so the routers can share one decoded
 * copy: the cache hands out the instance decoded earlier from the same
 * octets while any router still holds it.
 *
 * Two copies of one instance differ in their LS age, which is outside the
 * checksum and changes at every hop. The cache's key is the octets after
 * the LS age together with whether the age is MaxAge (an instance at MaxAge
 * is a different instance, RFC 2328 13.1). The shared instance's header
 * carries LS age 0, or MaxAge for one at MaxAge: the age a router received
 * travels beside it (LinkStateUpdateHeader::Item, Lsdb::Entry::installedAge).
 */
#ifndef IPVPN_OSPF_LSA_INSTANCE_CACHE_H
#define IPVPN_OSPF_LSA_INSTANCE_CACHE_H

#include "ospf-lsa.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace ns3
{
namespace ospf
{

/// The process's decoded LSA instances, by their octets.
class LsaInstanceCache
{
  public:
    /// One LSA as received.
    struct Decoded
    {
        /// The shared instance (LS age 0, or MaxAge, in its header).
        std::shared_ptr<const Lsa> lsa;
        uint16_t age = 0;           ///< the LS age the octets carry
        bool checksumValid = false; ///< RFC 2328 12.1.7, over these octets
    };

    /**
     * Decodes the LSA at the start of `length` octets, as Lsa::FromBytes
     * (the header's length field says how many it takes), or finds it
     * decoded before. \return nullopt when the octets are not a
     * well-formed LSA.
     */
    static std::optional<Decoded> Decode(const uint8_t* data, std::size_t length);

    /// \return how many instances the cache indexes (some may have expired).
    static std::size_t GetSize();
};

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_LSA_INSTANCE_CACHE_H */
