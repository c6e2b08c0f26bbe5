package charts

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"ties/timeline"
)

// actorNode is an actor, sized by the number of its events. A click on it
// filters the page to its events.
type actorNode struct {
	opts.GraphNode
	item
	Filter map[string]string `json:"filter"`
}

// actorLink joins two actors named by the same events.
type actorLink struct {
	opts.GraphLink
	item
}

// settledForce is a force layout computed before the first frame; go-echarts
// has no field for ECharts' layoutAnimation.
type settledForce struct {
	opts.GraphForce
	LayoutAnimation bool `json:"layoutAnimation"`
}

// actorsZoom is the scale the network is drawn at, once laid out: the
// layout's forces spread it wider than a chart of 540 by 420, and at 0.8
// every node and name of the built-in timeline's 22 actors stays inside.
const actorsZoom = 0.8

// zoomedOut draws each graph series at a zoom; go-echarts has no field for
// a graph's zoom.
type zoomedOut struct {
	charts.BaseConfigurationVisitor
	zoom float64
}

type zoomedSeries struct {
	charts.SingleSeries
	Zoom float64 `json:"zoom"`
}

// VisitSeriesOpt gives every series the zoom.
func (v zoomedOut) VisitSeriesOpt(series charts.MultiSeries) any {
	out := make([]zoomedSeries, len(series))
	for i, s := range series {
		out[i] = zoomedSeries{SingleSeries: s, Zoom: v.zoom}
	}
	return out
}

// NodeSize is the diameter of an actor's node, in pixels, for n events.
func NodeSize(n int) float64 { return math.Round(10 + 8*math.Sqrt(float64(n))) }

// Actors returns the network of actors that appear together in events: a
// node per actor, sized by its number of events, and a link between two
// actors for each event that names both.
func Actors(t *timeline.Timeline) Option {
	actors := t.Actors()
	c := charts.NewGraph()
	desc := "Network of " + plural(len(actors), "actor") + " named together by events; a larger node is named by more events."
	c.SetGlobalOptions(append(base("actors", desc), charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))...)

	var nodes []actorNode
	for _, a := range actors {
		n := actorNode{Filter: map[string]string{"actor": a.Name}}
		n.Name, n.Value, n.SymbolSize = a.Name, float32(len(a.Events)), NodeSize(len(a.Events))
		n.Events = ids(a.Events)
		nodes = append(nodes, n)
	}
	var links []actorLink
	for i, a := range actors {
		for _, b := range actors[i+1:] {
			var both []*timeline.Event
			for _, e := range a.Events {
				for _, name := range e.Actors {
					if name == b.Name {
						both = append(both, e)
					}
				}
			}
			if len(both) == 0 {
				continue
			}
			l := actorLink{}
			l.Source, l.Target, l.Value = a.Name, b.Name, float32(len(both))
			l.Events = ids(both)
			links = append(links, l)
		}
	}
	c.AddSeries("Actors", nil, nil,
		charts.WithGraphChartOpts(opts.GraphChart{
			Layout:    "force",
			Roam:      opts.Bool(true),
			Draggable: opts.Bool(true),
			// Laid out from a circle, not from random places, so that the
			// network is the same at every visit.
			Force:     &opts.GraphForce{InitLayout: "circular", Repulsion: 260, Gravity: 0.08, EdgeLength: []int{60, 160}},
			Emphasis:  &opts.Emphasis{Focus: "adjacency"},
			LineStyle: &opts.LineStyle{Color: "source", Opacity: opts.Float(0.5), Curveness: 0.1},
		}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: "{b}"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: palette[0]}),
	)
	s := &c.MultiSeries[len(c.MultiSeries)-1]
	s.Data, s.Links = nodes, links
	// Lay the network out at once, so that it stands still when drawn.
	s.Force = settledForce{GraphForce: *s.Force.(*opts.GraphForce)}
	c.Accept(zoomedOut{zoom: actorsZoom})
	return finish(t, c)
}
