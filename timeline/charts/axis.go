package charts

import (
	"math"
	"slices"

	"ties/timeline"
)

// AxisLength is the length of the chronology's axis in its own units: the
// axis runs from 0 to AxisLength, and each stretch of time takes its share.
const AxisLength = 1_000_000

// Segment is a stretch of time the chronology's axis draws at one scale:
// From to To, in milliseconds since 1970, lies between At and Until on the
// axis, in the axis' units.
type Segment struct {
	From, To  int64
	At, Until float64
}

// Axis is the chronology's time axis: one segment when its events are spread
// evenly enough, or the busiest stretch of time given room of its own
// between the quieter years around it, each drawn at its own scale with the
// break between them marked.
type Axis []Segment

// The busy stretch: a run of events is busy when it holds busyFactor times
// the events an even spread would put in it. It is given room by its share
// of the events, between minRoom and maxRoom of the axis, and the axis is cut
// only when that draws it at a scale at least minGain times the quiet years'.
const (
	busyFactor = 4
	minRoom    = 0.45
	maxRoom    = 0.75
	minGain    = 2.5
)

// AxisFor returns the chronology's axis for the events, of which there is at
// least one.
func AxisFor(events []*timeline.Event) Axis {
	lo, hi := events[0].Begins().UnixMilli(), events[0].Ends().UnixMilli()
	for _, e := range events {
		lo, hi = min(lo, e.Begins().UnixMilli()), max(hi, e.Ends().UnixMilli())
	}
	hi = max(hi, lo+24*3600*1000)
	span := float64(hi - lo)
	whole := func() Axis {
		pad := int64(span * 0.03)
		return Axis{{From: lo - pad, To: hi + pad, At: 0, Until: AxisLength}}
	}
	a, b, n := busiest(events, float64(len(events))*busyFactor/span)
	if n < 3 || b <= a {
		return whole()
	}
	// The stretch ends where its events do, those no longer than it.
	for _, e := range events {
		at, end := e.Begins().UnixMilli(), e.Ends().UnixMilli()
		if a <= at && at <= b && end-at <= b-a {
			b = max(b, end)
		}
	}
	pad := int64(float64(b-a) * 0.06)
	a, b = max(lo, a-pad), min(hi, b+pad)
	room := math.Min(maxRoom, math.Max(minRoom, float64(n)/float64(len(events))))
	quiet := span - float64(b-a)
	if quiet <= 0 || (room/float64(b-a))/((1-room)/quiet) < minGain {
		return whole()
	}
	// The quiet years share the rest of the axis at one scale, with a
	// little of it to spare beyond the first and last events; a busy
	// stretch at either end has its own to spare.
	qpad := int64(quiet * 0.03)
	var segs Axis
	if a > lo {
		segs = append(segs, Segment{From: lo - qpad, To: a})
	} else {
		a -= pad
	}
	if b >= hi {
		b += pad
	}
	segs = append(segs, Segment{From: a, To: b})
	busy := len(segs) - 1
	if b < hi {
		segs = append(segs, Segment{From: b, To: hi + qpad})
	}
	// Each segment's share: the busy one its room, the others in proportion
	// to their length, at the quiet scale.
	var quietLength float64
	for i, s := range segs {
		if i != busy {
			quietLength += float64(s.To - s.From)
		}
	}
	at := 0.0
	for i := range segs {
		share := room
		if i != busy {
			share = (1 - room) * float64(segs[i].To-segs[i].From) / quietLength
		}
		segs[i].At, segs[i].Until = at, at+share*AxisLength
		at = segs[i].Until
	}
	segs[len(segs)-1].Until = AxisLength
	return segs
}

// busiest returns the stretch of time from the start of one event to the
// start of another that holds the most events beyond cost per millisecond of
// its length, and how many events it holds: the run of events that stands
// out most above an even spread. Starts alone bound it, so that a long event
// in the run does not stretch it.
func busiest(events []*timeline.Event, cost float64) (from, to int64, n int) {
	starts := make([]int64, len(events))
	for i, e := range events {
		starts[i] = e.Begins().UnixMilli()
	}
	slices.Sort(starts)
	// Kadane's run: each event gains 1, each gap costs its length.
	best, run, first := math.Inf(-1), 0.0, 0
	for i, at := range starts {
		if i > 0 {
			run -= cost * float64(at-starts[i-1])
		}
		if run <= 0 {
			run, first = 0, i
		}
		run++
		if run > best {
			best, from, to, n = run, starts[first], at, i-first+1
		}
	}
	return from, to, n
}

// At is where time t, in milliseconds since 1970, lies on the axis.
func (ax Axis) At(t int64) float64 {
	i, _ := slices.BinarySearchFunc(ax, t, func(s Segment, t int64) int {
		switch {
		case s.To < t:
			return -1
		case s.From > t:
			return 1
		}
		return 0
	})
	i = min(i, len(ax)-1)
	s := ax[i]
	if s.To == s.From {
		return s.At
	}
	return s.At + (s.Until-s.At)*float64(t-s.From)/float64(s.To-s.From)
}
