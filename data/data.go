// Package data holds the default timeline: the event file and its sources,
// embedded so that ties needs no files at run time.
package data

import "embed"

// FS holds events.yaml and the sources/ it quotes.
//
//go:embed events.yaml sources/*.md
var FS embed.FS
