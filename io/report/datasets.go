package report

import (
	"math"
)

// DatasetRow is a row of datasets.csv, the comparison table of a batch
// (netmetrics analyze -out OUT DIR1 DIR2 …): one dataset's headline
// indicators, drawn from its own tables in OUT/<dataset>/.
type DatasetRow struct {
	Dataset       string `csv:"dataset" json:"dataset"`
	Path          string `csv:"path" json:"path"`
	Members       int    `csv:"members" json:"members"`
	ActiveMembers int    `csv:"active_members" json:"active_members"`
	Flows         int    `csv:"flows" json:"flows"`
	Windows       int    `csv:"windows" json:"windows"`
	Communities   int    `csv:"communities" json:"communities"`
	// Means over the organization's windows where the figure is defined.
	MeanDensity     Float `csv:"mean_density" json:"mean_density"`
	MeanReciprocity Float `csv:"mean_reciprocity" json:"mean_reciprocity"`
	MeanClustering  Float `csv:"mean_clustering" json:"mean_clustering"`
	// Pooled over the organization's windows where the figure is defined.
	NewcomersCoreShare Float `csv:"newcomers_core_share" json:"newcomers_core_share"`
	Retention          Float `csv:"retention" json:"retention"`
	MeanCosine         Float `csv:"mean_cosine" json:"mean_cosine"`
	ObjectifiedItems   *int  `csv:"objectified_items" json:"objectified_items"`
	// Whole-period community structure (summary.json).
	DeclaredModularity Float `csv:"declared_modularity" json:"declared_modularity"`
	LouvainModularity  Float `csv:"louvain_modularity" json:"louvain_modularity"`
	NMI                Float `csv:"nmi" json:"nmi"`
}

// Headline returns the headline indicators of an analysis as a row of
// datasets.csv, named name and read from path.
func (a *Analysis) Headline(name, path string) DatasetRow {
	ds := a.Summary.Dataset
	r := DatasetRow{Dataset: name, Path: path, Members: ds.Members, ActiveMembers: ds.ActiveMembers, Flows: ds.Flows,
		Windows: len(a.Windows), Communities: ds.Communities}
	var density, recip, clust, cosine meanOf
	var toCore, newcomersH, retained, newcomersR float64
	for row := range a.ScopeWindowRows() {
		if row.Scope != "*" {
			break // the organization's rows come first
		}
		density.add(float64(row.Density))
		recip.add(float64(row.Reciprocity))
		clust.add(float64(row.AverageClustering))
		cosine.add(float64(row.MeanCosine))
		n := float64(row.Newcomers)
		// The shares are counts over newcomers: back to counts, exactly.
		if row.NewcomersCoreWithin.Valid() {
			toCore += math.Round(float64(row.NewcomersCoreWithin) * n)
			newcomersH += n
		}
		if row.RetentionH.Valid() {
			retained += math.Round(float64(row.RetentionH) * n)
			newcomersR += n
		}
	}
	r.MeanDensity, r.MeanReciprocity, r.MeanClustering, r.MeanCosine = Float(density.mean()), Float(recip.mean()), Float(clust.mean()), Float(cosine.mean())
	r.NewcomersCoreShare, r.Retention = ratio(toCore, newcomersH), ratio(retained, newcomersR)
	if a.HasKnowledge() {
		n := 0
		for it := range a.KnowledgeItemRows() {
			if it.Scope == "*" && it.Objectified {
				n++
			}
		}
		r.ObjectifiedItems = &n
	}
	r.DeclaredModularity, r.LouvainModularity, r.NMI = NaN(), NaN(), NaN()
	if s := a.Summary.Structure; s != nil {
		r.DeclaredModularity, r.LouvainModularity, r.NMI = s.DeclaredModularity, s.DetectedModularity, s.NMI
	}
	return r
}

func ratio(num, den float64) Float {
	if den == 0 {
		return NaN()
	}
	return Float(num / den)
}
