#!/usr/bin/env python3
"""Each tag of the History Stack Exchange meta export with the creation date
of the first question carrying it, from Posts.csv with pandas (run from this
folder with /usr/bin/python3):

  /usr/bin/python3 sede_tags.py     # writes sede_tags.csv: tag, first_question
"""
import pandas as pd

p = pd.read_csv("../sede-history-meta/Posts.csv.gz", dtype=str, keep_default_na=False)
q = p[p.PostTypeId == "1"]
first = {}
for tags, created in zip(q.Tags, q.CreationDate):
    for tag in tags.replace(">", "<").split("<"):
        if tag and (tag not in first or created < first[tag]):
            first[tag] = created
out = pd.DataFrame(sorted(first.items()), columns=["tag", "first_question"])
out["first_question"] = pd.to_datetime(out.first_question).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
out.to_csv("sede_tags.csv", index=False)
print(len(out), "tags")
