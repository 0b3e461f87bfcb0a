#!/usr/bin/env python3
"""Reference exchange-density figures computed with NetworkX, independently
of copnet (Debian's python3-networkx and python3-pandas; run from this
folder with /usr/bin/python3):

  /usr/bin/python3 externalizing.py

Writes exchange.csv: dataset, scope, window, n (active members), arcs,
density (networkx.density), reciprocity (networkx.overall_reciprocity),
transitivity and average_clustering (networkx, on the undirected simple
graph of the arcs), for
  karate         one static window; scopes *, mr-hi, officer
  email-eu-core  every calendar quarter (UTC); scope * and every department
  demo           the embedded History Stack Exchange meta, calendar years; *
A community's flows are those whose two ends are its members (no flow has a
community column here). Self-flows are dropped. Undefined values are empty:
density below 2 members, reciprocity without arcs, average clustering
without members.
"""
import networkx as nx
import pandas as pd

rows = []


def figures(dataset, scope, window, flows):
    g = nx.DiGraph()
    g.add_edges_from((s, t) for s, t in zip(flows.source, flows.target) if s != t)
    n, m = g.number_of_nodes(), g.number_of_edges()
    u = nx.Graph(g.to_undirected())
    rows.append(dict(
        dataset=dataset, scope=scope, window=window, n=n, arcs=m,
        density=nx.density(g) if n > 1 else None,
        reciprocity=nx.overall_reciprocity(g) if m > 0 else None,
        transitivity=nx.transitivity(u) if n > 0 else 0.0,
        average_clustering=nx.average_clustering(u) if n > 0 else None))


def scopes(dataset, flows, members, window):
    figures(dataset, "*", window, flows)
    if members is None:
        return
    home = dict(zip(members.id, members.community))
    for c in sorted(set(members.community)):
        mask = [home.get(s) == c and home.get(t) == c for s, t in zip(flows.source, flows.target)]
        figures(dataset, c, window, flows[mask])


km = pd.read_csv("../karate/members.csv", dtype=str)
kf = pd.read_csv("../karate/flows.csv", dtype=str)
scopes("karate", kf, km, "all")

em = pd.read_csv("../email-eu-core/members.csv.gz", dtype=str, keep_default_na=False)
ef = pd.read_csv("../email-eu-core/flows.csv.gz", dtype={"source": str, "target": str, "time": "int64"})
t = pd.to_datetime(ef.time, unit="s", utc=True)
ef["window"] = t.dt.year.astype(str) + "-Q" + t.dt.quarter.astype(str)
for w, part in ef.groupby("window", sort=True):
    scopes("email-eu-core", part, em, w)

df = pd.read_csv("../../io/csvio/demo/flows.csv", dtype=str, keep_default_na=False)
df["window"] = df.time.str[:4]
for w, part in df.groupby("window", sort=True):
    scopes("demo", part, None, w)

pd.DataFrame(rows).to_csv("exchange.csv", index=False, float_format="%.17g")
print(len(rows), "rows")
