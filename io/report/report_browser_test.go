package report_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	cdplog "github.com/chromedp/cdproto/log"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/dotio"
	"github.com/copnet/copnet/io/report"
	"github.com/copnet/copnet/metrics"
)

// chromium returns the path of a Chromium or Chrome binary, or skips.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("COPNET_REQUIRE_CHROMIUM") != "" {
		t.Fatal("COPNET_REQUIRE_CHROMIUM is set but no Chromium is installed")
	}
	t.Skip("no Chromium: install it (Debian: apt-get install -y chromium) to open the report in a browser")
	return ""
}

// TestReportInBrowser opens the demo's report from a file in headless
// Chromium: no console error, no request beyond the file itself, and
// every chart drawn where it stands in a full-page screenshot. With
// -update it also writes the README's screenshot of the top of the page.
func TestReportInBrowser(t *testing.T) {
	bin := chromium(t)
	a := demoAnalysis(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	// The network picture as netmetrics report draws it, laid out in
	// process so that the screenshot is the same on every machine.
	net := a.Network
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	wr := metrics.AssignRoles(p, a.Options.Roles, a.Options.ExactNodes)
	o := dotio.Options{Labels: 15, Engine: dotio.EngineGo, Roles: make([]dotio.Role, len(wr.Roles))}
	for i, r := range wr.Roles {
		o.Roles[i] = dotio.Role(r)
	}
	pic, err := dotio.NewPicture(context.Background(), net, p, o)
	if err != nil {
		t.Fatal(err)
	}
	ropt := report.ReportOptions{NetworkSVG: pic.SVG(), NetworkNote: "The whole organization over the whole period."}
	if err := report.WriteFiles(context.Background(), dir, []report.File{a.ReportFile("report.html", ropt)}); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(1200, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	var mu sync.Mutex
	var problems, requests []string
	url := "file://" + file
	// Listen starts the browser; the actions below run under a timeout
	// derived from its context.
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				problems = append(problems, "console "+string(e.Type))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
				problems = append(problems, "log: "+e.Entry.Text)
			}
		case *network.EventRequestWillBeSent:
			if e.Request.URL != url {
				requests = append(requests, e.Request.URL)
			}
		}
	})
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	tctx, tcancel := context.WithTimeout(ctx, 60*time.Second)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(1200, 900), chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	type box struct{ X, Y, W, H float64 }
	boxes, err := chromedp.Run(tctx, chromedp.Evaluate[[]box](`Array.from(document.querySelectorAll("figure.chart svg")).map(e => {
		const r = e.getBoundingClientRect();
		return {X: r.left + window.scrollX, Y: r.top + window.scrollY, W: r.width, H: r.height};
	})`))
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	// The claims section, as laid out: its top and bottom, and its items.
	type span struct{ Top, Bottom, Items float64 }
	claims, err := chromedp.Run(tctx, chromedp.Evaluate[span](`(() => {
		const s = document.getElementById("claims"), r = s.getBoundingClientRect();
		return {Top: r.top + window.scrollY, Bottom: r.bottom + window.scrollY, Items: s.querySelectorAll("li").length};
	})()`))
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	network, err := chromedp.Run(tctx, chromedp.Evaluate[box](`(() => {
		const r = document.querySelector("#network-picture svg").getBoundingClientRect();
		return {X: r.left + window.scrollX, Y: r.top + window.scrollY, W: r.width, H: r.height};
	})()`))
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	shot, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	charts := len(boxes)
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("console errors: %q", problems)
	}
	if len(requests) > 0 {
		t.Errorf("requests beyond the file: %q", requests)
	}
	if charts != 8 {
		t.Fatalf("%d charts in the page, want 7 and the network", charts)
	}
	if int(claims.Items) != len(a.Findings()) || claims.Bottom-claims.Top < 300 {
		t.Errorf("claims section: %v items over %v px, want %d findings", claims.Items, claims.Bottom-claims.Top, len(a.Findings()))
	}
	if network.W < 800 || network.H < 400 {
		t.Errorf("network picture drawn %v × %v px: too small", network.W, network.H)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	for i, b := range boxes {
		r := image.Rect(int(b.X), int(b.Y), int(b.X+b.W), int(b.Y+b.H)).Intersect(img.Bounds())
		if r.Dx() < 300 || r.Dy() < 150 {
			t.Errorf("chart %d drawn at %v: too small", i, r)
			continue
		}
		if ink := inkShare(img, r); ink < 0.03 {
			t.Errorf("chart %d at %v is %.1f%% ink: blank", i, r, ink*100)
		}
	}
	if updating() {
		// The README's picture: the top of the page, to the network
		// picture's end (the claims section above it).
		top := image.Rect(0, 0, img.Bounds().Dx(), min(img.Bounds().Dy(), int(network.Y+network.H)+70))
		sub := image.NewRGBA(image.Rect(0, 0, top.Dx(), top.Dy()))
		for y := range top.Dy() {
			for x := range top.Dx() {
				sub.Set(x, y, img.At(x, y))
			}
		}
		var b bytes.Buffer
		if err := png.Encode(&b, sub); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "testdata", "report-screenshot.png"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// inkShare is the share of pixels of r that are not near white.
func inkShare(img image.Image, r image.Rectangle) float64 {
	ink, all := 0, 0
	// Every pixel: a line one pixel wide falls between the samples of a
	// sparser grid.
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			all++
			if cr < 0xf000 || cg < 0xf000 || cb < 0xf000 {
				ink++
			}
		}
	}
	return float64(ink) / float64(all)
}
