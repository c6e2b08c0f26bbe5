// Package assets holds the site's static files, embedded so that ties needs
// no files and no network at run time: its script, its style sheet, and the
// vendored ECharts.
package assets

import "embed"

// FS holds the scripts, the style sheet, the icon and vendor/.
//
//go:embed app.js drawn.js option.js server.js looks.js print.js axis.js lanes.js charts.js filtered.js legend.js actors.js reading.js keys.js live.js edit.js strip.js chronology.js lists.js player.js present.js look.js style.css favicon.svg vendor
var FS embed.FS
