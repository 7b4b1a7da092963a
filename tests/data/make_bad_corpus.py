#!/usr/bin/env python3
"""Writes the hostile corpus in tests/data/bad/ and EXPECTED.tsv (file, a fragment the refusal must
contain). Run from this folder; the files are committed, so this only documents how they were made.
Files too large to commit (a 1 MB name, 100,000 touch points, a 65 MB file) are made by the test."""
import json, os

out = "bad"
expected = []

def write(name, content, fragment):
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    expected.append((name, fragment))

def tp(**kw):
    base = {"id": "a", "name": "A"}
    base.update(kw)
    return base

def doc(touchpoints=None, links=None, **kw):
    d = {"touchmap": 1, "title": "Bad"}
    d.update(kw)
    if touchpoints is not None:
        d["touchpoints"] = touchpoints
    if links is not None:
        d["links"] = links
    return json.dumps(d)

good = open("../../examples/online-store.json", encoding="utf-8").read()
write("empty.json", "", "empty")
write("whitespace.json", "  \n\t \n", "empty")
write("not-json.json", "hello world", "not valid JSON")
write("truncated.json", good[: len(good) // 2], "ends too early")
write("deep-nesting.json", "[" * 100000 + "]" * 100000, "nested too deeply")
write("binary.json", bytes(range(256)) * 4, "not UTF-8")
write("utf16.json", "\ufeff".encode("utf-16-le") + good[:400].encode("utf-16-le"), "not UTF-8")
write("latin1.json", '{"touchmap": 1, "title": "Caf\u00e9", "touchpoints": []}'.encode("latin-1"), "not UTF-8")
write("array-top.json", "[1, 2, 3]", "not a touchmap map")
write("string-top.json", '"touchmap"', "not a touchmap map")
# Found by fuzzing the fast path: serde reads a struct from an array of its fields.
write("fields-as-array.json", "[1]", "not a touchmap map")
write("touchpoint-as-array.json", '{"touchmap":1,"touchpoints":[["a","A"]]}', "must be an object")
write("no-version.json", json.dumps({"title": "x", "touchpoints": []}), "version key")
write("newer-version.json", json.dumps({"touchmap": 2, "title": "From the future"}), "version 2")
write("version-string.json", json.dumps({"touchmap": "1"}), "$.touchmap")
write("version-zero.json", json.dumps({"touchmap": 0}), "$.touchmap")
write("title-number.json", doc(title=5), "$.title")
write("stages-not-list.json", doc(stages="Awareness"), "$.stages")
write("stage-number.json", doc(stages=["Awareness", 2]), "$.stages[1]")
write("too-many-stages.json", doc(stages=[f"Stage {i}" for i in range(101)]), "at most 100 stages")
write("duplicate-stages.json", doc(stages=["A", "B", "A"]), "listed twice")
write("touchpoints-object.json", doc(touchpoints={"a": {}}), "$.touchpoints")
write("touchpoint-string.json", doc(["Courier delivery"]), "$.touchpoints[0]")
write("id-number.json", doc([tp(id=7)]), "$.touchpoints[0].id")
write("id-empty.json", doc([tp(id="")]), "empty")
write("id-long.json", doc([tp(id="x" * 200)]), "at most 128")
write("id-control.json", doc([tp(id="a\u0007b")]), "control characters")
write("name-missing.json", doc([{"id": "a"}]), 'no "name"')
write("name-blank.json", doc([tp(name="   ")]), "needs a name")
write("importance-float.json", doc([tp(importance=3.5)]), "importance")
write("importance-range.json", doc([tp(importance=9)]), "importance must be a whole number from 1 to 5")
write("score-high.json", doc([tp(id="delivery", score=7)]), "between 1 and 5")
write("score-negative.json", doc([tp(score=-1)]), "between 1 and 5")
write("score-string.json", doc([tp(score="4.5")]), "expected a number")
write("score-huge.json", '{"touchmap":1,"title":"x","touchpoints":[{"id":"a","name":"A","score":1e400}]}', "line 1")
write("score-nan.json", '{"touchmap":1,"title":"x","touchpoints":[{"id":"a","name":"A","score":NaN}]}', "not valid JSON")
write("reach-negative.json", doc([tp(reach=-10)]), "at least 0")
write("cost-string.json", doc([tp(cost="lots")]), "expected a number")
write("role-bad.json", doc([tp(role="start")]), '"entry" or "goal"')
write("votes-negative.json", doc([tp(votes=-2)]), "votes")
write("votes-huge.json", doc([tp(votes=10**12)]), "votes")
write("evidence-not-list.json", doc([tp(evidence="late")]), "expected a list")
write("evidence-number.json", doc([tp(evidence=["ok", 3])]), "$.touchpoints[0].evidence[1]")
write("pos-three.json", doc([tp(pos=[1, 2, 3])]), "two numbers")
write("pos-huge.json", doc([tp(pos=[1e300, 0])]), "position")
write("duplicate-id.json", doc([tp(), tp(name="B")]), "used twice")
write("dangling-link.json", doc([tp()], [{"from": "a", "to": "delivry"}]), "'delivry'")
write("self-link.json", doc([tp()], [{"from": "a", "to": "a"}]), "back to itself")
write("duplicate-link.json", doc([tp(), tp(id="b", name="B")], [{"from": "a", "to": "b"}, {"from": "a", "to": "b"}]), "already a link")
write("share-above-one.json", doc([tp(), tp(id="b", name="B")], [{"from": "a", "to": "b", "share": 1.5}]), "between 0 and 1")
write("link-missing-to.json", doc([tp()], [{"from": "a"}]), 'no "to"')
write("link-not-object.json", doc([tp()], ["a->b"]), "$.links[0]")
write("stage-unknown.json", doc([tp(stage="Shipping")], stages=["Buy"]), "not one of the map's stages")
write("trailing-garbage.json", doc([tp()]) + " and more", "not valid JSON")
write("nul-byte.json", doc([tp()])[:-1] + "\u0000}", "not valid JSON")
write("wrong-types-everywhere.json", json.dumps({"touchmap": 1, "title": [], "brand": {}, "stages": 3}), "$.title")

with open(os.path.join(out, "EXPECTED.tsv"), "w", encoding="utf-8") as f:
    for name, fragment in expected:
        f.write(f"{name}\t{fragment}\n")
print(len(expected), "files")
