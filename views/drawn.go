package views

// Drawn is a chart as the server drew it with ECharts.
type Drawn struct {
	SVG   string // ECharts' SVG, whose texts ECharts escaped
	Items any    // what its marks stand for, by series and index, for their tooltips and clicks
	Look  string // the look it is drawn in
	// Width and Height are the size it was drawn at, in CSS pixels.
	Width, Height int
}

// Image is a picture of a page, for the previews that sites and chats
// show of a link to it (og:image).
type Image struct {
	URL    string
	Width  int
	Height int
	Alt    string
}
