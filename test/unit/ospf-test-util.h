/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Helpers for the OSPF codec tests: the OSPF octets (IPv4 payload) of a
 * capture's frame, and the LSAs of a Link State Update cut out by their
 * length fields, independently of the codec under test.
 */
#ifndef IPVPN_OSPF_TEST_UTIL_H
#define IPVPN_OSPF_TEST_UTIL_H

#include "ns3/ipvpn-capture-frame.h"
#include "ns3/ipvpn-capture-reader.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

namespace ns3
{
namespace ospftest
{

/// The IPv4 payload of 1-based frame `number`, which must be IP protocol 89.
inline std::vector<uint8_t>
OspfBytes(const decode::Capture& cap, uint32_t number)
{
    const decode::Frame& f = cap.frames.at(number - 1);
    REQUIRE(f.ipv4.present);
    REQUIRE(f.ipv4.ip.GetProtocol() == 89);
    return decode::PacketBytes(f.ipv4.payload);
}

/// Numbers of the frames carrying IP protocol 89.
inline std::vector<uint32_t>
OspfFrames(const decode::Capture& cap)
{
    std::vector<uint32_t> numbers;
    for (size_t i = 0; i < cap.frames.size(); ++i)
    {
        const decode::Frame& f = cap.frames[i];
        if (f.ipv4.present && f.ipv4.ip.GetProtocol() == 89)
        {
            numbers.push_back(static_cast<uint32_t>(i + 1));
        }
    }
    return numbers;
}

/// The LSAs of a Link State Update packet: the octets after the 24-octet
/// header and the 4-octet # LSAs, each as long as its length field.
inline std::vector<std::vector<uint8_t>>
UpdateLsas(const std::vector<uint8_t>& ospf)
{
    REQUIRE(ospf.size() >= 28);
    REQUIRE(ospf[1] == 4); // Link State Update
    const uint32_t count = (ospf[24] << 24) | (ospf[25] << 16) | (ospf[26] << 8) | ospf[27];
    std::vector<std::vector<uint8_t>> lsas;
    size_t at = 28;
    for (uint32_t i = 0; i < count; ++i)
    {
        REQUIRE(at + 20 <= ospf.size());
        const size_t length = (ospf[at + 18] << 8) | ospf[at + 19];
        REQUIRE(at + length <= ospf.size());
        lsas.emplace_back(ospf.begin() + at, ospf.begin() + at + length);
        at += length;
    }
    return lsas;
}

} // namespace ospftest
} // namespace ns3

#endif
