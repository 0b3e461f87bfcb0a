package metrics_test

import (
	"fmt"

	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/metrics"
)

// Core numbers, Borgatti–Everett coreness and roles of the karate club
// (one static window).
func ExampleInternalize() {
	net, _, err := csvio.Load("../testdata/karate", csvio.Options{Strict: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := metrics.Internalize(net, metrics.InternalizingOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	org := res.ScopeWindows[0] // organization first, then each community
	fmt.Printf("k_max %d, core %d, semi %d, periphery %d, discrete rho %.3f, continuous rho %.3f\n",
		org.KMax, org.CoreSize, org.SemiSize, org.PeripherySize, org.BERho, org.ContinuousRho)
	for _, mw := range res.MemberWindows[:3] {
		fmt.Printf("member %s: core number %d, coreness %.2f, BE coreness %.3f, %s\n",
			net.Members[mw.Member].ID, mw.CoreNumber, mw.Coreness, mw.BECoreness, mw.Role)
	}
	// Output:
	// k_max 4, core 9, semi 24, periphery 1, discrete rho 0.543, continuous rho 0.452
	// member 1: core number 4, coreness 1.00, BE coreness 0.977, core
	// member 2: core number 4, coreness 1.00, BE coreness 0.692, core
	// member 3: core number 4, coreness 1.00, BE coreness 0.866, core
}
