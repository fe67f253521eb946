// SPDX-License-Identifier: GPL-2.0-only
//
// IpvpnAddressIndex answers as ns-3's Ipv4::GetInterfaceForAddress does
// (the lowest interface holding the address), counts an address held twice
// by one interface, and filters by a scope.
#include "ns3/ipvpn-address-index.h"

#include <catch2/catch.hpp>

using namespace ns3;

TEST_CASE("address index: the lowest interface holding an address answers", "[address-index]")
{
    IpvpnAddressIndex index;
    const Ipv4Address shared("10.1.0.1");
    CHECK(index.Find(shared) == -1);
    index.Add(7, shared);
    index.Add(3, shared);
    index.Add(5, Ipv4Address("10.2.0.1"));
    CHECK(index.Find(shared) == 3);
    CHECK(index.Find(Ipv4Address("10.2.0.1")) == 5);
    CHECK(index.Find(Ipv4Address("10.1.0.2")) == -1);
    CHECK(index.GetSize() == 3);

    index.Remove(3, shared);
    CHECK(index.Find(shared) == 7);
    index.Remove(3, shared); // not held any more: nothing changes
    index.Remove(7, Ipv4Address("10.9.9.9"));
    CHECK(index.Find(shared) == 7);
    CHECK(index.GetSize() == 2);
    index.Remove(7, shared);
    CHECK(index.Find(shared) == -1);
    CHECK(index.GetSize() == 1);
}

TEST_CASE("address index: an address held twice by one interface needs two removals",
          "[address-index]")
{
    IpvpnAddressIndex index;
    const Ipv4Address address("192.168.0.1");
    index.Add(2, address);
    index.Add(2, address);
    index.Remove(2, address);
    CHECK(index.Find(address) == 2);
    index.Remove(2, address);
    CHECK(index.Find(address) == -1);
}

TEST_CASE("address index: a scope picks the lowest interface it accepts", "[address-index]")
{
    IpvpnAddressIndex index;
    const Ipv4Address address("10.1.0.1");
    for (uint32_t interface : {4u, 1u, 9u})
    {
        index.Add(interface, address);
    }
    const Callback<bool, uint32_t> odd([](uint32_t interface) {
        return interface % 2 == 1;
    });
    const Callback<bool, uint32_t> aboveFour([](uint32_t interface) {
        return interface > 4;
    });
    const Callback<bool, uint32_t> none([](uint32_t) {
        return false;
    });
    CHECK(index.Find(address, odd) == 1);
    CHECK(index.Find(address, aboveFour) == 9);
    CHECK(index.Find(address, none) == -1);
    CHECK(index.Find(address, Callback<bool, uint32_t>()) == 1); // null: every interface
}
