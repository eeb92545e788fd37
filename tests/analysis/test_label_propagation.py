"""The network's label propagation (numbered nodes, one ``bincount`` per node) gives what the plain
dict-per-node propagation it replaced gives, on random graphs with repeated pairs, self-links, zero and
fractional weights; and the API's network JSON is ``to_json`` of the network."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence

from detente.analysis.network import Edge, Network, Node, label_propagation
from detente.api.routes.analysis import network_json
from detente.model import to_json


def reference(nodes: Sequence[str], edges: Iterable[tuple[str, str, float]], max_rounds: int = 100) -> list[list[str]]:
    """The propagation as first written: a dict of neighbours per node, labels as strings."""
    adj: dict[str, dict[str, float]] = {n: {} for n in nodes}
    for a, b, w in edges:
        if w > 0 and a != b:
            adj[a][b] = adj[a].get(b, 0.0) + w
            adj[b][a] = adj[b].get(a, 0.0) + w
    label = {n: n for n in nodes}
    for _ in range(max_rounds):
        changed = False
        for n in sorted(nodes):
            if not adj[n]:
                continue
            weight: dict[str, float] = defaultdict(float)
            for m, w in adj[n].items():
                weight[label[m]] += w
            best = max(weight.values())
            choice = min(lbl for lbl, w in weight.items() if w == best)
            if label[n] not in weight or weight[label[n]] < best:
                label[n], changed = choice, True
        if not changed:
            break
    groups: dict[str, list[str]] = defaultdict(list)
    for n in sorted(nodes):
        groups[label[n]].append(n)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def test_same_communities_as_the_reference() -> None:
    rng = random.Random(7)
    for case in range(400):
        names = [f"n{i:02d}" for i in range(rng.randint(0, 30))]
        rng.shuffle(names)
        edges = [(rng.choice(names), rng.choice(names), rng.choice((0.0, 1.0, 2.0, 5.0, 0.1, 0.7, 1.5)))
                 for _ in range(rng.randint(0, 90) if names else 0)]
        for rounds in (1, 2, 100):
            assert label_propagation(names, edges, rounds) == reference(names, edges, rounds), (case, rounds)


def test_whole_number_weights_as_the_reference() -> None:
    # the network's weights (event counts): the label table updated per change, dense and sparse graphs
    rng = random.Random(11)
    for case in range(300):
        names = [f"n{i:02d}" for i in range(rng.randint(1, 40))]
        rng.shuffle(names)
        pairs = rng.randint(0, 400 if case % 2 else 60)
        edges = [(rng.choice(names), rng.choice(names), float(rng.choice((1, 1, 2, 3, 7, 40)))) for _ in range(pairs)]
        for rounds in (1, 3, 100):
            assert label_propagation(names, edges, rounds) == reference(names, edges, rounds), (case, rounds)


def test_two_cliques_split_and_ties_go_to_the_smallest_label() -> None:
    edges = [("a", "b", 3.0), ("b", "c", 3.0), ("a", "c", 3.0), ("x", "y", 2.0), ("c", "x", 1.0)]
    assert label_propagation(["y", "x", "c", "b", "a", "lone"], edges) == [["a", "b", "c"], ["x", "y"], ["lone"]]
    assert label_propagation(["b", "a"], [("a", "b", 1.0)]) == reference(["b", "a"], [("a", "b", 1.0)])


def test_network_json_is_to_json() -> None:
    net = Network(nodes=[Node("USA", "United States", 3, 2, 4.0, 0), Node("CHN", "China", 2, 1, 2.0, 1)],
                  edges=[Edge("CHN", "USA", 2, 1, 1, -0.5)], communities=[["USA"], ["CHN"]])
    assert network_json(net) == to_json(net)
