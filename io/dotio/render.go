package dotio

import (
	"context"
	"fmt"
	"io"

	"github.com/goccy/go-graphviz"

	// Initialized before go-graphviz: see its package comment.
	_ "github.com/copnet/copnet/io/dotio/internal/gvcache"
)

// RenderSVG lays out DOT text with the given layout engine ("" for dot)
// and writes SVG, with Graphviz running as WebAssembly inside the process
// (no installed Graphviz needed).
func RenderSVG(ctx context.Context, dot []byte, layout string, w io.Writer) error {
	gv, err := graphviz.New(ctx)
	if err != nil {
		return fmt.Errorf("dotio: start graphviz: %w", err)
	}
	defer gv.Close()
	if layout != "" {
		gv.SetLayout(graphviz.Layout(layout))
	}
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("dotio: parse DOT: %w", err)
	}
	defer g.Close()
	if err := gv.Render(ctx, g, graphviz.SVG, w); err != nil {
		return fmt.Errorf("dotio: render SVG: %w", err)
	}
	return nil
}
