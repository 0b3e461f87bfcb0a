// Copnet-bench measures `netmetrics analyze` against the reference tool
// ../shared/tools/ref_metrics.py (python-igraph, and NetworkX where it
// finishes) on the same generated datasets in one run, and prints one
// table: stage × tool → seconds and peak memory, with the ratios
// reference ÷ netmetrics.
//
// Usage:
//
//	go run ./cmd/copnet-bench [flags]
//
// run from anywhere inside the repository. Flags:
//
//	-sizes LIST        datasets to measure, among 20k, 1m, 5m (default 20k,1m)
//	-runs N            measure each tool N times per size; medians (default 1)
//	-work DIR          datasets, binaries and outputs (default copnet-bench
//	                   in the user cache folder: $XDG_CACHE_HOME or ~/.cache
//	                   on Linux)
//	-tools DIR         gen_cop.py and ref_metrics.py (default ../shared/tools
//	                   from the repository root, or the nearest shared/tools
//	                   further up)
//	-python FILE       Python with numpy, pandas, python-igraph, NetworkX
//	                   (default /usr/bin/python3)
//	-netmetrics FILE   measure this binary instead of building ./cmd/netmetrics
//	-window W          netmetrics -window and ref_metrics --window-days (default 30d)
//	-skip LIST         ref_metrics stages skipped (default betweenness,write,core)
//	-networkx LIST     sizes where NetworkX runs too (default 20k; "none")
//	-stage-timeout S   ref_metrics --stage-timeout for igraph, seconds (default 300)
//	-nx-stage-timeout S
//	                   the same for NetworkX (default 60: its constraint
//	                   does not finish in 300 s even at 20k)
//	-bc-k K            ref_metrics --bc-k, NetworkX betweenness sources when
//	                   betweenness is not skipped (default 500, netmetrics's
//	                   pivots)
//	-json FILE         also save every run's numbers as JSON
//	-table FILE        print the table of results saved with -json; run nothing
//
// The datasets are made by gen_cop.py with fixed seeds:
//
//	20k  --members 2000   --flows 20000   --seed 1
//	1m   --members 40000  --flows 1000000 --seed 1
//	5m   --members 200000 --flows 5000000 --seed 2
//
// each into WORK/data/SIZE-mMEMBERS-fFLOWS-sSEED, generated under a temporary
// name and renamed when complete, and reused when present.
//
// What is compared. The reference runs
//
//	ref_metrics.py --engine igraph --window-days 30 --skip betweenness,write,core
//
// that is: load, core numbers per window, density and reciprocity (whole,
// per community, per window), clustering, constraint and Louvain. netmetrics
// runs `analyze -window 30d -out DIR DATA`: every metric of every scope and
// window, sampled betweenness, tables written. Each process's wall time is
// measured here, its peak resident memory is the child's own (wait4 rusage
// ru_maxrss), and per-stage seconds come from the tools' own reports:
// ref_metrics's timings_ENGINE.json (or, when it died before writing it, its
// "[engine] stage: status 1.234s" lines on standard error); for netmetrics,
// a JSON timing file when `netmetrics analyze -h` lists a -timings FILE
// flag. That file is one object mapping a stage to seconds, as a number or
// as {"seconds": x}; stages named like ref_metrics's (load, core_windows,
// density_reciprocity, clustering, constraint, betweenness, louvain, write)
// share their row, other names get a row of their own. Without it,
// netmetrics analyze is measured as a whole job only, and its load row is
// the wall time of a separate `netmetrics summary -windows 30d DATA`
// (loading the same files, then a short summary: an upper bound).
//
// Output, on standard output: a Markdown table with, per size, a row per
// stage, "whole job (wall)" and "peak RSS (MiB)"; columns netmetrics,
// igraph, igraph ÷ netmetrics and the same for NetworkX. A cell is the
// median over -runs, with [min–max] when there are several runs, and the
// reference's status when a stage was skipped or stopped (timeout>300s);
// a whole job with a stopped stage is marked "≥", and so is its ratio.
// Below the table: the bound NetworkX ran under, each dataset's size,
// load throughput (flows.csv bytes ÷ load seconds, 10^6 bytes per MB)
// where a tool reports its load stage, time per flow of the whole job per
// size, how time per flow grows between consecutive sizes (5m over 1m is
// the scaling figure), and, per size, the targets issue 9 sets against
// igraph (whole job ≥ 5× faster, peak RSS ≤ a third, every stage both
// compute ≥ 10× faster, load ≥ 150 MB/s, time per flow 5m ÷ 1m ≤ 1.3),
// each with its value and "met" or "not met". Progress goes to standard
// error.
//
// Exit status: 0 on success, 2 on a usage error, 1 when a step failed (a
// tool's failure is also shown in the table; each process's output is kept
// in WORK/out/SIZE/TOOL/runN.log), 130 when interrupted (the table shows
// what was measured until then).
package main
