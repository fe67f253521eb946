/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A model's attribute default, read from its TypeId: where a scenario key
 * left out means "what the model does by default", the resolver asks the
 * model instead of keeping a second copy of the value. Config::SetDefault
 * changes what these return, as it changes what the model uses.
 */
#ifndef IPVPN_SCENARIO_DEFAULTS_H
#define IPVPN_SCENARIO_DEFAULTS_H

#include <cstdint>
#include <string>

namespace ns3
{
namespace scenario
{

/// A Time attribute's default in nanoseconds.
int64_t DefaultTimeNs(const std::string& typeId, const std::string& attribute);

/// An unsigned integer attribute's default.
uint64_t DefaultUinteger(const std::string& typeId, const std::string& attribute);

/// An enum attribute's default (its integer value).
int DefaultEnum(const std::string& typeId, const std::string& attribute);

} // namespace scenario
} // namespace ns3

#endif
