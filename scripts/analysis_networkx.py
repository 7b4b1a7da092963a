#!/usr/bin/env python3
"""The touchmap analysis pass scripted in Python with networkx, for the speed comparison in
BENCHMARKS.md: reachability, the journey model of DESIGN.md (an absorbing Markov chain: visits and
success probabilities, solved exactly with SciPy's sparse LU, since networkx has no linear
algebra), must-pass touch points (dominators over the links customers take), flow, weakness, and
the findings sorted as `touchmap analyze` sorts them.

Reachability is one multi-source search from a virtual node (networkx's descendants/ancestors),
not one search per entry or goal, which an earlier version of this script did and which cost it
seconds on 2,000 touch points.

What differs from touchmap: SciPy solves the whole chain at once with a sparse LU where touchmap
solves it per strongly connected part (Gaussian elimination or Gauss-Seidel); the drop-off, costly
and empty-stage rules and the summaries are left out; reasons and actions are not written.
Needs: pip install networkx scipy. Usage: analysis_networkx.py MAP.json"""
import json
import sys

import networkx as nx
import numpy
import scipy.sparse
import scipy.sparse.linalg

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

    # One search from a virtual start (end) instead of one per entry (goal), as touchmap does.
    def reached_from(graph, sources, backwards=False):
        virtual = ("__virtual",)
        graph.add_node(virtual)
        graph.add_edges_from(((s, virtual) if backwards else (virtual, s)) for s in sources)
        found = (nx.ancestors if backwards else nx.descendants)(graph, virtual)
        graph.remove_node(virtual)
        return set(sources) | found

    reachable = reached_from(g, entries)

    def probabilities(node):
        out = sorted(g.successors(node))
        given = sum(g.edges[node, v]["share"] for v in out if g.edges[node, v]["share"] is not None)
        unshared = [v for v in out if g.edges[node, v]["share"] is None]
        scale = 1 / given if given > 1 else 1
        rest = max(0.0, 1 - given) / len(unshared) if unshared else 0
        return {v: (g.edges[node, v]["share"] * scale if g.edges[node, v]["share"] is not None else rest) for v in out}

    # The journey model: links of positive probability out of touch points that are not goals.
    prob = {n: ({} if n in goal_set else {v: p for v, p in probabilities(n).items() if p > 0}) for n in g}
    moving = nx.DiGraph()
    moving.add_nodes_from(g)
    moving.add_edges_from((u, v) for u in g for v in prob[u])
    reaches_goal = reached_from(moving, goals, backwards=True)
    transient = [n for n in g if n not in goal_set and n in reaches_goal]
    index = {n: i for i, n in enumerate(transient)}

    # Must-pass: dominators of a virtual end from a virtual start over the links customers take.
    h = moving.copy()
    h.add_edges_from(("__start", e) for e in entries)
    h.add_edges_from((t, "__end") for t in goals)
    must_pass = set()
    if "__end" in nx.descendants(h, "__start"):
        idom = nx.immediate_dominators(h, "__start")
        node = idom["__end"]
        while node != "__start":
            must_pass.add(node)
            node = idom[node]

    # Visits v = s + Q^T v and success h = Q h + r, solved with SciPy's sparse LU (networkx has no
    # linear algebra). touchmap solves the same equations per strongly connected part instead.
    count = len(transient)
    rows, cols, vals = [], [], []
    for u in transient:
        for v, p in prob[u].items():
            if v in index:
                rows.append(index[u]); cols.append(index[v]); vals.append(p)
    q = scipy.sparse.csr_matrix((vals, (rows, cols)), shape=(count, count))
    identity = scipy.sparse.identity(count, format="csr")
    reach = [points[e].get("reach") for e in entries]
    weights = reach if entries and all(r and r > 0 for r in reach) else [1.0] * len(entries)
    start = {e: w / sum(weights) for e, w in zip(entries, weights)}
    s_vec = numpy.array([start.get(n, 0.0) for n in transient])
    r_vec = numpy.array([sum(p for v, p in prob[n].items() if v in goal_set) for n in transient])
    if count:
        visits_t = scipy.sparse.linalg.spsolve((identity - q).T.tocsc(), s_vec)
        success_t = scipy.sparse.linalg.spsolve((identity - q).tocsc(), r_vec)
    else:
        visits_t, success_t = [], []
    visits = {n: start.get(n, 0.0) for n in g}
    success_of = {n: (1.0 if n in goal_set else 0.0) for n in g}
    for n in transient:
        visits[n] = float(visits_t[index[n]])
        success_of[n] = float(success_t[index[n]])
    for u in transient:
        for v, p in prob[u].items():
            if v not in index:
                visits[v] += visits[u] * p
    success = sum(start.get(n, 0.0) * success_of[n] for n in g)
    flow = {n: (1.0 if n in must_pass else (min(1.0, visits[n] * success_of[n] / success) if success > 0 else 0.0)) for n in g}

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
            if n in must_pass and w >= 0.3 and t["score"] < mean:
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
