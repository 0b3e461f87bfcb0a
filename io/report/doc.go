// Package report writes copnet's result tables: CSV (through gocsv, from
// typed rows whose fields carry csv and json tags), JSON, Markdown, and
// HTML for notebook display, plus the dataset summary.
//
// Tables are tidy: one row per entity (and window), in a stable order, so
// that pandas and R read them directly and the same input gives the same
// bytes. Undefined values (an isolated member's constraint, the density of
// a window with one active member) are empty CSV cells and JSON nulls,
// never the text "NaN".
//
// Output folders are written whole or not at all: every file goes to a
// temporary name in the folder and is renamed into place only when all of
// them were written (see WriteFiles).
package report
