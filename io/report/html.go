package report

import (
	"html"
	"strings"
)

// scopedCSS styles the notebook display; every rule is under .copnet so
// that it leaves the notebook's own style alone.
const scopedCSS = `
.copnet{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;line-height:1.4;color:#1a1a1a}
.copnet table{border-collapse:collapse;font-size:0.85em;margin:0.4em 0 1em}
.copnet caption{text-align:left;font-weight:600;padding:0.2em 0}
.copnet caption .note{font-weight:400;color:#555}
.copnet th,.copnet td{padding:0.2em 0.6em;border-bottom:1px solid #ddd;text-align:left;white-space:nowrap}
.copnet th{background:#f3f5f8;white-space:normal;vertical-align:bottom}
.copnet th.group{text-align:center;border-bottom:2px solid #9bb0c9;background:#e6ecf3}
.copnet .num{text-align:right;font-variant-numeric:tabular-nums}
.copnet .table{overflow-x:auto;max-width:100%}
.copnet dl.facts{display:grid;grid-template-columns:max-content auto;gap:0.15em 1em;margin:0.5em 0 1em}
.copnet dl.facts dt{font-weight:600;color:#333}
.copnet dl.facts dd{margin:0}
.copnet figure{margin:1em 0 1.6em}
.copnet figure svg,.copnet figure img{max-width:100%;height:auto;display:block}
.copnet figcaption{font-size:0.9em;color:#444;max-width:60em}
.copnet dl.defs dt{font-weight:600;margin-top:0.6em}
.copnet dl.defs dd{margin:0.1em 0 0 1.2em}
.copnet .ref{color:#555;font-size:0.92em}
.copnet .hook{border:2px dashed #c0c8d2;padding:1em;color:#555;background:#fafbfc}
.copnet #comparison th,.copnet #comparison td{padding:0.2em 0.4em}
.copnet ul.findings li{margin:0.25em 0}
`

// pageCSS adds the page layout of the standalone documents.
const pageCSS = `
body{margin:0;background:#fff}
main.copnet{max-width:1200px;margin:0 auto;padding:1.5em 2em 4em}
main.copnet h1{font-size:1.7em;margin:0.2em 0 0.3em}
main.copnet h2{font-size:1.3em;margin:1.6em 0 0.4em;border-bottom:1px solid #ccd;padding-bottom:0.2em}
main.copnet h3{font-size:1.1em;margin:1.2em 0 0.3em}
main.copnet nav{font-size:0.9em;margin-bottom:1em}
main.copnet nav a{margin-right:1em}
`

// contentPolicy forbids every request: the page needs nothing beyond its
// own inline style and pictures.
const contentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

// page wraps a body in a self-contained HTML document: inline style, no
// script, no font or picture from the network. The markup is also
// well-formed XML (void elements closed), so XML tools read it too.
func page(title, body string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
	b.WriteString(`<meta http-equiv="Content-Security-Policy" content="` + contentPolicy + `" />` + "\n")
	b.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1" />` + "\n")
	b.WriteString(`<meta name="generator" content="copnet" />` + "\n")
	b.WriteString("<title>" + html.EscapeString(title) + "</title>\n<style>" + scopedCSS + pageCSS + "</style>\n</head>\n<body>\n")
	b.WriteString(`<main class="copnet">` + "\n<h1>" + html.EscapeString(title) + "</h1>\n")
	b.WriteString(body)
	b.WriteString("</main>\n</body>\n</html>\n")
	return b.String()
}
