"""Reference figures for io/dotio's picture tests on testdata/email-eu-core:
the most active members (flows sent and received, self-flows excluded),
the number of undirected ties, and the active members per department.

Run: /usr/bin/python3 io/dotio/testdata/email_top.py
"""
import pandas as pd

d = "testdata/email-eu-core/"
f = pd.read_csv(d + "flows.csv.gz", dtype=str)
m = pd.read_csv(d + "members.csv.gz", dtype=str)
c = pd.read_csv(d + "communities.csv.gz", dtype=str)
f = f[f.source != f.target]
act = pd.concat([f.source, f.target]).value_counts()
print("members", len(act))
print("top5", list(act.sort_values(ascending=False, kind="stable").index[:6]), list(act.sort_values(ascending=False).values[:6]))
pairs = {tuple(sorted(p)) for p in zip(f.source, f.target)}
print("ties", len(pairs))
m = m[m.id.isin(act.index)]
first = m.community.str.split(";").str[0]
names = dict(zip(c.id, c.name)) if "name" in c else {}
print(first.value_counts().head(3).rename(index=names))
