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

// Exchange density of the karate club and its two factions, and the
// knowledge items of the demo dataset that became shared, taken-for-granted
// knowledge.
func ExampleExternalize() {
	net, _, err := csvio.Load("../testdata/karate", csvio.Options{Strict: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := metrics.Externalize(net, metrics.ExternalizingOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range res.Exchange {
		fmt.Printf("%-8s n %2d density %.4f transitivity %.4f clustering %.4f E-I %.3f\n",
			net.ScopeID(e.Scope), e.Active, e.Density, e.Transitivity, e.AverageClustering, e.EIFlows)
	}

	demo, _, err := csvio.Demo()
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err = metrics.Externalize(demo, metrics.ExternalizingOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range res.Items {
		if it.ObjectifiedWindow >= 0 {
			fmt.Printf("%s objectified in %s\n", demo.Items[it.Item], res.Windows[it.ObjectifiedWindow].Label())
		}
	}
	// Output:
	// *        n 34 density 0.1390 transitivity 0.2557 clustering 0.5706 E-I -0.718
	// mr-hi    n 17 density 0.2574 transitivity 0.3920 clustering 0.7216 E-I -0.522
	// officer  n 17 density 0.2353 transitivity 0.2514 clustering 0.6313 E-I -0.488
	// discussion objectified in 2013
	// questions objectified in 2013
	// feature-request objectified in 2014
	// off-topic objectified in 2013
	// support objectified in 2013
	// close-reasons objectified in 2014
	// tags objectified in 2014
	// closed-questions objectified in 2015
}

// Structural holes, brokerage and community structure of the karate club.
func ExampleSocialCapitalOf() {
	net, _, err := csvio.Load("../testdata/karate", csvio.Options{Strict: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := metrics.SocialCapitalOf(net, metrics.SocialCapitalOptions{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, mc := range res.Members[:2] {
		fmt.Printf("member %s: constraint %.3f, effective size %.2f, betweenness %.4f, bonding %.3f\n",
			net.Members[mc.Member].ID, mc.Constraint, mc.EffectiveSize, mc.Betweenness, mc.BondingShare)
	}
	st := res.Structure
	fmt.Printf("declared modularity %.4f, Louvain %.4f (%d communities), NMI %.3f\n",
		st.DeclaredModularity, st.DetectedModularity, st.DetectedCommunities, st.NMI)
	// Output:
	// member 1: constraint 0.155, effective size 13.75, betweenness 0.4376, bonding 0.938
	// member 2: constraint 0.280, effective size 6.33, betweenness 0.0539, bonding 0.889
	// declared modularity 0.3582, Louvain 0.4198 (4 communities), NMI 0.588
}
