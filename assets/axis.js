// ties: the chronology's axis of time. The server cuts it into segments
// (charts.AxisFor): the busiest stretch of time drawn wider than the quiet
// years around it, each segment at its own scale. The chart's x axis runs in
// the axis' own units; this script turns dates into those units and back,
// and draws what ECharts' own axis cannot: ticks that are true in every
// segment, the breaks between segments, and a note on each shrunk one. It
// also sets the charts drawn on it to the years a filter names.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};

  var day = 864e5;

  // utc is the time at the start of a day, as Date.UTC, but true for the
  // years 0 to 99 too, which Date.UTC takes for 1900 to 1999.
  function utc(y, m, d) {
    var t = new Date(0);
    t.setUTCFullYear(y, m, d);
    return t.getTime();
  }
  var months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  // Axis is the axis of segments [from, to, at, until]: from and to in
  // milliseconds since 1970, at and until in the axis' units.
  function Axis(segments) {
    this.segments = segments;
    var widest = 0;
    segments.forEach(function (s) {
      widest = Math.max(widest, (s[3] - s[2]) / Math.max(1, s[1] - s[0]));
    });
    this.widest = widest; // the scale of the busiest segment, units per millisecond
    this.end = segments[segments.length - 1][3]; // the axis' length, in its units
  }

  // dayText names the day of time t: "5 Feb 2022".
  Axis.dayText = function (t) {
    var d = new Date(t);
    return d.getUTCDate() + ' ' + months[d.getUTCMonth()] + ' ' + d.getUTCFullYear();
  };

  // series is the chart series that draws the axis, behind the marks; ink()
  // gives the look's colours when it is drawn.
  Axis.prototype.series = function () {
    var self = this;
    return {
      type: 'custom', id: 'ties-axis', name: 'axis', silent: true, z: 1, tooltip: { show: false },
      encode: { x: [0, 2], y: 1 }, clip: false, data: [{ value: [0, 0, this.end] }],
      renderItem: function (params, api) { return self.render(params, api, ties.ink()); }
    };
  };

  // segmentOf is the segment value lies in, by its end at index end: 1 for
  // a time, 3 for a place on the axis; the last holds what lies beyond.
  function segmentOf(segments, value, end) {
    for (var i = 0; i < segments.length - 1; i++) {
      if (value <= segments[i][end]) {
        return segments[i];
      }
    }
    return segments[segments.length - 1];
  }

  // at is where time t lies on the axis.
  Axis.prototype.at = function (t) {
    var s = segmentOf(this.segments, t, 1);
    return s[2] + (s[3] - s[2]) * (t - s[0]) / Math.max(1, s[1] - s[0]);
  };

  // time is the time at u on the axis.
  Axis.prototype.time = function (u) {
    var s = segmentOf(this.segments, u, 3);
    return s[0] + (s[1] - s[0]) * (u - s[2]) / Math.max(1e-9, s[3] - s[2]);
  };

  // years is the stretch of the axis from the start of year from to the end
  // of year to, either of which may be NaN for the axis' own end.
  Axis.prototype.years = function (from, to) {
    var segs = this.segments, last = segs[segs.length - 1];
    return {
      start: isNaN(from) ? segs[0][2] : Math.max(segs[0][2], this.at(utc(from, 0, 1))),
      end: isNaN(to) ? last[3] : Math.min(last[3], this.at(utc(to + 1, 0, 1)))
    };
  };

  // Steps between ticks, from a day to a century: [count, unit].
  var steps = [[1, 'day'], [2, 'day'], [7, 'day'], [14, 'day'], [1, 'month'], [2, 'month'], [3, 'month'], [6, 'month'],
    [1, 'year'], [2, 'year'], [5, 'year'], [10, 'year'], [20, 'year'], [50, 'year'], [100, 'year'], [200, 'year'], [500, 'year']];

  function stepLength(step) {
    return step[0] * (step[1] === 'day' ? day : step[1] === 'month' ? 30.4 * day : 365.25 * day);
  }

  // ticks are the times from a to b, a step apart, each at a round date.
  function ticks(a, b, step) {
    var d = new Date(a), out = [];
    var y = d.getUTCFullYear(), m = d.getUTCMonth(), t;
    if (step[1] === 'year') {
      t = utc(Math.ceil(y / step[0]) * step[0], 0, 1);
      for (; t <= b; t = utc(new Date(t).getUTCFullYear() + step[0], 0, 1)) {
        if (t >= a) { out.push(t); }
      }
    } else if (step[1] === 'month') {
      t = utc(y, Math.ceil(m / step[0]) * step[0], 1);
      for (; t <= b; ) {
        if (t >= a) { out.push(t); }
        d = new Date(t);
        t = utc(d.getUTCFullYear(), d.getUTCMonth() + step[0], 1);
      }
    } else {
      // Days of the month a step of 2, 7 or 14 days stops at.
      var on = { 2: [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29], 7: [1, 8, 15, 22], 14: [1, 15] }[step[0]];
      for (t = Math.ceil(a / day) * day; t <= b; t += day) {
        if (!on || on.indexOf(new Date(t).getUTCDate()) >= 0) {
          out.push(t);
        }
      }
    }
    return out;
  }

  // tickText names a tick by its step; the first tick of a segment, or a
  // new year, gives the year too.
  function tickText(t, step, first) {
    var d = new Date(t), y = d.getUTCFullYear(), m = d.getUTCMonth();
    if (step[1] === 'year') {
      return String(y);
    }
    if (step[1] === 'month') {
      return m === 0 || first ? months[m] + ' ' + y : months[m];
    }
    return d.getUTCDate() + ' ' + months[m] + (first || m === 0 && d.getUTCDate() === 1 ? ' ' + y : '');
  }

  // render draws the axis under the chart's grid: for each segment in view,
  // its line, ticks and their dates, with faint lines up through the lanes;
  // a break between segments; and under a shrunk segment, by how much.
  // ink holds the look's colours: fg, muted and line.
  Axis.prototype.render = function (params, api, ink) {
    var self = this, sys = params.coordSys, out = [];
    var p0 = api.coord([0, 0])[0], p1 = api.coord([1, 0])[0];
    var px = function (u) { return p0 + (p1 - p0) * u; };
    var left = sys.x, right = sys.x + sys.width, bottom = sys.y + sys.height;
    var font = '12px sans-serif', lastEnd = -Infinity;
    this.segments.forEach(function (s, i) {
      var x0 = px(s[2]), x1 = px(s[3]);
      var a = Math.max(left, x0), b = Math.min(right, x1);
      if (b <= a) {
        return;
      }
      var broken = { left: i > 0 && x0 >= left - 1, right: i < self.segments.length - 1 && x1 <= right + 1 };
      out.push({ type: 'line', silent: true, shape: { x1: a + (broken.left ? 4 : 0), y1: bottom, x2: b - (broken.right ? 4 : 0), y2: bottom },
        style: { stroke: ink.fg, lineWidth: 1 } });
      var perMs = (x1 - x0) / Math.max(1, s[1] - s[0]);
      var ta = s[0] + (a - x0) / perMs, tb = s[0] + (b - x0) / perMs;
      var step = steps[steps.length - 1];
      for (var k = 0; k < steps.length; k++) {
        if (stepLength(steps[k]) * perMs >= (steps[k][1] === 'year' ? 48 : 64)) {
          step = steps[k];
          break;
        }
      }
      var first = true;
      ticks(ta, tb, step).forEach(function (t) {
        var x = x0 + (t - s[0]) * perMs;
        // Keep clear of the breaks, where the next segment's ticks begin.
        if (broken.left && x < x0 + 10 || broken.right && x > x1 - 10) {
          return;
        }
        out.push({ type: 'line', silent: true, shape: { x1: x, y1: sys.y, x2: x, y2: bottom }, style: { stroke: ink.line, lineWidth: 1 } });
        out.push({ type: 'line', silent: true, shape: { x1: x, y1: bottom, x2: x, y2: bottom + 5 }, style: { stroke: ink.fg, lineWidth: 1 } });
        var text = tickText(t, step, first);
        var w = ties.textWidth(text, font);
        // A date at the edge of the view is drawn inside it.
        var lx = Math.max(left - 16 + w / 2, Math.min(right + 16 - w / 2, x));
        if (lx - w / 2 < lastEnd + 8) {
          return;
        }
        first = false;
        lastEnd = lx + w / 2;
        out.push({ type: 'text', silent: true, style: { text: text, x: lx, y: bottom + 8, align: 'center', verticalAlign: 'top', font: font, fill: ink.fg } });
      });
      var shrunk = self.widest / ((s[3] - s[2]) / Math.max(1, s[1] - s[0]));
      if (shrunk >= 1.5) {
        var note = 'time shrunk ' + Math.round(shrunk) + '×';
        var nw = ties.textWidth(note, 'italic 11px sans-serif');
        if (b - a > nw + 16) {
          out.push({ type: 'text', silent: true, style: { text: note, x: (a + b) / 2, y: bottom + 26, align: 'center', verticalAlign: 'top',
            font: 'italic 11px sans-serif', fill: ink.muted } });
        }
      }
      if (broken.right) {
        // The break: a dashed line up through the lanes and a zigzag on the axis.
        out.push({ type: 'line', silent: true, shape: { x1: x1, y1: sys.y, x2: x1, y2: bottom }, style: { stroke: ink.muted, lineWidth: 1, lineDash: [3, 4] } });
        out.push({ type: 'polyline', silent: true, shape: { points: [[x1 - 6, bottom + 5], [x1 - 2, bottom - 5], [x1 + 2, bottom + 5], [x1 + 6, bottom - 5]] },
          style: { stroke: ink.fg, lineWidth: 1.5, fill: null } });
      }
    });
    return { type: 'group', children: out };
  };

  // ties.zoomYears sets the axis of the chronology and of the slide strip
  // to the years from to to (either may be empty, for the axis' own end),
  // when they change: the filter's years are the years shown.
  ties.zoomYears = function (from, to) {
    var key = (from || '') + '–' + (to || '');
    (ties.entries || []).forEach(function (entry) {
      if (!entry.chart || !entry.axis || entry.years === key) {
        return;
      }
      var first = entry.years === undefined;
      entry.years = key;
      if (first && !from && !to) {
        return; // the axis as drawn
      }
      var span = entry.axis.years(parseInt(from, 10), parseInt(to, 10));
      if (!(span.end > span.start)) {
        span = entry.axis.years(NaN, NaN); // years the axis does not hold, or from after to: the whole axis
      }
      if (entry.kind === 'strip') {
        entry.chart.setOption({ xAxis: { min: span.start, max: span.end } });
      } else {
        entry.chart.dispatchAction({ type: 'dataZoom', startValue: span.start, endValue: span.end });
      }
    });
  };

  ties.Axis = Axis;
}());
