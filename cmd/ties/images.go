package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"ties/timeline"
	"ties/timeline/charts"
	"ties/timeline/draw"
)

// imageSize is the size of a chart's picture: the size that sites and chats
// show a link's picture at, which a page or a newsletter scales down.
var imageSize = [2]int{1200, 630}

// paperOf is the background of a look, which a picture is drawn on.
func paperOf(look string) string {
	for _, l := range charts.Looks {
		if l.Name == look {
			return l.Background
		}
	}
	return "#ffffff"
}

// imageFilters are the filters a chart's picture takes, as its embed does.
var imageFilters = []string{"theme", "actor", "from", "to", "q"}

// visibleEvents are the events of t that the filters in q keep, as the
// pages' script keeps them (app.js, ties.visibleSet): a theme by its id, an
// actor by name, the years from and to, and every word searched for.
func visibleEvents(t *timeline.Timeline, q url.Values) []*timeline.Event {
	theme, actor := strings.TrimSpace(q.Get("theme")), strings.TrimSpace(q.Get("actor"))
	from, errFrom := strconv.Atoi(strings.TrimSpace(q.Get("from")))
	to, errTo := strconv.Atoi(strings.TrimSpace(q.Get("to")))
	words := strings.Fields(strings.ToLower(q.Get("q")))
	var out []*timeline.Event
	for _, e := range t.Events {
		first, last := e.Years()
		switch {
		case theme != "" && e.Theme.ID != theme:
		case actor != "" && !slices.Contains(e.Actors, actor):
		case errFrom == nil && last < from:
		case errTo == nil && first > to:
		case len(words) > 0 && !allIn(searchText(e), words):
		default:
			out = append(out, e)
		}
	}
	return out
}

func allIn(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// filtered says whether q filters the events.
func filtered(q url.Values) bool {
	for _, f := range imageFilters {
		if strings.TrimSpace(q.Get(f)) != "" {
			return true
		}
	}
	return false
}

// filteredOption is the option of the chart of kind for the events q
// keeps, drawn as the pages draw the chart of every event (drawOption).
func (s *Server) filteredOption(kind string, q url.Values) (json.RawMessage, error) {
	sub := *s.timeline
	sub.Events = visibleEvents(s.timeline, q)
	if len(sub.Events) == 0 {
		return nil, timeline.Errorf(timeline.ENOTFOUND, "No event is left by these filters: take some off.")
	}
	var o any
	if kind == charts.KindChronology && len(sub.Events) > charts.OverviewFrom {
		o = charts.ChronologyOverview(&sub)
	} else {
		o = s.optionOf(&sub, kind)
	}
	return json.Marshal(o)
}

// handleImage handles "GET /embed/{kind}.svg" and "GET /embed/{kind}.png":
// a chart as a picture, with the embed's filters and ?look=, drawn by the
// server, for a page or a newsletter that cannot frame the chart.
func (s *Server) handleImage(w http.ResponseWriter, r *http.Request) {
	v, look := mux.Vars(r), lookOf(r)
	if !filtered(r.URL.Query()) {
		s.sendDrawing(w, r, s.chartPicture(v["kind"], look), v["format"]) // one of a few, kept as pages are
		return
	}
	opt, err := s.filteredOption(v["kind"], r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.sendDrawing(w, r, drawOnce(draw.Chart{Kind: v["kind"], Option: opt, Width: imageSize[0], Height: imageSize[1], Look: look, Paper: paperOf(look)}), v["format"])
}

// handleEventImage handles "GET /embed/events/{id}.png": an event's card,
// the picture of a link to its page.
func (s *Server) handleEventImage(w http.ResponseWriter, r *http.Request) {
	e := s.timeline.Event(mux.Vars(r)["id"])
	if e == nil {
		s.fail(w, r, notFound("event", mux.Vars(r)["id"]))
		return
	}
	look := lookOf(r)
	key := e.ID + "\x00" + look
	d, ok := s.cards.Load(key)
	if !ok {
		opt, err := json.Marshal(charts.Card(s.timeline, e))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		// Kept by the server, whose events they show.
		d, _ = s.cards.LoadOrStore(key, drawOnce(draw.Chart{Kind: charts.KindCard, Option: opt, Width: charts.CardSize[0], Height: charts.CardSize[1], Look: look, Paper: paperOf(look)}))
	}
	s.sendDrawing(w, r, d.(*drawing), "png")
}

// chartPicture is the picture of the chart of kind, of every event, in
// look, started if it is not yet.
func (s *Server) chartPicture(kind, look string) *drawing {
	opt, name := s.drawOption(kind)
	return drawChart(draw.Chart{Kind: kind, Option: opt, Width: imageSize[0], Height: imageSize[1], Look: look, Paper: paperOf(look)}, name)
}

// sendDrawing sends a drawing as SVG or PNG once it is drawn. A drawing
// that failed is an internal error: the picture cannot be made.
func (s *Server) sendDrawing(w http.ResponseWriter, r *http.Request, d *drawing, format string) {
	ctx, cancel := context.WithTimeout(r.Context(), draw.Limit)
	defer cancel()
	if _, err := d.wait(ctx); err != nil {
		s.fail(w, r, fmt.Errorf("drawing the picture: %w", err))
		return
	}
	if format == "svg" {
		sendTagged(w, r, "image/svg+xml", "no-cache", d.svg())
		return
	}
	png, err := d.png()
	if err != nil {
		s.fail(w, r, fmt.Errorf("making the PNG: %w", err))
		return
	}
	sendTagged(w, r, "image/png", "no-cache", png)
}

// isPicture says whether a path of the site (sitePaths) is a picture.
func isPicture(p string) bool {
	return strings.HasPrefix(p, "/embed/") && (strings.HasSuffix(p, ".png") || strings.HasSuffix(p, ".svg"))
}

// standalone is a drawing as a file of its own: its size its own, not its
// page's, and seen by screen readers, which no page names it for.
func standalone(svg string) string {
	svg = strings.Replace(svg, `aria-hidden="true" focusable="false" preserveAspectRatio="xMidYMid meet" `, `role="img" `, 1)
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + svg
}
