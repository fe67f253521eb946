/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A hash map whose entries sit in one array (open addressing with linear
 * probing), for the hot lookups of large simulations. std::unordered_map
 * keeps every entry in a node of its own, so a lookup in a table that is not
 * in the cache costs a miss for the bucket, one for the node before the
 * entry and one for the entry. Here it costs about one: the entry is found
 * at or just after its home slot. Boost 1.74 (Debian 12) has no flat hash
 * map yet (boost::unordered_flat_map came in 1.81).
 *
 * Erasing moves later entries of the same run back into the gap (backward
 * shift), so no deleted markers pile up. A new map holds no array, and a
 * map that becomes empty releases a large array: a router has many lists
 * (one per neighbor) that are short or empty most of the time.
 *
 * Pointers to values stay valid until the next insertion or erasure.
 * There is no iteration: its order would depend on the hash.
 */
#ifndef IPVPN_FLAT_HASH_MAP_H
#define IPVPN_FLAT_HASH_MAP_H

#include "ns3/assert.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \tparam Key equality-comparable, copyable
 * \tparam Value default-constructible, movable
 * \tparam Hash a function object giving a std::size_t for a Key; its bits
 *         are mixed again here, so a plain one will do
 */
template <typename Key, typename Value, typename Hash> class IpvpnFlatHashMap
{
  public:
    /// \return the value stored under `key`, or nullptr.
    Value*
    Find(const Key& key)
    {
        const std::size_t slot = Locate(key);
        return slot == NOT_FOUND ? nullptr : &m_slots[slot].value;
    }

    const Value*
    Find(const Key& key) const
    {
        const std::size_t slot = Locate(key);
        return slot == NOT_FOUND ? nullptr : &m_slots[slot].value;
    }

    /// \return the value stored under `key`, which must be there.
    const Value&
    At(const Key& key) const
    {
        const Value* value = Find(key);
        NS_ASSERT_MSG(value != nullptr, "IpvpnFlatHashMap::At: no such key");
        return *value;
    }

    bool
    Contains(const Key& key) const
    {
        return Locate(key) != NOT_FOUND;
    }

    /// \return the value under `key`, default-constructed when it was not there.
    Value&
    operator[](const Key& key)
    {
        return *Emplace(key, Value{}).first;
    }

    /**
     * Stores `value` under `key` unless the key is there already.
     * \return the value under `key`, and whether it was stored now
     */
    std::pair<Value*, bool>
    Emplace(const Key& key, Value value)
    {
        // Grows before probing (one probe per call), so an array at its
        // limit may double for a key that was there already.
        if (2 * (m_size + 1) > m_slots.size())
        {
            Grow();
        }
        std::size_t slot = Home(key);
        while (m_slots[slot].used)
        {
            if (m_slots[slot].key == key)
            {
                return {&m_slots[slot].value, false};
            }
            slot = (slot + 1) & Mask();
        }
        m_slots[slot].used = true;
        m_slots[slot].key = key;
        m_slots[slot].value = std::move(value);
        ++m_size;
        return {&m_slots[slot].value, true};
    }

    /// \return 1 when `key` was there and is erased, else 0.
    std::size_t
    Erase(const Key& key)
    {
        std::size_t gap = Locate(key);
        if (gap == NOT_FOUND)
        {
            return 0;
        }
        --m_size;
        if (m_size == 0 && m_slots.size() > KEPT_CAPACITY)
        {
            Clear();
            return 1;
        }
        // Backward shift: an entry further along the run moves into the gap
        // unless its home lies cyclically in (gap, its slot], where the
        // probe for it would not pass the gap.
        for (std::size_t next = (gap + 1) & Mask(); m_slots[next].used; next = (next + 1) & Mask())
        {
            const std::size_t home = Home(m_slots[next].key);
            const bool stays =
                gap <= next ? (gap < home && home <= next) : (gap < home || home <= next);
            if (!stays)
            {
                m_slots[gap] = std::move(m_slots[next]);
                gap = next;
            }
        }
        m_slots[gap] = Slot{};
        return 1;
    }

    std::size_t
    GetSize() const
    {
        return m_size;
    }

    bool
    IsEmpty() const
    {
        return m_size == 0;
    }

    /// Erases everything and releases the array.
    void
    Clear()
    {
        std::vector<Slot>().swap(m_slots);
        m_size = 0;
        m_shift = 64;
    }

  private:
    struct Slot
    {
        Key key{};
        Value value{};
        bool used = false;
    };

    static constexpr std::size_t NOT_FOUND = static_cast<std::size_t>(-1);
    static constexpr std::size_t FIRST_CAPACITY = 8;
    /// An array up to this long stays when the map empties: a list that
    /// fills and empties all the time would otherwise grow it again each time.
    static constexpr std::size_t KEPT_CAPACITY = 64;

    std::size_t
    Mask() const
    {
        return m_slots.size() - 1;
    }

    /// Fibonacci hashing: the top bits of the product pick the slot.
    std::size_t
    Home(const Key& key) const
    {
        const uint64_t mixed = static_cast<uint64_t>(Hash{}(key)) * 0x9E3779B97F4A7C15ULL;
        return static_cast<std::size_t>(mixed >> m_shift);
    }

    std::size_t
    Locate(const Key& key) const
    {
        if (m_size == 0)
        {
            return NOT_FOUND;
        }
        for (std::size_t slot = Home(key); m_slots[slot].used; slot = (slot + 1) & Mask())
        {
            if (m_slots[slot].key == key)
            {
                return slot;
            }
        }
        return NOT_FOUND;
    }

    /// Doubles the array (at most half full after) and re-places every entry.
    void
    Grow()
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        const std::size_t capacity = old.empty() ? FIRST_CAPACITY : 2 * old.size();
        m_slots.resize(capacity);
        m_shift = 64;
        for (std::size_t c = capacity; c > 1; c /= 2)
        {
            --m_shift;
        }
        for (Slot& entry : old)
        {
            if (entry.used)
            {
                std::size_t slot = Home(entry.key);
                while (m_slots[slot].used)
                {
                    slot = (slot + 1) & Mask();
                }
                m_slots[slot] = std::move(entry);
            }
        }
    }

    std::vector<Slot> m_slots; ///< a power of two long, at most half used
    std::size_t m_size = 0;
    /// 64 minus log2 of the array's length: Home() keeps the product's top bits.
    unsigned m_shift = 64;
};

} // namespace ns3

#endif /* IPVPN_FLAT_HASH_MAP_H */
