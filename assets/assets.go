// Package assets holds the site's static files, embedded so that ties needs
// no files and no network at run time: its script, its style sheet, and the
// vendored ECharts.
package assets

import "embed"

// FS holds app.js, style.css, favicon.svg and vendor/.
//
//go:embed app.js style.css favicon.svg vendor
var FS embed.FS
