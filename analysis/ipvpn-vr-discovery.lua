-- SPDX-License-Identifier: GPL-2.0-only
--
-- Wireshark (4.0) Lua dissector for the module's VR-port discovery and
-- monitoring messages (doc/vr-discovery.md, model/vr/vr-discovery-header.h):
-- an 8-octet header (Version, Type, Length, Sequence) and TLVs (Type 8,
-- Length 8, Value) on UDP port 5401.
--
-- Load it for one run:
--   tshark -X lua_script:analysis/ipvpn-vr-discovery.lua -r FILE
-- or copy it into ~/.local/lib/wireshark/plugins/.
--
-- The checks follow DiscoveryHeader::Deserialize, in its order, and stop at
-- the first problem as it does: TRUNCATED, BAD_VERSION, BAD_LENGTH, BAD_TYPE,
-- BAD_TLV, DUPLICATE_TLV, MISSING_FIELD, each an expert error. Every read is
-- bounded by the captured octets, so no input raises a Lua error.

local DEFAULT_PORT = 5401
local FIXED_SIZE = 8
local TLV_HEADER_SIZE = 2
local VERSION = 1

local ADDITION, ADDITION_ACK, MONITOR, MONITOR_REPLY = 1, 2, 3, 4
local TLV_VPN_ID, TLV_ROUTER_ID, TLV_PORT_ADDRESS = 1, 2, 3

-- The codec's TypeName() words.
local type_names = {
    [ADDITION] = "Addition",
    [ADDITION_ACK] = "AdditionAck",
    [MONITOR] = "Monitor",
    [MONITOR_REPLY] = "MonitorReply",
}
local tlv_names = {
    [TLV_VPN_ID] = "VPN-ID",
    [TLV_ROUTER_ID] = "Router-ID",
    [TLV_PORT_ADDRESS] = "VR-port address",
}
-- Value length of each known TLV.
local tlv_lengths = {
    [TLV_VPN_ID] = 7,
    [TLV_ROUTER_ID] = 4,
    [TLV_PORT_ADDRESS] = 4,
}

local vr = Proto("ipvpn_vr", "ipvpn VR-port discovery (seed 000)")

local f = {
    version = ProtoField.uint8("ipvpn_vr.version", "Version", base.DEC),
    type = ProtoField.uint8("ipvpn_vr.type", "Type", base.DEC, type_names),
    length = ProtoField.uint16("ipvpn_vr.length", "Length", base.DEC),
    sequence = ProtoField.uint32("ipvpn_vr.sequence", "Sequence number", base.DEC),
    tlv = ProtoField.none("ipvpn_vr.tlv", "TLV"),
    tlv_type = ProtoField.uint8("ipvpn_vr.tlv.type", "TLV type", base.DEC, tlv_names),
    tlv_length = ProtoField.uint8("ipvpn_vr.tlv.length", "TLV length", base.DEC),
    vpn_id = ProtoField.string("ipvpn_vr.vpn_id", "VPN-ID"),
    vpn_oui = ProtoField.uint24("ipvpn_vr.vpn_id.oui", "VPN OUI", base.HEX),
    vpn_index = ProtoField.uint32("ipvpn_vr.vpn_id.index", "VPN index", base.HEX),
    router_id = ProtoField.ipv4("ipvpn_vr.router_id", "Router-ID"),
    port_address = ProtoField.ipv4("ipvpn_vr.port_address", "VR-port address"),
    unknown_value = ProtoField.bytes("ipvpn_vr.tlv.value", "Unknown TLV value"),
    unknown_count = ProtoField.uint32("ipvpn_vr.unknown_tlvs", "Unknown TLVs skipped", base.DEC),
}
vr.fields = {
    f.version, f.type, f.length, f.sequence, f.tlv, f.tlv_type, f.tlv_length,
    f.vpn_id, f.vpn_oui, f.vpn_index, f.router_id, f.port_address,
    f.unknown_value, f.unknown_count,
}

-- One expert field per DiscoveryHeader::Error, plus a note for skipped TLVs.
local function error_field(name, text)
    return ProtoExpert.new("ipvpn_vr." .. name, text, expert.group.MALFORMED, expert.severity.ERROR)
end
local e = {
    truncated = error_field("truncated", "Fewer than the 8 fixed octets"),
    bad_version = error_field("bad_version", "Version other than 1"),
    bad_length = error_field("bad_length", "Length differs from the UDP payload length"),
    bad_type = error_field("bad_type", "Message type not 1-4"),
    bad_tlv = error_field("bad_tlv", "TLV runs past Length or has the wrong length for its type"),
    duplicate_tlv = error_field("duplicate_tlv", "Known TLV appears twice"),
    missing_field = error_field("missing_field", "A TLV the message type must carry is absent"),
    unknown_tlv = ProtoExpert.new("ipvpn_vr.unknown_tlv", "Unknown TLV type, skipped",
                                  expert.group.UNDECODED, expert.severity.NOTE),
}
vr.experts = {
    e.truncated, e.bad_version, e.bad_length, e.bad_type, e.bad_tlv,
    e.duplicate_tlv, e.missing_field, e.unknown_tlv,
}

vr.prefs.port = Pref.uint("UDP port", DEFAULT_PORT, "UDP port of the discovery messages")

-- Decodes the TLVs in buf(offset, length) under tree; fills `msg` (vpn,
-- router, port, unknown) and returns the error name or nil.
local function dissect_tlvs(buf, tree, offset, length, msg)
    local stop = offset + length
    local seen = {}
    while offset < stop do
        local left = stop - offset
        if left < TLV_HEADER_SIZE then
            tree:add_proto_expert_info(e.bad_tlv, "TLV header cut short: " .. left .. " octet(s) left")
            return "BAD_TLV"
        end
        local ttype = buf(offset, 1):uint()
        local tlen = buf(offset + 1, 1):uint()
        left = left - TLV_HEADER_SIZE
        local span = math.min(TLV_HEADER_SIZE + tlen, stop - offset)
        local name = tlv_names[ttype] or ("TLV " .. ttype)
        local t = tree:add(f.tlv, buf(offset, span)):set_text(name)
        t:add(f.tlv_type, buf(offset, 1))
        t:add(f.tlv_length, buf(offset + 1, 1))
        local voff = offset + TLV_HEADER_SIZE
        if tlen > left then
            t:add_proto_expert_info(e.bad_tlv, name .. " of " .. tlen .. " octets runs past the "
                                               .. left .. " left")
            return "BAD_TLV"
        end
        local expected = tlv_lengths[ttype]
        if expected == nil then
            if tlen > 0 then
                t:add(f.unknown_value, buf(voff, tlen))
            end
            t:add_proto_expert_info(e.unknown_tlv)
            msg.unknown = msg.unknown + 1
        elseif tlen ~= expected then
            t:add_proto_expert_info(e.bad_tlv, name .. " of " .. tlen .. " octets, not " .. expected)
            return "BAD_TLV"
        elseif seen[ttype] then
            t:add_proto_expert_info(e.duplicate_tlv, name .. " twice")
            return "DUPLICATE_TLV"
        else
            seen[ttype] = true
            if ttype == TLV_VPN_ID then
                local oui = buf(voff, 3):uint()
                local index = buf(voff + 3, 4):uint()
                msg.vpn = string.format("%06x:%08x", oui, index)
                t:add(f.vpn_id, buf(voff, 7), msg.vpn)
                t:add(f.vpn_oui, buf(voff, 3))
                t:add(f.vpn_index, buf(voff + 3, 4))
                t:append_text(": " .. msg.vpn)
            elseif ttype == TLV_ROUTER_ID then
                t:add(f.router_id, buf(voff, 4))
                msg.router = tostring(buf(voff, 4):ipv4())
                t:append_text(": " .. msg.router)
            else
                t:add(f.port_address, buf(voff, 4))
                msg.port = tostring(buf(voff, 4):ipv4())
                t:append_text(": " .. msg.port)
            end
        end
        offset = voff + tlen
    end
    local needs_port = msg.type == ADDITION or msg.type == ADDITION_ACK
    local missing = {}
    if not seen[TLV_VPN_ID] then missing[#missing + 1] = "VPN-ID" end
    if not seen[TLV_ROUTER_ID] then missing[#missing + 1] = "Router-ID" end
    if needs_port and not seen[TLV_PORT_ADDRESS] then missing[#missing + 1] = "VR-port address" end
    if #missing > 0 then
        tree:add_proto_expert_info(e.missing_field, type_names[msg.type] .. " without "
                                                    .. table.concat(missing, ", "))
        return "MISSING_FIELD"
    end
    return nil
end

-- The Info text, in the words of DiscoveryHeader::Print().
local function info_text(msg, err)
    local s = (type_names[msg.type] or ("Type " .. msg.type)) .. " seq=" .. msg.sequence
    if msg.vpn then s = s .. " vpn=" .. msg.vpn end
    if msg.router then s = s .. " router=" .. msg.router end
    if msg.port then s = s .. " port=" .. msg.port end
    if msg.unknown > 0 then s = s .. " unknown-tlvs=" .. msg.unknown end
    if err then s = s .. " (malformed: " .. err .. ")" end
    return s
end

function vr.dissector(buf, pinfo, tree)
    local captured = buf:len()
    local available = buf:reported_len()
    pinfo.cols.protocol = "IPVPN-VR"
    local root = tree:add(vr, buf())

    if captured < FIXED_SIZE then
        root:add_proto_expert_info(e.truncated, "Message of " .. available .. " octet(s), fewer than 8")
        pinfo.cols.info = "Discovery message of " .. available .. " octets (malformed: TRUNCATED)"
        return captured
    end

    local msg = {
        type = buf(1, 1):uint(),
        sequence = buf(4, 4):uint(),
        unknown = 0,
    }
    local version = buf(0, 1):uint()
    local length = buf(2, 2):uint()
    root:add(f.version, buf(0, 1))
    root:add(f.type, buf(1, 1))
    local litem = root:add(f.length, buf(2, 2))
    root:add(f.sequence, buf(4, 4))

    local err = nil
    if version ~= VERSION then
        root:add_proto_expert_info(e.bad_version, "Version " .. version .. ", not 1")
        err = "BAD_VERSION"
    elseif length ~= available then
        litem:add_proto_expert_info(e.bad_length, "Length " .. length .. " on a UDP payload of "
                                                  .. available .. " octets")
        err = "BAD_LENGTH"
    elseif type_names[msg.type] == nil then
        root:add_proto_expert_info(e.bad_type, "Message type " .. msg.type)
        err = "BAD_TYPE"
    else
        -- Only the captured octets are read: a cut capture gives BAD_TLV,
        -- never a Lua error.
        local tlv_length = math.min(length, captured) - FIXED_SIZE
        err = dissect_tlvs(buf, root, FIXED_SIZE, tlv_length, msg)
        if msg.unknown > 0 then
            root:add(f.unknown_count, msg.unknown):set_generated()
        end
    end

    local text = info_text(msg, err)
    pinfo.cols.info = text
    root:append_text(": " .. text)
    return captured
end

local registered_port = nil

local function register_port(port)
    local udp = DissectorTable.get("udp.port")
    if registered_port ~= nil then
        udp:remove(registered_port, vr)
    end
    if port ~= 0 then
        udp:add(port, vr)
    end
    registered_port = port
end

function vr.prefs_changed()
    if vr.prefs.port ~= registered_port then
        register_port(vr.prefs.port)
    end
end

register_port(vr.prefs.port)
