package dotio

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"

	"github.com/copnet/copnet/graph"
)

// WritePNG draws the same picture as WriteSVG as a PNG image of the
// canvas' size, in pure Go: ties, members, role outlines and the legend's
// swatches, but no text (titles, labels and legend text need a font; the
// SVG has them).
func WritePNG(w io.Writer, n *graph.Network, p *graph.Projection, l *Layout, opt Options) error {
	s, err := newScene(n, p, l, opt)
	if err != nil {
		return err
	}
	return s.writePNG(w)
}

// Picture is a network picture ready to show: gophernotes displays a
// value with SVG and PNG methods itself, and GoNB users pass SVG() to
// gonbui.DisplaySVG.
type Picture struct{ s *scene }

// NewPicture lays projection p of network n out (NewLayout) and places it
// on the canvas.
func NewPicture(ctx context.Context, n *graph.Network, p *graph.Projection, opt Options) (*Picture, error) {
	l, err := NewLayout(ctx, n, p, opt)
	if err != nil {
		return nil, err
	}
	s, err := newScene(n, p, l, opt)
	if err != nil {
		return nil, err
	}
	return &Picture{s}, nil
}

// SVG returns the picture as an SVG document (see WriteSVG).
func (pc *Picture) SVG() string {
	var b bytes.Buffer
	pc.s.writeSVG(&b) // writing to memory cannot fail
	return b.String()
}

// PNG returns the picture as a PNG image (see WritePNG).
func (pc *Picture) PNG() []byte {
	var b bytes.Buffer
	pc.s.writePNG(&b) // writing to memory cannot fail
	return b.Bytes()
}

func (s *scene) writePNG(w io.Writer) error {
	width, height := int(math.Ceil(s.w)), int(math.Ceil(s.h))
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	opacity := 0.45
	if len(s.edges) > 2000 {
		opacity = 0.18
	} else if len(s.edges) > 300 {
		opacity = 0.3
	}
	edge := parseHex("#555555")
	for _, e := range s.edges {
		line(img, e.x1, e.y1, e.x2, e.y2, edge, opacity*min(e.width, 1.5))
	}
	for _, nd := range s.nodes {
		disc(img, nd.x, nd.y, nd.r, parseHex(nd.fill), nd.stroke, nd.strokeW)
	}
	lx := s.w - legendW + 4
	y := margin
	if s.title != "" {
		y += titleH
	}
	for _, it := range s.legend {
		y += rowH
		if it.kind == 1 || it.kind == 2 {
			disc(img, lx+7, y-4, 6, parseHex(it.fill), it.stroke, it.strokeW)
		}
	}
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("dotio: png: %w", err)
	}
	return nil
}

// parseHex reads "#rrggbb"; anything else is mid grey.
func parseHex(s string) color.RGBA {
	if len(s) != 7 || s[0] != '#' {
		return color.RGBA{128, 128, 128, 255}
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.RGBA{128, 128, 128, 255}
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}

// blend paints colour c over pixel (x, y) with coverage a in [0, 1].
func blend(img *image.RGBA, x, y int, c color.RGBA, a float64) {
	if !(image.Point{x, y}.In(img.Rect)) || a <= 0 {
		return
	}
	a = min(a, 1)
	o := img.PixOffset(x, y)
	px := img.Pix[o : o+3 : o+3]
	px[0] = uint8(float64(px[0])*(1-a) + float64(c.R)*a + 0.5)
	px[1] = uint8(float64(px[1])*(1-a) + float64(c.G)*a + 0.5)
	px[2] = uint8(float64(px[2])*(1-a) + float64(c.B)*a + 0.5)
}

// line draws an antialiased one-pixel line (Wu's algorithm: each step
// splits its coverage between the two pixels nearest the line).
func line(img *image.RGBA, x1, y1, x2, y2 float64, c color.RGBA, a float64) {
	dx, dy := x2-x1, y2-y1
	steps := int(math.Ceil(max(math.Abs(dx), math.Abs(dy))))
	if steps == 0 {
		blend(img, int(x1), int(y1), c, a)
		return
	}
	steep := math.Abs(dy) > math.Abs(dx)
	for k := 0; k <= steps; k++ {
		t := float64(k) / float64(steps)
		x, y := x1+dx*t, y1+dy*t
		if steep {
			fx := math.Floor(x - 0.5)
			f := x - 0.5 - fx
			blend(img, int(fx), int(math.Floor(y)), c, a*(1-f))
			blend(img, int(fx)+1, int(math.Floor(y)), c, a*f)
		} else {
			fy := math.Floor(y - 0.5)
			f := y - 0.5 - fy
			blend(img, int(math.Floor(x)), int(fy), c, a*(1-f))
			blend(img, int(math.Floor(x)), int(fy)+1, c, a*f)
		}
	}
}

// disc fills a circle with an optional outline, antialiased by the
// distance of each pixel centre to the rim.
func disc(img *image.RGBA, cx, cy, r float64, fill color.RGBA, stroke string, sw float64) {
	outer := r
	var sc color.RGBA
	if stroke != "" && sw > 0 {
		outer = r + sw/2
		sc = parseHex(stroke)
	}
	for y := int(math.Floor(cy - outer - 1)); y <= int(math.Ceil(cy+outer+1)); y++ {
		for x := int(math.Floor(cx - outer - 1)); x <= int(math.Ceil(cx+outer+1)); x++ {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			blend(img, x, y, fill, r+0.5-d)
			if stroke != "" && sw > 0 {
				blend(img, x, y, sc, min(sw/2+0.5-math.Abs(d-r), 1))
			}
		}
	}
}
