/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-defaults.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/nstime.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace scenario
{

namespace
{

/// The attribute's initial value as type V; a missing TypeId or attribute
/// is a programming error of the module, not a user's mistake.
template <typename V>
Ptr<const V>
InitialValue(const std::string& typeId, const std::string& attribute)
{
    TypeId tid;
    NS_ABORT_MSG_UNLESS(TypeId::LookupByNameFailSafe(typeId, &tid), "no TypeId " << typeId);
    TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(tid.LookupAttributeByName(attribute, &info),
                        typeId << " has no attribute " << attribute);
    Ptr<const V> value = DynamicCast<const V>(info.initialValue);
    NS_ABORT_MSG_UNLESS(value, typeId << "::" << attribute << " is not of the expected type");
    return value;
}

} // namespace

int64_t
DefaultTimeNs(const std::string& typeId, const std::string& attribute)
{
    return InitialValue<TimeValue>(typeId, attribute)->Get().GetNanoSeconds();
}

uint64_t
DefaultUinteger(const std::string& typeId, const std::string& attribute)
{
    return InitialValue<UintegerValue>(typeId, attribute)->Get();
}

int
DefaultEnum(const std::string& typeId, const std::string& attribute)
{
    return InitialValue<EnumValue>(typeId, attribute)->Get();
}

} // namespace scenario
} // namespace ns3
