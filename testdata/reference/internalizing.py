#!/usr/bin/env python3
"""Reference values for copnet's internalizing metrics, computed with
NetworkX and SciPy independently of copnet (Debian's python3-networkx,
python3-scipy, python3-pandas; run with /usr/bin/python3 from this folder):

  /usr/bin/python3 internalizing.py

Writes
  karate_core.csv            member, core (networkx.core_number)
  karate_be.csv              member, be_coreness: the Borgatti-Everett
                             continuous model fitted by least squares
                             (minimize sum_{i!=j} (a_ij - c_i c_j)^2 with
                             scipy L-BFGS-B from the degrees), and the
                             correlation of a_ij with c_i c_j as member "*"
  email_quarters_core.csv.gz window, member, core for every calendar
                             quarter (UTC) of email-eu-core, members active
                             in the quarter (self-flows dropped)
"""
import networkx as nx
import numpy as np
import pandas as pd
from scipy.optimize import minimize

D = "../"


def undirected(flows, members=None):
    g = nx.Graph()
    if members is not None:
        g.add_nodes_from(members)
    g.add_edges_from((s, t) for s, t in zip(flows.source, flows.target) if s != t)
    return g


# karate: static, every member is a node
km = pd.read_csv(D + "karate/members.csv", dtype=str)
kf = pd.read_csv(D + "karate/flows.csv", dtype=str)
g = undirected(kf, km.id)
core = nx.core_number(g)
pd.DataFrame({"member": km.id, "core": [core[m] for m in km.id]}).to_csv("karate_core.csv", index=False)

ids = list(km.id)
A = nx.to_numpy_array(g, nodelist=ids)
n = len(ids)
iu = np.triu_indices(n, 1)


def loss(c):
    R = A - np.outer(c, c)
    np.fill_diagonal(R, 0)
    return (R * R).sum()


def grad(c):
    R = A - np.outer(c, c)
    np.fill_diagonal(R, 0)
    return -4 * R @ c


deg = A.sum(1)
res = minimize(loss, deg / np.linalg.norm(deg), jac=grad, method="L-BFGS-B",
               options={"maxiter": 100000, "ftol": 1e-16, "gtol": 1e-12})
c = res.x * np.sign(res.x.sum())
rho = np.corrcoef(A[iu], np.outer(c, c)[iu])[0, 1]
pd.DataFrame({"member": ids + ["*"], "be_coreness": list(c) + [rho]}).to_csv(
    "karate_be.csv", index=False, float_format="%.12g")

# email-eu-core: calendar quarters of Unix seconds
ef = pd.read_csv(D + "email-eu-core/flows.csv.gz", dtype={"source": str, "target": str, "time": np.int64})
t = pd.to_datetime(ef.time, unit="s", utc=True)
ef["window"] = t.dt.year.astype(str) + "-Q" + t.dt.quarter.astype(str)
rows = []
for w, part in ef.groupby("window", sort=True):
    gw = undirected(part)
    cw = nx.core_number(gw)
    rows += [(w, m, k) for m, k in sorted(cw.items())]
pd.DataFrame(rows, columns=["window", "member", "core"]).to_csv("email_quarters_core.csv.gz", index=False)
print(f"karate: kmax {max(core.values())}, rho {rho:.6f}; email quarters: {len(rows)} rows")
