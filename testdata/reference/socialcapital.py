#!/usr/bin/env python3
"""Reference social-capital figures computed with NetworkX, independently
of copnet (Debian's python3-networkx and python3-pandas; run from this
folder with /usr/bin/python3):

  /usr/bin/python3 socialcapital.py

For karate and email-eu-core over the whole period, every member a node
(self-flows dropped):
  holes_<name>.csv.gz        member, constraint, effective_size: NetworkX on
                             the undirected graph with summed weights
                             (w(u,v) + w(v,u)); empty for isolated members
  betweenness_<name>.csv.gz  member, betweenness: networkx
                             betweenness_centrality of the directed graph,
                             unweighted, normalized (1/((n-1)(n-2))), exact
  modularity.csv             dataset, partition, modularity: networkx
                             modularity of the declared communities on the
                             undirected graph with summed weights
"""
import networkx as nx
import pandas as pd


def load(name):
    m = pd.read_csv(f"../{name}/members.csv" + (".gz" if name != "karate" else ""), dtype=str, keep_default_na=False)
    f = pd.read_csv(f"../{name}/flows.csv" + (".gz" if name != "karate" else ""), dtype=str, keep_default_na=False)
    if "weight" not in f:
        f["weight"] = "1"
    g = nx.DiGraph()
    g.add_nodes_from(m.id)
    for s, t, w in zip(f.source, f.target, f.weight):
        if s == t:
            continue
        w = float(w) if w else 1.0
        if g.has_edge(s, t):
            g[s][t]["weight"] += w
        else:
            g.add_edge(s, t, weight=w)
    u = nx.Graph()
    u.add_nodes_from(g)
    for s, t, d in g.edges(data=True):
        if u.has_edge(s, t):
            u[s][t]["weight"] += d["weight"]
        else:
            u.add_edge(s, t, weight=d["weight"])
    return m, g, u


rows = []
for name in ["karate", "email-eu-core"]:
    m, g, u = load(name)
    c = nx.constraint(u, weight="weight")
    e = nx.effective_size(u, weight="weight")
    pd.DataFrame({"member": m.id, "constraint": [c[v] for v in m.id], "effective_size": [e[v] for v in m.id]}).to_csv(
        f"holes_{name}.csv.gz", index=False, float_format="%.17g")
    b = nx.betweenness_centrality(g, normalized=True)
    pd.DataFrame({"member": m.id, "betweenness": [b[v] for v in m.id]}).to_csv(
        f"betweenness_{name}.csv.gz", index=False, float_format="%.17g")
    comms = {}
    for v, cs in zip(m.id, m.community):
        comms.setdefault(cs.split(";")[0], set()).add(v)
    rows.append((name, "declared", nx.community.modularity(u, comms.values(), weight="weight")))
pd.DataFrame(rows, columns=["dataset", "partition", "modularity"]).to_csv("modularity.csv", index=False, float_format="%.17g")
print(rows)
