#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Draw a run's message trace as a ladder (sequence) diagram.

usage: ladder.py OUTPUT_FOLDER [--nodes A,B,..] [--protocols P,..] [--types T,..]
                 [--from T] [--to T] [--events|--no-events] [--max N]
                 [--order scenario|appearance] [--fields K,..] [--text] [-o FILE]

Reads OUTPUT_FOLDER/messages.txt (and results.json, to map addresses to
nodes and to order the columns), pairs every tx line with the rx line of the
same message, and draws one arrow per message: nodes are columns, time runs
downward. --text prints the paired sequence instead, one line a message:
    t_tx t_rx SENDER -> RECEIVER protocol type [lost|no-rx|no-tx]

Other scripts import the pairing: `from ladder import load_sequence`.
Exit status: 0 success (the output path is printed), 2 bad input or options.
"""
import argparse
import bisect
import fnmatch
import itertools
import json
import os
import sys
import textwrap
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Union

TRACE_FILE = "messages.txt"
RESULTS_FILE = "results.json"
DEFAULT_MAX_ROWS = 400

# Fields that legitimately differ between the tx and the rx line of one
# message (or name its ends), so they never decide whether two lines match.
PER_END_FIELDS = {"peer", "uid", "bytes", "if", "ttl"}


class TraceError(Exception):
    """A missing, unreadable or malformed trace or results file."""


@dataclass
class Line:
    """One line of messages.txt."""
    time: float
    node: str
    direction: str  # tx, rx or event
    protocol: str
    type: str
    fields: Dict[str, str]
    number: int  # line number in the file, the tie-breaker for equal times
    other_end: Optional[str] = None  # node the peer= field names, when it does

    @property
    def uid(self) -> Optional[str]:
        return self.fields.get("uid")


@dataclass
class Pair:
    """One message: a tx and its rx, or either alone.

    status: "paired"; "lost" (no rx, though the receiver traces this
    protocol); "no-rx" (no rx, and the receiver is unknown or traces nothing
    of this protocol, so the loss cannot be told); "no-tx" (the sender is
    unknown or not traced).
    """
    protocol: str
    type: str
    sender: Optional[str]
    receiver: Optional[str]
    t_tx: Optional[float]
    t_rx: Optional[float]
    status: str
    fields: Dict[str, str] = field(default_factory=dict)
    # The peer= value when it names no node (e.g. a multicast address).
    receiver_label: Optional[str] = None
    sender_label: Optional[str] = None
    line: int = 0  # trace line of the tx (of the rx when alone), to keep the order stable

    @property
    def time(self) -> float:
        return self.t_tx if self.t_tx is not None else self.t_rx

    def text(self) -> str:
        words = [_time_text(self.t_tx), _time_text(self.t_rx),
                 self.sender or self.sender_label or "?", "->",
                 self.receiver or self.receiver_label or "?", self.protocol, self.type]
        if self.status != "paired":
            words.append(self.status)
        return " ".join(words)


@dataclass
class Trace:
    lines: List[Line]
    scenario_nodes: List[str]
    addresses: Dict[str, str]  # IPv4 address -> node
    name: str  # the scenario's name, or the folder's

    @property
    def events(self) -> List[Line]:
        return [l for l in self.lines if l.direction == "event"]


def _time_text(t: Optional[float]) -> str:
    return "-" if t is None else f"{t:.6f}"


def timeline(pairs: List[Pair], events: List[Line]) -> List[Union[Pair, Line]]:
    """Messages and events in the order they are drawn and printed: by time,
    then by trace line (the pairs' own order is kept for equal keys)."""
    return sorted(list(pairs) + list(events),
                  key=lambda item: (item.time, item.line if isinstance(item, Pair) else item.number))


# ---------------------------------------------------------------- reading

def read_trace_lines(path: str) -> List[Line]:
    """Parses messages.txt; a malformed line is a TraceError naming it."""
    lines = []
    with open(path) as f:
        for number, text in enumerate(f, 1):
            text = text.strip()
            if not text or text.startswith("#"):
                continue
            words = text.split()
            try:
                if len(words) < 5 or words[2] not in ("tx", "rx", "event"):
                    raise ValueError
                fields = parse_fields(words[5:])
                lines.append(Line(float(words[0]), words[1], words[2], words[3], words[4],
                                  fields, number))
            except ValueError:
                raise TraceError(f"{path}:{number}: not a trace line "
                                 "(<time_s> <node> <tx|rx|event> <protocol> <type> key=value ...)")
    lines.sort(key=lambda l: (l.time, l.number))
    return lines


def parse_fields(words: List[str]) -> Dict[str, str]:
    """key=value words; a word without '=' continues the value before it,
    since some values hold a space (an LDP state such as NON EXISTENT)."""
    fields: Dict[str, str] = {}
    key = None
    for word in words:
        if "=" in word:
            key, value = word.split("=", 1)
            fields[key] = value
        elif key is not None:
            fields[key] += " " + word
        else:
            raise ValueError(word)
    return fields


def read_results(path: str):
    """(scenario name, node names, address -> node) from results.json; empty when absent."""
    if not os.path.isfile(path):
        return "", [], {}
    try:
        with open(path) as f:
            results = json.load(f)
    except (OSError, ValueError) as e:
        raise TraceError(f"{path}: {e}")
    nodes = [n["name"] if isinstance(n, dict) else str(n)
             for n in results.get("scenario", {}).get("nodes", [])]
    addresses = {}
    for interface in results.get("interfaces", []):
        address = str(interface.get("address", "")).split("/")[0]
        if address and "node" in interface:
            addresses[address] = interface["node"]
    return str(results.get("scenario", {}).get("name", "")), nodes, addresses


def load_trace(folder: str) -> Trace:
    if not os.path.isdir(folder):
        raise TraceError(f"{folder}: no such output folder")
    trace_path = os.path.join(folder, TRACE_FILE)
    if not os.path.isfile(trace_path):
        raise TraceError(f"{trace_path} not found (run the scenario with "
                         "outputs: {message_trace: true})")
    name, scenario_nodes, addresses = read_results(os.path.join(folder, RESULTS_FILE))
    name = name or os.path.basename(os.path.normpath(folder))
    return Trace(read_trace_lines(trace_path), scenario_nodes, addresses, name)


def peer_resolver(trace: Trace) -> Callable[[Optional[str]], Optional[str]]:
    """Maps a peer= value (node name or IPv4 address) to a node name, or None."""
    names = set(trace.scenario_nodes) | {l.node for l in trace.lines}

    def resolve(value: Optional[str]) -> Optional[str]:
        if value is None:
            return None
        if value in names:
            return value
        return trace.addresses.get(value)

    return resolve


# ---------------------------------------------------------------- pairing

def _keys_agree(tx: Line, rx: Line) -> bool:
    for key, value in tx.fields.items():
        if key not in PER_END_FIELDS and key in rx.fields and rx.fields[key] != value:
            return False
    return True


def _may_pair(tx: Line, rx: Line) -> bool:
    """What every pass asks of a tx and an rx before looking at their ends."""
    if tx.protocol != rx.protocol or tx.type != rx.type:
        return False
    # Lines of equal time come in the order the simulator ran them.
    if rx.node == tx.node or (rx.time, rx.number) < (tx.time, tx.number):
        return False
    if tx.uid is not None and rx.uid is not None and tx.uid != rx.uid:
        return False
    # When both lines name the other end, both names must fit.
    if tx.other_end is not None and tx.other_end != rx.node:
        return False
    if rx.other_end is not None and rx.other_end != tx.node:
        return False
    return _keys_agree(tx, rx)


def pair_lines(lines: List[Line], resolve: Callable[[Optional[str]], Optional[str]]) -> List[Pair]:
    """Pairs tx and rx lines into messages; deterministic for a given trace.

    Each rx takes the latest tx sent before it that fits (one sent at the
    very instant of the rx only when no earlier one fits), in passes that use
    the strongest evidence first (a pass sees only what the earlier ones left
    unmatched):
      1. uid: the same uid on both lines. A packet forwarded hop by hop, or
         retransmitted as a copy, pairs with the hop or copy that delivered
         it; one tx may reach several nodes (multicast).
      2. the tx names its receiver (peer=): an rx there.
      3. the rx names its sender: a tx there that names no receiver (sent to
         a multicast address, say); one tx may reach several nodes, but of
         copies sent at one instant (one per interface) each goes to its own.
      4. neither line names the other end: an rx at another node whose key
         fields (tunnel=, src=, ...) agree.
    Outside pass 1, the messages between two nodes keep their order (first
    in, first out): an rx never takes a tx sent before the one a later rx
    of the same kind, between the same nodes, took. Going from the last rx
    back means that when there were more sends than arrivals the earlier
    sends count as lost, as a retransmission after a loss would have it.
    """
    ordered = sorted((l for l in lines if l.direction != "event"), key=lambda l: (l.time, l.number))
    for l in ordered:
        l.other_end = resolve(l.fields.get("peer"))
    txs = [l for l in ordered if l.direction == "tx"]
    rxs = [l for l in ordered if l.direction == "rx"]
    rx_partner: Dict[int, Line] = {}  # rx line number -> its tx
    tx_receivers: Dict[int, set] = {t.number: set() for t in txs}
    # (sender, receiver, protocol, type) -> the tx the latest-paired rx took.
    channel_floor: Dict[tuple, Line] = {}

    def link(tx: Line, rx: Line):
        rx_partner[rx.number] = tx
        tx_receivers[tx.number].add(rx.node)
        channel_floor[(tx.node, rx.node, tx.protocol, tx.type)] = tx

    def keeps_order(tx: Line, rx: Line) -> bool:
        floor = channel_floor.get((tx.node, rx.node, tx.protocol, tx.type))
        return floor is None or (tx.time, tx.number) < (floor.time, floor.number)

    def index(candidates, key) -> Callable[[tuple, Line], List[Line]]:
        """Groups time-ordered tx lines by key; the lookup gives a group's
        lines written before an rx line, the latest first."""
        groups: Dict[tuple, List[Line]] = {}
        for tx in candidates:
            groups.setdefault(key(tx), []).append(tx)
        stamps = {k: [(t.time, t.number) for t in g] for k, g in groups.items()}

        def sent_by(k: tuple, rx: Line):
            group, stamp = groups.get(k, []), stamps.get(k, [])
            last = bisect.bisect_right(stamp, (rx.time, rx.number))
            same_instant = bisect.bisect_left(stamp, (rx.time, -1))
            # Delivery takes time: a send at the very instant of the arrival
            # is the answer only when no earlier one fits.
            return (group[i] for i in itertools.chain(range(same_instant - 1, -1, -1),
                                                      range(last - 1, same_instant - 1, -1)))

        return sent_by

    def unmatched_rxs_latest_first(wanted: Callable[[Line], bool]):
        return [r for r in reversed(rxs) if r.number not in rx_partner and wanted(r)]

    # 1. uid
    by_uid = index((t for t in txs if t.uid is not None), lambda t: (t.uid,))
    for rx in unmatched_rxs_latest_first(lambda r: r.uid is not None):
        match = next((t for t in by_uid((rx.uid,), rx)
                      if _may_pair(t, rx) and rx.node not in tx_receivers[t.number]), None)
        if match:
            link(match, rx)

    def one_to_one(sent_by, key: Callable[[Line], tuple], wanted: Callable[[Line], bool]):
        for rx in unmatched_rxs_latest_first(wanted):
            match = next((t for t in sent_by(key(rx), rx)
                          if not tx_receivers[t.number] and _may_pair(t, rx) and keeps_order(t, rx)), None)
            if match:
                link(match, rx)

    # 2. the tx names its receiver
    named_receiver = index((t for t in txs if t.other_end is not None),
                           lambda t: (t.protocol, t.type, t.other_end))
    one_to_one(named_receiver, lambda r: (r.protocol, r.type, r.node), lambda r: True)

    # 3. the rx names its sender
    unnamed_receiver = index((t for t in txs if t.other_end is None),
                             lambda t: (t.protocol, t.type, t.node))
    for rx in unmatched_rxs_latest_first(lambda r: r.other_end is not None):
        fitting = (t for t in unnamed_receiver((rx.protocol, rx.type, rx.other_end), rx)
                   if rx.node not in tx_receivers[t.number] and _may_pair(t, rx) and keeps_order(t, rx))
        latest = next(fitting, None)
        if latest is None:
            continue
        same_instant = [latest] + list(itertools.takewhile(lambda t: t.time == latest.time, fitting))
        link(next((t for t in same_instant if not tx_receivers[t.number]), latest), rx)

    # 4. key fields only
    unnamed_ends = index((t for t in txs if t.other_end is None), lambda t: (t.protocol, t.type))
    one_to_one(unnamed_ends, lambda r: (r.protocol, r.type), lambda r: r.other_end is None)

    return _messages_from_links(txs, rxs, rx_partner, tx_receivers)


def _messages_from_links(txs, rxs, rx_partner, tx_receivers) -> List[Pair]:
    # A receiver that records rx lines of a protocol would have recorded the
    # missing one too: only then is a message without rx called lost.
    receiving = {(r.node, r.protocol) for r in rxs}
    pairs = []
    for rx in rxs:
        tx = rx_partner.get(rx.number)
        if tx is None:
            pairs.append(Pair(rx.protocol, rx.type, rx.other_end, rx.node, None, rx.time, "no-tx",
                              dict(rx.fields), sender_label=rx.fields.get("peer"), line=rx.number))
        else:
            pairs.append(Pair(tx.protocol, tx.type, tx.node, rx.node, tx.time, rx.time, "paired",
                              {**rx.fields, **tx.fields}, line=tx.number))
    for tx in txs:
        if tx_receivers[tx.number]:
            continue
        lost = tx.other_end is not None and (tx.other_end, tx.protocol) in receiving
        pairs.append(Pair(tx.protocol, tx.type, tx.node, tx.other_end, tx.time, None,
                          "lost" if lost else "no-rx", dict(tx.fields),
                          receiver_label=tx.fields.get("peer"), line=tx.number))
    pairs.sort(key=lambda p: (p.time, p.line, p.receiver or ""))
    return pairs


# ---------------------------------------------------------------- selection

@dataclass
class Selection:
    """What to show; None everywhere selects everything."""
    nodes: Optional[List[str]] = None
    protocols: Optional[List[str]] = None
    types: Optional[List[str]] = None  # shell patterns, case-insensitive
    t_from: Optional[float] = None
    t_to: Optional[float] = None

    def keeps_time(self, t: float) -> bool:
        return ((self.t_from is None or t >= self.t_from) and
                (self.t_to is None or t <= self.t_to))

    def keeps_kind(self, protocol: str, type_: str) -> bool:
        if self.protocols is not None and protocol.lower() not in self.protocols:
            return False
        return self.types is None or any(fnmatch.fnmatch(type_.lower(), p) for p in self.types)

    def keeps_pair(self, p: Pair) -> bool:
        if not (self.keeps_kind(p.protocol, p.type) and self.keeps_time(p.time)):
            return False
        if self.nodes is None:
            return True
        # Every known end must be shown: an arrow to a hidden column has nowhere to go.
        ends = [n for n in (p.sender, p.receiver) if n is not None]
        return all(n in self.nodes for n in ends)

    def keeps_event(self, e: Line) -> bool:
        if not self.keeps_time(e.time):
            return False
        if e.node == "-":
            return True  # a scenario event (link down, ...) explains what follows it
        return self.keeps_kind(e.protocol, e.type) and (self.nodes is None or e.node in self.nodes)


def make_selection(nodes=None, protocols=None, types=None, t_from=None, t_to=None) -> Selection:
    lower = lambda items: None if items is None else [i.lower() for i in items]
    return Selection(list(nodes) if nodes is not None else None, lower(protocols), lower(types),
                     t_from, t_to)


def load_sequence(folder: str, nodes=None, protocols=None, types=None,
                  t_from=None, t_to=None) -> List[Pair]:
    """The run's messages as Pairs in time order, paired over the whole trace
    and then restricted to the selection. Raises TraceError."""
    trace = load_trace(folder)
    selection = make_selection(nodes, protocols, types, t_from, t_to)
    return [p for p in pair_lines(trace.lines, peer_resolver(trace)) if selection.keeps_pair(p)]


# ---------------------------------------------------------------- drawing

PROTOCOL_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                    "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]
ROW_INCH = 0.3
COLUMN_INCH = 1.9
LABEL_MAX_CHARS = 44
EVENT_LINE_CHARS = 38
EVENT_LINES = 3  # what fits in one row at the event font size


def column_order(trace: Trace, pairs: List[Pair], events: List[Line], wanted: Optional[List[str]],
                 order: str) -> List[str]:
    if wanted is not None:
        return list(wanted)
    seen = []
    for item in timeline(pairs, events):
        for node in [item.sender, item.receiver] if isinstance(item, Pair) else [item.node]:
            if node is not None and node != "-" and node not in seen:
                seen.append(node)
    if order == "appearance":
        return seen
    return [n for n in trace.scenario_nodes if n in seen] + [n for n in seen if n not in trace.scenario_nodes]


def varying_fields(pairs: List[Pair]) -> Dict[str, List[str]]:
    """Per protocol, the key fields whose value changes between its messages:
    only those tell arrows apart (a single tunnel's name on every arrow
    would only crowd the labels)."""
    values: Dict[str, Dict[str, set]] = {}
    for p in pairs:
        per_key = values.setdefault(p.protocol, {})
        for key, value in p.fields.items():
            if key not in PER_END_FIELDS:
                per_key.setdefault(key, set()).add(value)
    return {proto: sorted(k for k, v in keys.items() if len(v) > 1) for proto, keys in values.items()}


def arrow_label(p: Pair, keys: List[str]) -> str:
    shown = [f"{k}={p.fields[k]}" for k in keys if k in p.fields][:2]
    label = " ".join([p.type] + shown)
    return label if len(label) <= LABEL_MAX_CHARS else label[:LABEL_MAX_CHARS - 1] + "…"


def event_label(e: Line, resolve: Callable[[Optional[str]], Optional[str]]) -> str:
    """The event's type and fields on at most three short lines, the peer by
    its node name and a state change as from->to."""
    fields = {k: v for k, v in e.fields.items() if k not in PER_END_FIELDS | {"tunnel"}}
    words = [e.type]
    if "peer" in e.fields:
        words.append(f"peer={resolve(e.fields['peer']) or e.fields['peer']}")
    if "from" in fields and "to" in fields:
        words.append(f"{fields.pop('from')}->{fields.pop('to')}")
    words += [f"{k}={v}" for k, v in fields.items()]
    lines = textwrap.wrap(" ".join(words), EVENT_LINE_CHARS)
    if len(lines) > EVENT_LINES:
        lines = lines[:EVENT_LINES - 1] + [lines[EVENT_LINES - 1][:EVENT_LINE_CHARS - 1] + "…"]
    return "\n".join(lines)


def draw(resolve: Callable[[Optional[str]], Optional[str]], pairs: List[Pair], events: List[Line],
         columns: List[str], out: str, label_keys: Optional[List[str]], title: str):
    import matplotlib

    matplotlib.use("Agg")
    # Text stays text in an SVG (small, searchable), and the same run gives
    # the same file (no date, fixed ids), so committed diagrams diff cleanly.
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = "ladder"
    import matplotlib.pyplot as plt

    rows = timeline(pairs, events)
    x_of = {node: i for i, node in enumerate(columns)}
    protocols = sorted({p.protocol for p in pairs} | {e.protocol for e in events})
    colour = {proto: PROTOCOL_COLOURS[i % len(PROTOCOL_COLOURS)] for i, proto in enumerate(protocols)}
    keys = {proto: label_keys for proto in protocols} if label_keys is not None else varying_fields(pairs)

    height = max(2.5, ROW_INCH * (len(rows) + 2))
    width = max(4.5, COLUMN_INCH * len(columns) + 1.2)
    fig, ax = plt.subplots(figsize=(width, height))
    bottom = len(rows) + 0.2
    ax.set_xlim(-0.75, len(columns) - 0.25)
    ax.set_ylim(bottom, -1.0)
    for node, x in x_of.items():
        ax.plot([x, x], [-0.6, bottom], color="#999999", linewidth=0.8, zorder=1)
        ax.text(x, -0.7, node, ha="center", va="bottom", fontsize=9, fontweight="bold",
                bbox=dict(boxstyle="round,pad=0.25", facecolor="#eeeeee", edgecolor="#999999"))

    # Arrows slope down a little so that direction reads at a glance.
    slope = 0.35
    for y, item in enumerate(rows):
        if isinstance(item, Pair):
            _draw_message(ax, item, y, slope, x_of, colour[item.protocol], keys.get(item.protocol, []))
        else:
            _draw_event(ax, event_label(item, resolve), item, y, x_of, len(columns), colour[item.protocol])

    ax.set_yticks(range(len(rows)))
    # A time is written once, on the first of the rows that share it.
    times = [_time_text(item.time) for item in rows]
    ax.set_yticklabels([t if i == 0 or t != times[i - 1] else "" for i, t in enumerate(times)],
                       fontsize=7, family="monospace")
    ax.set_ylabel("time (s)")
    ax.tick_params(axis="y", length=2)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    handles = [plt.Line2D([], [], color=colour[p], label=p) for p in protocols]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    ax.set_title(title, fontsize=10, pad=24)
    fig.tight_layout()
    svg = out.lower().endswith(".svg")
    fig.savefig(out, dpi=100, metadata={"Date": None} if svg else None)
    plt.close(fig)


def _draw_message(ax, p: Pair, y: float, slope: float, x_of, colour: str, keys: List[str]):
    label = arrow_label(p, keys)
    sender = x_of.get(p.sender)
    receiver = x_of.get(p.receiver)
    stub = 0.45  # length of an arrow whose other end is unknown
    style = dict(color=colour, linewidth=1.1)
    if sender is not None and receiver is not None:
        direction = 1 if receiver > sender else -1
        if p.status == "lost":
            # Lost on the way: the arrow stops short and ends in a cross.
            end = sender + (receiver - sender) * 0.8
            ax.plot([sender, end], [y, y + slope * 0.8], **style)
            ax.plot([end], [y + slope * 0.8], marker="x", markersize=8, color=colour, markeredgewidth=2)
        else:
            dashed = p.status != "paired"  # one end untraced
            ax.annotate("", xy=(receiver, y + slope), xytext=(sender, y),
                        arrowprops=dict(arrowstyle="-|>", color=colour, linewidth=1.1,
                                        linestyle="--" if dashed else "-", shrinkA=0, shrinkB=0))
        ax.text((sender + receiver) / 2, y + slope / 2 - 0.08, label, ha="center", va="bottom",
                fontsize=7, color=colour)
        return
    if sender is not None:  # tx whose receiver is unknown
        tip = sender + stub if sender + stub < len(x_of) - 0.3 else sender - stub
        ax.annotate("", xy=(tip, y + slope / 2), xytext=(sender, y),
                    arrowprops=dict(arrowstyle="-|>", color=colour, linewidth=1.1, linestyle="--",
                                    shrinkA=0, shrinkB=0))
        target = p.receiver_label or "?"
        ax.text(tip, y + slope / 2, f" {target}", ha="left" if tip > sender else "right",
                va="center", fontsize=6, color=colour)
        ax.text((sender + tip) / 2, y - 0.05, label, ha="center", va="bottom", fontsize=7, color=colour)
        return
    if receiver is not None:  # rx whose sender is unknown
        start = receiver - stub if receiver - stub > -0.5 else receiver + stub
        ax.annotate("", xy=(receiver, y + slope / 2), xytext=(start, y),
                    arrowprops=dict(arrowstyle="-|>", color=colour, linewidth=1.1, linestyle="--",
                                    shrinkA=0, shrinkB=0))
        ax.text(start, y, f"{p.sender_label or '?'} ", ha="right" if start < receiver else "left",
                va="center", fontsize=6, color=colour)
        ax.text((start + receiver) / 2, y - 0.05, label, ha="center", va="bottom", fontsize=7, color=colour)


def _draw_event(ax, label: str, e: Line, y: float, x_of, n_columns: int, colour: str):
    if e.node == "-" or e.node not in x_of:
        # A scenario event (link down, ...) concerns the whole network.
        ax.axhline(y, color="#555555", linestyle=":", linewidth=0.9)
        ax.text(n_columns - 0.35, y, f"{e.protocol}: {label}", ha="right", va="bottom", fontsize=7,
                color="#333333", style="italic")
        return
    ax.text(x_of[e.node], y, label, ha="center", va="center", fontsize=6, linespacing=1.0, color="#222222", zorder=3,
            bbox=dict(boxstyle="square,pad=0.2", facecolor="#fffbe6", edgecolor=colour, linewidth=0.8))


# ---------------------------------------------------------------- command line

class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """Bad options exit with status 2 and a message, as argparse does, but
    through our own error path so that the message names the script."""

    def error(self, message):
        raise UsageError(message)


def comma_list(text: str) -> List[str]:
    items = [i.strip() for i in text.split(",") if i.strip()]
    if not items:
        raise argparse.ArgumentTypeError("expected a comma-separated list")
    return items


def seconds(text: str) -> float:
    try:
        value = float(text[:-1] if text.endswith("s") else text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time in seconds: {text}")
    if value < 0:
        raise argparse.ArgumentTypeError(f"negative time: {text}")
    return value


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text}")
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def parse_arguments(argv):
    parser = Parser(prog="ladder.py", description=__doc__.splitlines()[0],
                    epilog="--text prints: t_tx t_rx SENDER -> RECEIVER protocol type "
                           "[lost|no-rx|no-tx]; doc/ladder.md tells how messages are paired.")
    parser.add_argument("folder", help="output folder of an ipvpn-sim run")
    parser.add_argument("--nodes", type=comma_list, help="columns to show, in this order")
    parser.add_argument("--protocols", type=comma_list, help="protocols to show (l2tp,radius,ppp,ldp,icmp,...)")
    parser.add_argument("--types", type=comma_list,
                        help="message and event types to show; shell patterns allowed (LCP-*)")
    parser.add_argument("--from", dest="t_from", type=seconds, metavar="T", help="first time shown (s)")
    parser.add_argument("--to", dest="t_to", type=seconds, metavar="T", help="last time shown (s)")
    events = parser.add_mutually_exclusive_group()
    events.add_argument("--events", dest="events", action="store_true", default=None,
                        help="show event lines (default when drawing)")
    events.add_argument("--no-events", dest="events", action="store_false",
                        help="leave event lines out (default with --text)")
    parser.add_argument("--max", type=positive_int, default=DEFAULT_MAX_ROWS,
                        help=f"most arrows and events drawn (default {DEFAULT_MAX_ROWS})")
    parser.add_argument("--order", choices=("scenario", "appearance"), default="scenario",
                        help="column order without --nodes: the scenario's node list or first appearance")
    parser.add_argument("--fields", type=comma_list,
                        help="key fields to put in arrow labels (default: those whose value varies)")
    parser.add_argument("--text", action="store_true", help="print the paired sequence instead of drawing")
    parser.add_argument("-o", "--out", help="diagram to write, .svg or .png (default: FOLDER/ladder.svg)")
    args = parser.parse_args(argv)
    if args.t_from is not None and args.t_to is not None and args.t_from > args.t_to:
        raise UsageError(f"--from {args.t_from} is after --to {args.t_to}")
    if args.out and os.path.splitext(args.out)[1].lower() not in (".svg", ".png"):
        raise UsageError(f"--out must end in .svg or .png: {args.out}")
    if args.text and args.out:
        raise UsageError("--text prints to standard output; leave out --out")
    return args


def run(argv) -> int:
    try:
        args = parse_arguments(argv)
        trace = load_trace(args.folder)
    except (UsageError, TraceError) as e:
        print(f"ladder: {e}", file=sys.stderr)
        return 2
    names = set(trace.scenario_nodes) | {l.node for l in trace.lines}
    unknown = [n for n in (args.nodes or []) if n not in names]
    if unknown:
        print(f"ladder: --nodes names no node of this run: {','.join(unknown)} "
              f"(nodes: {','.join(sorted(names - {'-'}))})", file=sys.stderr)
        return 2

    selection = make_selection(args.nodes, args.protocols, args.types, args.t_from, args.t_to)
    pairs = [p for p in pair_lines(trace.lines, peer_resolver(trace)) if selection.keeps_pair(p)]
    show_events = args.events if args.events is not None else not args.text
    events = [e for e in trace.events if selection.keeps_event(e)] if show_events else []

    if args.text:
        for item in timeline(pairs, events):
            print(item.text() if isinstance(item, Pair) else _event_text(item))
        return 0

    total = len(pairs) + len(events)
    if total > args.max:
        rows = timeline(pairs, events)[:args.max]
        pairs = [item for item in rows if isinstance(item, Pair)]
        events = [item for item in rows if isinstance(item, Line)]
        last = rows[-1].time
        print(f"ladder: drew the first {args.max} of {total} messages and events (up to {last:.6f} s); "
              f"{total - args.max} left out: narrow with --from/--to, --protocols, --nodes or raise --max",
              file=sys.stderr)
    if not pairs and not events:
        print("ladder: nothing to draw: the selection matches no message", file=sys.stderr)
        return 2
    columns = column_order(trace, pairs, events, args.nodes, args.order)
    out = args.out or os.path.join(args.folder, "ladder.svg")
    try:
        import matplotlib  # noqa: F401  (only drawing needs it)
    except ImportError:
        print("ladder: python3-matplotlib is not installed (apt-get install python3-matplotlib)",
              file=sys.stderr)
        return 2
    try:
        draw(peer_resolver(trace), pairs, events, columns, out, args.fields, trace.name)
    except OSError as e:
        print(f"ladder: cannot write {out}: {e.strerror}", file=sys.stderr)
        return 2
    print(out)
    return 0


def _event_text(e: Line) -> str:
    return " ".join([_time_text(e.time), e.node, "event", e.protocol, e.type] +
                    [f"{k}={v}" for k, v in e.fields.items()])


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
