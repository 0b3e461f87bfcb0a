#!/usr/bin/env python3
"""Reference figures of Zachary's karate club read as undirected data,
computed with NetworkX independently of copnet (Debian's python3-networkx;
run from this folder with /usr/bin/python3):

  /usr/bin/python3 karate_undirected.py

karate_undirected.csv: member, betweenness, degree: networkx
betweenness_centrality(G) of the undirected, unweighted graph (normalized,
exact: 2/((n-1)(n-2)) over unordered pairs) and the degree; the first data
row, member "*", holds the graph's density m/(n(n-1)/2) in the betweenness
column and its edge count in the degree column.

copnet's `analyze -undirected` on ../karate must give these betweenness
values in members.csv (cmd/netmetrics TestKarateUndirected).
"""
import csv
import networkx as nx

with open("../karate/flows.csv", newline="") as f:
    edges = [(r["source"], r["target"]) for r in csv.DictReader(f)]
with open("../karate/members.csv", newline="") as f:
    members = [r["id"] for r in csv.DictReader(f)]
g = nx.Graph()
g.add_nodes_from(members)
g.add_edges_from(edges)
bc = nx.betweenness_centrality(g)
with open("karate_undirected.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["member", "betweenness", "degree"])
    w.writerow(["*", repr(nx.density(g)), g.number_of_edges()])
    for m in members:
        w.writerow([m, repr(bc[m]), g.degree(m)])
