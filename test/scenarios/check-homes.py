#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Golden sequence of seed 004's Fig. 1 (scenarios/p2-fig01-home-networks.yaml).

Usage: check-homes.py OUTPUT_DIR            (p2-fig01-home-networks)
       check-homes.py --hundred OUTPUT_DIR  (p2-home-hundred-hosts)

The expected sequence comes from the seed's text and the RFCs, not from a
run: each host boots and gets its address, router and DNS server from its
gateway ([0066]; RFC 2131 DISCOVER, OFFER, REQUEST, ACK), host A 10.0.0.4
and host B 10.0.0.5 as in the seed; each gateway registers its ISP address
at DNS server 330 ([0057], [0059]; an RFC 2136 UPDATE, answered NOERROR)
before any other DNS message leaves it; a host's query goes to its gateway,
which forwards it to server 330 from the public address; HTTP leaves the
home from the public address (NAPT, [0010]) and no private address is ever
seen on the ISP link; the tunnel page (unit 147, [0067]) is a GET then a
POST /tunnel with peer=gateway-b.example, answered 200 and 202, inside the
home only. tshark reads the gateways' captures, so the check does not rely
on the module's own decoding. Exit 0 pass, 1 fail, 77 no tshark.
"""
import json
import os
import shutil
import subprocess
import sys

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def fields(pcap, display_filter, *names):
    out = subprocess.run(
        ["tshark", "-r", pcap, "-Y", display_filter, "-T", "fields"]
        + [a for n in names for a in ("-e", n)],
        capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def check_results(results):
    homes = results["homes"]
    hosts = {h["node"]: h for h in homes["hosts"]}
    for node, address in [("hostA", "10.0.0.4"), ("hostB", "10.0.0.5")]:
        check(hosts[node]["address"] == address, f"{node} has {address} (seed 004)")
    check(hosts["hostC"]["address"] == "10.0.0.5", "host C: the next pool address in home A")
    for g in homes["gateways"]:
        reg = g["registration"]
        check(reg["done"] and reg["rcode"] == "NoError", f"{g['node']} registered {reg['domain']}")
        check(g["napt"]["created"] >= 1 and g["napt"]["translated_out"] >= 1,
              f"{g['node']} translated its home's browsing")
        check(g["dhcp"]["leases_granted"] == 2, f"{g['node']} leased two addresses")
    servers = {d["node"]: d for d in homes["dns_servers"]}
    check(servers["DNS330"]["updates_applied"] == 2, "server 330 took both registrations")
    flows = {f["name"]: f for f in homes["traffic"]}
    for name in ["a-browses", "d-browses"]:
        f = flows[name]
        check(f["lookup"] and f["lookup"]["addresses"] == ["198.51.100.10"], f"{name}: www.example resolved")
        check([h["status"] for h in f["http"]] == [200], f"{name}: the page fetched")
    page = flows["a-asks-tunnel"]
    check([h["status"] for h in page["http"]] == [200, 202], "tunnel page: 200 then 202")
    check(flows["c-finds-a"]["lookup"]["addresses"] == ["10.0.0.4"], "host-a from gateway A's table")
    check(flows["a-seeks-b"]["lookup"]["rcode"] == "NXDomain", "host-b is not known in home A")
    check(flows["d-to-a"]["sent"] == 3 and flows["d-to-a"]["delivered"] == 0,
          "10.0.0.4 is not reachable from home B without a tunnel")


def check_dhcp(pcap, expected):
    """expected: (host name, address) in boot order."""
    rows = fields(pcap, "dhcp", "dhcp.option.dhcp", "dhcp.ip.your", "dhcp.option.hostname",
                  "dhcp.option.router", "dhcp.option.domain_name_server")
    sequence = [r[0] for r in rows]
    check(sequence == ["1", "2", "3", "5"] * len(expected),
          f"{os.path.basename(pcap)}: DISCOVER OFFER REQUEST ACK per host, got {sequence}")
    for i, (name, address) in enumerate(expected):
        block = rows[4 * i:4 * i + 4]
        if len(block) < 4:
            return
        check(block[0][2] == name and block[2][2] == name, f"{name} sends its host name (option 12)")
        check(block[3][1] == address, f"{name} gets {address}, got {block[3][1]}")
        check(block[3][3] == "10.0.0.1" and block[3][4] == "10.0.0.1",
              f"{name}: router and DNS server are the gateway")


def check_isp_link(pcap, public, domain):
    dns = fields(pcap, "dns", "ip.src", "ip.dst", "dns.flags.opcode", "dns.flags.response",
                 "dns.qry.name", "dns.flags.rcode", "dns.resp.name", "dns.a")
    check(len(dns) >= 2, f"{pcap}: DNS on the ISP link")
    if len(dns) >= 2:
        update, reply = dns[0], dns[1]
        check(update[:5] == [public, "192.0.2.30", "5", "0", "example"],
              f"first DNS message is the UPDATE of zone example from {public}: {update}")
        check(domain in update[6].split(",") and update[7] == public,
              f"the UPDATE adds {domain} A {public}")
        check(reply[2:4] == ["5", "1"] and reply[5] == "0", "the UPDATE is answered NOERROR")
    queries = [r for r in dns[2:] if r[3] == "0"]
    check(queries and all(r[0] == public for r in queries), "queries leave from the public address")
    check(not any(r[4] == "host-a" or r[4] == "host-b" for r in dns), "home names stay home")
    http = fields(pcap, "http.request", "ip.src", "ip.dst", "http.request.method", "http.request.uri")
    check(http and all(r[0] == public for r in http), f"HTTP leaves from {public} (NAPT)")
    check(not any(r[3] == "/tunnel" for r in http), "the tunnel page stays inside the home")
    private = fields(pcap, "ip.addr == 10.0.0.0/8", "ip.src")
    check(not private, f"{pcap}: no private address on the ISP link")


def check_home_a(pcap):
    http = fields(pcap, "http", "ip.src", "ip.dst", "http.request.method", "http.request.uri",
                  "http.response.code", "urlencoded-form.value")
    browse = [r for r in http if "198.51.100.10" in (r[0], r[1])]
    check([r[2] or r[4] for r in browse] == ["GET", "200"], "host A's GET to 198.51.100.10 and 200")
    page = [r for r in http if r[1] == "10.0.0.1" or r[0] == "10.0.0.1"]
    got = [(r[2], r[3], r[4], r[5]) for r in page]
    check(got == [("GET", "/", "", ""), ("", "", "200", ""),
                  ("POST", "/tunnel", "", "gateway-b.example"), ("", "", "202", "")],
          f"tunnel page: GET /, 200, POST /tunnel peer=gateway-b.example, 202; got {got}")
    dns = fields(pcap, "dns", "ip.src", "ip.dst", "dns.qry.name", "dns.a", "dns.flags.rcode")
    check(["10.0.0.4", "10.0.0.1", "www.example", "", ""] in dns, "host A asks its gateway")


# Host A's side of Fig. 1 as the message trace's ladder pairs it, in order:
# (sender, receiver, protocol, type).
HOST_A_LADDER = [
    ("hostA", "GW-A", "dhcp", "DHCPDISCOVER"), ("GW-A", "hostA", "dhcp", "DHCPOFFER"),
    ("hostA", "GW-A", "dhcp", "DHCPREQUEST"), ("GW-A", "hostA", "dhcp", "DHCPACK"),
    ("hostA", "GW-A", "dns", "query"), ("GW-A", "DNS330", "dns", "query"),
    ("DNS330", "GW-A", "dns", "answer"), ("GW-A", "hostA", "dns", "answer"),
    ("hostA", "GW-A", "http", "GET"), ("GW-A", "H310", "http", "GET"),
    ("H310", "GW-A", "http", "response"), ("GW-A", "hostA", "http", "response"),
    ("hostA", "GW-A", "http", "GET"), ("GW-A", "hostA", "http", "response"),
    ("hostA", "GW-A", "http", "POST"), ("GW-A", "hostA", "http", "response"),
]


def check_ladder(out):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "analysis"))
    from ladder import load_sequence
    pairs = load_sequence(out, protocols=["dhcp", "dns", "http"])
    check(all(p.status == "paired" for p in pairs), "every traced message has both ends")
    # Between host A, its gateway and the servers; host C boots at 1 s (its
    # DHCP broadcasts reach host A too), the registrations are the gateway's.
    ends = {"hostA", "GW-A", "DNS330", "H310"}
    host_a = [(p.sender, p.receiver, p.protocol, p.type) for p in pairs
              if {p.sender, p.receiver} <= ends and not (p.protocol == "dhcp" and p.t_tx >= 0.5)
              and p.type not in ("update", "update-reply")]
    check(host_a[:len(HOST_A_LADDER)] == HOST_A_LADDER,
          f"host A's ladder: {host_a[:len(HOST_A_LADDER)]}")


def check_hundred(out):
    """A hundred DHCP hosts browsing through one NAPT: RFC 4787 REQ-1 gives
    one mapping per host (each host one TCP source port), all from the public
    address, none dropped."""
    with open(os.path.join(out, "results.json")) as f:
        homes = json.load(f)["homes"]
    addresses = [h["address"] for h in homes["hosts"]]
    check(len(addresses) == 100 and len(set(addresses)) == 100 and "" not in addresses,
          "100 hosts bound to 100 distinct addresses")
    g = homes["gateways"][0]
    check(g["napt"]["created"] == 100 and g["napt"]["active_peak"] == 100, "100 mappings")
    check(sum(g["napt"]["drops"].values()) == 0 and g["drops"]["napt"] == 0, "nothing dropped")
    check(g["dns"]["forwarded"] == 100, "100 lookups forwarded")
    check(all([x["status"] for x in t["http"]] == [200] for t in homes["traffic"]), "100 pages")
    if not shutil.which("tshark"):
        return 77
    isp = os.path.join(out, "GW-isp.pcap")
    requests = fields(isp, "http.request", "ip.src", "tcp.srcport")
    check(len(requests) == 100 and {r[0] for r in requests} == {"168.219.193.7"},
          "100 requests from the public address")
    check(len({r[1] for r in requests}) == 100, "100 distinct external ports")
    check(not fields(isp, "ip.addr == 10.0.0.0/8", "ip.src"), "no private address on the ISP link")
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--hundred":
        status = check_hundred(sys.argv[2])
        for f in failures:
            print("FAILED:", f)
        print(f"{len(failures)} failed checks" if failures else "100 hosts behind NAPT as expected")
        return 1 if failures else status
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    out = sys.argv[1]
    with open(os.path.join(out, "results.json")) as f:
        check_results(json.load(f))
    if not shutil.which("tshark"):
        print("results checked; pcaps skipped: tshark is not installed")
        return 77 if not failures else 1
    check_dhcp(os.path.join(out, "GW-A-home-a.pcap"), [("host-a", "10.0.0.4"), ("host-c", "10.0.0.5")])
    check_dhcp(os.path.join(out, "GW-B-home-b.pcap"), [("host-b", "10.0.0.5"), ("host-d", "10.0.0.6")])
    check_isp_link(os.path.join(out, "GW-A-isp-a.pcap"), "168.219.193.7", "gateway-a.example")
    check_isp_link(os.path.join(out, "GW-B-isp-b.pcap"), "211.32.119.136", "gateway-b.example")
    check_home_a(os.path.join(out, "GW-A-home-a.pcap"))
    check_ladder(out)
    for f in failures:
        print("FAILED:", f)
    print(f"{len(failures)} failed checks" if failures else "Fig. 1 sequence as in the seed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
