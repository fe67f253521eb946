-- SPDX-License-Identifier: GPL-2.0-only
--
-- Wireshark (4.0) Lua dissector for the Home-to-home Tunnelling Initiation
-- Protocol of seed 004 (doc/htip-wire.md, model/htip/htip-message.h): a
-- 12-octet header (Version, Type, Length, Negotiation ID, Round, Reserved)
-- and TLVs (Type 8, Length 8, Value) on UDP port 5402. Not the TTC JJ-300.00
-- home-network topology protocol that is also called HTIP: the protocol
-- tree carries the long name.
--
-- Load it for one run:
--   tshark -X lua_script:analysis/ipvpn-htip.lua -r FILE
-- or copy it into ~/.local/lib/wireshark/plugins/.
--
-- The checks follow htip::MessageHeader::Deserialize, in its order, and stop
-- at the first problem as it does: TRUNCATED, BAD_VERSION, BAD_LENGTH,
-- BAD_TYPE, BAD_RESERVED, BAD_TLV, DUPLICATE_TLV, MISSING_FIELD, each an
-- expert error. Every read is bounded by the captured octets, so no input
-- raises a Lua error.

local DEFAULT_PORT = 5402
local FIXED_SIZE = 12
local TLV_HEADER_SIZE = 2
local PREFIX_SIZE = 5
local VERSION = 1

local REQUEST, RESPONSE, ACK, READY, NAK = 1, 2, 3, 4, 5
local TLV_VPN_PROTOCOL, TLV_REQUESTER_PREFIX, TLV_REQUESTER_CANDIDATES = 1, 2, 3
local TLV_RESPONDER_PREFIX, TLV_RESPONDER_CANDIDATES = 4, 5
local TLV_REQUESTER_TUNNEL, TLV_RESPONDER_TUNNEL = 6, 7
local TLV_GATEWAY_NAME, TLV_NAK_CAUSE, TLV_IN_USE = 8, 9, 10

-- The codec's TypeName() words.
local type_names = {
    [REQUEST] = "REQUEST",
    [RESPONSE] = "RESPONSE",
    [ACK] = "ACK",
    [READY] = "READY",
    [NAK] = "NAK",
}
local tlv_names = {
    [TLV_VPN_PROTOCOL] = "VPN protocol",
    [TLV_REQUESTER_PREFIX] = "Requester prefix",
    [TLV_REQUESTER_CANDIDATES] = "Requester candidates",
    [TLV_RESPONDER_PREFIX] = "Responder prefix",
    [TLV_RESPONDER_CANDIDATES] = "Responder candidates",
    [TLV_REQUESTER_TUNNEL] = "Requester tunnel prefix",
    [TLV_RESPONDER_TUNNEL] = "Responder tunnel prefix",
    [TLV_GATEWAY_NAME] = "Gateway name",
    [TLV_NAK_CAUSE] = "NAK cause",
    [TLV_IN_USE] = "In-use prefixes",
}
-- Value shape of each known TLV: "octet", "prefix", "list" (1 prefix or
-- more), "list0" (0 or more), "name".
local tlv_kinds = {
    [TLV_VPN_PROTOCOL] = "octet",
    [TLV_REQUESTER_PREFIX] = "prefix",
    [TLV_REQUESTER_CANDIDATES] = "list",
    [TLV_RESPONDER_PREFIX] = "prefix",
    [TLV_RESPONDER_CANDIDATES] = "list",
    [TLV_REQUESTER_TUNNEL] = "prefix",
    [TLV_RESPONDER_TUNNEL] = "prefix",
    [TLV_GATEWAY_NAME] = "name",
    [TLV_NAK_CAUSE] = "octet",
    [TLV_IN_USE] = "list0",
}
local protocol_names = { [1] = "L2TP", [2] = "PPTP" }
-- htip::NakCause, in the words of NakCauseName().
local cause_names = {
    [0] = "none",
    [1] = "inside-peer-prefix",
    [2] = "in-use",
    [3] = "bad-candidate",
    [4] = "unsupported-protocol",
}

local htip = Proto("HTIP", "Home-to-home Tunnelling Initiation Protocol (seed 004)")

local f = {
    version = ProtoField.uint8("htip.version", "Version", base.DEC),
    type = ProtoField.uint8("htip.type", "Type", base.DEC, type_names),
    length = ProtoField.uint16("htip.length", "Length", base.DEC),
    negotiation_id = ProtoField.uint32("htip.negotiation_id", "Negotiation ID", base.HEX),
    round = ProtoField.uint16("htip.round", "Round", base.DEC),
    reserved = ProtoField.uint16("htip.reserved", "Reserved", base.HEX),
    tlv = ProtoField.none("htip.tlv", "TLV"),
    tlv_type = ProtoField.uint8("htip.tlv.type", "TLV type", base.DEC, tlv_names),
    tlv_length = ProtoField.uint8("htip.tlv.length", "TLV length", base.DEC),
    vpn_protocol = ProtoField.uint8("htip.vpn_protocol", "VPN protocol", base.DEC, protocol_names),
    requester_prefix = ProtoField.string("htip.requester_prefix", "Requester prefix"),
    requester_candidate = ProtoField.string("htip.requester_candidate", "Requester candidate"),
    responder_prefix = ProtoField.string("htip.responder_prefix", "Responder prefix"),
    responder_candidate = ProtoField.string("htip.responder_candidate", "Responder candidate"),
    requester_tunnel = ProtoField.string("htip.requester_tunnel", "Requester tunnel prefix"),
    responder_tunnel = ProtoField.string("htip.responder_tunnel", "Responder tunnel prefix"),
    gateway_name = ProtoField.string("htip.gateway_name", "Gateway name"),
    nak_cause = ProtoField.uint8("htip.nak_cause", "NAK cause", base.DEC, cause_names),
    in_use = ProtoField.string("htip.in_use", "In-use prefix"),
    in_use_count = ProtoField.uint8("htip.in_use.count", "In-use prefixes", base.DEC),
    prefix_network = ProtoField.ipv4("htip.prefix.network", "Network"),
    prefix_length = ProtoField.uint8("htip.prefix.length", "Prefix length", base.DEC),
    unknown_value = ProtoField.bytes("htip.tlv.value", "Unknown TLV value"),
    unknown_count = ProtoField.uint32("htip.unknown_tlvs", "Unknown TLVs skipped", base.DEC),
}
htip.fields = {
    f.version, f.type, f.length, f.negotiation_id, f.round, f.reserved, f.tlv, f.tlv_type,
    f.tlv_length, f.vpn_protocol, f.requester_prefix, f.requester_candidate,
    f.responder_prefix, f.responder_candidate, f.requester_tunnel, f.responder_tunnel,
    f.gateway_name, f.nak_cause, f.in_use, f.in_use_count, f.prefix_network, f.prefix_length,
    f.unknown_value, f.unknown_count,
}
-- The field of each prefix-carrying TLV, and the Print() key.
local prefix_fields = {
    [TLV_REQUESTER_PREFIX] = { f.requester_prefix, "a" },
    [TLV_REQUESTER_CANDIDATES] = { f.requester_candidate, "a-cand" },
    [TLV_RESPONDER_PREFIX] = { f.responder_prefix, "b" },
    [TLV_RESPONDER_CANDIDATES] = { f.responder_candidate, "b-cand" },
    [TLV_REQUESTER_TUNNEL] = { f.requester_tunnel, "a-tun" },
    [TLV_RESPONDER_TUNNEL] = { f.responder_tunnel, "b-tun" },
    [TLV_IN_USE] = { f.in_use, "in-use" },
}

-- One expert field per MessageHeader::Error, plus a note for skipped TLVs.
local function error_field(name, text)
    return ProtoExpert.new("htip." .. name, text, expert.group.MALFORMED, expert.severity.ERROR)
end
local e = {
    truncated = error_field("truncated", "Fewer than the 12 fixed octets"),
    bad_version = error_field("bad_version", "Version other than 1"),
    bad_length = error_field("bad_length", "Length differs from the UDP payload length"),
    bad_type = error_field("bad_type", "Message type not 1-5"),
    bad_reserved = error_field("bad_reserved", "Reserved field not zero"),
    bad_tlv = error_field("bad_tlv", "TLV runs past Length, has the wrong length for its type, "
                                     .. "or holds a bad prefix or name"),
    duplicate_tlv = error_field("duplicate_tlv", "Known TLV appears twice"),
    missing_field = error_field("missing_field", "A TLV the message type must carry is absent"),
    unknown_tlv = ProtoExpert.new("htip.unknown_tlv", "Unknown TLV type, skipped",
                                  expert.group.UNDECODED, expert.severity.NOTE),
}
htip.experts = {
    e.truncated, e.bad_version, e.bad_length, e.bad_type, e.bad_reserved, e.bad_tlv,
    e.duplicate_tlv, e.missing_field, e.unknown_tlv,
}

htip.prefs.port = Pref.uint("UDP port", DEFAULT_PORT, "UDP port of the HTIP messages")

-- The prefix at buf(offset, 5): its text and whether it is valid (length
-- <= 32, host bits zero).
local function read_prefix(buf, offset)
    local a, b, c, d = buf(offset, 1):uint(), buf(offset + 1, 1):uint(),
        buf(offset + 2, 1):uint(), buf(offset + 3, 1):uint()
    local len = buf(offset + 4, 1):uint()
    local text = string.format("%d.%d.%d.%d/%d", a, b, c, d, len)
    if len > 32 then
        return text, false
    end
    -- Host bits: every bit from `len` on must be zero, octet by octet.
    local octets = { a, b, c, d }
    for k = 1, 4 do
        local keep = math.max(0, math.min(8, len - 8 * (k - 1))) -- network bits in this octet
        local host_mask = (2 ^ (8 - keep)) - 1
        if octets[k] % (host_mask + 1) ~= 0 then
            return text, false
        end
    end
    return text, true
end

-- Adds one prefix item (the string field, with network and length under it).
local function add_prefix(tree, field, buf, offset)
    local text, ok = read_prefix(buf, offset)
    local item = tree:add(field, buf(offset, PREFIX_SIZE), text)
    item:add(f.prefix_network, buf(offset, 4))
    item:add(f.prefix_length, buf(offset + 4, 1))
    return text, ok, item
end

-- Whether the fields of `seen` are those the type needs (htip-message.h).
local function missing_fields(mtype, seen)
    local need
    if mtype == REQUEST then
        need = { TLV_VPN_PROTOCOL, TLV_REQUESTER_PREFIX, TLV_REQUESTER_CANDIDATES,
                 TLV_GATEWAY_NAME }
    elseif mtype == RESPONSE then
        need = { TLV_VPN_PROTOCOL, TLV_REQUESTER_PREFIX, TLV_RESPONDER_PREFIX,
                 TLV_RESPONDER_CANDIDATES, TLV_REQUESTER_TUNNEL }
    elseif mtype == ACK or mtype == READY then
        need = { TLV_VPN_PROTOCOL, TLV_REQUESTER_PREFIX, TLV_RESPONDER_PREFIX,
                 TLV_REQUESTER_TUNNEL, TLV_RESPONDER_TUNNEL }
    else
        -- NAK: the cause and one of the two forms.
        local missing = {}
        if not seen[TLV_NAK_CAUSE] then
            missing[#missing + 1] = tlv_names[TLV_NAK_CAUSE]
        end
        local b_refuses = seen[TLV_REQUESTER_CANDIDATES] and seen[TLV_RESPONDER_PREFIX]
        local a_refuses = seen[TLV_RESPONDER_CANDIDATES] and seen[TLV_REQUESTER_PREFIX]
        if not (b_refuses or a_refuses) then
            missing[#missing + 1] = "candidates with the other side's prefix"
        end
        return missing
    end
    local missing = {}
    for _, t in ipairs(need) do
        if not seen[t] then
            missing[#missing + 1] = tlv_names[t]
        end
    end
    return missing
end

-- Decodes the TLVs in buf(offset, length) under tree; fills `msg.values`
-- (Print() key -> text) and msg.unknown; returns the error name or nil.
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
        local kind = tlv_kinds[ttype]
        local length_ok
        if kind == nil then
            if tlen > 0 then
                t:add(f.unknown_value, buf(voff, tlen))
            end
            t:add_proto_expert_info(e.unknown_tlv)
            msg.unknown = msg.unknown + 1
        elseif kind == "octet" then
            length_ok = tlen == 1
        elseif kind == "prefix" then
            length_ok = tlen == PREFIX_SIZE
        elseif kind == "list" then
            length_ok = tlen > 0 and tlen % PREFIX_SIZE == 0
        elseif kind == "list0" then
            length_ok = tlen % PREFIX_SIZE == 0
        else -- name
            length_ok = tlen > 0
        end
        if kind ~= nil then
            if not length_ok then
                t:add_proto_expert_info(e.bad_tlv, name .. " of " .. tlen .. " octets")
                return "BAD_TLV"
            end
            if seen[ttype] then
                t:add_proto_expert_info(e.duplicate_tlv, name .. " twice")
                return "DUPLICATE_TLV"
            end
            seen[ttype] = true
            if ttype == TLV_VPN_PROTOCOL then
                t:add(f.vpn_protocol, buf(voff, 1))
                local p = buf(voff, 1):uint()
                msg.values.proto = protocol_names[p] or tostring(p)
                t:append_text(": " .. msg.values.proto)
            elseif ttype == TLV_NAK_CAUSE then
                t:add(f.nak_cause, buf(voff, 1))
                msg.values.cause = tostring(buf(voff, 1):uint())
                t:append_text(": " .. msg.values.cause)
            elseif ttype == TLV_GATEWAY_NAME then
                local ok = true
                for k = 0, tlen - 1 do
                    local c = buf(voff + k, 1):uint()
                    if c < 0x21 or c > 0x7e then
                        ok = false
                    end
                end
                local text = buf(voff, tlen):string()
                t:add(f.gateway_name, buf(voff, tlen), text)
                if not ok then
                    t:add_proto_expert_info(e.bad_tlv, "Gateway name with an octet that is not "
                                                       .. "visible ASCII")
                    return "BAD_TLV"
                end
                msg.values.name = text
                t:append_text(": " .. text)
            else
                local field, key = prefix_fields[ttype][1], prefix_fields[ttype][2]
                local texts = {}
                if ttype == TLV_IN_USE then
                    t:add(f.in_use_count, buf(offset + 1, 1), math.floor(tlen / PREFIX_SIZE))
                end
                for k = 0, math.floor(tlen / PREFIX_SIZE) - 1 do
                    local text, ok, item = add_prefix(t, field, buf, voff + k * PREFIX_SIZE)
                    if not ok then
                        item:add_proto_expert_info(e.bad_tlv, "Prefix " .. text .. ": length "
                                                              .. "above 32 or host bits set")
                        return "BAD_TLV"
                    end
                    texts[#texts + 1] = text
                end
                msg.values[key] = #texts > 0 and table.concat(texts, ",") or "none"
                t:append_text(": " .. msg.values[key])
            end
        end
        offset = voff + tlen
    end
    local missing = missing_fields(msg.type, seen)
    if #missing > 0 then
        tree:add_proto_expert_info(e.missing_field, type_names[msg.type] .. " without "
                                                    .. table.concat(missing, ", "))
        return "MISSING_FIELD"
    end
    return nil
end

-- The Info text, in the words of MessageHeader::Print().
local PRINT_KEYS = { "proto", "a", "a-cand", "b", "b-cand", "a-tun", "b-tun", "name", "cause",
                     "in-use" }
local function info_text(msg, err)
    local s = (type_names[msg.type] or ("TYPE " .. msg.type))
        .. string.format(" id=0x%x round=%d", msg.id, msg.round)
    for _, key in ipairs(PRINT_KEYS) do
        if msg.values[key] then
            s = s .. " " .. key .. "=" .. msg.values[key]
        end
    end
    if msg.unknown > 0 then s = s .. " unknown-tlvs=" .. msg.unknown end
    if err then s = s .. " (malformed: " .. err .. ")" end
    return s
end

function htip.dissector(buf, pinfo, tree)
    local captured = buf:len()
    local available = buf:reported_len()
    pinfo.cols.protocol = "HTIP"
    local root = tree:add(htip, buf())

    if captured < FIXED_SIZE then
        root:add_proto_expert_info(e.truncated, "Message of " .. available
                                                .. " octet(s), fewer than 12")
        pinfo.cols.info = "HTIP message of " .. available .. " octets (malformed: TRUNCATED)"
        return captured
    end

    local msg = {
        type = buf(1, 1):uint(),
        id = buf(4, 4):uint(),
        round = buf(8, 2):uint(),
        unknown = 0,
        values = {},
    }
    local version = buf(0, 1):uint()
    local length = buf(2, 2):uint()
    local reserved = buf(10, 2):uint()
    root:add(f.version, buf(0, 1))
    root:add(f.type, buf(1, 1))
    local litem = root:add(f.length, buf(2, 2))
    root:add(f.negotiation_id, buf(4, 4))
    root:add(f.round, buf(8, 2))
    local ritem = root:add(f.reserved, buf(10, 2))

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
    elseif reserved ~= 0 then
        ritem:add_proto_expert_info(e.bad_reserved, string.format("Reserved 0x%04x", reserved))
        err = "BAD_RESERVED"
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
        udp:remove(registered_port, htip)
    end
    if port ~= 0 then
        udp:add(port, htip)
    end
    registered_port = port
end

function htip.prefs_changed()
    if htip.prefs.port ~= registered_port then
        register_port(htip.prefs.port)
    end
end

register_port(htip.prefs.port)
