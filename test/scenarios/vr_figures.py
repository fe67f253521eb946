# SPDX-License-Identifier: GPL-2.0-only
"""The Fig. 10 and Fig. 2 modes of check-vr-steps.py (seed 000).

Expected values come from the seed's text (CHECKLIST.md, "Seed 000") and
from the scenario file's own settings (read here from the YAML, not from
the results' echo): the monitoring period, the count of unanswered
monitors, the hold time, the link events, the ports' start times.

--fig10-deleted: at A1 and A2, A3's silence gives S32 at the fourth
  monitoring time (monitor_silent_after + 1 periods) after the tunnel to A3
  came up (S18), S33 with it, S36 exactly hold_time after S32, then S37 S38
  S39: "S32 S33 S36 S37 S38 S39"; one `deleted` entry (A3, at S36); A3 gone
  from both maps (each keeps the other); the traffic to A3's network at the
  end undelivered (no route: VRF drops in VPN A), A1 -> A2 delivered.
--fig10-return: "S32 S33 S34 S35" at A1 and A2, S32 as above, S35 after the
  link-up but within one core HelloInterval plus one monitoring period;
  nothing deleted; A3 still in both maps (UP, with a tunnel ID); the flows
  after the return delivered.
--fig02: golden steps of all five ports from 21a's addition on (Figs. 8/9),
  tunnels only 11a-21a and 11b-21b, 11c's map empty, the flows of A and B
  (same addresses) delivered, VPN C's undelivered, no VPN prefix in the core.
--credentials (p1-vr-port-credentials): 21b with a wrong password is
  refused (S1 S2 S3 S4 S5 S6; 11b S11-S15 then S21), joins after the right
  password and vr-port-announce (S1 S2 S3 S4 S5 S7 S8; 11b S11-S19); every
  event of the scenario appears, at its time, in its port's `events`; no
  isolation counter moves (unauthorized_joins 0 although 21b tried with
  the wrong password), every table as the oracle at the end.
"""
import json
import os
import re
import sys

import yaml

UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0, "h": 3600.0}
EPS = 1e-6


def fail(message):
    sys.exit(f"FAIL: {message}")


def seconds(text):
    m = re.fullmatch(r"([0-9.]+)\s*(ns|us|ms|s|min|h)", str(text).strip())
    if not m:
        fail(f"cannot read duration '{text}'")
    return float(m.group(1)) * UNITS[m.group(2)]


def load(scenario, folder):
    with open(scenario) as f:
        spec = yaml.safe_load(f)
    with open(os.path.join(folder, "results.json")) as f:
        results = json.load(f)
    part = results.get("vpns")
    if part is None:
        fail("results.json has no part 'vpns'")
    ports = {p["name"]: p for v in part["vpns"] for p in v["ports"]}
    vpns = {v["name"]: v for v in part["vpns"]}
    flows = {e["flow"] + "/" + e["check"]: e["ok"] for e in results.get("expectations", [])}
    return spec, results, ports, vpns, flows


def steps(port, since=0.0, peer=None):
    return [s for s in port["steps"] if s["t_s"] >= since - EPS and (peer is None or s["peer"] == peer)]


def seq(records):
    return " ".join(s["step"] for s in records)


def first(port, step, peer):
    for s in port["steps"]:
        if s["step"] == step and s["peer"] == peer:
            return s["t_s"]
    fail(f"{port['name']} has no {step} for {peer}")


def link_event(spec, action):
    for e in spec.get("events", []):
        if e["action"] == action:
            return seconds(e["at"])
    fail(f"the scenario has no {action} event")


def expect_ok(flows, key):
    if not flows.get(key):
        fail(f"expectation {key} did not pass: {flows.get(key)}")


def silence(spec, ports, name):
    """S32 at the fourth monitoring time after the tunnel to A3 came up."""
    vr = spec["vr"]
    period = seconds(vr["monitor_period"])
    unanswered = int(vr["monitor_silent_after"])
    up = first(ports[name], "S18", "A3")
    s32 = first(ports[name], "S32", "A3")
    want = up + (unanswered + 1) * period
    if abs(s32 - want) > 1e-3:
        fail(f"{name}: S32 at {s32} s, want {want} s (S18 {up} s + {unanswered + 1} x {period} s)")
    if abs(first(ports[name], "S33", "A3") - s32) > EPS:
        fail(f"{name}: S33 not with S32 (the hold starts when the peer falls silent)")
    down = link_event(spec, "link-down")
    if s32 < down:
        fail(f"{name}: S32 at {s32} s before the link went down at {down} s")
    return s32


def fig10_deleted(spec, ports, vpns, flows):
    hold = seconds(spec["vr"]["hold_time"])
    for name, other in (("A1", "A2"), ("A2", "A1")):
        s32 = silence(spec, ports, name)
        got = seq(steps(ports[name], s32))
        if got != "S32 S33 S36 S37 S38 S39":
            fail(f"{name} from S32: '{got}', Fig. 10 gives 'S32 S33 S36 S37 S38 S39'")
        s36 = first(ports[name], "S36", "A3")
        if abs(s36 - (s32 + hold)) > 1e-3:
            fail(f"{name}: S36 at {s36} s, want S32 + hold_time = {s32 + hold} s")
        if abs(first(ports[name], "S37", "A3") - s36) > EPS:
            fail(f"{name}: S37 not with S36")
        deleted = [(d["port"], d["t_s"]) for d in ports[name]["deleted"]]
        if len(deleted) != 1 or deleted[0][0] != "A3" or abs(deleted[0][1] - s36) > EPS:
            fail(f"{name}'s deleted entries {deleted}, want A3 at {s36} s")
        rows = {r["port"] for r in ports[name]["map"]}
        if rows != {other}:
            fail(f"{name}'s map holds {sorted(rows)}, want only {other}")
    expect_ok(flows, "h1-to-h2/min_delivery")
    expect_ok(flows, "h1-to-h3/max_delivery")
    if vpns["A"]["isolation"]["vrf_drops"] == 0:
        fail("H1's packets to A3's network were not dropped in VPN A's VRF (a route is left)")
    print("ok: Fig. 10 deletion at A1 and A2 (S32 at the 4th monitor, S36 after hold_time)")


def fig10_return(spec, ports, vpns, flows):
    back = link_event(spec, "link-up")
    bound = seconds(spec["ospf"]["hello_interval"]) + seconds(spec["vr"]["monitor_period"])
    for name in ("A1", "A2"):
        s32 = silence(spec, ports, name)
        got = seq(steps(ports[name], s32))
        if got != "S32 S33 S34 S35":
            fail(f"{name} from S32: '{got}', Fig. 10 gives 'S32 S33 S34 S35'")
        s35 = first(ports[name], "S35", "A3")
        if not back < s35 < back + bound:
            fail(f"{name}: S35 at {s35} s, want within ({back}, {back + bound}) s")
        if ports[name]["deleted"]:
            fail(f"{name} deleted {ports[name]['deleted']}")
        rows = {r["port"]: r for r in ports[name]["map"]}
        if "A3" not in rows or rows["A3"]["state"] != "UP" or rows["A3"]["tunnel_id"] == 0:
            fail(f"{name}'s map row for A3: {rows.get('A3')}, want UP with a tunnel ID")
    if {r["port"] for r in ports["A3"]["map"]} != {"A1", "A2"}:
        fail(f"A3's map holds {ports['A3']['map']}, want A1 and A2")
    expect_ok(flows, "h1-to-h3/min_delivery")
    expect_ok(flows, "h3-to-h2/min_delivery")
    print("ok: Fig. 10 return at A1 and A2 (S34 S35, nothing deleted, traffic after the return)")


# Figs. 8/9 for Fig. 2's layout, from 21a's addition on (21a at 3 s, 21b at
# 6 s). A new port with one replier: S1 S2 S3 S4, then S5 S7 S8. An existing
# port of the same VPN: S11 to S19 (S16, S20 are no steps of their own). A
# port of another VPN: S11 S12 and silence. Every port on every router gets
# each addition, also the ports on the new port's own router.
FIG02 = {
    "11a": "S11 S12 S13 S14 S15 S17 S18 S19 S11 S12",  # 21a joins; 21b is B's
    "11b": "S11 S12 S11 S12 S13 S14 S15 S17 S18 S19",  # 21a is A's; 21b joins
    "11c": "S11 S12 S11 S12",                          # neither is C's
    "21a": "S1 S2 S3 S4 S5 S7 S8 S11 S12",             # new; then 21b is B's
    "21b": "S1 S2 S3 S4 S5 S7 S8",                     # new (after 21a)
}
PEERS = {"11a": {"21a"}, "21a": {"11a"}, "11b": {"21b"}, "21b": {"11b"}, "11c": set()}


def fig02(spec, ports, vpns, flows):
    starts = {p["name"]: seconds(p["start"]) for v in spec["vpns"] for p in v["ports"]}
    since = starts["21a"]
    for name, at in starts.items():
        if ports[name]["started_s"] != at:
            fail(f"{name} started at {ports[name]['started_s']}, the scenario says {at} s")
    for name, want in FIG02.items():
        got = seq(steps(ports[name], since))
        if got != want:
            fail(f"{name} after {since} s: '{got}', the seed's figures give '{want}'")
    for name, peers in PEERS.items():
        rows = {r["port"]: r for r in ports[name]["map"]}
        if set(rows) != peers:
            fail(f"{name}'s map holds {sorted(rows)}, want {sorted(peers)}")
        if any(r["state"] != "UP" or r["tunnel_id"] == 0 for r in rows.values()):
            fail(f"{name}'s map rows not all UP with a tunnel ID: {rows}")
        tunnel_peers = {s["peer"] for s in ports[name]["steps"] if s["step"] in ("S5", "S15")}
        if tunnel_peers != peers:
            fail(f"{name} set up tunnels with {sorted(tunnel_peers)}, want {sorted(peers)}")
    for flow in ("ha1-to-ha2", "hb1-to-hb2", "hb2-to-hb1"):
        expect_ok(flows, f"{flow}/min_delivery")
    expect_ok(flows, "hc1-to-ha2/max_delivery")
    for vpn in vpns.values():
        if vpn["isolation"]["core_prefixes"] != 0:
            fail(f"VPN {vpn['name']}'s prefixes in core tables: {vpn['isolation']['core_prefixes']}")
    if vpns["C"]["isolation"]["vrf_drops"] == 0:
        fail("HC1's packets to 10.2.0.2 were not dropped in VPN C's VRF")
    print("ok: Fig. 2 steps of 11a 11b 11c 21a 21b, tunnels 11a-21a and 11b-21b only")


def credentials(spec, ports, vpns, flows):
    events = {}
    for e in spec["events"]:
        events.setdefault(e["port"], []).append((seconds(e["at"]), e["action"]))
    for name, want in events.items():
        got = [(round(e["t_s"], 9), e["event"]) for e in ports[name]["events"]]
        if got != want:
            fail(f"{name}'s events {got}, the scenario has {want}")
    again = next(t for t, a in events["21b"] if a == "vr-port-announce")
    start = seconds(next(p["start"] for v in spec["vpns"] for p in v["ports"] if p["name"] == "21b"))
    # Refused (Fig. 8 S6; Fig. 9 S21: the waiting tunnel end given up).
    before = seq(s for s in steps(ports["21b"], start) if s["t_s"] < again)
    if before != "S1 S2 S3 S4 S5 S6":
        fail(f"21b with the wrong password: '{before}', want 'S1 S2 S3 S4 S5 S6'")
    before = seq(s for s in steps(ports["11b"], start) if s["t_s"] < again)
    if before != "S11 S12 S13 S14 S15 S21":
        fail(f"11b before the new addition: '{before}', want 'S11 S12 S13 S14 S15 S21'")
    # The new addition with the right password: joins.
    if seq(steps(ports["21b"], again)) != "S1 S2 S3 S4 S5 S7 S8":
        fail(f"21b after vr-port-announce: '{seq(steps(ports['21b'], again))}'")
    if seq(steps(ports["11b"], again)) != "S11 S12 S13 S14 S15 S17 S18 S19":
        fail(f"11b after 21b's new addition: '{seq(steps(ports['11b'], again))}'")
    if ports["21b"]["auth_failures"] != 1:
        fail(f"21b's auth_failures {ports['21b']['auth_failures']}, want 1 (the refused join)")
    for name, peer in (("11b", "21b"), ("21b", "11b")):
        rows = {r["port"]: r for r in ports[name]["map"]}
        if set(rows) != {peer} or rows[peer]["state"] != "UP" or rows[peer]["tunnel_id"] == 0:
            fail(f"{name}'s map {rows}, want {peer} UP with a tunnel ID")
    for flow in ("ha1-to-ha2", "hb1-to-hb2", "hb2-to-hb1"):
        expect_ok(flows, f"{flow}/min_delivery")
    expect_ok(flows, "hc1-to-ha2/max_delivery")
    # No join with the wrong password, nothing across VPNs, tables as the
    # oracle at the end.
    for vpn in vpns.values():
        bad = {k: n for k, n in vpn["isolation"].items() if n != 0 and k != "vrf_drops"}
        if bad or vpn["routing_mismatches_at_end"]:
            fail(f"VPN {vpn['name']}: isolation {bad}, routes {vpn['routing_mismatches_at_end']}")
    print("ok: 21b refused with the wrong password, joined after vr-port-password and vr-port-announce")


def run(mode, scenario, folder):
    spec, _, ports, vpns, flows = load(scenario, folder)
    modes = {"--fig10-deleted": fig10_deleted, "--fig10-return": fig10_return, "--fig02": fig02,
             "--credentials": credentials}
    if mode not in modes:
        fail(f"unknown mode {mode}")
    modes[mode](spec, ports, vpns, flows)
