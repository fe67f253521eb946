#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Golden sequences of seed 004's tunnelling figures (Figs. 3-7, 9-13).

Usage: check-htip.py FIGURE OUTPUT_DIR     FIGURE: 3, 5, 7, 9, 11 or 13

  3  p2-fig03-04-different-prefixes   case 1, first embodiment ([0077]-[0090])
  5  p2-fig05-06-identical-prefixes   case 2, first embodiment ([0091]-[0103])
  7  p2-fig07-nested-prefixes         case 3, first embodiment ([0104]-[0110])
  9  p2-fig09-10-different-prefixes   case 1, second embodiment ([0120]-[0135])
  11 p2-fig11-12-identical-prefixes   case 2, second embodiment ([0136]-[0152])
  13 p2-fig13-nested-prefixes-nak     case 3, second embodiment ([0153]-[0165])

Every expected value below is typed from the seed's paragraph named next to
it (/work/shared/seeds/004_7a892fbe86961c32.txt and the seed-004 part of
CHECKLIST.md), never pasted from a run; where the seed slips, the comment
says which reading the check follows and why. Checked:

- messages.txt at gateway A, in order: the tunnel page (GET /, POST /tunnel
  from host A), the DNS query for gateway-b.example at server 330, the
  HTIP messages with their fields and rounds, the L2TP control sequence of
  RFC 2661 section 5.1 (SCCRQ, SCCRP, SCCCN, ICRQ, ICRP, ICCN) after the
  last HTIP message, the query for host-b.gateway-b.example forwarded to
  gateway B. The trace has no line for host data; the data is checked in
  results.json and with tshark below;
- results.json: both connection tables ([0081], [0095], [0107], [0125],
  [0142], [0160]), the tunnels up, NAK rounds, isolation counters 0, the
  a-to-b flow;
- tshark on the captures: the answers' addresses (211.32.119.136 and host
  B's tunnel address), the data's addresses in home A, inside the L2TP
  tunnel on both ISP links (tshark lists outer,inner in ip.src/ip.dst) and
  in home B, the L2TP message types on the wire, and the HTIP messages as
  the Lua dissector analysis/ipvpn-htip.lua decodes them.

Exit 0 pass, 1 fail (with the list of failed checks), 2 usage, 77 without
tshark (after the trace and results checks passed).
"""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "..")
DISSECTOR = os.path.join(SOURCE, "analysis", "ipvpn-htip.lua")

GW_A = "168.219.193.7"  # figure text after the claims
GW_B = "211.32.119.136"  # [0077], [0091], [0104], [0120], [0137], [0154]
DNS_330 = "192.0.2.30"  # the scenario's server 330 ([0057])
HOST_A = "10.0.0.4"  # [0086], [0100], [0131], [0149]
GW_LAN = "10.0.0.1"  # the gateways' private side (CHECKLIST)
CAND_A = ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]  # [0077], [0091], [0104], [0121], [0138], [0155]


def htip(kind, rnd, **fields):
    return dict(type=kind, round=rnd, **fields)


def exchange(fig, rnd, b_candidates, a_candidates=CAND_A):
    """One round that ends in a tunnel, with the figure's prefixes: A's
    REQUEST (A's prefix and candidates), B's RESPONSE (A's and B's prefixes,
    B's candidates, A's tunnel prefix), A's ACK (the four prefixes) and, in
    the second embodiment, B's READY (the same four)."""
    a, b, a_tunnel, b_tunnel = fig["a"], fig["b"], fig["a_tunnel"], fig["b_tunnel"]
    messages = [
        htip("REQUEST", rnd, a=a, a_candidates=a_candidates),
        htip("RESPONSE", rnd, a=a, b=b, b_candidates=b_candidates, a_tunnel=a_tunnel),
        htip("ACK", rnd, a=a, b=b, a_tunnel=a_tunnel, b_tunnel=b_tunnel),
    ]
    if fig["second"]:
        messages.append(htip("READY", rnd, a=a, b=b, a_tunnel=a_tunnel, b_tunnel=b_tunnel))
    return messages


# ---------------------------------------------------------------- figures
# a: A's own prefix, b: B's own prefix, a_tunnel/b_tunnel: the tunnel
# prefixes; hostb: host B's own address, hostb_tunnel: the address host A
# is told for host-b; data: (source, destination) of host A's datagrams in
# home A, inside the tunnel and in home B (the replies are the reverse);
# messages: the HTIP messages at gateway A, in order (exchange() above).

CASE1 = dict(
    a="10.0.0.0/24", b="10.0.1.0/24", a_tunnel="10.0.0.0/24", b_tunnel="10.0.1.0/24",
    # [0084], [0089], [0130], [0131]: host B is 10.0.1.5 and is seen so.
    hostb="10.0.1.5", hostb_tunnel="10.0.1.5",
    # [0086], [0089], [0131], [0134]: 10.0.0.4 <-> 10.0.1.5 everywhere, no NAT.
    data=[(HOST_A, "10.0.1.5")] * 3, replies=3)
CASE2 = dict(
    a="10.0.0.0/24", b="10.0.0.0/24", a_tunnel="10.0.1.0/24", b_tunnel="10.0.2.0/24",
    # [0102], [0151]: host B is 10.0.0.5; [0099], [0149]: seen as 10.0.2.5.
    hostb="10.0.0.5", hostb_tunnel="10.0.2.5",
    # [0100]-[0102], [0149]-[0151]: 10.0.0.4 -> 10.0.2.5 in home A, the
    # source becomes 10.0.1.4 at gateway A, the destination 10.0.0.5 at B.
    data=[(HOST_A, "10.0.2.5"), ("10.0.1.4", "10.0.2.5"), ("10.0.1.4", "10.0.0.5")], replies=3)

FIGURES = {
    "3": dict(CASE1, scenario="p2-fig03-04-different-prefixes", second=False, nak=False),
    "5": dict(CASE2, scenario="p2-fig05-06-identical-prefixes", second=False, nak=False),
    "7": dict(
        scenario="p2-fig07-nested-prefixes", second=False, nak=False,
        # [0074], [0104]-[0107]: A 10.0.0.0/24 inside B's 10.0.0.0/16; A
        # in the tunnel 10.0.1.0/24, B 10.1.0.0/16. [0105] names A's tunnel
        # prefix without giving it: 10.0.1.0/24 from [0106] and [0074] (the
        # first embodiment takes A's next candidate unchecked against B's
        # prefix, rule 7 of doc/htip-negotiation.md). [0106] writes B's
        # tunnel prefix as 10.1.0.0/24; the check follows 10.1.0.0/16:
        # [0105] offers only /16s, [0074] names 10.1.0.0/16, and a tunnel
        # prefix must have the length of the own prefix it stands for (the
        # 1:1 NAT keeps the host part).
        a="10.0.0.0/24", b="10.0.0.0/16", a_tunnel="10.0.1.0/24", b_tunnel="10.1.0.0/16",
        # [0074]: A's hosts see B's hosts at 10.1.x.y, so host B 10.0.0.5
        # at 10.1.0.5; B's hosts see A's at 10.0.1.z ([0109]: 10.0.0.x ->
        # 10.0.1.x at gateway A).
        hostb="10.0.0.5", hostb_tunnel="10.1.0.5",
        data=[(HOST_A, "10.1.0.5"), ("10.0.1.4", "10.1.0.5"), ("10.0.1.4", "10.0.0.5")],
        # The first embodiment's nested case puts A's tunnel prefix
        # 10.0.1.0/24 inside B's own 10.0.0.0/16 ([0074] says B's hosts see
        # A's at 10.0.1.z): host B takes 10.0.1.4 for a neighbour on its
        # own LAN, asks for it by ARP and never hands its replies to
        # gateway B. Host A's three datagrams arrive, no reply leaves home
        # B. The second embodiment's NAK (Fig. 13) is the seed's fix
        # (doc/htip-negotiation.md, "The first embodiment's nested case").
        replies=0),
    "9": dict(CASE1, scenario="p2-fig09-10-different-prefixes", second=True, nak=False),
    "11": dict(CASE2, scenario="p2-fig11-12-identical-prefixes", second=True, nak=False),
    "13": dict(
        scenario="p2-fig13-nested-prefixes-nak", second=True, nak=True,
        # [0157]-[0161]: A 10.2.0.0/24 and B 10.1.0.0/16 in the tunnel.
        a="10.0.0.0/24", b="10.0.0.0/16", a_tunnel="10.2.0.0/24", b_tunnel="10.1.0.0/16",
        # Host B 10.0.0.5 ([0151], the text's address) is 10.1.0.5 in the
        # tunnel; host A 10.0.0.4 becomes 10.2.0.4 ([0164]: 10.0.0.x ->
        # 10.2.0.x at gateway A).
        hostb="10.0.0.5", hostb_tunnel="10.1.0.5",
        data=[(HOST_A, "10.1.0.5"), ("10.2.0.4", "10.1.0.5"), ("10.2.0.4", "10.0.0.5")], replies=3),
}

# Fig. 3, [0077]-[0079]: A's prefix 10.0.0.0/24 and candidates CAND_A; B's
# prefix 10.0.1.0/24, A's tunnel prefix 10.0.0.0/24, B's candidates
# 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24; tunnel 10.0.0.0/24 and 10.0.1.0/24.
# Fig. 9, [0121]-[0126]: the same values ([0121]: L2TP, A's own prefix kept,
# no NAT needed; [0122]: B 10.0.1.0/24, candidates 10.0.1.0/24, 10.0.2.0/24,
# 10.0.3.0/24, A's tunnel prefix 10.0.0.0/24). [0123] names A's tunnel
# prefix 10.0.0.0/24 "instead of the network address of the private network
# B" and leaves B's out; the check follows [0125]'s table and [0126]'s
# READY: A 10.0.0.0/24 and B 10.0.1.0/24 in the tunnel (A's tunnel prefix
# named in [0126] without its value: 10.0.0.0/24 from [0125]).
for figure in ("3", "9"):
    FIGURES[figure]["messages"] = exchange(
        FIGURES[figure], 1, b_candidates=["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"])
# Fig. 5, [0091]-[0093]: B's prefix 10.0.0.0/24, A's tunnel prefix
# 10.0.1.0/24, B's candidates 10.0.2.0/24, 10.0.3.0/24, 10.0.4.0/24; A in
# the tunnel 10.0.1.0/24, B 10.0.2.0/24. Fig. 11, [0138]-[0143]: the same.
# [0139] lists "(10.0.2.0/24.10.0.4.0/24, ...)" for B's candidates: a slip;
# the check follows [0092]: its list is complete, and the negotiation's rule
# 6 (doc/htip-negotiation.md: B's own prefix, then the next blocks, skipping
# A's prefixes) gives exactly it.
for figure in ("5", "11"):
    FIGURES[figure]["messages"] = exchange(
        FIGURES[figure], 1, b_candidates=["10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24"])
# Fig. 7, [0104]-[0106]: B's prefix 10.0.0.0/16, candidates 10.1.0.0/16,
# 10.2.0.0/16, 10.3.0.0/16 ([0105]); the tunnel prefixes as in FIGURES["7"].
FIGURES["7"]["messages"] = exchange(
    FIGURES["7"], 1, b_candidates=["10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"])
FIGURES["13"]["messages"] = [
    # [0155] (which has gateway B send it: a slip, gateway A does, as
    # [0154] and [0156] make clear).
    htip("REQUEST", 1, a="10.0.0.0/24", a_candidates=CAND_A),
    # [0156]: A's candidates lie inside B's 10.0.0.0/16: a NAK with A's
    # candidates and B's prefix, round 1.
    htip("NAK", 1, a_candidates=CAND_A, b="10.0.0.0/16", cause="inside-peer-prefix"),
] + exchange(
    # [0157]: round 2, candidates 10.2.0.0/24, 10.2.1.0/24, ... (the third
    # one, 10.2.2.0/24, continues the seed's list). [0158]: B 10.0.0.0/16,
    # A's tunnel prefix 10.2.0.0/24. Its list "10.1.0.0/16, 10.2.0.0/16,
    # ..." is a slip: 10.2.0.0/16 holds A's tunnel prefix 10.2.0.0/24, taken
    # in the same message, so B cannot offer it; the check follows the
    # negotiation's rule 6 (doc/htip-negotiation.md): 10.1.0.0/16,
    # 10.3.0.0/16, 10.4.0.0/16. A takes the first either way, as [0159] has
    # it. [0159] ACK and [0161] READY with the tunnel prefixes above.
    FIGURES["13"], 2, a_candidates=["10.2.0.0/24", "10.2.1.0/24", "10.2.2.0/24"],
    b_candidates=["10.1.0.0/16", "10.3.0.0/16", "10.4.0.0/16"])

# Who sends which HTIP message ([0121]-[0126], [0155]-[0161]): A the
# REQUEST and ACK, B the RESPONSE and READY, B the NAK of a REQUEST.
SENT_BY_A = {"REQUEST", "ACK"}
# RFC 2661 section 5.1 and 5.2 (gateway A is the LAC, the VPN client,
# [0127], [0162]): tunnel establishment, then the incoming call.
L2TP_AT_A = [("tx", "SCCRQ"), ("rx", "SCCRP"), ("tx", "SCCCN"), ("tx", "ICRQ"), ("rx", "ICRP"),
             ("tx", "ICCN")]
# RFC 2661 section 3.2, Message Type AVP values.
L2TP_TYPES = {"SCCRQ": "1", "SCCRP": "2", "SCCCN": "3", "ICRQ": "10", "ICRP": "11", "ICCN": "12"}
# The wire's message type numbers and NAK causes (doc/htip-wire.md).
HTIP_TYPES = {"1": "REQUEST", "2": "RESPONSE", "3": "ACK", "4": "READY", "5": "NAK"}
NAK_CAUSES = {"1": "inside-peer-prefix", "2": "in-use", "3": "bad-candidate", "4": "unsupported-protocol"}

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


# ---------------------------------------------------------------- messages.txt

def read_trace(out):
    lines = []
    with open(os.path.join(out, "messages.txt")) as f:
        for text in f:
            if text.startswith("#") or not text.strip():
                continue
            words = text.split()
            fields = dict(w.split("=", 1) for w in words[5:] if "=" in w)
            lines.append(dict(t=float(words[0]), node=words[1], dir=words[2], proto=words[3],
                              type=words[4], fields=fields))
    return lines


def htip_of_line(line):
    """The fields of an htip trace line in the form of FIGURES' messages."""
    f = line["fields"]
    got = dict(type=line["type"], round=int(f.get("round", "0")))
    for key in ("a", "b", "a_tunnel", "b_tunnel", "cause"):
        if key in f:
            got[key] = f[key]
    for key in ("a_candidates", "b_candidates"):
        if key in f:
            got[key] = f[key].split(",")
    return got


def check_trace(fig, out):
    lines = [l for l in read_trace(out) if l["node"] == "GW-A"]

    # The tunnel page ([0077], [0091], [0104], [0120], [0137], [0154]: host
    # A's browser on web server 147 of gateway A).
    http = [(l["dir"], l["type"], l["fields"].get("target", l["fields"].get("status")),
             l["fields"].get("src")) for l in lines if l["proto"] == "http"]
    check(http == [("rx", "GET", "/", HOST_A), ("tx", "response", "200", GW_LAN),
                   ("rx", "POST", "/tunnel", HOST_A), ("tx", "response", "202", GW_LAN)],
          f"GW-A trace: tunnel page GET / 200, POST /tunnel 202 from host A; got {http}")
    post = [l["t"] for l in lines if l["proto"] == "http" and l["type"] == "POST"]

    # From the POST on, gateway A's DNS, HTIP and L2TP lines in order.
    seq = [l for l in lines if l["proto"] in ("dns", "htip", "l2tp") and post and l["t"] >= post[0]]
    i = 0

    def show(lines):
        return [f"{l['dir']} {l['proto']} {l['type']}" for l in lines]

    def take(what, pred):
        """The next line if it is `what`; else a failure, and the check goes
        on after the first later line that is (so one missing or extra
        message is one failure, not one per step that follows)."""
        nonlocal i
        j = next((k for k in range(i, len(seq)) if pred(seq[k])), None)
        if j is None:
            check(False, f"GW-A trace: {what} missing after {show(seq[i - 1:i]) or 'the POST'}")
            return None
        check(j == i, f"GW-A trace: {show(seq[i:j])} before {what}")
        i = j + 1
        return seq[j]

    def is_(d, proto, kind, **fields):
        return lambda l: (l["dir"] == d and l["proto"] == proto and l["type"] == kind
                          and all(l["fields"].get(k) == v for k, v in fields.items()))

    # [0077]/[0120]: gateway A asks DNS server 330 for gateway B.
    take("tx dns query gateway-b.example to server 330",
         is_("tx", "dns", "query", name="gateway-b.example", src=GW_A, dst=DNS_330))
    take("rx dns answer gateway-b.example NoError from server 330",
         is_("rx", "dns", "answer", name="gateway-b.example", rcode="NoError", src=DNS_330))
    ids = set()
    for n, m in enumerate(fig["messages"]):
        d = "tx" if m["type"] in SENT_BY_A else "rx"
        ends = dict(src=GW_A, dst=GW_B) if d == "tx" else dict(src=GW_B, dst=GW_A)
        line = take(f"{d} htip {m['type']} round {m['round']}", is_(d, "htip", m["type"], **ends))
        if line:
            ids.add(line["fields"].get("id"))
            got = htip_of_line(line)
            check(got == m, f"GW-A trace HTIP message {n + 1} ({m['type']}): expected {m}, got {got}")
    check(len(ids) == 1, f"every HTIP message carries one negotiation ID: {sorted(ids)}")
    # The first embodiment has no READY ([0077]-[0082]); the second's
    # gateway A starts the client only on READY ([0127], [0144], [0162]).
    for d, kind in L2TP_AT_A:
        take(f"{d} l2tp {kind}", is_(d, "l2tp", kind))
    # [0083], [0098], [0129], [0148]: host A asks gateway A, which finds the
    # tunnel in its table and forwards the query to gateway B.
    take("rx dns query host-b.gateway-b.example from host A",
         is_("rx", "dns", "query", name="host-b.gateway-b.example", src=HOST_A, dst=GW_LAN))
    take("tx dns query host-b.gateway-b.example to gateway B",
         is_("tx", "dns", "query", name="host-b.gateway-b.example", src=GW_A, dst=GW_B))
    take("rx dns answer host-b.gateway-b.example from gateway B",
         is_("rx", "dns", "answer", name="host-b.gateway-b.example", rcode="NoError", src=GW_B))
    take("tx dns answer host-b.gateway-b.example to host A",
         is_("tx", "dns", "answer", name="host-b.gateway-b.example", rcode="NoError", dst=HOST_A))
    check(i == len(seq), f"GW-A trace: nothing after the host-b answer, got {show(seq[i:])}")


# ---------------------------------------------------------------- results.json

def check_results(fig, out):
    with open(os.path.join(out, "results.json")) as f:
        results = json.load(f)
    tun = results["tunnelling"]
    gateways = {g["node"]: g for g in tun["gateways"]}
    # Connection tables ([0081], [0095], [0107], [0125], [0142], [0160]):
    # peer gateway's name, peer is VPN server at A, client at B, own, peer,
    # own tunnel and peer tunnel prefix; L2TP ([0124], [0141]); NAT where a
    # network's own prefix differs from its tunnel prefix ([0079], [0093]).
    rows = {
        "GW-A": dict(peer_name="gateway-b.example", peer_address=GW_B, peer_role="server",
                     own_prefix=fig["a"], peer_prefix=fig["b"], own_tunnel_prefix=fig["a_tunnel"],
                     peer_tunnel_prefix=fig["b_tunnel"], vpn_protocol="L2TP",
                     nat=fig["a"] != fig["a_tunnel"]),
        "GW-B": dict(peer_name="gateway-a.example", peer_address=GW_A, peer_role="client",
                     own_prefix=fig["b"], peer_prefix=fig["a"], own_tunnel_prefix=fig["b_tunnel"],
                     peer_tunnel_prefix=fig["a_tunnel"], vpn_protocol="L2TP",
                     nat=fig["b"] != fig["b_tunnel"]),
    }
    for node, want in rows.items():
        table = gateways.get(node, {}).get("table", [])
        if check(len(table) == 1, f"{node}: one connection table row, got {len(table)}"):
            got = {k: table[0].get(k) for k in want}
            check(got == want, f"{node} table row: expected {want}, got {got}")
    nak_rounds = 1 if fig["nak"] else 0  # [0156]-[0157]: one NAK round in Fig. 13
    tunnels = {t["gateway"]: t for t in tun["tunnels"]}
    for node in ("GW-A", "GW-B"):
        t = tunnels.get(node)
        if not check(t is not None, f"{node}: a tunnel in results"):
            continue
        check(t["ppp_up_s"] is not None and t["down_s"] is None and t["failure"] == "",
              f"{node}: tunnel up and staying up: {t['ppp_up_s']}, {t['down_s']}, {t['failure']!r}")
        check(t["nak_rounds"] == nak_rounds, f"{node}: {nak_rounds} NAK rounds, got {t['nak_rounds']}")
        check(t["untranslated"] == 0, f"{node}: nothing untranslated into the tunnel")
        check(t["first_packet_s"] is not None and t["ppp_up_s"] is not None
              and t["first_packet_s"] > t["ppp_up_s"], f"{node}: the data comes after PPP is up")
    a = tunnels.get("GW-A", {})
    check(a.get("role") == "requester" and a.get("requested_s") is not None,
          "GW-A requested the tunnel from the tunnel page")
    check(tun["isolation"] == {"delivered_between_homes_without_tunnel": 0,
                               "untranslated_into_tunnels": 0},
          f"isolation counters 0: {tun['isolation']}")
    homes = results["homes"]
    hosts = {h["node"]: h["address"] for h in homes["hosts"]}
    check(hosts.get("hostA") == HOST_A and hosts.get("hostB") == fig["hostb"],
          f"host A {HOST_A}, host B {fig['hostb']}: got {hosts.get('hostA')}, {hosts.get('hostB')}")
    flow = [x for x in homes["traffic"] if x["name"] == "a-to-b"]
    if check(len(flow) == 1, "the a-to-b flow in results"):
        f = flow[0]
        check(f["sent_to"] == fig["hostb_tunnel"],
              f"host A sends to {fig['hostb_tunnel']}, got {f['sent_to']}")
        check(f["sent"] == 3 and f["delivered"] == 3 and f["delivered_to"] == ["hostB"] * 3,
              f"a-to-b: 3 sent, 3 delivered to host B: {f['sent']}, {f['delivered']}, {f['delivered_to']}")
        # Fig. 7: see FIGURES["7"] for why host B's replies stay in home B.
        check(f["replies"] == fig["replies"], f"a-to-b: {fig['replies']} replies, got {f['replies']}")
    return tunnels


# ---------------------------------------------------------------- tshark

def tshark(pcap, display_filter, names, lua=False):
    cmd = ["tshark", "-r", pcap, "-Y", display_filter, "-T", "fields", "-E", "occurrence=a",
           "-E", "aggregator=,"]
    if lua:
        cmd[1:1] = ["-X", "lua_script:" + DISSECTOR]
    for n in names:
        cmd += ["-e", n]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def check_dns_answers(fig, out):
    isp = os.path.join(out, "GW-A-isp-a.pcap")
    rows = tshark(isp, "dns.flags.response == 1 && dns.qry.name != \"example\"",
                  ["ip.src", "dns.qry.name", "dns.a"])
    got = [tuple(r) for r in rows]
    # [0077], [0120]: server 330 gives gateway B's address 211.32.119.136;
    # [0084], [0099], [0130], [0149]: gateway B answers with host B's
    # address in the tunnel.
    want = [(DNS_330, "gateway-b.example", GW_B),
            (GW_B, "host-b.gateway-b.example", fig["hostb_tunnel"])]
    check(got == want, f"GW-A-isp-a.pcap DNS answers: expected {want}, got {got}")
    home = tshark(os.path.join(out, "GW-A-home-a.pcap"), "dns.flags.response == 1",
                  ["ip.dst", "dns.qry.name", "dns.a"])
    check([tuple(r) for r in home] == [(HOST_A, "host-b.gateway-b.example", fig["hostb_tunnel"])],
          f"host A is told host-b is {fig['hostb_tunnel']}: {home}")


def pairs(rows):
    return sorted((r[0], r[1]) for r in rows)


def check_data(fig, out):
    home_a, tunnel, home_b = fig["data"]
    n_back = fig["replies"]

    def expect(fwd, count_back):
        return sorted([fwd] * 3 + [(fwd[1], fwd[0])] * count_back)

    home_filter = "ip && udp && !dns && !dhcp"
    a = tshark(os.path.join(out, "GW-A-home-a.pcap"), home_filter, ["ip.src", "ip.dst"])
    check(pairs(a) == expect(home_a, n_back),
          f"home A data: expected {expect(home_a, n_back)}, got {pairs(a)}")
    for pcap, outer in (("GW-A-isp-a.pcap", (GW_A, GW_B)), ("GW-B-isp-b.pcap", (GW_A, GW_B))):
        rows = tshark(os.path.join(out, pcap), "l2tp.type == 0 && ppp", ["ip.src", "ip.dst"])
        # tshark gives outer,inner for the IP header in the L2TP data message.
        inner = [r[0].split(",") + r[1].split(",") for r in rows if "," in r[0]]
        ok_outer = all({(x[0], x[2]), (x[2], x[0])} & {outer} for x in inner)
        check(ok_outer, f"{pcap}: data between {outer[0]} and {outer[1]} only")
        got = sorted((x[1], x[3]) for x in inner)
        check(got == expect(tunnel, n_back),
              f"{pcap} data in the tunnel: expected {expect(tunnel, n_back)}, got {got}")
        private = tshark(os.path.join(out, pcap), "ip.addr == 10.0.0.0/8 && !l2tp", ["ip.src"])
        check(not private, f"{pcap}: no private address outside the tunnel")
    b = tshark(os.path.join(out, "GW-B-home-b.pcap"), home_filter, ["ip.src", "ip.dst"])
    # Fig. 7: host B's replies to 10.0.1.4 never reach the wire as IP;
    # host B asks who has 10.0.1.4 (10.0.1.4 is inside its own /16).
    check(pairs(b) == expect(home_b, n_back),
          f"home B data: expected {expect(home_b, n_back)}, got {pairs(b)}")
    if fig["replies"] == 0:
        arp = tshark(os.path.join(out, "GW-B-home-b.pcap"), "arp.opcode == 1",
                     ["arp.src.proto_ipv4", "arp.dst.proto_ipv4"])
        check((fig["hostb"], home_b[0]) in [tuple(r) for r in arp],
              f"host B asks by ARP for {home_b[0]} on its own LAN: {arp}")


def check_l2tp_wire(out):
    rows = tshark(os.path.join(out, "GW-A-isp-a.pcap"), "l2tp.avp.message_type",
                  ["ip.src", "l2tp.avp.message_type"])
    got = [(r[0], r[1]) for r in rows]
    want = [(GW_A if d == "tx" else GW_B, L2TP_TYPES[k]) for d, k in L2TP_AT_A]
    check(got == want, f"L2TP control messages on the wire (RFC 2661 3.2): expected {want}, got {got}")


def check_dissector(fig, out):
    """The HTIP messages as analysis/ipvpn-htip.lua decodes them."""
    names = ["ip.src", "ip.dst", "htip.type", "htip.round", "htip.vpn_protocol",
             "htip.requester_prefix", "htip.requester_candidate", "htip.responder_prefix",
             "htip.responder_candidate", "htip.requester_tunnel", "htip.responder_tunnel",
             "htip.nak_cause", "htip.gateway_name", "_ws.expert.severity", "_ws.malformed",
             "_ws.lua.error"]
    rows = tshark(os.path.join(out, "GW-A-isp-a.pcap"), "htip", names, lua=True)
    keys = ["a", "a_candidates", "b", "b_candidates", "a_tunnel", "b_tunnel"]
    got = []
    for r in rows:
        r = r + [""] * (len(names) - len(r))
        m = dict(type=HTIP_TYPES.get(r[2], r[2]), round=int(r[3] or 0))
        for key, value in zip(keys, r[5:11]):
            if value:
                m[key] = value.split(",") if key.endswith("candidates") else value
        if r[11]:
            m["cause"] = NAK_CAUSES.get(r[11], r[11])
        got.append(m)
        sender = GW_A if m["type"] in SENT_BY_A else GW_B
        check(r[0] == sender, f"dissector: {m['type']} from {sender}, got {r[0]}")
        # [0121], [0138], [0155]: the VPN protocol is L2TP (1).
        check(r[4] == "1", f"dissector: {m['type']} VPN protocol L2TP (1), got {r[4]!r}")
        # The REQUEST carries gateway A's name (doc/htip-wire.md).
        if m["type"] == "REQUEST":
            check(r[12] == "gateway-a.example", f"dissector: REQUEST names gateway-a.example: {r[12]!r}")
        check(not r[13] and not r[14] and not r[15],
              f"dissector: {m['type']} without expert info, malformed or Lua error: {r[13:16]}")
    want = fig["messages"]
    check(len(got) == len(want), f"dissector: {len(want)} HTIP messages on GW-A-isp-a.pcap, got "
          f"{[m['type'] for m in got]}")
    for n, (g, w) in enumerate(zip(got, want)):
        check(g == w, f"dissector on GW-A-isp-a.pcap, message {n + 1}: expected {w}, got {g}")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in FIGURES:
        print(__doc__)
        return 2
    fig = FIGURES[sys.argv[1]]
    out = sys.argv[2]
    check_trace(fig, out)
    check_results(fig, out)
    if not shutil.which("tshark"):
        for f in failures:
            print("FAILED:", f)
        print("trace and results checked; captures skipped: tshark is not installed")
        return 1 if failures else 77
    check_dns_answers(fig, out)
    check_data(fig, out)
    check_l2tp_wire(out)
    check_dissector(fig, out)
    for f in failures:
        print("FAILED:", f)
    name = f"Fig. {sys.argv[1]} ({fig['scenario']})"
    print(f"{len(failures)} failed checks in {name}" if failures else f"{name}: sequence as in the seed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
