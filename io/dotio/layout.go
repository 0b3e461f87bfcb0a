package dotio

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/copnet/copnet/graph"
)

// Engine says who lays a picture out.
type Engine int

// Engines.
const (
	// EngineAuto uses Graphviz when its layout program is on PATH, the
	// in-process layout otherwise.
	EngineAuto Engine = iota
	// EngineGraphviz runs Graphviz's own program (Options.Layout, sfdp by
	// default), found on PATH.
	EngineGraphviz
	// EngineGo runs the in-process force-directed layout.
	EngineGo
)

var engineNames = [...]string{"auto", "graphviz", "go"}

// String returns "auto", "graphviz" or "go".
func (e Engine) String() string {
	if e < 0 || int(e) >= len(engineNames) {
		return "Engine(" + strconv.Itoa(int(e)) + ")"
	}
	return engineNames[e]
}

// ParseEngine reads "auto", "graphviz" or "go".
func ParseEngine(s string) (Engine, error) {
	if i := slices.Index(engineNames[:], s); i >= 0 {
		return Engine(i), nil
	}
	return 0, fmt.Errorf("dotio: engine %q: want auto, graphviz or go", s)
}

// Bounds of the in-process layout. Measured on the shared 2-core
// development machine: a 10,000-member, 92,000-tie network takes 3 s of
// CPU (5 s on the clock), email-eu-core (986 members, 16,064 ties) 0.3 s;
// Graphviz's sfdp, a multilevel layout in C, goes much further.
const (
	DefaultMaxNodes = 10000
	DefaultMaxEdges = 100000
)

// ErrTooLarge is returned (wrapped, with the sizes) when a projection is
// beyond the in-process layout's bounds.
var ErrTooLarge = errors.New("too large for the in-process layout")

// ErrNoGraphviz is returned when EngineGraphviz is asked for and the
// layout program is not on PATH.
var ErrNoGraphviz = errors.New("Graphviz is not installed")

// Layout holds the positions of a projection's nodes, in arbitrary units
// with y growing upwards (Graphviz's convention). Pictures of other
// projections of the same network (a window of the period laid out) can
// be drawn with it: they share the frame, so members keep their place
// from one picture to the next.
type Layout struct {
	// Nodes are the member indices laid out, ascending (the projection's
	// Nodes); X and Y are aligned with them.
	Nodes []int32
	X, Y  []float64
	// Engine is the engine that ran: "graphviz sfdp" (the program), or
	// "go".
	Engine string
	// colours are fixed by the laid-out members, so that every picture
	// drawn with the layout colours a community the same way.
	col *colouring
	// net is the network laid out: pictures of another are refused.
	net *graph.Network
}

// At returns the position of member mi, and false when it was not laid
// out.
func (l *Layout) At(mi int32) (x, y float64, ok bool) {
	k, found := slices.BinarySearch(l.Nodes, mi)
	if !found {
		return 0, 0, false
	}
	return l.X[k], l.Y[k], true
}

// NewLayout lays projection p of network n out with the engine opt.Engine
// asks for. Graphviz runs under ctx: cancelling it kills the program at
// once. The in-process layout checks ctx between iterations and refuses
// projections beyond opt.MaxNodes nodes or opt.MaxEdges edges with
// ErrTooLarge.
func NewLayout(ctx context.Context, n *graph.Network, p *graph.Projection, opt Options) (*Layout, error) {
	prog := opt.Layout
	if prog == "" {
		prog = "sfdp"
	}
	var l *Layout
	var err error
	switch opt.Engine {
	case EngineGo:
		l, err = layoutGo(ctx, p, opt)
	case EngineGraphviz:
		l, err = layoutGraphviz(ctx, n, p, prog, opt)
	case EngineAuto:
		switch _, lerr := exec.LookPath(prog); {
		case lerr == nil:
			l, err = layoutGraphviz(ctx, n, p, prog, opt)
		case opt.Layout != "" && graphvizInstalled():
			// A layout program named by the user that Graphviz lacks is
			// a mistake to say, not to draw around.
			return nil, missingProgram(prog, lerr)
		default:
			l, err = layoutGo(ctx, p, opt)
		}
	default:
		return nil, fmt.Errorf("dotio: unknown engine %v", opt.Engine)
	}
	if err != nil {
		return nil, err
	}
	l.col = colours(n, l.Nodes)
	l.net = n
	return l, nil
}

// layoutGraphviz runs the Graphviz program on the projection's DOT and
// reads the positions from its plain output.
func layoutGraphviz(ctx context.Context, n *graph.Network, p *graph.Projection, prog string, opt Options) (*Layout, error) {
	bin, err := exec.LookPath(prog)
	if err != nil {
		return nil, missingProgram(prog, err)
	}
	// The layout needs no labels, titles or tooltips: only the nodes,
	// their sizes and the ties.
	var dot bytes.Buffer
	lopt := Options{Undirected: true, Layout: prog, Roles: nil}
	if err := Write(&dot, n, p, lopt); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, bin, "-Tplain")
	cmd.Stdin = &dot
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	// CommandContext kills the program when ctx is done; WaitDelay bounds
	// the wait for its pipes after that.
	cmd.WaitDelay = 500 * time.Millisecond
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("dotio: %s: %w", prog, ctx.Err())
		}
		return nil, fmt.Errorf("dotio: %s: %w: %s", prog, err, strings.TrimSpace(stderr.String()))
	}
	l, err := parsePlain(out.Bytes(), p)
	if err != nil {
		return nil, fmt.Errorf("dotio: %s: %w", prog, err)
	}
	l.Engine = "graphviz " + prog
	return l, nil
}

// parsePlain reads node positions from Graphviz's -Tplain output: lines
// "node NAME X Y ..." where NAME is m<member index>.
func parsePlain(out []byte, p *graph.Projection) (*Layout, error) {
	l := &Layout{Nodes: p.Nodes, X: make([]float64, p.N()), Y: make([]float64, p.N())}
	seen := make([]bool, p.N())
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || f[0] != "node" {
			continue
		}
		mi, err := strconv.ParseInt(strings.TrimPrefix(strings.Trim(f[1], `"`), "m"), 10, 32)
		if err != nil {
			return nil, fmt.Errorf("plain output: node %q: %w", f[1], err)
		}
		k, ok := slices.BinarySearch(p.Nodes, int32(mi))
		if !ok {
			return nil, fmt.Errorf("plain output: unknown node %q", f[1])
		}
		x, errx := strconv.ParseFloat(f[2], 64)
		y, erry := strconv.ParseFloat(f[3], 64)
		if err := errors.Join(errx, erry); err != nil {
			return nil, fmt.Errorf("plain output: node %q: %w", f[1], err)
		}
		l.X[k], l.Y[k], seen[k] = x, y, true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("plain output: %w", err)
	}
	if i := slices.Index(seen, false); i >= 0 {
		return nil, fmt.Errorf("plain output: node m%d missing", p.Nodes[i])
	}
	return l, nil
}

// layoutGo is a force-directed layout in the manner of ForceAtlas2
// (Jacomy et al. 2014, PLoS ONE 9(6): e98679): attraction along each
// edge linear in distance, repulsion between every pair proportional to
// (deg+1)(deg+1)/distance, approximated by a Barnes–Hut quadtree
// (θ = 1.5), gravity towards the centre so that components stay together,
// and a temperature that cools linearly over a fixed number of
// iterations. Starting positions come from opt.Seed; the result depends
// only on the projection and the seed.
func layoutGo(ctx context.Context, p *graph.Projection, opt Options) (*Layout, error) {
	maxN, maxE := opt.MaxNodes, opt.MaxEdges
	if maxN <= 0 {
		maxN = DefaultMaxNodes
	}
	if maxE <= 0 {
		maxE = DefaultMaxEdges
	}
	nn, ne := p.N(), p.Edges()
	if nn > maxN || ne > maxE {
		return nil, fmt.Errorf("dotio: %d members and %d ties: %w (at most %d members and %d ties)", nn, ne, ErrTooLarge, maxN, maxE)
	}
	l := &Layout{Nodes: p.Nodes, X: make([]float64, nn), Y: make([]float64, nn), Engine: "go"}
	if nn == 0 {
		return l, nil
	}
	fa := newForces(p, opt.Seed)
	// 400 iterations settle a thousand members; larger networks get fewer,
	// so that the bound costs a few seconds, not minutes.
	iters := 400
	if nn > 2000 {
		iters = max(200, 400*2000/nn)
	}
	for it := range iters {
		if it%8 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("dotio: layout: %w", err)
			}
		}
		fa.step(1 - float64(it)/float64(iters))
	}
	copy(l.X, fa.x)
	copy(l.Y, fa.y)
	return l, nil
}

// forces is the state of the in-process layout.
type forces struct {
	p          *graph.Projection
	x, y       []float64
	dx, dy     []float64
	mass       []float64
	t0         float64
	tree       quadtree
	kr, gravit float64
}

func newForces(p *graph.Projection, seed uint64) *forces {
	nn := p.N()
	f := &forces{p: p, x: make([]float64, nn), y: make([]float64, nn), dx: make([]float64, nn), dy: make([]float64, nn), mass: make([]float64, nn)}
	rng := splitmix(seed)
	side := math.Sqrt(float64(nn)) * 10
	for i := range nn {
		f.x[i] = (rng.float() - 0.5) * side
		f.y[i] = (rng.float() - 0.5) * side
		f.mass[i] = float64(p.UOff[i+1]-p.UOff[i]) + 1
	}
	f.t0 = side / 8
	f.kr = 10
	f.gravit = 1
	return f
}

// step moves every node by its net force, capped by the temperature
// (frac of the initial one).
func (f *forces) step(frac float64) {
	nn := len(f.x)
	clear(f.dx)
	clear(f.dy)
	f.tree.build(f.x, f.y, f.mass)
	for i := range nn {
		fx, fy := f.tree.repulse(i, f.x[i], f.y[i], f.mass[i], f.kr)
		// Gravity, stronger for heavy nodes, constant in distance.
		d := math.Hypot(f.x[i], f.y[i])
		if d > 0 {
			g := f.gravit * f.mass[i]
			fx -= g * f.x[i] / d
			fy -= g * f.y[i] / d
		}
		f.dx[i] += fx
		f.dy[i] += fy
	}
	p := f.p
	for i := range nn {
		for k := p.UOff[i]; k < p.UOff[i+1]; k++ {
			j := int(p.U[k])
			if j <= i {
				continue
			}
			ax, ay := f.x[j]-f.x[i], f.y[j]-f.y[i]
			f.dx[i] += ax
			f.dy[i] += ay
			f.dx[j] -= ax
			f.dy[j] -= ay
		}
	}
	t := f.t0*frac + 0.01
	for i := range nn {
		// Heavy nodes move less, so hubs settle and leaves swing round
		// them.
		mx, my := f.dx[i]/f.mass[i], f.dy[i]/f.mass[i]
		d := math.Hypot(mx, my)
		if d > t {
			mx, my = mx*t/d, my*t/d
		}
		f.x[i] += mx
		f.y[i] += my
	}
}

// quadtree is a Barnes–Hut tree over the node positions, rebuilt on each
// step; cells live in one slice, children by index.
type quadtree struct {
	cells []cell
	x, y  []float64
	mass  []float64
}

type cell struct {
	cx, cy, half float64 // square: centre and half side
	mx, my, m    float64 // mass-weighted position sum (centre of mass once built) and mass
	child        [4]int32
	body         int32 // the one node of a leaf, -1 for an inner or empty cell
	leaf         bool
}

const maxDepth = 40

// theta is the Barnes–Hut opening criterion: a cell of side s at distance
// d acts as one body when s/d < theta (ForceAtlas2's default is 1.2; 1.5
// is a third faster and draws the same shapes at screen resolution).
const theta = 1.5

// collide is the distance below which two nodes repel each other
// strongly (in layout units, where tied leaves settle about 6 apart).
const collide = 12.0

func (q *quadtree) build(x, y, mass []float64) {
	q.x, q.y, q.mass = x, y, mass
	q.cells = q.cells[:0]
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for i := range x {
		minX, maxX = min(minX, x[i]), max(maxX, x[i])
		minY, maxY = min(minY, y[i]), max(maxY, y[i])
	}
	half := max(maxX-minX, maxY-minY)/2 + 1
	q.cells = append(q.cells, cell{cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, half: half, body: -1})
	for i := range x {
		q.insert(0, int32(i), 0)
	}
	for k := range q.cells {
		c := &q.cells[k]
		if c.m > 0 {
			c.mx, c.my = c.mx/c.m, c.my/c.m
		}
		c.leaf = c.child == [4]int32{}
	}
}

func (q *quadtree) newCell(parent int32, quad int) int32 {
	p := &q.cells[parent]
	h := p.half / 2
	cx, cy := p.cx-h, p.cy-h
	if quad&1 != 0 {
		cx = p.cx + h
	}
	if quad&2 != 0 {
		cy = p.cy + h
	}
	q.cells = append(q.cells, cell{cx: cx, cy: cy, half: h, body: -1})
	return int32(len(q.cells) - 1)
}

func (q *quadtree) quadrant(c int32, i int32) int {
	quad := 0
	if q.x[i] >= q.cells[c].cx {
		quad |= 1
	}
	if q.y[i] >= q.cells[c].cy {
		quad |= 2
	}
	return quad
}

func (q *quadtree) insert(c int32, i int32, depth int) {
	for {
		cl := &q.cells[c]
		wasEmpty := cl.m == 0
		cl.mx += q.x[i] * q.mass[i]
		cl.my += q.y[i] * q.mass[i]
		cl.m += q.mass[i]
		if wasEmpty {
			cl.body = i
			return
		}
		if depth >= maxDepth {
			// Coincident nodes: keep them together in this cell.
			cl.body = -1
			return
		}
		if b := cl.body; b >= 0 {
			// A leaf becomes inner: push its node down.
			cl.body = -1
			quad := q.quadrant(c, b)
			ch := q.newCell(c, quad)
			q.cells[c].child[quad] = ch
			cc := &q.cells[ch]
			cc.mx, cc.my, cc.m, cc.body = q.x[b]*q.mass[b], q.y[b]*q.mass[b], q.mass[b], b
		}
		quad := q.quadrant(c, i)
		ch := q.cells[c].child[quad]
		if ch == 0 {
			ch = q.newCell(c, quad)
			q.cells[c].child[quad] = ch
		}
		c = ch
		depth++
	}
}

// repulse returns the repulsion on node i at (x, y) of mass m.
func (q *quadtree) repulse(i int, x, y, m, kr float64) (fx, fy float64) {
	const theta2 = theta * theta
	var stack [4*maxDepth + 8]int32
	sp := 0
	stack[sp] = 0
	sp++
	for sp > 0 {
		sp--
		cl := &q.cells[stack[sp]]
		if cl.m == 0 || cl.body == int32(i) {
			continue
		}
		px, py := cl.mx, cl.my
		ddx, ddy := x-px, y-py
		d2 := ddx*ddx + ddy*ddy
		leaf := cl.leaf
		if leaf || 4*cl.half*cl.half < theta2*d2 {
			mm := cl.m
			if leaf && cl.body < 0 {
				// A cell of coincident nodes that may hold i itself.
				if x == px && y == py {
					mm -= m
				}
			}
			if d2 < 0.01 {
				d2 = 0.01
				ddx, ddy = 0.1, 0
				if i%2 == 1 {
					ddx = -0.1
				}
			}
			s := kr * m * mm / d2
			if leaf && d2 < collide*collide {
				// Two members nearly on top of each other: push them
				// apart whatever their degrees, so that the leaves of a
				// hub fan out instead of piling up.
				s += kr * m * (collide/math.Sqrt(d2) - 1)
			}
			fx += ddx * s
			fy += ddy * s
			continue
		}
		for _, ch := range cl.child {
			if ch != 0 {
				stack[sp] = ch
				sp++
			}
		}
	}
	return fx, fy
}

// rng is splitmix64 (Steele, Lea & Flood 2014): a few lines, the same
// sequence on every platform and Go version.
type rng struct{ s uint64 }

func splitmix(seed uint64) *rng { return &rng{s: seed} }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// ErrNoLayoutProgram reports a layout program that Graphviz, installed,
// does not have.
var ErrNoLayoutProgram = errors.New("no such Graphviz layout program")

// graphvizInstalled reports whether Graphviz's dot is on PATH.
func graphvizInstalled() bool {
	_, err := exec.LookPath("dot")
	return err == nil
}

// missingProgram says why the layout program prog cannot run: Graphviz
// is not installed, or it has no program of that name.
func missingProgram(prog string, err error) error {
	if graphvizInstalled() {
		return fmt.Errorf("dotio: %w %q on PATH (Graphviz's are sfdp, neato, fdp, dot, circo, twopi …): %v", ErrNoLayoutProgram, prog, err)
	}
	return fmt.Errorf("dotio: %w: no %s program on PATH (%v)", ErrNoGraphviz, prog, err)
}
