#!/usr/bin/env python3
"""Module import cycles in src/: which modules import one that imports them back.

Reads every `use crate::…` and `use super::…` line (and multi-line `use` groups)
and every path written inline in code (`crate::gap::Gap` in a signature or a call),
resolves each path to the deepest module that exists as a file, and prints every
strongly connected component of more than one module (a cycle), or "no cycles".
Usage: python3 scripts/import_cycles.py [SRC_DIR]
"""
import os
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "src"


def module_of(path):
    rel = os.path.relpath(path, src)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return tuple(rel)


modules = {}
for root, _, files in os.walk(src):
    for f in files:
        if f.endswith(".rs"):
            p = os.path.join(root, f)
            modules[module_of(p)] = p
# Test modules (`tests.rs` under a module, `#[cfg(test)] mod tests`) are not part of the graph.
known = {m for m in modules if not (m and m[-1] == "tests")}


def resolve(current, parts):
    """The deepest known module named by a path starting at `current`."""
    best = None
    for i in range(len(parts) + 1):
        candidate = current + tuple(parts[:i])
        if candidate in known:
            best = candidate
    return best


edges = {m: set() for m in known}
use_re = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?use\s+([^;]+);", re.S | re.M)
for m in known:
    text = open(modules[m], encoding="utf-8").read()
    # Drop `#[cfg(test)] mod tests { … }` bodies: tests may import freely.
    cut = re.search(r"#\[cfg\(test\)\]\s*mod tests\s*\{", text)
    if cut:
        text = text[: cut.start()]
    uses = use_re.findall(text)
    # Inline paths count too: `crate::a::f(..)` in a body is as much an import as `use`.
    stripped = use_re.sub("", text)
    stripped = re.sub(r"//[^\n]*", "", stripped)
    uses += re.findall(r"(?<![\w:])((?:crate|super)(?:::(?:super|[a-z_][a-z0-9_]*))+)", stripped)
    for use in uses:
        head = re.split(r"[{]", use.replace("\n", " "))[0].strip().rstrip(":")
        parts = [p.strip() for p in head.split("::") if p.strip()]
        if not parts:
            continue
        if parts[0] == "crate":
            base, rest = (), parts[1:]
        elif parts[0] == "super":
            # Module m's `super` is its parent, whether m is `a/b.rs` or `a/b/mod.rs`.
            depth = len(parts) - len([p for p in parts if p != "super"])
            base, rest = m[: len(m) - depth], parts[depth:]
        elif parts[0] == "self":
            base, rest = m, parts[1:]
        else:
            continue
        # Also count names inside a `{…}` group as module paths (e.g. `use crate::{a, b}`).
        groups = re.findall(r"\{([^}]*)\}", use)
        targets = [rest]
        for g in groups:
            for item in g.split(","):
                item = item.strip().split(" as ")[0]
                if item and item != "self":
                    targets.append(rest + [x for x in item.split("::") if x])
        for t in targets:
            target = resolve(base, t)
            if target is not None and target != m and target != () and not (target == m[: len(target)]):
                edges[m].add(target)

# Tarjan's strongly connected components.
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]


def visit(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in edges[v]:
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            sccs.append(sorted(comp))


sys.setrecursionlimit(10000)
for v in sorted(known):
    if v not in index:
        visit(v)
name = lambda m: "::".join(m) or "crate"
if not sccs:
    print(f"no cycles ({len(known)} modules, {sum(len(e) for e in edges.values())} imports)")
else:
    for comp in sccs:
        inner = [f"{name(a)} -> {name(b)}" for a in comp for b in sorted(edges[a]) if b in comp]
        print("cycle: " + ", ".join(name(m) for m in comp))
        for e in inner:
            print("   " + e)
    sys.exit(1)
