package metrics

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/copnet/copnet/graph"
)

// Role is a member's position in a window.
type Role int8

// Roles, from outside to inside.
const (
	Absent Role = iota
	Periphery
	Semi
	Core
)

var roleNames = [...]string{"absent", "periphery", "semi", "core"}

// String returns "absent", "periphery", "semi" or "core".
func (r Role) String() string { return roleNames[r] }

// Letter is the role's one-letter code in role sequences: - P S C.
func (r Role) Letter() byte { return "-PSC"[r] }

// RoleMethod says how roles are assigned in a window.
type RoleMethod struct {
	Kind RoleKind
	// Threshold is the normalized coreness a member needs to be core with
	// KCoreRoles.
	Threshold float64
}

// RoleKind names a role method.
type RoleKind int

// Role methods.
const (
	// BERoles: core is the Borgatti–Everett discrete fit; semi-periphery
	// are the other members tied to a core member; periphery the rest.
	BERoles RoleKind = iota
	// OnionRoles: members sorted by activity (flows sent and received);
	// core are the most active accounting for 80% of the activity,
	// semi-periphery the next 15%, periphery the last 5% (the "onion"
	// model of Crowston & Howison 2005, as CHAOSS counts core
	// contributors).
	OnionRoles
	// KCoreRoles: core are the members whose normalized coreness k/k_max
	// is at least Threshold; semi-periphery and periphery as for BERoles.
	KCoreRoles
)

// ErrRoleMethod reports an unknown role method.
var ErrRoleMethod = errors.New("invalid role method")

// ParseRoleMethod reads "be", "onion" or "kcore:X" with 0 < X ≤ 1.
func ParseRoleMethod(s string) (RoleMethod, error) {
	switch s {
	case "be":
		return RoleMethod{Kind: BERoles}, nil
	case "onion":
		return RoleMethod{Kind: OnionRoles}, nil
	}
	if rest, ok := strings.CutPrefix(s, "kcore:"); ok {
		x, err := strconv.ParseFloat(rest, 64)
		if err == nil && x > 0 && x <= 1 {
			return RoleMethod{Kind: KCoreRoles, Threshold: x}, nil
		}
	}
	return RoleMethod{}, fmt.Errorf("metrics: roles %q: want be, onion or kcore:X with 0 < X ≤ 1: %w", s, ErrRoleMethod)
}

// String returns the method in the syntax ParseRoleMethod reads.
func (m RoleMethod) String() string {
	switch m.Kind {
	case OnionRoles:
		return "onion"
	case KCoreRoles:
		return "kcore:" + strconv.FormatFloat(m.Threshold, 'g', -1, 64)
	}
	return "be"
}

// tiedRoles marks core nodes Core, nodes tied to a core node Semi, and the
// other active nodes Periphery.
func tiedRoles(p *graph.Projection, core []bool, roles []Role) {
	for i := range p.Nodes {
		switch {
		case !p.Active[i]:
			roles[i] = Absent
		case core[i]:
			roles[i] = Core
		default:
			roles[i] = Periphery
			for _, j := range p.Neighbours(i) {
				if core[j] {
					roles[i] = Semi
					break
				}
			}
		}
	}
}

// onionRoles ranks active nodes by activity (ties by member index) and cuts
// the cumulative activity at 80% and 95%.
func onionRoles(p *graph.Projection, activity []float64, roles []Role) {
	total := 0.0
	var order []int
	for i := range p.Nodes {
		roles[i] = Absent
		if p.Active[i] {
			total += activity[i]
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(activity[b], activity[a]) })
	cum := 0.0
	for _, i := range order {
		// A member is core while the activity of those ranked above it
		// is below 80% of the total: the smallest set reaching 80%.
		switch {
		case cum < 0.80*total:
			roles[i] = Core
		case cum < 0.95*total:
			roles[i] = Semi
		default:
			roles[i] = Periphery
		}
		cum += activity[i]
	}
}
