package report_test

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/copnet/copnet/io/report"
)

// TestReadDatasetsRoundTrip writes rows as datasets.csv and reads them
// back: the same rows, undefined figures and objectified items included.
func TestReadDatasetsRoundTrip(t *testing.T) {
	seven := 7
	rows := []report.DatasetRow{
		{Dataset: "a", Path: "data/a", Members: 10, ActiveMembers: 9, Flows: 40, Windows: 8, Communities: 2, MeanDensity: 0.25, MeanReciprocity: 0.5,
			MeanClustering: 0.125, NewcomersCoreShare: 0.75, Retention: 1, MeanCosine: 0.5, ObjectifiedItems: &seven,
			DeclaredModularity: 0.3, LouvainModularity: 0.4, NMI: 0.9},
		{Dataset: "b, quoted", Path: "data/b", Members: 3, ActiveMembers: 0, Windows: 1, MeanDensity: report.NaN(), MeanReciprocity: report.NaN(),
			MeanClustering: report.NaN(), NewcomersCoreShare: report.NaN(), Retention: report.NaN(), MeanCosine: report.NaN(),
			DeclaredModularity: report.NaN(), LouvainModularity: report.NaN(), NMI: report.NaN()},
	}
	var b bytes.Buffer
	if err := report.WriteRows(&b, slices.Values(rows), report.CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	got, err := report.ReadDatasets(bytes.NewReader(b.Bytes()), "datasets.csv")
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := report.WriteRows(&again, slices.Values(got), report.CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	if again.String() != b.String() || got[0].ObjectifiedItems == nil || *got[0].ObjectifiedItems != 7 || got[1].ObjectifiedItems != nil {
		t.Errorf("round trip: wrote\n%s\nread back\n%s", b.String(), again.String())
	}
	if !reflect.DeepEqual(got[0].Path, "data/a") || got[1].Dataset != "b, quoted" || got[1].NMI.Valid() {
		t.Errorf("read %+v", got)
	}
}

func TestReadDatasetsErrors(t *testing.T) {
	head := strings.Join(report.ColumnNames[report.DatasetRow](), ",")
	good := "a,p,1,1,1,1,0,0.5,0.5,0.5,,,,,,,"
	cases := []struct{ name, in, want string }{
		{"empty", "", "report: d.csv: empty file"},
		{"missing column", "dataset,path\n", `report: d.csv:1: no column "members"`},
		{"bad count", head + "\n" + good + "\na,p,x,1,1,1,0,,,,,,,,,,\n", `report: d.csv:3:5: members "x": want a count`},
		{"bad number", head + "\n" + strings.Replace(good, "0.5", "half", 1) + "\n", `report: d.csv:2:`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := report.ReadDatasets(strings.NewReader(c.in), "d.csv")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}
