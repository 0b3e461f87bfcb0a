package dotio

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/copnet/copnet/graph"
)

// WriteSVG draws projection p of network n at the positions of layout l
// as a standalone SVG document: members as circles filled with their
// community's colour, sized by activity and outlined by role; ties as
// lines whose width grows with their weight (arrows on directed pictures
// of at most 400 arcs); a legend on the right; labels for the members
// opt.Labels asks for; a tooltip on every member. The canvas fits within
// opt.Width × opt.Height. The same input gives the same bytes.
func WriteSVG(w io.Writer, n *graph.Network, p *graph.Projection, l *Layout, opt Options) error {
	s, err := newScene(n, p, l, opt)
	if err != nil {
		return err
	}
	return s.writeSVG(w)
}

func (s *scene) writeSVG(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="Helvetica, Arial, sans-serif">`+"\n",
		coord(s.w), coord(s.h), coord(s.w), coord(s.h))
	if s.title != "" {
		fmt.Fprintf(bw, "<title>%s</title>\n", esc(s.title))
	}
	fmt.Fprintf(bw, `<rect width="%s" height="%s" fill="#ffffff"/>`+"\n", coord(s.w), coord(s.h))
	if s.title != "" {
		fmt.Fprintf(bw, `<text x="%s" y="%s" font-size="18" fill="#111111">%s</text>`+"\n", coord(margin), coord(margin+18), esc(s.title))
	}

	// Ties: one path per width (rounded to a quarter), so that thousands
	// of lines stay a few hundred kilobytes.
	if s.directed && len(s.edges) > 0 && s.edges[0].arrow {
		bw.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#555555"/></marker></defs>` + "\n")
	}
	opacity := "0.45"
	if len(s.edges) > 2000 {
		opacity = "0.18"
	} else if len(s.edges) > 300 {
		opacity = "0.3"
	}
	fmt.Fprintf(bw, `<g fill="none" stroke="#555555" stroke-opacity="%s" stroke-linecap="round">`+"\n", opacity)
	if len(s.edges) > 0 && s.edges[0].arrow {
		for _, e := range s.edges {
			fmt.Fprintf(bw, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke-width="%s" marker-end="url(#arrow)"/>`+"\n",
				coord(e.x1), coord(e.y1), coord(e.x2), coord(e.y2), num(e.width))
		}
	} else {
		// Ties of one width (rounded to a quarter) share paths of up to
		// 16 segments: far smaller than one element per line, and
		// renderers stroke a short path much faster than one long path
		// of crossing segments (librsvg: 1.2 s instead of 15 s for
		// email-eu-core's 16,064 ties).
		const perPath = 16
		type run struct {
			b *strings.Builder
			n int
		}
		byWidth := map[string]*run{}
		var widths []string
		flush := func(k string, r *run) {
			fmt.Fprintf(bw, `<path stroke-width="%s" d="%s"/>`+"\n", k, r.b.String())
			r.b.Reset()
			r.n = 0
		}
		for _, e := range s.edges {
			key := num(float64(int(e.width*4+0.5)) / 4)
			r := byWidth[key]
			if r == nil {
				r = &run{b: &strings.Builder{}}
				byWidth[key] = r
				widths = append(widths, key)
			}
			fmt.Fprintf(r.b, "M%s %sL%s %s", coord(e.x1), coord(e.y1), coord(e.x2), coord(e.y2))
			if r.n++; r.n == perPath {
				flush(key, r)
			}
		}
		// The rest, widths in order of first appearance.
		for _, k := range widths {
			if r := byWidth[k]; r.n > 0 {
				flush(k, r)
			}
		}
	}
	bw.WriteString("</g>\n<g>\n")
	for _, nd := range s.nodes {
		fmt.Fprintf(bw, `<circle cx="%s" cy="%s" r="%s" fill="%s"`, coord(nd.x), coord(nd.y), coord(nd.r), nd.fill)
		if nd.stroke != "" {
			fmt.Fprintf(bw, ` stroke="%s" stroke-width="%s"`, nd.stroke, num(nd.strokeW))
		}
		fmt.Fprintf(bw, "><title>%s</title></circle>\n", esc(nd.tip))
	}
	bw.WriteString("</g>\n")
	// Labels last, above every node, with a white halo.
	bw.WriteString(`<g font-size="11" fill="#111111" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">` + "\n")
	for _, nd := range s.nodes {
		if nd.labelled {
			fmt.Fprintf(bw, `<text x="%s" y="%s"%s>%s</text>`+"\n", coord(nd.lx), coord(nd.ly), anchorAttr[nd.anchor], esc(nd.label))
		}
	}
	bw.WriteString("</g>\n")

	// Legend.
	lx := s.w - legendW + 4
	y := margin
	if s.title != "" {
		y += titleH
	}
	fmt.Fprintf(bw, `<g font-size="12" fill="#222222">`+"\n")
	for _, it := range s.legend {
		y += rowH
		switch it.kind {
		case 0:
			fmt.Fprintf(bw, `<text x="%s" y="%s" font-weight="bold">%s</text>`+"\n", coord(lx), coord(y), esc(it.text))
		case 1, 2:
			fmt.Fprintf(bw, `<circle cx="%s" cy="%s" r="6" fill="%s"`, coord(lx+7), coord(y-4), it.fill)
			if it.stroke != "" {
				fmt.Fprintf(bw, ` stroke="%s" stroke-width="%s"`, it.stroke, num(it.strokeW))
			}
			fmt.Fprintf(bw, `/><text x="%s" y="%s">%s</text>`+"\n", coord(lx+20), coord(y), esc(it.text))
		default:
			fmt.Fprintf(bw, `<text x="%s" y="%s">%s</text>`+"\n", coord(lx), coord(y), esc(it.text))
		}
	}
	fmt.Fprintf(bw, `<text x="%s" y="%s" font-size="10" fill="#777777">%s</text>`+"\n", coord(lx), coord(s.h-margin/2), esc(s.note))
	bw.WriteString("</g>\n</svg>\n")
	return bw.Flush()
}

// RenderSVG lays projection p of network n out (NewLayout) and draws it
// (WriteSVG).
func RenderSVG(ctx context.Context, w io.Writer, n *graph.Network, p *graph.Projection, opt Options) error {
	l, err := NewLayout(ctx, n, p, opt)
	if err != nil {
		return err
	}
	return WriteSVG(w, n, p, l, opt)
}

// esc escapes text for XML; characters XML cannot hold become U+FFFD and
// line breaks spaces.
func esc(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// anchorAttr is the text-anchor attribute of a label's side (none for
// the default, start).
var anchorAttr = [...]string{anchorStart: "", anchorEnd: ` text-anchor="end"`, anchorMiddle: ` text-anchor="middle"`}
