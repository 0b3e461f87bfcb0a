package report

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
	// Flags are the settings of the run that wrote the dataset's folder
	// that differ from the defaults (-name=value), for the command that
	// draws the dataset's own report; not a column of datasets.csv.
	Flags []string `csv:"-" json:"-"`
}

// Headline returns the headline indicators of an analysis as a row of
// datasets.csv, named name and read from path: the organization's figures
// of the summary's first screen (Headlines), so that the two agree.
func (a *Analysis) Headline(name, path string) DatasetRow {
	ds := a.Summary.Dataset
	r := DatasetRow{Dataset: name, Path: path, Members: ds.Members, ActiveMembers: ds.ActiveMembers, Flows: ds.Flows,
		Windows: len(a.Windows), Communities: ds.Communities}
	h := a.scopeHeadline(0) // the organization
	r.MeanDensity, r.MeanReciprocity, r.MeanClustering, r.MeanCosine = Float(h.Density), Float(h.Reciprocity), Float(h.Clustering), Float(h.MeanCosine)
	r.NewcomersCoreShare, r.Retention = Float(h.NewcomersToCore), Float(h.Retention)
	if a.HasKnowledge() {
		n := h.Objectified
		r.ObjectifiedItems = &n
	}
	r.DeclaredModularity, r.LouvainModularity, r.NMI = NaN(), NaN(), NaN()
	if s := a.Summary.Structure; s != nil {
		r.DeclaredModularity, r.LouvainModularity, r.NMI = s.DeclaredModularity, s.DetectedModularity, s.NMI
	}
	return r
}
