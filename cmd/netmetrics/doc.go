// Netmetrics measures how an organization learns from the interaction data
// of its communities of practice, exported as CSV.
//
// Usage:
//
//	netmetrics                               the analysis of the embedded demo dataset
//	netmetrics analyze [-out DIR] [flags] [DIR...]
//	                                         the indicators; tables into -out DIR
//	netmetrics summary [flags] [DIR]         members, communities, flows, times, windows
//	netmetrics validate [flags] [DIR]        every problem of the input, one per line
//	netmetrics report [-o FILE] [flags] [DIR] one self-contained HTML report with charts
//	netmetrics report [-o FILE] OUT          a page comparing a batch's datasets
//	netmetrics dot [flags] [DIR]             Graphviz DOT (or SVG) of the network or a window
//	netmetrics verify DIR                    rerun the analysis recorded in DIR and compare
//	netmetrics version [-json]               version, revision, Go and dependency versions
//
// DIR is a dataset folder holding flows.csv and optionally members.csv,
// communities.csv (each may be .csv.gz) and dataset.json, or a Stack Exchange Data Explorer
// export with -preset sede. "-" reads flows.csv from standard input.
// Without DIR, the embedded demo dataset is used (validate excepted): the
// History Stack Exchange meta site, converted by the sede preset.
//
// Without a subcommand, netmetrics runs analyze on the demo. analyze
// without -out prints a first screen of at most 40 lines of 100 columns:
// the headline figures of the three moments of organizational learning
// (internalizing: newcomers, the share reaching the core within H
// windows, retention, core size; externalizing: density, reciprocity,
// clustering; objectifying: mean cosine similarity of knowledge profiles,
// objectified items) for the organization and its largest communities;
// social capital (declared and Louvain modularity, NMI, mean constraint,
// bonding share, brokers); the model's claims tested on the data; and the
// commands to run next. On a terminal that is all, so that it stays in
// view; piped, redirected or with -detail, the detail follows under
// "── detail ──": the dataset, the parameters, the organization window by
// window, the role transitions, every finding in full and the
// provenance. -format
// markdown, html or json prints the summary in another form.
//
// Dataset flags, common to every subcommand:
//
//	-preset canonical|sede   layout of the input (default canonical)
//	-flows F -members F -communities F
//	                         name the files one by one instead of DIR
//	-delim C                 field delimiter (default ","; "\t" for tabs)
//	-strict                  flows naming members missing from members.csv,
//	                         and undeclared communities, are errors
//	-undirected              flows have no direction (contacts,
//	                         co-authorship): each counts both ways, and
//	                         reciprocity and other directed measures are
//	                         left empty; default: as DIR/dataset.json
//	                         declares ({"directed": false}), else directed;
//	                         -undirected=false overrides the declaration
//	-windows SPEC            how to cut time: auto (default: the coarsest of
//	                         year, quarter, month, week, day, hour giving at
//	                         least 8 windows), all, hour, day, week, month,
//	                         quarter, year, a duration such as 30d or 12h
//	                         (aligned to the Unix epoch), parts:N; prefix
//	                         cumulative: for windows counting every flow up
//	                         to their end
//
// summary -json prints one JSON object with the keys members, communities,
// flows, knowledge_items, first_time, last_time, windows and more.
//
// dot flags: -window N (window index, default: the whole period), -scope ID
// (a community; default the whole organization), -labels N
// (name the N most active members, default 15; -1 all, 0 none), -roles be|onion|kcore:X
// (outlines), -svg (a picture instead of DOT), -engine auto|graphviz|go (who
// lays it out: Graphviz's program on PATH, or the in-process layout),
// -layout sfdp|neato|dot|... (the Graphviz program), -seed N, -max-nodes N
// (bound of the in-process layout), -per-window DIR (one file per window,
// members in the same place in each), -o FILE. Undirected data (-undirected
// or dataset.json) is drawn with edges, directed data with arcs.
//
// report takes the flags of analyze and writes one HTML page (-o FILE,
// default report.html; "-" for standard output) holding its own style and
// SVG charts, with no script and no request to the network: the dataset,
// the headline indicators of the three moments per scope, the model's
// claims tested on the data (findings, pace, communities against random
// groups, core/periphery against rewirings), social capital per
// community, the network picture, charts (roles, newcomer cohorts,
// transitions, exchange, convergence, adoption, one member's trajectory)
// and the definition and reference of every figure. The network picture
// is the whole period's organization, laid out by Graphviz's sfdp when
// installed, else in process; beyond 10,000 members or 100,000 ties a
// placeholder says how to draw it (-scope, -window, Graphviz).
// -network FILE.svg embeds a picture drawn beforehand (netmetrics dot
// -svg, or Graphviz); -picture=false draws none. report OUT, on the output
// folder of a batch, or report -datasets OUT/datasets.csv, writes a page
// comparing the batch's datasets; with DIR as well, the comparison is a
// section of DIR's report.
//
// analyze records its provenance in summary.json and on the last line of
// the text summary: copnet's version and revision, every argument with
// its default, and each input's path, size and SHA-256. verify DIR checks
// the inputs named there, reruns the analysis with the recorded arguments
// into a temporary folder and compares every file byte for byte: exit 0
// when identical, 1 naming the first changed input or differing file and
// line, 2 when DIR holds no provenance; given a batch's folder, it
// verifies each dataset's folder its datasets.csv names. version (or
// -version) prints the version, revision, Go version and main
// dependencies' versions.
//
// Exit status: 0 on success, 2 on a usage error or bad input (every
// message names the file and, when a line or field is at fault, the line
// and column), 1 when output cannot be written or on an internal failure,
// 130 when interrupted.
// Messages start with "netmetrics:". Each subcommand takes -h.
package main
