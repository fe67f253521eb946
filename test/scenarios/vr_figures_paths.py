# SPDX-License-Identifier: GPL-2.0-only
"""The Fig. 3 and Fig. 13 modes of check-vr-steps.py (seed 000): the routes
the VR ports exchange and the path user data takes, read from the results
and, through tshark, from the captures.

    check-vr-steps.py --fig03 scenarios/p1-fig02-vr-ports.yaml OUTPUT_FOLDER
    check-vr-steps.py --fig13 scenarios/p1-fig13-vr-labels.yaml OUTPUT_FOLDER
    check-vr-steps.py --attacks scenarios/p1-vr-attacks.yaml OUTPUT_FOLDER

--fig03 (Fig. 3 on the Fig. 2 network: 11a on R10, 21a on R20, core
  R10 - X - Y - R20). Seed: 21a advertises "A3 -> VR port 21a", 11a
  advertises "A1 -> 11a"; table 12a then sends A3's traffic towards 21a and
  the data goes A1 -> 11a -> X -> Y -> 21a -> A3. Checked: 11a's table
  holds 21a's user prefix through 21a and 21a's holds 11a's through 11a
  (the same for 11b/21b of VPN B, whose prefixes are A's); each VPN's
  tables match the oracle (routing_convergence_s set) before the traffic
  starts; on the links X-Y and Y-R20 every datagram of the flow A1 -> A3
  travels inside L2TP between the two ports' provider addresses (YAML
  `address`), VPN B's between 11b's and 21b's, and no user datagram
  crosses the core outside a tunnel (the core holds no VPN prefix).
--fig13 (Fig. 13: 11a on R10, 21a on R20, core R10 - X - R20 with LDP).
  Seed: 21a tells 11a "A3 = F", X tells 11a "A3 = E"; 11a pushes E, X
  swaps E -> F, 21a pops F and hands the packet to A3. Checked: the steps
  of 21a's addition (Fig. 8: S1 S2 S3 S4 S5 S7 S8) and 11a's answer (Fig.
  9: S11 S12 S13 S14 S15 S17 S18 S19); F, the label bound to 21a, lies in
  router 20's label range and E, the label 11a pushes towards 21a, in X's
  (router k of mpls.routers binds from 1000 k, the scenario's rule); on
  R10 - X every datagram A1 -> A3 carries E and on X - R20 F, VPN B's
  (same addresses) its own E' and F'; the per-VPN OSPF never rides a
  label (the route exchange stays in the tunnel); every datagram arrives.
--attacks (p1-vr-attacks: Fig. 13's network under attack). A port that
  claims another VPN's VPN-ID and a forged addition are answered (Fig. 9:
  S11-S15) and refused (S21 accept_timeout later, never S17; the impostor
  gets S6 from each port it tries); ports of other VPNs stop at S12; no map
  keeps either; datagrams with a label bound to nothing are dropped at the
  edge (label_drops = their count), those with a port's label reach that
  port's user line only (captures); every isolation counter 0, while
  own_deliveries equals what the VPN's flows delivered.
"""
import ipaddress
import os
import shutil
import subprocess
import sys

from vr_figures import EPS, expect_ok, fail, load, seq, steps


def tshark(pcap, display_filter, fields):
    """Rows of `fields` (every occurrence of a field joined by ',')."""
    if shutil.which("tshark") is None:
        print("skipped: tshark is not installed")
        sys.exit(77)
    if not os.path.exists(pcap):
        fail(f"no capture {pcap}")
    args = ["tshark", "-n", "-r", pcap, "-Y", display_filter, "-T", "fields",
            "-E", "occurrence=a", "-E", "aggregator=,"]
    for f in fields:
        args += ["-e", f]
    env = dict(os.environ, WIRESHARK_CONFIG_DIR=os.path.join(os.path.dirname(__file__), "wireshark"))
    out = subprocess.run(args, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        fail(f"tshark on {pcap}: {out.stderr.strip()}")
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def yaml_ports(spec):
    """Port name -> (VPN name, YAML port entry)."""
    return {p["name"]: (v["name"], p) for v in spec["vpns"] for p in v["ports"]}


def user_prefix(spec, port):
    """The network of a port's first user line, from the YAML links."""
    name = port["user_links"][0]
    for link in spec["links"]:
        if link.get("name") == name:
            return str(ipaddress.ip_interface(link["endpoints"][0]["address"]).network)
    fail(f"no link {name}")


def host_address(spec, link_name, host):
    for link in spec["links"]:
        if link.get("name") == link_name:
            for e in link["endpoints"]:
                if e["node"] == host:
                    return str(ipaddress.ip_interface(e["address"]).ip)
    fail(f"no address of {host} on {link_name}")


def flow(spec, name):
    for f in spec["traffic"]:
        if f["name"] == name:
            return f
    fail(f"no flow {name}")


def received(results, name):
    for f in results["flows"]:
        if f["name"] == name:
            return f["received"]
    fail(f"results have no flow {name}")


def start_of_traffic(spec):
    from vr_figures import seconds
    return min(seconds(f["start"]) for f in spec["traffic"])


def check_routes(spec, ports, vpns, pairs):
    """Each pair (a, b): a's table holds b's user prefix through b."""
    yp = yaml_ports(spec)
    for a, b in pairs:
        prefix = user_prefix(spec, yp[b][1])
        hops = ports[a]["routes"].get(prefix)
        if hops != [b]:
            fail(f"{a}'s route to {b}'s prefix {prefix} is {hops}, want [{b}] (Fig. 3: A3 -> 21a)")
        own = user_prefix(spec, yp[a][1])
        if ports[a]["routes"].get(own) != ["direct"]:
            fail(f"{a}'s own prefix {own}: {ports[a]['routes'].get(own)}, want direct")
    for v in vpns.values():
        if v["routing_convergence_s"] is None:
            fail(f"VPN {v['name']}: tables differ from the oracle: {v['routing_mismatches_at_end']}")
        if v["routing_convergence_s"] > start_of_traffic(spec) + EPS and len(v["ports"]) > 1:
            fail(f"VPN {v['name']}: routes complete at {v['routing_convergence_s']} s, after the traffic")
        if v["isolation"]["foreign_routes"] != 0 or v["isolation"]["core_prefixes"] != 0:
            fail(f"VPN {v['name']}: isolation {v['isolation']}")


def fig03(spec, results, ports, vpns, flows):
    check_routes(spec, ports, vpns, [("11a", "21a"), ("21a", "11a"), ("11b", "21b"), ("21b", "11b")])
    yp = yaml_ports(spec)
    folder = os.path.dirname(results["outputs"]["message_trace"])
    cases = [("ha1-to-ha2", "11a", "21a"), ("hb1-to-hb2", "11b", "21b")]
    for capture in ["X-X-Y.pcap", "Y-Y-R20.pcap"]:
        rows = tshark(os.path.join(folder, capture), "udp && !ospf",
                      ["ip.src", "ip.dst", "l2tp.tunnel"])
        for name, a, b in cases:
            f = flow(spec, name)
            src = host_address(spec, yp[a][1]["user_links"][0], f["from"])
            dst = host_address(spec, yp[b][1]["user_links"][0], f["to"])
            outer = (yp[a][1]["address"], yp[b][1]["address"])
            inside = [r for r in rows if r[0] == f"{outer[0]},{src}" and r[1] == f"{outer[1]},{dst}"
                      and r[2]]
            if len(inside) != received(results, name):
                fail(f"{capture}: {len(inside)} datagrams of {name} inside L2TP {outer[0]} -> "
                     f"{outer[1]}, want {received(results, name)} (A1 -> 11a -> X -> Y -> 21a)")
        private = ipaddress.ip_network("10.0.0.0/8")
        bare = [r for r in rows if "," not in r[0] and ipaddress.ip_address(r[0]) in private]
        if bare:
            fail(f"{capture}: {len(bare)} user datagrams outside a tunnel, e.g. {bare[0]}")
    for name in ["ha1-to-ha2", "hb1-to-hb2"]:
        expect_ok(flows, f"{name}/min_delivery")
    print("ok: Fig. 3 - 11a: A3's prefix via 21a, 21a: A1's via 11a (and VPN B alike), tables as "
          "the oracle before the traffic, the data through X and Y inside the 11a-21a tunnel")


def label_range(spec, router):
    k = spec["mpls"]["routers"].index(router) + 1
    return range(1000 * k, 1000 * k + 1000)


def fig13(spec, results, ports, vpns, flows):
    from vr_figures import seconds
    yp = yaml_ports(spec)
    added = seconds(yp["21a"][1]["start"])
    own = [s for s in steps(ports["21a"], added) if s["peer"] in (None, "11a")]
    if seq(own) != "S1 S2 S3 S4 S5 S7 S8":
        fail(f"21a's steps {seq(own)}, want Fig. 8's S1 S2 S3 S4 S5 S7 S8")
    if seq(steps(ports["11a"], added, "21a")) != "S11 S12 S13 S14 S15 S17 S18 S19":
        fail(f"11a's steps for 21a {seq(steps(ports['11a'], added, '21a'))}, want Fig. 9's")
    check_routes(spec, ports, vpns, [("11a", "21a"), ("21a", "11a"), ("11b", "21b"), ("21b", "11b")])
    folder = os.path.dirname(results["outputs"]["message_trace"])
    labels = {}
    for vpn, a, b, name in [("A", "11a", "21a", "a1-to-a3"), ("B", "11b", "21b", "b1-to-b3")]:
        f_label = ports[b]["mpls"]["label"]
        e_label = ports[a]["mpls"]["push_labels"].get(b)
        if f_label not in label_range(spec, yp[b][1]["router"]):
            fail(f"F of {b} is {f_label}, not a label of {yp[b][1]['router']}")
        if e_label not in label_range(spec, "X"):
            fail(f"E pushed by {a} towards {b} is {e_label}, not a label of X")
        labels[vpn] = (e_label, f_label)
        sent = received(results, name) + [x for x in results["flows"] if x["name"] == name][0]["lost"]
        if ports[a]["mpls"]["labelled"] != sent or ports[a]["mpls"]["unlabelled"] != 0:
            fail(f"{a} labelled {ports[a]['mpls']['labelled']} of {sent} datagrams")
        expect_ok(flows, f"{name}/min_delivery")
        fl = flow(spec, name)
        src = host_address(spec, yp[a][1]["user_links"][0], fl["from"])
        dst = host_address(spec, yp[b][1]["user_links"][0], fl["to"])
        for capture, want in [("X-R10-X.pcap", e_label), ("X-X-R20.pcap", f_label)]:
            rows = tshark(os.path.join(folder, capture),
                          f"mpls && udp && ip.src == {src} && ip.dst == {dst}", ["mpls.label"])
            seen = [r[0] for r in rows]
            if seen.count(str(want)) * 2 < len(seen) or len(seen) == 0:
                fail(f"{capture}: labels {sorted(set(seen))} on {src} -> {dst}, want {want}")
    if len({l for pair in labels.values() for l in pair}) != 4:
        fail(f"VPNs A and B share a label: {labels}")
    flows_of = {"A": ("a1-to-a3", "11a", "21a"), "B": ("b1-to-b3", "11b", "21b")}
    for vpn, (e_label, f_label) in labels.items():
        name, a, b = flows_of[vpn]
        fl = flow(spec, name)
        src = host_address(spec, yp[a][1]["user_links"][0], fl["from"])
        dst = host_address(spec, yp[b][1]["user_links"][0], fl["to"])
        for capture, want in [("X-R10-X.pcap", e_label), ("X-X-R20.pcap", f_label)]:
            n = len(tshark(os.path.join(folder, capture),
                           f"mpls.label == {want} && ip.src == {src} && ip.dst == {dst}",
                           ["mpls.label"]))
            if n != received(results, name):
                fail(f"{capture}: {n} datagrams with label {want}, want {received(results, name)} ({name})")
        for capture in ["X-R10-X.pcap", "X-X-R20.pcap"]:
            # The tunnel itself may ride an LSP to the port's address; the
            # OSPF inside it stays in the tunnel, never labelled bare.
            if tshark(os.path.join(folder, capture), "mpls && ospf && !l2tp", ["mpls.label"]):
                fail(f"{capture}: OSPF under a label outside the tunnel")
    print(f"ok: Fig. 13 - 21a joins (S1-S8, 11a S11-S19); A: E={labels['A'][0]} (X) on R10-X, "
          f"F={labels['A'][1]} (router 20) on X-R20; B: E'={labels['B'][0]}, F'={labels['B'][1]}; "
          "every datagram labelled and delivered, OSPF in the tunnel")


def attacks(spec, results, ports, vpns, flows):
    """p1-vr-attacks: every attack fails and every isolation counter is 0."""
    from vr_figures import seconds
    yp = yaml_ports(spec)
    accept = seconds(spec["vr"]["accept_timeout"])
    folder = os.path.dirname(results["outputs"]["message_trace"])
    claimed = {name: p for name, (vpn, p) in yp.items() if "claim_vpn_id" in p}
    forged = [e for e in spec["events"] if e["action"] == "vr-forge-addition"]
    for name, p in claimed.items():
        victims = [v for v in spec["vpns"] if v["id"] == p["claim_vpn_id"]][0]
        for victim in victims["ports"]:
            answer = steps(ports[victim["name"]], 0.0, name)
            # Fig. 9: S11-S15, then no authentication: S21, never S17.
            if seq(answer) != "S11 S12 S13 S14 S15 S21":
                fail(f"{victim['name']} on the impostor {name}: {seq(answer)}, want S11-S15 S21")
            if abs(answer[-1]["t_s"] - answer[-2]["t_s"] - accept) > 1e-3:
                fail(f"{victim['name']}: S21 for {name} not accept_timeout after S15")
        if "S8" in seq(ports[name]["steps"]) or any(m["state"] == "UP" for m in ports[name]["map"]):
            fail(f"the impostor {name} joined: {ports[name]['map']}")
        if seq(s for s in ports[name]["steps"] if s["step"] == "S6").count("S6") != len(victims["ports"]):
            fail(f"{name}: want one S6 (authentication refused) per port of the VPN it claims")
    for e in forged:
        at = seconds(e["at"])
        for vpn in spec["vpns"]:
            for p in vpn["ports"]:
                if p["name"] in claimed:
                    continue
                got = seq(steps(ports[p["name"]], at, e["address"]))
                want = "S11 S12 S13 S14 S15 S21" if vpn["name"] == e["vpn"] else "S11 S12"
                if got != want:
                    fail(f"{p['name']} on the forged addition {e['address']}: {got}, want {want}")
                if any(m["address"] == e["address"] for m in ports[p["name"]]["map"]):
                    fail(f"{p['name']} keeps the forged port {e['address']} in its map")
    spoofs = [e for e in spec["events"] if e["action"] == "vr-spoof-label"]
    unbound = sum(int(e["count"]) for e in spoofs if e["label"].isdigit())
    if results["vpns"]["label_drops"].get(spoofs[0]["to"]) != unbound:
        fail(f"label drops {results['vpns']['label_drops']}, want {unbound} at {spoofs[0]['to']}")
    for e in spoofs:
        if e["label"].isdigit():
            continue
        owner_vpn, owner = yp[e["label"]]
        for vpn in spec["vpns"]:
            for p in vpn["ports"]:
                if p["router"] != e["to"]:
                    continue
                line = p["user_links"][0]
                host = [x["node"] for x in [l for l in spec["links"] if l.get("name") == line][0]["endpoints"]
                        if x["node"] != e["to"]][0]
                n = len(tshark(os.path.join(folder, f"{e['to']}-{line}.pcap"),
                               f"udp.dstport == 9 && ip.dst == {e['destination']}", ["ip.dst"]))
                want = int(e["count"]) if p["name"] == e["label"] else 0
                if n != want:
                    fail(f"{host} ({vpn['name']}) got {n} datagrams labelled for {e['label']}, want {want}")
    for v in vpns.values():
        bad = {k: n for k, n in v["isolation"].items() if n != 0 and k != "vrf_drops"}
        if bad:
            fail(f"VPN {v['name']}: isolation counters {bad}")
    own = {"A": ["a1-to-a3", "a3-to-a1"], "B": ["b1-to-b3"]}
    for name, fl in own.items():
        want = sum(received(results, f) for f in fl)
        if vpns[name]["own_deliveries"] != want:
            fail(f"VPN {name}: own_deliveries {vpns[name]['own_deliveries']}, want {want}")
    for f in ["a1-to-a3", "a3-to-a1", "b1-to-b3"]:
        expect_ok(flows, f"{f}/min_delivery")
    if [a["event"] for a in results["vpns"]["attacks"]] != [e["action"] for e in spec["events"]]:
        fail(f"attacks recorded {results['vpns']['attacks']}")
    print("ok: attacks - the impostor and the forged port answered then refused (S21 after "
          "accept_timeout), unbound labels dropped, a port's label reaches its own VPN only; "
          "isolation counters 0, own traffic seen and delivered")


def run(mode, scenario, folder):
    spec, results, ports, vpns, flows = load(scenario, folder)
    {"--fig03": fig03, "--fig13": fig13, "--attacks": attacks}[mode](spec, results, ports, vpns, flows)
