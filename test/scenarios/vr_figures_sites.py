# SPDX-License-Identifier: GPL-2.0-only
"""The Fig. 1, Fig. 11 and Fig. 12 modes of check-vr-steps.py (seed 000),
and the ladder check of their discovery messages.

    check-vr-steps.py --fig01 SCENARIO.yaml OUTPUT_FOLDER
    check-vr-steps.py --fig11 SCENARIO.yaml OUTPUT_FOLDER
    check-vr-steps.py --fig12 SCENARIO.yaml OUTPUT_FOLDER
    check-vr-steps.py --ladder-sites LADDER_PY SCENARIO.yaml OUTPUT_FOLDER

Every expected value comes from the seed's text (CHECKLIST.md, "Seed 000":
Figs. 8 and 9) and from the scenario file's own settings, read here from
the YAML: which ports each VPN has, on which router, with which user lines,
when each is added, the collection time, the routers, the flows and their
expectations. Nothing is taken from the results to be compared with itself.

Common to the three figures (`sites`):
 - each port started at its `start` (or its vr-port-add event); starts
   staggered (no two at one time);
 - the port's own addition (Fig. 8), its steps without a peer and with the
   ports of its VPN added before it: S1, then S2 S3 per replier, S4 per
   replier at exactly start + collection_time (in the order of the
   replies), then S5 S7 S8 per replier, one replier after the other (the
   loop back to S5; with parallel_tunnels false each S5 at the previous
   S8); the repliers are exactly the ports of its VPN added before it;
 - every later addition (Fig. 9), the port's steps naming the new port:
   S11 S12 S13 S14 S15 S17 S18 S19 for a port of its own VPN, S11 S12 for
   one of another VPN; no step names a port of another VPN added earlier;
 - maps (unit 35): exactly the other ports of the same VPN (full mesh),
   each UP with a tunnel ID, the YAML address of the peer port, one
   router ID per router; so no map names a port of another VPN;
 - join_s is the port's last S8 or S19; membership convergence not null,
   not before the VPN's last addition + collection_time, and before the
   first flow the scenario expects delivered in that VPN;
 - discovery: each port sent one addition to every router of the scenario
   plus one ACK per later port of its VPN, received one ACK per replier and
   took in one addition per port added after it; no discovery drops;
 - isolation: no VPN prefix in a core table; VRF drops in a VPN exactly
   when one of its hosts sends to an address outside the VPN's prefixes;
 - flows: each flow between hosts of one VPN is expected delivered
   (min_delivery 1.0), each flow between two VPNs not (max_delivery 0), all
   expectations ok, and no delivered flow faster than the propagation
   delays of its shortest path in the YAML.
Per figure, the seed's sentence:
 --fig01: users A, B and C over edge nodes R1A-R1D; "the user A has the
   terminals at the sites respectively managed by the edge nodes 1A
   through 1D": A has a port on each of the four; two users share prefixes.
 --fig11: companies with "a plurality of business sites", whose "campus
   networks" are joined by one VPN each: every company has at least two
   sites, every site a CSMA LAN with at least three hosts, and two
   companies share their campus prefixes.
 --fig12: ISPs with "a plurality of access points", one VPN each: every
   ISP has one centre port (name ending in -ctr) and at least two access
   points; the ISPs share their addressing; every access host sends to its
   own centre and every flow delivered has one end in the centre.
--ladder-sites: for each addition, in the message trace from its start to
   the next addition: one Addition from the new port's router to every
   other router (paired where the router holds a started VR port; lost
   where its ports are not started yet; no-rx at the core routers),
   no other Addition; one AdditionAck from the router of each port of the
   VPN added before, none from elsewhere, each after the Addition it
   answers; S1 before the additions; S11-S14 at each replier before its
   ACK; S11 S12 only at the ports of other VPNs; and the drawing of the
   whole VR trace works.
Exit status: 0 pass, 1 fail.
"""
import heapq
import ipaddress
import os
import subprocess
import sys
import tempfile

import yaml

import vr_figures
from vr_figures import EPS, expect_ok, fail, seconds, seq

FIG8 = {"S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"}
SAME_VPN = "S11 S12 S13 S14 S15 S17 S18 S19"  # Fig. 9, S16 and S20 no steps of their own
OTHER_VPN = "S11 S12"                          # Fig. 9: the VPN-IDs differ at S12


class Scenario:
    """What the check needs of the YAML: ports, their VPNs, starts, hosts."""

    def __init__(self, path):
        with open(path) as f:
            self.spec = yaml.safe_load(f)
        spec = self.spec
        self.links = {}
        for link in spec["links"]:
            ends = [e["node"] if isinstance(e, dict) else e for e in link["endpoints"]]
            name = link.get("name") or ("-".join(ends) if link.get("type", "p2p") == "p2p" else None)
            self.links[name] = link
        self.routers = [n["name"] for n in spec["nodes"] if n.get("kind", "router") == "router"]
        self.kind = {n["name"]: n.get("kind", "router") for n in spec["nodes"]}
        adds = {e["port"]: seconds(e["at"]) for e in spec.get("events", []) if e["action"] == "vr-port-add"}
        self.ports = {}   # name -> dict(vpn, router, address, start, links)
        self.vpn_of_host = {}
        self.host_address = {}
        self.prefixes = {}  # vpn -> set of networks
        for vpn in spec["vpns"]:
            self.prefixes[vpn["name"]] = set()
            for p in vpn["ports"]:
                start = seconds(p["start"]) if "start" in p else adds.get(p["name"])
                if start is None:
                    fail(f"port {p['name']} is never added")
                self.ports[p["name"]] = {"vpn": vpn["name"], "router": p["router"], "address": p["address"],
                                         "start": start, "links": p.get("user_links", [])}
                for ln in p.get("user_links", []):
                    for e in self.links[ln]["endpoints"]:
                        iface = ipaddress.ip_interface(e["address"])
                        self.prefixes[vpn["name"]].add(iface.network)
                        if self.kind[e["node"]] == "host":
                            self.vpn_of_host[e["node"]] = vpn["name"]
                            self.host_address.setdefault(e["node"], iface.ip)
        self.vpns = [v["name"] for v in spec["vpns"]]
        self.order = sorted(self.ports, key=lambda n: self.ports[n]["start"])
        starts = [self.ports[n]["start"] for n in self.order]
        if len(set(starts)) != len(starts):
            fail("two ports are added at the same time: the check needs staggered additions")
        vr = spec.get("vr", {})
        self.collection = seconds(vr.get("collection_time", "1s"))
        self.parallel = bool(vr.get("parallel_tunnels", False))
        self.flows = {f["name"]: f for f in spec.get("traffic", [])}
        self.expects = {}
        for e in spec.get("expect", []):
            self.expects.setdefault(e["flow"], {}).update(e)

    def members(self, vpn):
        return [n for n in self.order if self.ports[n]["vpn"] == vpn]

    def before(self, name):
        """Ports of the same VPN added before `name`, in order."""
        me = self.ports[name]
        return [n for n in self.members(me["vpn"]) if self.ports[n]["start"] < me["start"]]

    def propagation(self, src, dst):
        """Smallest sum of link delays between two nodes (Dijkstra)."""
        graph = {}
        for link in self.links.values():
            ends = [e["node"] if isinstance(e, dict) else e for e in link["endpoints"]]
            delay = seconds(link.get("delay", "1ms"))
            for a in ends:
                for b in ends:
                    if a != b:
                        graph.setdefault(a, []).append((b, delay))
        best = {src: 0.0}
        todo = [(0.0, src)]
        while todo:
            d, node = heapq.heappop(todo)
            if node == dst:
                return d
            if d > best.get(node, 1e18):
                continue
            for other, delay in graph.get(node, []):
                if d + delay < best.get(other, 1e18):
                    best[other] = d + delay
                    heapq.heappush(todo, (d + delay, other))
        fail(f"no path from {src} to {dst} in the scenario")


def load(scenario, folder):
    sc = Scenario(scenario)
    _, results, ports, vpns, flows = vr_figures.load(scenario, folder)
    if set(ports) != set(sc.ports):
        fail(f"results hold ports {sorted(ports)}, the scenario {sorted(sc.ports)}")
    return sc, results, ports, vpns, flows


def check_new_port(sc, port, name):
    """Fig. 8: the port's own addition and its tunnels to the repliers."""
    start = sc.ports[name]["start"]
    repliers = sc.before(name)
    k = len(repliers)
    own = [s for s in port["steps"] if s["step"] in FIG8]
    want = " ".join(["S1"] + ["S2 S3"] * k + ["S4"] * k + ["S5 S7 S8"] * k)
    if seq(own) != want:
        fail(f"{name} (added at {start} s, {k} replier(s) {repliers}): Fig. 8 steps '{seq(own)}', want '{want}'")
    if own[0]["peer"] is not None or abs(own[0]["t_s"] - start) > EPS:
        fail(f"{name}: S1 at {own[0]['t_s']} s for {own[0]['peer']}, want at {start} s for nobody")
    if k == 0:
        return
    s2 = [s["peer"] for s in own if s["step"] == "S2"]
    s3 = [s["peer"] for s in own if s["step"] == "S3"]
    s4 = [s for s in own if s["step"] == "S4"]
    s5 = [s for s in own if s["step"] == "S5"]
    if sorted(s2) != sorted(repliers) or s3 != s2:
        fail(f"{name}: replies (S2 S3) from {s2}, want one from each of {repliers}")
    # S4 "before any authentication", once the collection time is over, in
    # the order the replies came.
    if [s["peer"] for s in s4] != s2:
        fail(f"{name}: S4 for {[s['peer'] for s in s4]}, want the repliers in reply order {s2}")
    at = start + sc.collection
    if any(abs(s["t_s"] - at) > EPS for s in s4):
        fail(f"{name}: S4 at {[s['t_s'] for s in s4]}, want start + collection_time = {at} s")
    if [s["peer"] for s in s5] != s2:
        fail(f"{name}: tunnels (S5) to {[s['peer'] for s in s5]}, want {s2} in turn")
    for i, s in enumerate(s5):
        block = own[1 + 3 * k + 3 * i: 1 + 3 * k + 3 * i + 3]
        if {b["peer"] for b in block} != {s["peer"]}:
            fail(f"{name}: S5 S7 S8 block {i} names {[b['peer'] for b in block]}, want {s['peer']}")
        if not sc.parallel:
            prev = at if i == 0 else block_s8
            if abs(s["t_s"] - prev) > EPS:
                fail(f"{name}: S5 for {s['peer']} at {s['t_s']} s, want {prev} s "
                     "(the first at S4, the next at the previous S8: the loop back to S5)")
        block_s8 = block[2]["t_s"]


def check_steps(sc, ports):
    for name in sc.order:
        port = ports[name]
        me = sc.ports[name]
        if abs(port["started_s"] - me["start"]) > EPS:
            fail(f"{name} started at {port['started_s']} s, the scenario adds it at {me['start']} s")
        check_new_port(sc, port, name)
        for other in sc.order:
            if other == name:
                continue
            o = sc.ports[other]
            mine = [s for s in port["steps"] if s["peer"] == other]
            if o["start"] > me["start"]:
                # Fig. 9: the later port's addition reaches every port.
                want = SAME_VPN if o["vpn"] == me["vpn"] else OTHER_VPN
                got = seq(mine)
                if got != want:
                    fail(f"{name} ({me['vpn']}) on {other}'s addition ({o['vpn']}, {o['start']} s): "
                         f"'{got}', want '{want}'")
                if mine[0]["t_s"] < o["start"] - EPS:
                    fail(f"{name}: S11 for {other} at {mine[0]['t_s']} s, before its addition at {o['start']} s")
            elif o["vpn"] == me["vpn"]:
                got = seq(mine)
                if got != "S2 S3 S4 S5 S7 S8":
                    fail(f"{name}'s steps naming {other} (added before it): '{got}', want 'S2 S3 S4 S5 S7 S8'")
            elif mine:
                fail(f"{name} names {other} of VPN {o['vpn']} added before it: '{seq(mine)}'")
        unknown = [s for s in port["steps"] if s["peer"] is not None and s["peer"] not in sc.ports]
        if unknown or [s for s in port["steps"] if s["peer"] is None] != port["steps"][:1]:
            fail(f"{name} has steps for unknown peers or a second step without a peer: {unknown}")
        if port["auth_failures"] != 0:
            fail(f"{name} had {port['auth_failures']} authentication failures")


def check_maps(sc, ports, vpns):
    router_ids = {}
    for name in sc.order:
        me = sc.ports[name]
        rows = {r["port"]: r for r in ports[name]["map"]}
        want = {n for n in sc.members(me["vpn"]) if n != name}
        if set(rows) != want:
            fail(f"{name}'s map holds {sorted(rows)}, want the other ports of VPN {me['vpn']}: {sorted(want)}")
        for peer, row in rows.items():
            if row["state"] != "UP" or row["tunnel_id"] == 0:
                fail(f"{name}'s map row for {peer} not UP with a tunnel ID: {row}")
            if row["address"] != sc.ports[peer]["address"]:
                fail(f"{name}'s map gives {peer} the address {row['address']}, the scenario {sc.ports[peer]['address']}")
            router = sc.ports[peer]["router"]
            if router_ids.setdefault(router, row["router_id"]) != row["router_id"]:
                fail(f"router {router} known by two router IDs: {router_ids[router]}, {row['router_id']}")
        # The join: the last route exchange (S8 as new port, S19 as existing).
        exchanges = [s["t_s"] for s in ports[name]["steps"] if s["step"] in ("S8", "S19")]
        join = ports[name]["join_s"]
        if exchanges and (join is None or abs(join - max(exchanges)) > EPS):
            fail(f"{name}'s join_s {join} is not its last S8/S19 at {max(exchanges)}")
    if len(set(router_ids.values())) != len(router_ids):
        fail(f"two routers share a router ID: {router_ids}")
    for vpn in sc.vpns:
        members = sc.members(vpn)
        conv = vpns[vpn]["membership_convergence_s"]
        last = sc.ports[members[-1]]["start"]
        if conv is None:
            fail(f"VPN {vpn}'s membership never converged")
        if len(members) > 1 and conv < last + sc.collection - EPS:
            fail(f"VPN {vpn} converged at {conv} s, before its last port's map ({last} + {sc.collection} s)")
        delivered = [seconds(f.get("start", "1s")) for n, f in sc.flows.items()
                     if sc.vpn_of_host.get(f["from"]) == vpn and "min_delivery" in sc.expects.get(n, {})]
        if delivered and conv > min(delivered):
            fail(f"VPN {vpn} converged at {conv} s, after its traffic started at {min(delivered)} s")


def check_discovery(sc, ports, results):
    for name in sc.order:
        me = sc.ports[name]
        later_same = [n for n in sc.members(me["vpn"]) if sc.ports[n]["start"] > me["start"]]
        later_all = [n for n in sc.order if sc.ports[n]["start"] > me["start"]]
        want = (len(sc.routers) + len(later_same), len(sc.before(name)), len(later_all))
        d = ports[name]["discovery"]
        got = (d["sent"], d["received"], d["additions_received"])
        if got != want:
            fail(f"{name}'s discovery (sent, received, additions) {got}, want {want}: an addition to each of "
                 f"{len(sc.routers)} routers + an ACK per later port of its VPN, an ACK per replier, "
                 "an addition per later port")
    drops = results["vpns"]["discovery_drops"]
    holding = {p["router"] for p in sc.ports.values()}
    if set(drops) != holding or any(drops.values()):
        fail(f"discovery drops {drops}, want 0 at each of {sorted(holding)}")


def check_isolation_and_flows(sc, vpns, flows, results):
    measured = {f["name"]: f for f in results.get("flows", [])}
    dropping = set()
    for name, flow in sc.flows.items():
        src, dst = sc.vpn_of_host.get(flow["from"]), sc.vpn_of_host.get(flow["to"])
        expect = sc.expects.get(name, {})
        if src is None or dst is None:
            fail(f"flow {name}: {flow['from']} or {flow['to']} is not a host of a VPN")
        if src == dst:
            if expect.get("min_delivery") != 1.0:
                fail(f"flow {name} inside VPN {src} is not expected delivered (min_delivery 1.0)")
            expect_ok(flows, f"{name}/min_delivery")
            floor = sc.propagation(flow["from"], flow["to"]) * 1000
            if measured[name]["mean_delay_ms"] < floor:
                fail(f"flow {name}: mean delay {measured[name]['mean_delay_ms']} ms under the propagation {floor} ms")
            if "max_mean_delay" in expect:
                expect_ok(flows, f"{name}/max_mean_delay")
        else:
            if expect.get("max_delivery") != 0.0:
                fail(f"flow {name} from VPN {src} to VPN {dst} is not expected undelivered (max_delivery 0)")
            expect_ok(flows, f"{name}/max_delivery")
            address = sc.host_address[flow["to"]]
            if not any(address in net for net in sc.prefixes[src]):
                dropping.add(src)
    for vpn in sc.vpns:
        iso = vpns[vpn]["isolation"]
        if iso["core_prefixes"] != 0:
            fail(f"VPN {vpn}'s prefixes in core tables: {iso['core_prefixes']}")
        if (iso["vrf_drops"] > 0) != (vpn in dropping):
            fail(f"VPN {vpn}: {iso['vrf_drops']} VRF drops, want " +
                 ("some (a host sends outside the VPN's prefixes)" if vpn in dropping else "none"))


def sites(scenario, folder):
    sc, results, ports, vpns, flows = load(scenario, folder)
    check_steps(sc, ports)
    check_maps(sc, ports, vpns)
    check_discovery(sc, ports, results)
    check_isolation_and_flows(sc, vpns, flows, results)
    return sc


def shared_prefixes(sc):
    """Pairs of VPNs whose user prefixes (and so addresses) coincide."""
    return [(a, b) for i, a in enumerate(sc.vpns) for b in sc.vpns[i + 1:]
            if sc.prefixes[a] & sc.prefixes[b]]


def fig01(scenario, folder):
    sc = sites(scenario, folder)
    edges = ["R1A", "R1B", "R1C", "R1D"]
    if not set(edges) <= set(sc.routers):
        fail(f"edge nodes 1A-1D: routers {edges} not all in the scenario")
    if sorted(sc.vpns) != ["A", "B", "C"]:
        fail(f"users {sc.vpns}, the seed's Fig. 1 has A, B and C")
    if sorted(sc.ports[n]["router"] for n in sc.members("A")) != edges:
        fail("user A does not have a site at each of the edge nodes 1A through 1D")
    for vpn in sc.vpns:
        if len(sc.members(vpn)) < 2 or not set(sc.ports[n]["router"] for n in sc.members(vpn)) <= set(edges):
            fail(f"user {vpn} needs sites at two or more of the edge nodes 1A-1D")
    if not shared_prefixes(sc):
        fail("no two users share their private prefixes")
    print(f"ok: Fig. 1 users {', '.join(f'{v} ({len(sc.members(v))} sites)' for v in sc.vpns)}: steps of "
          f"{len(sc.ports)} ports from each addition on (Figs. 8/9), full-mesh maps per user, isolation")


def fig11(scenario, folder):
    sc = sites(scenario, folder)
    for vpn in sc.vpns:
        members = sc.members(vpn)
        if len(members) < 2:
            fail(f"company {vpn} has {len(members)} business site(s), want a plurality")
        for n in members:
            for ln in sc.ports[n]["links"]:
                link = sc.links[ln]
                hosts = [e["node"] for e in link["endpoints"] if sc.kind[e["node"]] == "host"]
                if link.get("type") != "csma" or len(hosts) < 3:
                    fail(f"site {n}'s user line {ln} is not a campus LAN (csma with 3 or more hosts)")
    if not shared_prefixes(sc):
        fail("no two companies share their campus prefixes")
    print(f"ok: Fig. 11 companies {', '.join(sc.vpns)}: campus LANs of {len(sc.ports)} sites, steps from each "
          "addition on (Figs. 8/9), full-mesh maps per company, isolation")


def fig12(scenario, folder):
    sc = sites(scenario, folder)
    for vpn in sc.vpns:
        members = sc.members(vpn)
        centres = [n for n in members if n.endswith("-ctr")]
        access = [n for n in members if n not in centres]
        if len(centres) != 1 or len(access) < 2:
            fail(f"ISP {vpn}: centre ports {centres}, access points {access}; want one centre and a plurality")
        centre_hosts = {e["node"] for ln in sc.ports[centres[0]]["links"] for e in sc.links[ln]["endpoints"]
                        if sc.kind[e["node"]] == "host"}
        access_hosts = {e["node"] for n in access for ln in sc.ports[n]["links"]
                        for e in sc.links[ln]["endpoints"] if sc.kind[e["node"]] == "host"}
        senders = {f["from"] for n, f in sc.flows.items()
                   if f["to"] in centre_hosts and "min_delivery" in sc.expects.get(n, {})}
        if access_hosts - senders:
            fail(f"ISP {vpn}: access hosts {sorted(access_hosts - senders)} send nothing to their centre")
        for n, f in sc.flows.items():
            if sc.vpn_of_host[f["from"]] == vpn and "min_delivery" in sc.expects.get(n, {}) \
                    and not ({f["from"], f["to"]} & centre_hosts):
                fail(f"flow {n} of ISP {vpn} is expected delivered without touching the centre")
    if not shared_prefixes(sc):
        fail("the ISPs do not share their private addressing")
    print(f"ok: Fig. 12 ISPs {', '.join(sc.vpns)}: access points and centres, steps from each addition on "
          "(Figs. 8/9), full-mesh maps per ISP, isolation")


def ladder_sites(script, scenario, folder):
    """The discovery of every addition, as the ladder drawer pairs it."""
    sc = Scenario(scenario)
    run = subprocess.run([sys.executable, script, folder, "--text", "--events", "--protocols", "vr"],
                         capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        fail(f"ladder --text exited {run.returncode}: {run.stderr}")
    rows = []  # (t, kind, words)
    for line in run.stdout.splitlines():
        w = line.split()
        rows.append((float(w[0]), "event" if w[2] == "event" else "arrow", w))
    def started_on(router, t):
        return [n for n in sc.order if sc.ports[n]["router"] == router and sc.ports[n]["start"] < t]

    # A router takes additions in (and traces them) once one of its ports is
    # started; the ladder calls a message to it before then lost, and one to
    # a router that never receives a VR message (neither an addition from
    # another router after one of its ports started, nor an ACK to one of
    # its ports) no-rx.
    tracing = {r for r in sc.routers
               if any(started_on(r, sc.ports[n]["start"]) for n in sc.order if sc.ports[n]["router"] != r)
               or any(sc.before(n) for n in sc.order if sc.ports[n]["router"] == r)}

    def status(router, t):
        return "paired" if started_on(router, t) else "lost" if router in tracing else "no-rx"

    for i, name in enumerate(sc.order):
        me = sc.ports[name]
        start = me["start"]
        end = sc.ports[sc.order[i + 1]]["start"] if i + 1 < len(sc.order) else start + sc.collection
        window = [r for r in rows if start - EPS <= r[0] < end - EPS]
        arrows = [(j, r[2]) for j, r in enumerate(window) if r[1] == "arrow"]
        additions = sorted((w[2], w[4], w[7] if len(w) > 7 else "paired")
                           for _, w in arrows if w[6] == "Addition")
        want = sorted((me["router"], r, status(r, start)) for r in sc.routers if r != me["router"])
        if additions != want:
            fail(f"{name}'s additions {additions}, want {want}")
        acks = [(j, w) for j, w in arrows if w[6] == "AdditionAck"]
        got = sorted((w[2], w[4], w[7] if len(w) > 7 else "paired") for _, w in acks)
        want = sorted((sc.ports[n]["router"], me["router"], "paired") for n in sc.before(name))
        if got != want:
            fail(f"ACKs to {name}'s addition {got}, want {want} (the ports of VPN {me['vpn']} before it)")

        def event(node, port, step):
            for j, r in enumerate(window):
                w = r[2]
                if r[1] == "event" and w[1] == node and w[4] == step and f"port={port}" in w[5:]:
                    return j
            fail(f"no {step} of {port} at {node} between {start} and {end} s")

        s1 = event(me["router"], name, "S1")
        first_addition = min(j for j, w in arrows if w[6] == "Addition")
        if s1 > first_addition:
            fail(f"{name}'s S1 after its first addition")
        for n in sc.before(name):
            router = sc.ports[n]["router"]
            addition = next(j for j, w in arrows if w[6] == "Addition" and w[4] == router)
            ack = next(j for j, w in acks if w[2] == router)
            marks = [event(router, n, s) for s in ("S11", "S12", "S13", "S14")]
            if not addition < marks[0] < marks[1] < marks[2] < marks[3] < ack:
                fail(f"at {router}: addition, S11-S14 of {n}, ACK out of order")
        for n in sc.order[:i]:
            if sc.ports[n]["vpn"] == me["vpn"]:
                continue
            got = [r[2][4] for r in window if r[1] == "event" and f"port={n}" in r[2][5:]
                   and f"peer_port={name}" in r[2][5:]]
            if got != ["S11", "S12"]:
                fail(f"{n} (VPN {sc.ports[n]['vpn']}) on {name}'s addition: {got}, want S11 S12")
    out = os.path.join(tempfile.mkdtemp(), "vr.svg")
    run = subprocess.run([sys.executable, script, folder, "--protocols", "vr", "-o", out],
                         capture_output=True, text=True, timeout=120)
    if run.returncode == 77 or "matplotlib" in run.stderr:
        print(f"ok: discovery of {len(sc.order)} additions (drawing skipped: no python3-matplotlib)")
        return
    if run.returncode != 0 or not os.path.getsize(out):
        fail(f"ladder --protocols vr exited {run.returncode}: {run.stderr}")
    print(f"ok: discovery of {len(sc.order)} additions: to every router, ACKs only from the VPN's ports")


def run(mode, scenario, folder):
    modes = {"--fig01": fig01, "--fig11": fig11, "--fig12": fig12}
    if mode not in modes:
        fail(f"unknown mode {mode}")
    modes[mode](scenario, folder)
