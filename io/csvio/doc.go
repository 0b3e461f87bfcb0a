// Package csvio loads copnet networks from CSV files and writes them back
// in canonical form.
//
// A dataset is a folder holding flows.csv and, optionally, members.csv,
// communities.csv and knowledge.csv (each may be gzip-compressed, as
// name.csv.gz), or the same files named one by one. The canonical columns
// are
//
//	flows.csv        source, target (required); time, community, knowledge, kind, weight
//	members.csv      id (required); name, joined, community
//	communities.csv  id (required); name
//	knowledge.csv    id (required); name, created, creator
//
// A dataset folder may also hold dataset.json, declarations about the
// data as a whole (see Dataset). Its one key today is "directed":
//
//	{"directed": false}
//
// declares that a flow's source and target carry no direction (contacts,
// co-authorship): the network is then graph.Network.Undirected and every
// projection counts each flow both ways. Without the file, or without the
// key, flows are directed. Options.Direction overrides the declaration
// (the -undirected flag of netmetrics). An unknown or repeated key, a
// value other than true or false, or a JSON error is a *ParseError naming
// dataset.json with its line and column; several faults of a well-formed
// object are joined (errors.Join), each a *ParseError. The file is listed
// first among Report.Inputs.
//
// Column order is free and header names are matched without regard to
// case or surrounding spaces; other columns are kept as attributes. Times
// are RFC 3339, "2006-01-02 15:04:05[.fff]" (UTC), "2006-01-02" or integer
// Unix seconds: the format is detected on the first row of each file and
// every row must use it. Members' communities and flows' knowledge items
// are lists separated by ";". Weights are positive finite numbers, 1 when
// empty.
//
// Every error names the file, the line and the column: the 1-based field
// number for a bad value ("flows.csv:1042:3: time "2021-13-01": month out
// of range"), the 1-based byte position within the line for a CSV syntax
// error, as encoding/csv reports it. Errors are *ParseError values that
// unwrap to the underlying cause.
//
// Presets read well-known exports: PresetSEDE reads a Stack Exchange Data
// Explorer export (Posts.csv, Comments.csv, Users.csv, Votes.csv).
//
// Loading: members.csv, communities.csv, knowledge.csv and the preset's
// files are read with github.com/gocarina/gocsv into typed records, one
// batch ahead of the rows being handled. flows.csv, which may hold
// millions of rows, takes a fast path: it is read in blocks of whole
// lines that every core parses (fields, times, weights, names looked up
// in tables the parsers only read), and the flows are added in file
// order, names first seen in a block getting the network's indices in
// order of appearance. A block holding anything the fast path does not
// read as plainly as encoding/csv (a quote, which may open a field over
// several lines; a NUL byte or invalid UTF-8; a bad row; a limit
// reached) hands the rest of the file, from that block's first line, to
// the serial path, which decodes records with encoding/csv: the network
// and the report are those of the serial path alone, and so is the error
// of a bad file, but for one case: a bad row followed within a few KiB
// by a raw-byte problem (a NUL byte, invalid UTF-8, a line too long),
// where the serial path reports one or the other depending on where its
// 4 KiB reads fall, and may pick the other one once it took over.
// The SHA-256 of each input is computed as its bytes are read.
package csvio
