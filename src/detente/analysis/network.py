"""Who interacts with whom: the interaction network and its communities."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import numpy as np

from ..store import Store
from .common import date_bound
from .timeline import timeline


@dataclass(slots=True)
class Node:
    id: str
    name: str
    events: int  # real-world events it takes part in
    degree: int
    weighted_degree: float
    community: int = -1


@dataclass(slots=True)
class Edge:
    a: str
    b: str
    events: int
    cooperation: int  # quad classes 1-2
    conflict: int  # quad classes 3-4
    intensity: float


@dataclass(slots=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]
    communities: list[list[str]]


def network(store: Store, since: str | None = None, until: str | None = None, level: str = "state") -> Network:
    """Who interacts with whom: actors (states by default) as nodes, asserted events as edges.

    Communities come from weighted label propagation over cooperative ties only
    (adversaries who clash often are not a community); centrality is degree and
    weighted degree (events per tie).

    All time is read from the store's network roll-up (migration 7) when it can
    answer exactly (else, see :meth:`Store.network_links`, from the timeline); a
    window from the roll-up's rows of the events in it (merged sides, date, class),
    keyed with the actors as stored now.
    """
    return network_table(store, since, until, level).network()


@dataclass(slots=True)
class NetworkTable:
    """A :class:`Network` as columns, one list per field, nodes and edges in the network's order.

    What the API writes out: a whole network's tens of thousands of edges cost a
    few lists, not an object each (:meth:`network` makes the objects).
    """

    node_id: list[str]
    node_name: list[str]
    node_events: list[int]
    node_degree: list[int]
    node_weighted: list[float]
    node_community: list[int]
    edge_a: list[str]
    edge_b: list[str]
    edge_events: list[int]
    edge_cooperation: list[int]
    edge_conflict: list[int]
    edge_intensity: list[float]
    communities: list[list[str]]

    def network(self) -> Network:
        nodes = [Node(*v) for v in zip(self.node_id, self.node_name, self.node_events, self.node_degree,
                                       self.node_weighted, self.node_community, strict=True)]
        edges = [Edge(*v) for v in zip(self.edge_a, self.edge_b, self.edge_events, self.edge_cooperation,
                                       self.edge_conflict, self.edge_intensity, strict=True)]
        return Network(nodes=nodes, edges=edges, communities=self.communities)

    @classmethod
    def of(cls, net: Network) -> NetworkTable:
        n, e = net.nodes, net.edges
        return cls([x.id for x in n], [x.name for x in n], [x.events for x in n], [x.degree for x in n],
                   [x.weighted_degree for x in n], [x.community for x in n], [x.a for x in e], [x.b for x in e],
                   [x.events for x in e], [x.cooperation for x in e], [x.conflict for x in e],
                   [x.intensity for x in e], net.communities)


def network_table(store: Store, since: str | None = None, until: str | None = None,
                  level: str = "state") -> NetworkTable:
    """:func:`network` as a :class:`NetworkTable` (its computation).

    All time is the roll-up's rows of the level (migration 7) read as columns; a
    window is the roll-up's events in it, counted in the database per sides,
    cooperation and intensity, keyed with the actors as stored now.  The sums are
    whole numbers (intensity in thousandths), so degrees, order and communities are
    array operations.  Where the roll-up cannot answer exactly (stale state keys,
    intensities with more decimals) the timeline's network is the answer.
    """
    lo, hi = date_bound(since, name="since"), date_bound(until, end=True, name="until")
    if lo is None and hi is None:
        found = store.network_columns(level)
        if found is None:
            return NetworkTable.of(network_of_timeline(store, since, until, level))
        return _table(store, level, found[0], *found[1])
    full = _whole_months(lo, hi)
    summed = store.network_months(level, *full) if full else None
    groups = store.network_window_groups(lo, hi, full if summed is not None else None)
    if groups is None:  # an intensity the thousandths cannot sum: the events in timeline order
        rows = store.network_window(lo, hi)
        return NetworkTable.of(_accumulate(store, level, ((r[5], r[6], r[3], r[4]) for r in rows)))
    return _window_table(store, level, groups, summed)


def _whole_months(since: str | None, until: str | None) -> tuple[str, str] | None:
    """The first and last calendar month ('YYYY-MM') wholly inside [since, until] (ISO days; None: open),
    None when there is none."""
    if since is not None and since[8:] != "01" and since[:7] == "9999-12":
        return None  # no month starts after it
    first = "0000-01" if since is None else since[:7] if since[8:] == "01" else _month_after(since[:7])
    if until is None:
        last = "9999-12"
    else:
        day = dt.date.fromisoformat(until)
        last = until[:7] if day == dt.date.max or (day + dt.timedelta(days=1)).day == 1 else _month_before(until[:7])
    return (first, last) if first <= last else None


def _month_after(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}"


def _month_before(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y - 1:04d}-12" if m == 1 else f"{y:04d}-{m - 1:02d}"


def _window_table(store: Store, level: str, groups: list[tuple[tuple[str, ...], tuple[str, ...], int, int, int]],
                  summed: tuple[dict[str, int], tuple[list[str], list[str], list[int], list[int], list[int],
                                                      list[int]]] | None = None) -> NetworkTable:
    """The table of a window's groups of events (sides, cooperative, thousandths, events), and of its
    whole months' events already summed per node and edge (``summed``)."""
    rows = store.actor_names()
    states = {i: (code or country or i) if kind == "state" else (country or i) for i, _, kind, code, country in rows}
    # the groups summed per sides as keyed (most name one state a side): whole numbers in dicts,
    # so that no object per group outlives it
    keyed: dict[tuple[str, ...], tuple[str, ...]] = {}
    count: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
    coop_count: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
    milli_sum: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
    for source, target, coop, milli, n in groups:
        src, tgt = keyed.get(source), keyed.get(target)
        if src is None:
            src = keyed[source] = tuple(sorted({states.get(x, x) for x in source} if level == "state" else
                                               set(source)))
        if tgt is None:
            tgt = keyed[target] = tuple(sorted({states.get(x, x) for x in target} if level == "state" else
                                               set(target)))
        k = (src, tgt)
        count[k] = count.get(k, 0) + n
        if coop:
            coop_count[k] = coop_count.get(k, 0) + n
        milli_sum[k] = milli_sum.get(k, 0) + n * milli
    involved: dict[str, int] = defaultdict(int)
    sums: dict[tuple[str, str], list[int]] = {}
    if summed is not None:
        involved.update(summed[0])
        for a, b, n, coop_n, _, milli in zip(*summed[1], strict=True):
            sums[(a, b)] = [n, coop_n, milli]
    for k, n in count.items():
        nodes, pairs = _links(*k)
        for x in nodes:
            involved[x] += n
        coop_n, milli = coop_count.get(k, 0), milli_sum[k]
        for p in pairs:
            v = sums.get(p)
            if v is None:
                v = sums[p] = [0, 0, 0]
            v[0] += n
            v[1] += coop_n
            v[2] += milli
    edges = list(sums)
    values = list(sums.values())
    events = [v[0] for v in values]
    cooperation = [v[1] for v in values]
    return _table(store, level, dict(involved), [e[0] for e in edges], [e[1] for e in edges], events, cooperation,
                  [e - c for e, c in zip(events, cooperation, strict=True)], [v[2] for v in values], rows)


def _links(source: Sequence[str], target: Sequence[str]) -> tuple[set[str], set[tuple[str, str]]]:
    """The nodes an event involves and the pairs it links (as :func:`_accumulate` reads its sides)."""
    src, tgt = sorted(set(source)), sorted(set(target))
    pairs = {(min(s, x), max(s, x)) for s in src for x in tgt if s != x} if tgt else \
        {(s, x) for i, s in enumerate(src) for x in src[i + 1:]}
    return set(src) | set(tgt), pairs


def _table(store: Store, level: str, involved: dict[str, int], a: list[str], b: list[str], events: list[int],
           cooperation: list[int], conflict: list[int], milli: list[int],
           rows: list[tuple[str, str, str, str | None, str | None]] | None = None) -> NetworkTable:
    """The network from events per node and the edges as columns (unordered pairs ``a < b``, intensity in
    thousandths): :func:`_assemble`'s names, degrees, communities and order, on arrays."""
    names = _names(store, level, rows) if rows is not None else _names_of(store, level, involved)
    order = sorted(involved)
    number = {n: i for i, n in enumerate(order)}
    size = len(order)
    ai = np.array(list(map(number.__getitem__, a)), dtype=np.int64)
    bi = np.array(list(map(number.__getitem__, b)), dtype=np.int64)
    ev = np.asarray(events, dtype=np.int64)
    coop = np.asarray(cooperation, dtype=np.int64)
    degree = np.bincount(ai, minlength=size) + np.bincount(bi, minlength=size)
    weighted = np.bincount(ai, weights=ev, minlength=size) + np.bincount(bi, weights=ev, minlength=size)
    keep = coop > 0
    label = _propagate(size, np.stack((ai[keep], bi[keep]), axis=1), coop[keep].astype(np.float64), 100)
    communities = _groups(order, label)
    community = {x: i for i, members in enumerate(communities) for x in members}
    # nodes by (-weighted degree, id), edges by (-events, a, b): node numbers are in id order
    by_node = np.lexsort((np.arange(size), -weighted))
    by_edge = np.lexsort((bi, ai, -ev))
    ids = [order[i] for i in by_node.tolist()]
    picked = by_edge.tolist()
    a_sorted, b_sorted = list(map(a.__getitem__, picked)), list(map(b.__getitem__, picked))
    return NetworkTable(
        node_id=ids, node_name=[names.get(x, x) for x in ids], node_events=[involved[x] for x in ids],
        node_degree=degree[by_node].tolist(), node_weighted=weighted[by_node].tolist(),
        node_community=[community.get(x, -1) for x in ids],
        edge_a=a_sorted, edge_b=b_sorted, edge_events=ev[by_edge].tolist(),
        edge_cooperation=coop[by_edge].tolist(),
        edge_conflict=np.asarray(conflict, dtype=np.int64)[by_edge].tolist(),
        # thousandths / 1000 is the double round(sum, 3) gives (the sum the timeline rounds as it adds)
        edge_intensity=(np.asarray(milli, dtype=np.int64)[by_edge] / 1000).tolist(),
        communities=communities)


def _names(store: Store, level: str,
           rows: list[tuple[str, str, str, str | None, str | None]] | None = None) -> dict[str, str]:
    """Display names of the network's keys (a state's code names it at level 'state'), from the actors'
    columns (:meth:`Store.actor_names`; no record parsed)."""
    rows = store.actor_names() if rows is None else rows
    return {(code or i) if level == "state" and kind == "state" else i: name for i, name, kind, code, _ in rows}


def _names_of(store: Store, level: str, keys: Iterable[str]) -> dict[str, str]:
    """:func:`_names` of these keys, from the actors whose id or code is one (:func:`_names` whole when two
    actors name one key: which wins is the table's order)."""
    wanted = set(keys)
    rows = store.actor_names_keyed(wanted)
    named = [((code or i) if level == "state" and kind == "state" else i, name) for i, name, kind, code, _ in rows]
    found = [(k, name) for k, name in named if k in wanted]
    if len({k for k, _ in found}) != len(found):
        return _names(store, level)
    return dict(found)


def _assemble(store: Store, level: str, involved: dict[str, int], edges: list[Edge],
              rows: list[tuple[str, str, str, str | None, str | None]] | None = None) -> Network:
    """The network from events per node and the edges: names, degrees, communities, order."""
    names = _names(store, level, rows)
    degree = dict.fromkeys(involved, 0)
    weighted = dict.fromkeys(involved, 0)
    cooperative: list[tuple[str, str, float]] = []
    for e in edges:
        degree[e.a] += 1
        degree[e.b] += 1
        weighted[e.a] += e.events
        weighted[e.b] += e.events
        if e.cooperation:
            cooperative.append((e.a, e.b, float(e.cooperation)))
    communities = label_propagation(sorted(involved), cooperative)
    community = {n: i for i, members in enumerate(communities) for n in members}
    nodes = [Node(n, names.get(n, n), c, degree[n], float(weighted[n]), community.get(n, -1))
             for n, c in involved.items()]
    # by (-weighted degree, id) and (-events, a, b): two stable sorts on C getters, not a key built per item
    nodes.sort(key=attrgetter("id"))
    nodes.sort(key=attrgetter("weighted_degree"), reverse=True)
    edges.sort(key=attrgetter("a", "b"))
    edges.sort(key=attrgetter("events"), reverse=True)
    return Network(nodes=nodes, edges=edges, communities=communities)


@dataclass(slots=True)
class Busiest:
    """The all-time network's busiest actors (nodes at level 'actor') and pairs of states (edges)."""

    actors: list[Node]
    pairs: list[Edge]
    names: dict[str, str]  # display names of the pairs' states


def busiest(store: Store, top: int) -> Busiest:
    """``network(level='actor')``'s ``top`` nodes by events (then name) and ``network()``'s ``top`` edges.

    Read from the roll-up's busiest rows alone (the home page's question), not the
    whole network; the whole networks when the roll-up cannot answer exactly.
    """
    nodes, edges = store.network_top("actor", True, top), store.network_top("state", False, top)
    if nodes is None or edges is None:
        actors, states = network(store, level="actor"), network(store, level="state")
        return Busiest(sorted(actors.nodes, key=lambda n: (-n.events, n.name))[:top], states.edges[:top],
                       {n.id: n.name for n in states.nodes})
    index = store.actor_index({r[0] for r in nodes})
    found = [Node(r[0], index[r[0]].name if r[0] in index else r[0], r[2], 0, 0.0) for r in nodes]
    pairs = sorted((Edge(a, b, events, coop, conflict, 0.0) for a, b, events, coop, conflict in edges),
                   key=lambda e: (-e.events, e.a, e.b))[:top]
    return Busiest(sorted(found, key=lambda n: (-n.events, n.name))[:top], pairs,
                   _state_names(store, {k for e in pairs for k in (e.a, e.b)}))


def _state_names(store: Store, keys: set[str]) -> dict[str, str]:
    """:func:`_names` at level 'state' for these keys; the whole of it when two actors claim one key."""
    index = store.actors_keyed(keys)
    claims = defaultdict(list)
    for a in index:
        claims[(a.code or a.id) if a.kind == "state" else a.id].append(a)
    if any(len(v) > 1 for v in claims.values()):
        return _names(store, "state")
    return {k: v[0].name for k, v in claims.items()}


def network_of_timeline(store: Store, since: str | None = None, until: str | None = None,
                        level: str = "state") -> Network:
    """:func:`network` computed from the timeline's entries (any window; the roll-up's reference)."""
    entries = timeline(store, since=since, until=until)
    return _accumulate(store, level, ((t.event.source, t.event.target, t.event.quad_class, t.event.intensity)
                                      for t in entries))


def _accumulate(store: Store, level: str,
                events: Iterable[tuple[Sequence[str], Sequence[str], int | None, float]]) -> Network:
    """The network of events given as (source ids, target ids, quad class, intensity), in timeline order."""
    rows = store.actor_names()
    # state_or_id over the actors' columns
    states = {i: (code or country or i) if kind == "state" else (country or i) for i, _, kind, code, country in rows}

    def key(actor_id: str) -> str:
        return states.get(actor_id, actor_id) if level == "state" else actor_id

    edges: dict[tuple[str, str], Edge] = {}
    involved: dict[str, int] = defaultdict(int)
    # many events share their sides (one state and another): their nodes and pairs are worked out once
    shapes: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[set[str], list[tuple[str, str]]]] = {}
    for source, target, quad_class, intensity in events:
        sides = (tuple(source), tuple(target))
        shape = shapes.get(sides)
        if shape is None:
            src, tgt = sorted({key(x) for x in source}), sorted({key(x) for x in target})
            pairs = {tuple(sorted((s, x))) for s in src for x in tgt if s != x} if tgt else \
                {(s, x) for i, s in enumerate(src) for x in src[i + 1:]}
            shape = shapes[sides] = (set(src) | set(tgt), sorted(pairs))  # type: ignore[arg-type]
        for n in shape[0]:
            involved[n] += 1
        coop = quad_class in (1, 2)
        for p in shape[1]:
            e = edges.get(p)
            if e is None:
                e = edges[p] = Edge(p[0], p[1], 0, 0, 0, 0.0)
            e.events += 1
            e.intensity = round(e.intensity + intensity, 3)
            if coop:
                e.cooperation += 1
            else:
                e.conflict += 1
    return _assemble(store, level, dict(involved), list(edges.values()), rows)


def label_propagation(nodes: Sequence[str], edges: Iterable[tuple[str, str, float]],
                      max_rounds: int = 100) -> list[list[str]]:
    """Deterministic weighted label propagation: each node takes its neighbours' heaviest label.

    Ties go to the smallest label, nodes are visited in sorted order, so the
    result is reproducible.  Returns communities, largest first.

    Nodes are numbered in sorted order, so that the smallest label is the
    smallest number; a node's label weights are one ``bincount`` over its
    neighbours (a whole network's tens of thousands of edges cost milliseconds).
    Weights are summed per label in neighbour order, exactly for whole numbers
    (the network's event counts).
    """
    order = sorted(set(nodes))
    if not order:
        return []
    number = {n: i for i, n in enumerate(order)}
    size = len(order)
    linked: dict[tuple[int, int], float] = {}  # each pair once, where first linked, its weights summed in order
    for a, b, w in edges:
        if w > 0 and a != b:
            i, j = number[a], number[b]
            key = (i, j) if i < j else (j, i)
            linked[key] = linked.get(key, 0.0) + w
    ends = np.array(list(linked), dtype=np.int64).reshape(-1, 2)
    label = _propagate(size, ends, np.fromiter(linked.values(), dtype=np.float64, count=len(linked)), max_rounds)
    return _groups(order, label)


def _groups(order: list[str], label: Any) -> list[list[str]]:
    """Communities (nodes by label), largest first, then by first member."""
    groups: dict[int, list[str]] = defaultdict(list)
    for name, lbl in zip(order, label.tolist(), strict=True):
        groups[lbl].append(name)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


WHOLE_MAX_NODES = 2048  # the whole-number propagation keeps a nodes x labels table (32 MB at this size)


def _propagate(size: int, ends: Any, weights: Any, max_rounds: int) -> Any:
    """Labels after propagation over ``ends`` (k x 2 node numbers, each pair once, in link order) with
    positive ``weights``.

    Whole-number weights (the network's event counts) keep each node's weight per
    label in a table updated when a neighbour changes label: a node's turn is one
    ``argmax`` of its row, and sums of whole numbers are exact in any order, so the
    labels are those of the ``bincount`` per turn (fractional weights take that way,
    whose sums follow the neighbours' order).
    """
    tails, w, bounds = _adjacency(size, ends, weights)
    label = np.arange(size)
    whole = size <= WHOLE_MAX_NODES and bool(np.all(w == np.floor(w))) and float(w.sum()) < 2.0 ** 52
    if whole and len(w):
        heads = np.repeat(np.arange(size), np.diff(bounds))
        table = np.bincount(heads * size + tails, weights=w, minlength=size * size).reshape(size, size)
        for _ in range(max_rounds):
            changed = False
            for n in range(size):
                lo, hi = bounds[n], bounds[n + 1]
                if lo == hi:
                    continue
                row = table[n]
                choice = int(row.argmax())  # the first of the heaviest: the smallest label
                old = int(label[n])
                if row[old] < row[choice]:
                    nbrs, nw = tails[lo:hi], w[lo:hi]
                    table[nbrs, old] -= nw
                    table[nbrs, choice] += nw
                    label[n] = choice
                    changed = True
            if not changed:
                break
        return label
    for _ in range(max_rounds):
        changed = False
        for n in range(size):
            lo, hi = bounds[n], bounds[n + 1]
            if lo == hi:
                continue
            weight = np.bincount(label[tails[lo:hi]], weights=w[lo:hi], minlength=size)
            choice = int(weight.argmax())  # the first of the heaviest: the smallest label
            if weight[label[n]] < weight[choice]:
                label[n] = choice
                changed = True
        if not changed:
            break
    return label


def _adjacency(size: int, ends: Any, weights: Any) -> tuple[Any, Any, list[int]]:
    """Each node's neighbours and weights as slices ``bounds[n]:bounds[n + 1]`` of ``tails`` and ``weights``,
    a node's neighbours in the order they were first linked (as adding to a dict per node would)."""
    k = len(ends)
    if not k:
        return np.zeros(0, np.int64), np.zeros(0), [0] * (size + 1)
    # each link in both directions, in link order: (a, b), (b, a), ...
    heads = np.empty(2 * k, np.int64)
    tails = np.empty(2 * k, np.int64)
    heads[0::2], heads[1::2] = ends[:, 0], ends[:, 1]
    tails[0::2], tails[1::2] = ends[:, 1], ends[:, 0]
    w = np.repeat(np.asarray(weights, dtype=np.float64), 2)
    by_node = np.argsort(heads, kind="stable")
    heads, tails, w = heads[by_node], tails[by_node], w[by_node]
    return tails, w, np.searchsorted(heads, np.arange(size + 1)).tolist()
