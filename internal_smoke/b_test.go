package smoke

import (
	"testing"

	"github.com/copnet/copnet/io/csvio"
)

func BenchmarkEmail(b *testing.B) {
	for b.Loop() {
		if _, _, err := csvio.Load("/work/shared/data/email-eu-core", csvio.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
func BenchmarkGen(b *testing.B) {
	for b.Loop() {
		if _, _, err := csvio.Load("/tmp/gen/1m", csvio.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
