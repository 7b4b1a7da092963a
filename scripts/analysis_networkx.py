#!/usr/bin/env python3
"""The touchmap analysis pass scripted in Python with networkx, for the speed comparison in
BENCHMARKS.md: reachability, dominators (critical touch points), visit shares (flow), weakness,
and the findings sorted as `touchmap analyze` sorts them. Usage: analysis_networkx.py MAP.json"""
import json
import sys

import networkx as nx

SEVERITY = {"critical": 3, "high": 2, "medium": 1, "low": 0}


def main(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    points = {t["id"]: t for t in doc["touchpoints"]}
    g = nx.DiGraph()
    g.add_nodes_from(points)
    for link in doc.get("links", []):
        g.add_edge(link["from"], link["to"], share=link.get("share"))
    entries = [n for n in g if points[n].get("role") == "entry"] or [n for n in g if g.in_degree(n) == 0]
    goals = [n for n in g if points[n].get("role") == "goal"] or [n for n in g if g.out_degree(n) == 0]
    goal_set = set(goals)

    reachable = set(entries)
    for e in entries:
        reachable |= nx.descendants(g, e)
    reaches_goal = set(goals)
    for t in goals:
        reaches_goal |= nx.ancestors(g, t)

    # Dominators of a virtual end from a virtual start; journeys stop at the first goal.
    h = nx.DiGraph()
    h.add_nodes_from(g)
    for u, v in g.edges:
        if u not in goal_set:
            h.add_edge(u, v)
    h.add_edges_from(("__start", e) for e in entries)
    h.add_edges_from((t, "__end") for t in goals)
    critical = set()
    if "__end" in nx.descendants(h, "__start"):
        idom = nx.immediate_dominators(h, "__start")
        node = idom["__end"]
        while node != "__start":
            critical.add(node)
            node = idom[node]

    # Flow: visit shares along a DFS order with back links handed on to the forward ones.
    order, back = [], set()
    state = {}
    for root in entries + sorted(g):
        if root in state:
            continue
        stack = [(root, iter(sorted(g.successors(root))))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                order.append(node)
                stack.pop()
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(sorted(g.successors(child)))))
            elif state[child] == 1:
                back.add((node, child))
    order.reverse()

    def probabilities(node):
        out = sorted(g.successors(node))
        given = sum(g.edges[node, v]["share"] or 0 for v in out if g.edges[node, v]["share"] is not None)
        unshared = [v for v in out if g.edges[node, v]["share"] is None]
        scale = 1 / given if given > 1 else 1
        rest = max(0.0, 1 - given) / len(unshared) if unshared else 0
        p = {v: (g.edges[node, v]["share"] * scale if g.edges[node, v]["share"] is not None else rest) for v in out}
        back_mass = sum(p[v] for v in out if (node, v) in back)
        factor = 1 / (1 - back_mass) if back_mass < 1 else 0
        return {v: min(1.0, q * factor) for v, q in p.items() if (node, v) not in back}

    forward = {n: probabilities(n) for n in g}
    arriving = {n: 0.0 for n in g}
    for e in entries:
        arriving[e] += 1 / len(entries)
    for n in order:
        if n in goal_set:
            continue
        for v, p in forward[n].items():
            arriving[v] += arriving[n] * p
    succeeding = {}
    for n in reversed(order):
        succeeding[n] = 1.0 if n in goal_set else sum(p * succeeding[v] for v, p in forward[n].items())
    success = sum(arriving[t] for t in goals)
    flow = {n: (1.0 if n in critical else (min(1, max(0, arriving[n] * succeeding[n] / success)) if success > 0 else 0.0)) for n in g}

    scores = [t["score"] for t in points.values() if "score" in t]
    mean = sum(scores) / len(scores) if scores else None
    findings = []
    for n, t in points.items():
        imp = t.get("importance", 3)
        w = None
        if "score" in t:
            w = (5 - t["score"]) / 4 * (0.4 + 0.6 * imp / 5) * (0.5 + 0.5 * flow[n])
            if w >= 0.3:
                sev = "critical" if w >= 0.6 else "high" if w >= 0.45 else "medium"
                findings.append(("weak", n, sev, w))
            if n in critical and t["score"] < mean:
                findings.append(("bottleneck", n, "critical" if w >= 0.45 else "high", w))
        if n not in goal_set and g.out_degree(n) == 0:
            findings.append(("dead-end", n, "high", w))
        if n not in reachable:
            findings.append(("unreachable", n, "high", w))
        if n in entries and n not in reaches_goal:
            findings.append(("no-goal", n, "high", w))
        if not (t.get("owner") or "").strip():
            findings.append(("unowned", n, "medium" if imp >= 4 else "low", w))
        if "score" not in t:
            findings.append(("unmeasured", n, "medium" if imp >= 4 else "low", w))
    findings.sort(key=lambda f: (-SEVERITY[f[2]], -(f[3] if f[3] is not None else -1), f[1], f[0]))
    json.dump({"findings": [{"rule": r, "touchpoint": n, "severity": s, "weakness": w} for r, n, s, w in findings]}, sys.stdout)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
