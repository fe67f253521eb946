#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Checks of the tunnelling scenarios beyond the seed's figures.

Usage: check-htip-faults.py claim15|faults|loss OUTPUT_DIR

claim15 (p2-htip-claim15-three-homes): three homes with one prefix,
10.0.0.0/24, set up crossing tunnels A-B, A-C, B-C (seed 004 claim 15,
[0167]). At every gateway its own prefix and the peer tunnel prefixes of its
rows are pairwise disjoint; in each row the two tunnel prefixes are
disjoint, have the lengths of the prefixes they stand for, and NAT is on
exactly where the own prefix and its tunnel prefix differ ([0079], [0123]);
the two ends of a tunnel hold mirrored rows; every host reaches every other
through the tunnels and gets its replies.

faults (p2-htip-faults): a gateway that NAKs everything ends A's
negotiation after MaxNakRounds (4, doc/htip-engine.md) with "nak-limit"; a
silent gateway gets the REQUEST at 0, 1, 3, 7 and 15 s (1 s doubling to 8 s)
and A gives up at give_up (20 s) with its row gone; gateway B drops one
malformed, one unexpected and one spoofed message (its name resolves to
another address) and still sets up the tunnel A asks for; host C's datagram
for host A's tunnel address 10.0.1.4 never reaches home A (no tunnel A-C).

loss (p2-htip-loss): with 30 % loss on gateway A's path the tunnel still
comes up and data crosses it.
Exit 0 pass, 1 fail."""
import ipaddress
import json
import os
import sys

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def net(text):
    return ipaddress.ip_network(text)


def load(out):
    with open(os.path.join(out, "results.json")) as f:
        return json.load(f)


def gateways(results):
    return {g["node"]: g for g in results["tunnelling"]["gateways"]}


def flows(results):
    return {f["name"]: f for f in results["homes"]["traffic"]}


def check_claim15(results):
    gws = gateways(results)
    rows = {}
    for node, g in gws.items():
        table = g["table"]
        check(len(table) == 2, f"{node} holds two tunnels, has {len(table)}")
        own = [net(r["own_prefix"]) for r in table][:1]
        seen = own + [net(r["peer_tunnel_prefix"]) for r in table]
        for i, a in enumerate(seen):
            for b in seen[i + 1:]:
                check(not a.overlaps(b), f"{node}: {a} and {b} collide (claim 15)")
        for r in table:
            mine, theirs = net(r["own_tunnel_prefix"]), net(r["peer_tunnel_prefix"])
            check(not mine.overlaps(theirs), f"{node}: tunnel prefixes {mine} and {theirs} overlap")
            check(mine.prefixlen == net(r["own_prefix"]).prefixlen, f"{node}: {mine} keeps the own length")
            check(theirs.prefixlen == net(r["peer_prefix"]).prefixlen, f"{node}: {theirs} keeps the peer length")
            check(r["nat"] == (r["own_prefix"] != r["own_tunnel_prefix"]),
                  f"{node}: NAT exactly where own and tunnel prefix differ")
            rows[(g["domain"], r["peer_name"])] = r
    for (me, peer), r in rows.items():
        back = rows.get((peer, me))
        check(back is not None, f"{peer} has a row for {me}")
        if back:
            check(back["own_tunnel_prefix"] == r["peer_tunnel_prefix"]
                  and back["peer_tunnel_prefix"] == r["own_tunnel_prefix"],
                  f"rows of {me} and {peer} mirror each other")
            check({r["peer_role"], back["peer_role"]} == {"server", "client"},
                  f"one end of {me}-{peer} is the server, the other the client")
    for name in ["a-to-b", "a-to-c", "b-to-c", "c-to-a"]:
        f = flows(results)[name]
        check(f["delivered"] == 3 and f["replies"] == 3, f"{name}: 3 delivered and 3 replies")
    for t in results["tunnelling"]["tunnels"]:
        check(t["ppp_up_s"] is not None and t["nak_rounds"] == 0,
              f"tunnel {t['gateway']}-{t['peer_name']} up without NAK")
    iso = results["tunnelling"]["isolation"]
    check(iso["untranslated_into_tunnels"] == 0, "nothing untranslated into a tunnel")


def requests_to(out, node, dst):
    times = []
    with open(os.path.join(out, "messages.txt")) as f:
        for line in f:
            w = line.split()
            if len(w) > 5 and w[1] == node and w[2] == "tx" and w[3] == "htip" and w[4] == "REQUEST" \
                    and f"dst={dst}" in w:
                times.append(float(w[0]))
    return times


def check_faults(results, out):
    tunnels = {(t["gateway"], t["peer_name"]): t for t in results["tunnelling"]["tunnels"]}
    gws = gateways(results)
    storm = tunnels.get(("GW-A", "gateway-c.example"))
    check(storm is not None and storm["failure"] == "nak-limit" and storm["ppp_up_s"] is None,
          "A's negotiation with the NAKing gateway C fails with nak-limit")
    if storm:
        check(storm["nak_rounds"] == 5, f"A stops at the 5th NAK (MaxNakRounds 4), got {storm['nak_rounds']}")
    check(gws["GW-C"]["injected_naks"] == 5, "C sent five NAKs, one per REQUEST")
    silent = tunnels.get(("GW-A", "gateway-d.example"))
    check(silent is not None and silent["failure"] == "give-up", "A gives up on the silent gateway D")
    sent = requests_to(out, "GW-A", "198.18.9.30")
    if sent:
        offsets = [round(t - sent[0], 3) for t in sent]
        check(offsets == [0, 1, 3, 7, 15], f"REQUESTs to D at 0, 1, 3, 7, 15 s, got {offsets}")
        if silent and silent["down_s"] is not None:
            check(abs(silent["down_s"] - sent[0] - 20) < 0.01, "give-up 20 s after the first REQUEST")
    else:
        check(False, "A sent REQUESTs to D")
    dropped = gws["GW-B"]["messages"]["dropped"]
    for reason in ["malformed", "unexpected", "refused-peer"]:
        check(dropped[reason] == 1, f"B dropped one {reason} message, got {dropped[reason]}")
    up = tunnels.get(("GW-A", "gateway-b.example"))
    check(up is not None and up["ppp_up_s"] is not None, "the tunnel A-B comes up all the same")
    check([r["peer_name"] for r in gws["GW-A"]["table"]] == ["gateway-b.example"],
          "A's table holds B only: the failed rows are gone")
    f = flows(results)
    check(f["a-to-b"]["delivered"] == 3 and f["a-to-b"]["replies"] == 3, "A reaches B through the tunnel")
    check(f["c-to-a"]["sent"] == 3 and f["c-to-a"]["delivered"] == 0,
          "home C cannot reach host A's tunnel address without a tunnel")
    iso = results["tunnelling"]["isolation"]
    check(iso["untranslated_into_tunnels"] == 0 and iso["delivered_between_homes_without_tunnel"] == 0,
          "isolation counters are 0")


def check_loss(results):
    tunnels = {(t["gateway"], t["peer_name"]): t for t in results["tunnelling"]["tunnels"]}
    t = tunnels.get(("GW-A", "gateway-b.example"))
    check(t is not None and t["ppp_up_s"] is not None and t["ppp_up_s"] < 40,
          "the tunnel comes up through 30 % loss before the data starts")
    f = flows(results)["a-to-b"]
    check(f["delivered"] >= 1 and f["replies"] >= 1, "data crosses the lossy tunnel both ways")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("claim15", "faults", "loss"):
        print(__doc__)
        return 2
    mode, out = sys.argv[1], sys.argv[2]
    results = load(out)
    {"claim15": lambda: check_claim15(results),
     "faults": lambda: check_faults(results, out),
     "loss": lambda: check_loss(results)}[mode]()
    for f in failures:
        print("FAIL", f)
    if failures:
        return 1
    print(f"ok {mode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
