package main

import (
	"net/url"
	"slices"
	"strconv"

	"ties/timeline"
	"ties/timeline/charts"
	"ties/views"
)

// yearTable is the chart of events per year as a table, each count linked
// to the table of its events, as a click on its bar is.
func (s *Server) yearTable() *views.YearTable {
	t := s.timeline
	yt := &views.YearTable{}
	for _, th := range t.Themes {
		yt.Themes = append(yt.Themes, s.theme(th))
	}
	for _, c := range charts.YearCounts(t) {
		y := strconv.Itoa(c.Year)
		r := views.YearRow{Year: y}
		for i, n := range c.ByTheme {
			l := views.Link{Label: strconv.Itoa(n)}
			if n > 0 {
				l.URL = s.Events(url.Values{"from": {y}, "to": {y}, "theme": {t.Themes[i].ID}})
			}
			r.Counts = append(r.Counts, l)
		}
		r.Total = views.Link{Label: strconv.Itoa(c.Total), URL: s.Events(url.Values{"from": {y}, "to": {y}})}
		yt.Rows = append(yt.Rows, r)
	}
	return yt
}

// actorListed is how many of an actor's events its row in the list of
// actors names; the page filtered to the actor shows the rest.
const actorListed = 10

// actorRows are the actors' chart as a list: each actor, most events first
// as the chart sizes them, with the page filtered to its events, as a click
// on its circle does, and the first of them.
func (s *Server) actorRows() []views.ActorRow {
	actors := s.timeline.Actors()
	slices.SortStableFunc(actors, func(a, b timeline.Actor) int { return len(b.Events) - len(a.Events) })
	var rows []views.ActorRow
	for _, a := range actors {
		r := views.ActorRow{Name: a.Name, URL: s.urlQuery("home", url.Values{"actor": {a.Name}}), Count: len(a.Events)}
		for i, e := range a.Events {
			if i == actorListed {
				r.More = len(a.Events) - i
				break
			}
			r.Events = append(r.Events, views.Link{Label: e.Title, URL: s.url("event", "id", e.ID)})
		}
		rows = append(rows, r)
	}
	return rows
}
