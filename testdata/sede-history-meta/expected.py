#!/usr/bin/env python3
"""Counts the SEDE preset must reproduce on the History meta export,
computed with pandas from the raw files, independently of copnet.

  /usr/bin/python3 expected.py > expected.txt
  (also writes accepted.csv: one row per accepted-answer flow)
An answer is a flow answerer -> asker; a comment is a flow commenter ->
post owner; an accepted answer (a question's AcceptedAnswerId) is a flow
asker -> answerer, timed by the answer's creation (the export has no
Votes.csv); a row counts when both users are listed in Users.csv.
"""
import os
import pandas as pd

d = os.path.dirname(os.path.abspath(__file__))
read = lambda n: pd.read_csv(os.path.join(d, n + ".csv.gz"), dtype=str, keep_default_na=False)
P, C, U = read("Posts"), read("Comments"), read("Users")
users = set(U.Id)
owner = dict(zip(P.Id, P.OwnerUserId))
ptype = dict(zip(P.Id, P.PostTypeId))
parent = dict(zip(P.Id, P.ParentId))
created = dict(zip(P.Id, pd.to_datetime(P.CreationDate, utc=True)))
ok = lambda u: u != "" and u in users
A = P[P.PostTypeId == "2"]
na = sum(1 for p, o in zip(A.ParentId, A.OwnerUserId) if ptype.get(p) == "1" and ok(o) and ok(owner[p]))
nc = sum(1 for p, u in zip(C.PostId, C.UserId) if p in owner and ok(u) and ok(owner[p]))
Q = P[(P.PostTypeId == "1") & (P.AcceptedAnswerId != "")]
rows = []
for q, a in zip(Q.Id, Q.AcceptedAnswerId):
    if ptype.get(a) == "2" and parent.get(a) == q and ok(owner[q]) and ok(owner[a]):
        lag = (created[a] - created[q]).total_seconds()
        rows.append((q, a, owner[q], owner[a], int(lag)))
acc = pd.DataFrame(rows, columns=["question", "answer", "asker", "answerer", "lag_seconds"])
acc.sort_values("question", key=lambda s: s.astype(int)).to_csv(os.path.join(d, "accepted.csv"), index=False)
ny = len(acc)
tags = {t for s in P.Tags for t in s.replace(">", "<").split("<") if t}
print("# key\tvalue (computed by expected.py)")
for k, v in [("answer_flows", na), ("comment_flows", nc), ("accepted_answers", len(Q)), ("accepted_flows", ny),
             ("flows", na + nc + ny), ("members", len(U)), ("tags", len(tags)),
             ("skipped", len(A) - na + len(C) - nc + len(Q) - ny)]:
    print(f"{k}\t{v}")
