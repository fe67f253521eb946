#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Unit tests of the ladder diagram's pairing of tx and rx lines, on small
hand-written traces.

usage: ladder-pairing-test.py [ANALYSIS_FOLDER] [unittest options]
ANALYSIS_FOLDER holds ladder.py (default: analysis/ of this source tree).
"""
import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

here = os.path.dirname(os.path.abspath(__file__))
analysis = os.path.join(here, "..", "..", "analysis")
if len(sys.argv) > 1 and os.path.isdir(sys.argv[1]):
    analysis = sys.argv.pop(1)
sys.path.insert(0, analysis)
import ladder  # noqa: E402


class TraceFolder:
    """A run output folder holding the given trace lines (and, when given,
    the interfaces that map addresses to nodes)."""

    def __init__(self, lines, interfaces=None, nodes=None):
        self.dir = tempfile.TemporaryDirectory(prefix="ladder-test-")
        with open(os.path.join(self.dir.name, "messages.txt"), "w") as f:
            f.write("# time_s node direction protocol type fields...\n")
            f.write("".join(line.strip() + "\n" for line in lines.strip().splitlines()))
        if interfaces is not None or nodes is not None:
            results = {"scenario": {"name": "hand-written", "nodes": [{"name": n} for n in nodes or []]},
                       "interfaces": [{"node": n, "link": "l", "address": a, "pcap": ""}
                                      for a, n in (interfaces or {}).items()]}
            with open(os.path.join(self.dir.name, "results.json"), "w") as f:
                json.dump(results, f)

    def __enter__(self):
        return self.dir.name

    def __exit__(self, *exc):
        self.dir.cleanup()


def sequence(lines, interfaces=None, scenario_nodes=None, **selection):
    with TraceFolder(lines, interfaces, scenario_nodes) as folder:
        return [p.text() for p in ladder.load_sequence(folder, **selection)]


class UidPairing(unittest.TestCase):
    def test_uid_wins_over_arrival_order(self):
        # The second message overtakes the first: only the uids tell.
        self.assertEqual(sequence("""
            1.0 A tx l2tp HELLO tunnel=t uid=11
            1.1 A tx l2tp HELLO tunnel=t uid=12
            1.2 B rx l2tp HELLO tunnel=t uid=12
            1.3 B rx l2tp HELLO tunnel=t uid=11
        """), ["1.000000 1.300000 A -> B l2tp HELLO",
               "1.100000 1.200000 A -> B l2tp HELLO"])

    def test_forwarded_hop_by_hop(self):
        # A packet keeps its uid across routers: each rx pairs with the hop before it.
        self.assertEqual(sequence("""
            2.0 A tx icmp echo-request uid=7 ttl=64
            2.1 R rx icmp echo-request uid=7 ttl=64
            2.1 R tx icmp echo-request uid=7 ttl=63
            2.2 B rx icmp echo-request uid=7 ttl=63
        """), ["2.000000 2.100000 A -> R icmp echo-request",
               "2.100000 2.200000 R -> B icmp echo-request"])

    def test_retransmitted_copy_pairs_with_the_copy_that_arrived(self):
        self.assertEqual(sequence("""
            0.5 A tx l2tp SCCRQ peer=B uid=3
            1.5 A tx l2tp SCCRQ peer=B uid=3
            1.6 B rx l2tp SCCRQ peer=A uid=3
        """), ["0.500000 - A -> B l2tp SCCRQ lost",
               "1.500000 1.600000 A -> B l2tp SCCRQ"])

    def test_different_uids_never_pair(self):
        self.assertEqual(sequence("""
            1.0 A tx ldp KeepAlive peer=B uid=1
            1.1 B rx ldp KeepAlive peer=A uid=2
        """), ["1.000000 - A -> B ldp KeepAlive lost",
               "- 1.100000 A -> B ldp KeepAlive no-tx"])


class FifoPairing(unittest.TestCase):
    def test_named_peers_pair_first_in_first_out(self):
        self.assertEqual(sequence("""
            1.0 A tx ldp Label-Mapping peer=B
            1.0 A tx ldp Label-Mapping peer=C
            1.0 A tx ldp Label-Mapping peer=B
            1.2 C rx ldp Label-Mapping peer=A
            1.3 B rx ldp Label-Mapping peer=A
            1.4 B rx ldp Label-Mapping peer=A
        """), ["1.000000 1.300000 A -> B ldp Label-Mapping",
               "1.000000 1.200000 A -> C ldp Label-Mapping",
               "1.000000 1.400000 A -> B ldp Label-Mapping"])

    def test_order_kept_when_sends_overtake_arrivals(self):
        self.assertEqual(sequence("""
            1.000 A tx l2tp ICRQ tunnel=t
            1.001 A tx l2tp ICRQ tunnel=t
            1.010 B rx l2tp ICRQ tunnel=t
            1.011 B rx l2tp ICRQ tunnel=t
        """), ["1.000000 1.010000 A -> B l2tp ICRQ",
               "1.001000 1.011000 A -> B l2tp ICRQ"])

    def test_more_sends_than_arrivals_the_earlier_sends_are_lost(self):
        # SCCRQ retransmitted after two losses, without uids.
        self.assertEqual(sequence("""
            0.5 GW1 tx l2tp SCCRQ peer=GW2
            1.5 GW1 tx l2tp SCCRQ peer=GW2
            3.5 GW1 tx l2tp SCCRQ peer=GW2
            3.509 GW2 rx l2tp SCCRQ peer=GW1
        """), ["0.500000 - GW1 -> GW2 l2tp SCCRQ lost",
               "1.500000 - GW1 -> GW2 l2tp SCCRQ lost",
               "3.500000 3.509000 GW1 -> GW2 l2tp SCCRQ"])

    def test_a_send_at_the_instant_of_arrival_comes_last(self):
        # X's second Hello leaves as R's rx of the first is written.
        self.assertEqual(sequence("""
            0.000 X tx ldp Hello
            0.002 X tx ldp Hello
            0.002 R rx ldp Hello peer=X
            0.004 R rx ldp Hello peer=X
        """), ["0.000000 0.002000 X -> R ldp Hello",
               "0.002000 0.004000 X -> R ldp Hello"])

    def test_peer_addresses_map_to_nodes_through_the_interfaces(self):
        self.assertEqual(sequence("""
            1.0 R10 tx ldp Initialization peer=172.16.0.5
            1.0 R20 tx ldp Initialization peer=172.16.0.5
            1.2 X rx ldp Initialization peer=192.168.3.1
            1.3 X rx ldp Initialization peer=192.168.1.1
        """, interfaces={"192.168.1.1/24": "R10", "172.16.0.5/30": "X", "192.168.3.1/24": "R20"}),
            ["1.000000 1.300000 R10 -> X ldp Initialization",
             "1.000000 1.200000 R20 -> X ldp Initialization"])

    def test_shared_key_fields_tell_tunnels_apart(self):
        self.assertEqual(sequence("""
            1.0 A tx l2tp SCCRQ tunnel=t1 bytes=99
            1.0 C tx l2tp SCCRQ tunnel=t2 bytes=99
            1.1 D rx l2tp SCCRQ tunnel=t2 bytes=99
            1.2 B rx l2tp SCCRQ tunnel=t1 bytes=99
        """), ["1.000000 1.200000 A -> B l2tp SCCRQ",
               "1.000000 1.100000 C -> D l2tp SCCRQ"])

    def test_rx_before_tx_or_at_the_sender_is_no_match(self):
        self.assertEqual(sequence("""
            0.9 B rx ppp LCP-Configure-Request tunnel=t
            1.0 A tx ppp LCP-Configure-Request tunnel=t
            1.0 A rx ppp LCP-Configure-Request tunnel=t
        """), ["- 0.900000 ? -> B ppp LCP-Configure-Request no-tx",
               "1.000000 - A -> ? ppp LCP-Configure-Request no-rx",
               "- 1.000000 ? -> A ppp LCP-Configure-Request no-tx"])

    def test_multicast_reaches_every_receiver_and_one_copy_per_interface(self):
        # X sends one Hello per interface; R sends one heard by two nodes.
        self.assertEqual(sequence("""
            0.0 X tx ldp Hello peer=224.0.0.2
            0.0 X tx ldp Hello peer=224.0.0.2
            0.0 R tx ldp Hello peer=224.0.0.2
            0.1 A rx ldp Hello peer=X
            0.1 B rx ldp Hello peer=X
            0.2 S rx ldp Hello peer=R
            0.2 T rx ldp Hello peer=R
        """), ["0.000000 0.100000 X -> A ldp Hello",
               "0.000000 0.100000 X -> B ldp Hello",
               "0.000000 0.200000 R -> S ldp Hello",
               "0.000000 0.200000 R -> T ldp Hello"])


class Unmatched(unittest.TestCase):
    def test_lost_only_where_the_receiver_traces_the_protocol(self):
        # B records RADIUS, RAD records nothing: only the message to B is lost.
        self.assertEqual(sequence("""
            1.0 A tx radius Access-Request peer=B
            1.0 A tx radius Access-Request peer=RAD
            1.5 B rx radius Access-Accept peer=A
        """, scenario_nodes=["A", "B", "RAD"]),
            ["1.000000 - A -> B radius Access-Request lost",
             "1.000000 - A -> RAD radius Access-Request no-rx",
             "- 1.500000 A -> B radius Access-Accept no-tx"])

    def test_unknown_ends(self):
        with TraceFolder("""
            1.0 GW2 tx radius Access-Request tunnel=t1
            1.1 GW2 rx radius Access-Accept tunnel=t1
            1.2 A tx ldp Hello peer=224.0.0.2
        """) as folder:
            pairs = ladder.load_sequence(folder)
        self.assertEqual([p.text() for p in pairs],
                         ["1.000000 - GW2 -> ? radius Access-Request no-rx",
                          "- 1.100000 ? -> GW2 radius Access-Accept no-tx",
                          "1.200000 - A -> 224.0.0.2 ldp Hello no-rx"])
        self.assertIsNone(pairs[2].receiver)
        self.assertEqual(pairs[2].receiver_label, "224.0.0.2")


class Selection(unittest.TestCase):
    TRACE = """
        0.5 GW1 tx l2tp SCCRQ tunnel=t1
        0.6 GW2 rx l2tp SCCRQ tunnel=t1
        0.7 GW2 tx radius Access-Request peer=RAD
        0.8 GW2 event l2tp tunnel-up tunnel=t1
        2.0 GW1 tx ppp LCP-Configure-Request tunnel=t1
        2.1 GW2 rx ppp LCP-Configure-Request tunnel=t1
    """

    def test_protocols_types_and_time_window(self):
        self.assertEqual(sequence(self.TRACE, protocols=["PPP"]),
                         ["2.000000 2.100000 GW1 -> GW2 ppp LCP-Configure-Request"])
        self.assertEqual(sequence(self.TRACE, types=["lcp-*"]),
                         ["2.000000 2.100000 GW1 -> GW2 ppp LCP-Configure-Request"])
        self.assertEqual(sequence(self.TRACE, t_from=0.6, t_to=1.0),
                         ["0.700000 - GW2 -> RAD radius Access-Request no-rx"])

    def test_nodes_keep_messages_whose_known_ends_are_all_shown(self):
        self.assertEqual(sequence(self.TRACE, scenario_nodes=["GW1", "GW2", "RAD"], nodes=["GW1", "GW2"]),
                         ["0.500000 0.600000 GW1 -> GW2 l2tp SCCRQ",
                          "2.000000 2.100000 GW1 -> GW2 ppp LCP-Configure-Request"])

    def test_pairing_ignores_the_window(self):
        # The rx after the window still pairs with the tx inside it.
        self.assertEqual(sequence(self.TRACE, protocols=["ppp"], t_to=2.05),
                         ["2.000000 2.100000 GW1 -> GW2 ppp LCP-Configure-Request"])


class Reading(unittest.TestCase):
    def test_values_may_hold_spaces(self):
        fields = ladder.parse_fields("peer=10.0.0.1 from=NON EXISTENT to=INITIALIZED".split())
        self.assertEqual(fields, {"peer": "10.0.0.1", "from": "NON EXISTENT", "to": "INITIALIZED"})

    def test_malformed_line_and_missing_files_are_trace_errors(self):
        with TraceFolder("1.0 A tx") as folder:
            with self.assertRaisesRegex(ladder.TraceError, r"messages.txt:2: not a trace line"):
                ladder.load_sequence(folder)
        with tempfile.TemporaryDirectory() as empty:
            with self.assertRaisesRegex(ladder.TraceError, "not found"):
                ladder.load_sequence(empty)
            with self.assertRaisesRegex(ladder.TraceError, "no such output folder"):
                ladder.load_sequence(os.path.join(empty, "missing"))

    def test_equal_times_keep_the_file_order(self):
        self.assertEqual(sequence("""
            1.0 A tx ldp Address peer=B
            1.0 A tx ldp Label-Mapping peer=B
            1.0 A tx ldp KeepAlive peer=B
        """), ["1.000000 - A -> B ldp Address no-rx",
               "1.000000 - A -> B ldp Label-Mapping no-rx",
               "1.000000 - A -> B ldp KeepAlive no-rx"])


class CommandLine(unittest.TestCase):
    TRACE = """
        1.0 A tx ldp KeepAlive peer=B
        1.1 B rx ldp KeepAlive peer=A
        1.1 B event ldp session peer=A from=OPENREC to=OPERATIONAL
    """

    def run_ladder(self, *argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = ladder.run(list(argv))
        return status, out.getvalue(), err.getvalue()

    def test_text_leaves_events_out_unless_asked(self):
        with TraceFolder(self.TRACE) as folder:
            self.assertEqual(self.run_ladder(folder, "--text"),
                             (0, "1.000000 1.100000 A -> B ldp KeepAlive\n", ""))
            status, out, _ = self.run_ladder(folder, "--text", "--events")
            self.assertEqual(out.splitlines()[1],
                             "1.100000 B event ldp session peer=A from=OPENREC to=OPERATIONAL")

    def test_scenario_events_pass_every_filter_but_the_window(self):
        with TraceFolder(self.TRACE + "1.2 - event scenario link-down link=A-B\n") as folder:
            status, out, _ = self.run_ladder(folder, "--text", "--events", "--protocols", "radius",
                                             "--nodes", "A")
            self.assertEqual((status, out), (0, "1.200000 - event scenario link-down link=A-B\n"))
            status, out, _ = self.run_ladder(folder, "--text", "--events", "--to", "1.1")
            self.assertNotIn("link-down", out)

    def test_bad_options_exit_2(self):
        with TraceFolder(self.TRACE) as folder:
            for argv in (["--max", "0"], ["--from", "2", "--to", "1"], ["--nodes", "A,Z"],
                         ["-o", "out.pdf"], ["--text", "-o", "x.svg"], ["--no-such-option"]):
                status, _, err = self.run_ladder(folder, *argv)
                self.assertEqual(status, 2, argv)
                self.assertTrue(err.startswith("ladder: "), err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
