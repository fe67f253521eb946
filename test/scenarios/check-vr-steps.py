#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Golden sequence test of Figs. 7-9 (seed 000) on a run of
scenarios/p1-fig07-vr-port-add.yaml, and (modes, see vr_figures.py) of
Fig. 10 (p1-fig10-vr-port-deleted/-return) and Fig. 2 (p1-fig02-vr-ports).

    check-vr-steps.py OUTPUT_FOLDER
    check-vr-steps.py --flooded OUTPUT_FOLDER
      (p1-fig07-flooded-additions: the same figures, additions flooded)
    check-vr-steps.py --fig10-deleted SCENARIO.yaml OUTPUT_FOLDER
    check-vr-steps.py --fig10-return SCENARIO.yaml OUTPUT_FOLDER
    check-vr-steps.py --fig02 SCENARIO.yaml OUTPUT_FOLDER
    check-vr-steps.py --credentials SCENARIO.yaml OUTPUT_FOLDER
    check-vr-steps.py --fig01|--fig11|--fig12 SCENARIO.yaml OUTPUT_FOLDER
    check-vr-steps.py --ladder-sites LADDER_PY SCENARIO.yaml OUTPUT_FOLDER
      (Figs. 1, 11, 12 and their discovery ladder: vr_figures_sites.py)
    check-vr-steps.py --fig03|--fig13|--attacks SCENARIO.yaml OUTPUT_FOLDER
      (routes, the data's path and attacks, Figs. 3 and 13: vr_figures_paths.py)

Reads results.json (part `vpns`) and checks, from the time A3 is added
(10 s, the scenario's `start`) on:
 - the step sequences of the seed's figures: the new port A3 (Fig. 8: S1,
   one S2/S3 per reply, S4, then S5 S7 S8 per replier), the existing ports
   A1 and A2 (Fig. 9: S11 to S19, S16 and S20 not being steps of their
   own), and B, which only compares the VPN-ID (S11 S12);
 - A3's map holds A1 and A2 with a tunnel ID each, A1's and A2's maps hold
   A3, and B's map is empty; membership of A is complete after A3's join;
 - isolation: no VPN prefix in any core table; VPN B's host traffic to
   VPN A's address dropped in B's VRF.
With --flooded (the scenario's core has a link R1-R2 as well), the steps,
maps and isolation are the same; discovery follows the flooding rule
instead: the origin router sends each addition to each adjacent router,
every other router sends its first copy on to each adjacent router but the
one it came from and drops later copies; so each addition takes
2 x 4 links - (4 - 1) = 5 datagrams and leaves 2 duplicates.
Exit status: 0 pass, 1 fail.
"""
import json
import os
import sys

ADDED_AT = 10.0  # A3's `start` in the scenario file

# Written down from the seed's Figs. 8 and 9 (CHECKLIST.md, "Seed 000").
# A3, the new port (Fig. 8): S1 broadcast; S2 receive a reply and S3 take
# its address and router ID, once per replier (A1, A2); S4 the map; then
# per replier, one after the other (the loop back to S5): S5 tunnel and
# authentication, S7 exchange routes, S8 update the table.
GOLDEN = {
    "A3": "S1 S2 S3 S2 S3 S4 S4 S5 S7 S8 S5 S7 S8",
    # Existing ports of VPN A (Fig. 9): receive, compare, take, reply,
    # authenticate, map after authentication, exchange, update.
    "A1": "S11 S12 S13 S14 S15 S17 S18 S19",
    "A2": "S11 S12 S13 S14 S15 S17 S18 S19",
    # Port B: the VPN-IDs differ at S12, it stops there and stays silent.
    "B": "S11 S12",
}


# The core of p1-fig07-flooded-additions, from its `links`.
FLOOD_CORE = {"X": {"R1", "R2", "R3"}, "R1": {"X", "R2"}, "R2": {"X", "R1"}, "R3": {"X"}}


def fail(message):
    sys.exit(f"FAIL: {message}")


def check_flooding(folder, part):
    """Every addition of the run against the flooding rule (FLOOD_CORE)."""
    floods = {}  # (port, seq): list of (t, node, direction, peer)
    with open(os.path.join(folder, "messages.txt")) as f:
        for line in f:
            w = line.split()
            if len(w) < 5 or w[3] != "vr" or w[4] != "Addition":
                continue
            fields = dict(x.split("=", 1) for x in w[5:])
            floods.setdefault((fields["port"], fields["seq"]), []).append(
                (float(w[0]), w[1], w[2], fields["peer"]))
    origins = {"A1": "R1", "A2": "R2", "A3": "R3", "B": "R3"}
    if sorted(port for port, _ in floods) != sorted(origins):
        fail(f"flooded additions of {sorted(floods)}, want one of each of {sorted(origins)}")
    for (port, seq), records in floods.items():
        origin = origins[port]
        sent = {}   # node: set of peers sent to
        first = {}  # node: the peer its first copy came from
        for t, node, direction, peer in records:
            if peer not in FLOOD_CORE[node]:
                fail(f"{port}'s addition: {node} {direction} with {peer}, not an adjacent router")
            if direction == "tx":
                if peer in sent.setdefault(node, set()):
                    fail(f"{port}'s addition sent twice from {node} to {peer}")
                sent[node].add(peer)
            elif node not in first:
                first[node] = peer
        if origin in first:
            fail(f"{port}'s addition came back to its origin {origin}")
        for node, neighbours in FLOOD_CORE.items():
            want = neighbours if node == origin else neighbours - {first.get(node)}
            if node != origin and node not in first:
                fail(f"{port}'s addition never reached {node}")
            if sent.get(node, set()) != want:
                fail(f"{port}'s addition: {node} sent to {sorted(sent.get(node, []))}, want {sorted(want)}")
        if sum(len(v) for v in sent.values()) != 5:
            fail(f"{port}'s addition took {sum(len(v) for v in sent.values())} datagrams, want 5")
    duplicates = sum(part["discovery_duplicates"].values())
    if duplicates != 2 * len(origins):
        fail(f"{duplicates} duplicate copies dropped, want 2 per addition ({2 * len(origins)})")


def main():
    flooded = len(sys.argv) == 3 and sys.argv[1] == "--flooded"
    if flooded:
        del sys.argv[1]
    if len(sys.argv) >= 4 and sys.argv[1].startswith("--"):
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        sites = {"--fig01": 4, "--fig11": 4, "--fig12": 4, "--ladder-sites": 5}
        if sys.argv[1] in sites:
            if len(sys.argv) != sites[sys.argv[1]]:
                sys.exit(__doc__)
            import vr_figures_sites
            if sys.argv[1] == "--ladder-sites":
                vr_figures_sites.ladder_sites(sys.argv[2], sys.argv[3], sys.argv[4])
            else:
                vr_figures_sites.run(sys.argv[1], sys.argv[2], sys.argv[3])
            return
        if sys.argv[1] in ("--fig03", "--fig13", "--attacks") and len(sys.argv) == 4:
            import vr_figures_paths
            vr_figures_paths.run(sys.argv[1], sys.argv[2], sys.argv[3])
            return
        if len(sys.argv) == 4:
            import vr_figures
            vr_figures.run(sys.argv[1], sys.argv[2], sys.argv[3])
            return
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(os.path.join(sys.argv[1], "results.json")) as f:
        results = json.load(f)
    part = results.get("vpns")
    if part is None:
        fail("results.json has no part 'vpns'")
    ports = {}
    vpns = {v["name"]: v for v in part["vpns"]}
    for vpn in part["vpns"]:
        for port in vpn["ports"]:
            ports[port["name"]] = port
    # When the scenario adds them: A1, A2, A3 by `start`, B by vr-port-add.
    for name, at in (("A1", 1.0), ("A2", 3.0), ("B", 5.0), ("A3", ADDED_AT)):
        if ports[name]["started_s"] != at:
            fail(f"{name} started at {ports[name]['started_s']}, the scenario adds it at {at} s")
    for name, want in GOLDEN.items():
        got = " ".join(s["step"] for s in ports[name]["steps"] if s["t_s"] >= ADDED_AT)
        if got != want:
            fail(f"{name} after {ADDED_AT} s: '{got}', the seed's figures give '{want}'")
    # A3's two tunnels go to A1 and A2 in turn, and the S5s name them.
    peers = [s["peer"] for s in ports["A3"]["steps"] if s["step"] == "S5"]
    if sorted(peers) != ["A1", "A2"]:
        fail(f"A3's S5 peers are {peers}, want A1 and A2")
    for name in ("A1", "A2"):
        peers = {s["peer"] for s in ports[name]["steps"] if s["t_s"] >= ADDED_AT and s["step"] != "S11"} - {None}
        if peers != {"A3"}:
            fail(f"{name}'s steps after {ADDED_AT} s name peers {peers}, want A3 only")
    # Maps (unit 35, Fig. 6B): every port of A knows the others, UP with a tunnel ID.
    def map_of(name):
        return {row["port"]: row for row in ports[name]["map"]}
    for name, others in (("A3", {"A1", "A2"}), ("A1", {"A2", "A3"}), ("A2", {"A1", "A3"})):
        rows = map_of(name)
        if set(rows) != others:
            fail(f"{name}'s map holds {sorted(rows)}, want {sorted(others)}")
        if any(rows[o]["state"] != "UP" or rows[o]["tunnel_id"] == 0 for o in others):
            fail(f"{name}'s map rows are not all UP with a tunnel ID: {rows}")
    if ports["B"]["map"]:
        fail(f"B's map holds {ports['B']['map']}, want nothing (no other port of VPN B)")
    # The join is A3's last S8; membership of A completes then, not before.
    join = ports["A3"]["join_s"]
    last_s8 = max(s["t_s"] for s in ports["A3"]["steps"] if s["step"] == "S8")
    if join != last_s8:
        fail(f"A3's join_s {join} is not its last S8 at {last_s8}")
    conv = vpns["A"]["membership_convergence_s"]
    if conv is None or conv < join - 1e-9:
        fail(f"VPN A's membership convergence {conv} before A3's join {join}")
    # Discovery messages (S1 to "all routers", S14 to the new port only):
    # each port's addition goes to the scenario's 4 routers (X, R1, R2, R3);
    # ACKs come from ports of the same VPN that exist: A1 answers A2 (3 s)
    # and A3 (10 s), A2 answers A3, B answers nobody and nobody answers B.
    # Flooded, a port's own sends are its addition to each router adjacent
    # to its own (R1 and R2 have two, R3 one), then its ACKs.
    reach = {"A1": 2, "A2": 2, "A3": 1, "B": 1} if flooded else {p: 4 for p in GOLDEN}
    want = {  # port: (sent, received at its address, additions taken in)
        "A1": (reach["A1"] + 2, 0, 3),  # additions of A2, B, A3
        "A2": (reach["A2"] + 1, 1, 2),  # ACK from A1; additions of B, A3
        "A3": (reach["A3"], 2, 0),      # ACKs from A1 and A2
        "B": (reach["B"], 0, 1),        # addition of A3 (S11 S12, then silence)
    }
    for name, (sent, received, additions) in want.items():
        d = ports[name]["discovery"]
        got = (d["sent"], d["received"], d["additions_received"])
        if got != (sent, received, additions):
            fail(f"{name}'s discovery (sent, received, additions) {got}, want {(sent, received, additions)}")
    for vpn in vpns.values():
        if vpn["isolation"]["core_prefixes"] != 0:
            fail(f"VPN {vpn['name']}'s prefixes in core tables: {vpn['isolation']['core_prefixes']}")
    if vpns["B"]["isolation"]["vrf_drops"] == 0:
        fail("HB's packets to 10.1.0.2 were not dropped in VPN B's VRF")
    if flooded:
        check_flooding(sys.argv[1], part)
    print("ok: steps of A1, A2, A3 and B as in Figs. 8/9; maps, join and isolation"
          + ("; every addition flooded by the rule" if flooded else ""))


if __name__ == "__main__":
    main()
