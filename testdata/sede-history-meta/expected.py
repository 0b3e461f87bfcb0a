#!/usr/bin/env python3
"""Counts the SEDE preset must reproduce on the History meta export,
computed with pandas from the raw files, independently of copnet.

  /usr/bin/python3 expected.py > expected.txt
An answer is a flow answerer -> asker; a comment is a flow commenter ->
post owner; a row counts when both users are listed in Users.csv.
"""
import os
import pandas as pd

d = os.path.dirname(os.path.abspath(__file__))
read = lambda n: pd.read_csv(os.path.join(d, n + ".csv.gz"), dtype=str, keep_default_na=False)
P, C, U = read("Posts"), read("Comments"), read("Users")
users = set(U.Id)
owner = dict(zip(P.Id, P.OwnerUserId))
ptype = dict(zip(P.Id, P.PostTypeId))
ok = lambda u: u != "" and u in users
A = P[P.PostTypeId == "2"]
na = sum(1 for p, o in zip(A.ParentId, A.OwnerUserId) if ptype.get(p) == "1" and ok(o) and ok(owner[p]))
nc = sum(1 for p, u in zip(C.PostId, C.UserId) if p in owner and ok(u) and ok(owner[p]))
tags = {t for s in P.Tags for t in s.replace(">", "<").split("<") if t}
print("# key\tvalue (computed by expected.py)")
for k, v in [("answer_flows", na), ("comment_flows", nc), ("flows", na + nc), ("members", len(U)),
             ("tags", len(tags)), ("skipped", len(A) - na + len(C) - nc)]:
    print(f"{k}\t{v}")
