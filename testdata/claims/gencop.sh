#!/bin/sh
# Makes gen_cop.py datasets for TestCommunityAdvantageGenCop and runs it:
#   [GEN_COP=path/to/gen_cop.py] sh testdata/claims/gencop.sh [out-folder]
# (from the repository root; needs python3 with numpy and pandas).
set -e
out=${1:-$(mktemp -d)}
gen=${GEN_COP:-../shared/tools/gen_cop.py}
# Random labels: --intra equal to the share a random label gives.
/usr/bin/python3 $gen --members 400 --flows 8000 --communities 5 --intra 0.2 --days 60 --seed 3 --out "$out/random-labels"
# Planted communities.
/usr/bin/python3 $gen --members 400 --flows 40000 --communities 5 --intra 0.95 --days 60 --seed 3 --out "$out/planted-400"
/usr/bin/python3 $gen --members 2000 --flows 40000 --communities 10 --intra 0.95 --days 60 --seed 4 --out "$out/planted-2000"
COPNET_GENCOP="$out" go test -count=1 ./metrics -run TestCommunityAdvantageGenCop -v
