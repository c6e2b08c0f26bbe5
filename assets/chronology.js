// ties: the chronology, which charts.js draws like the other charts. This
// script adds what is the chronology's own: each event drawn by its
// precision, and, with more than maxMarks events in view, each lane's busy
// stretches of time instead, which a click zooms into and which are cut
// again as the view changes. A large timeline's page brings an overview cut
// the same way on the server (charts.OverviewFrom, charts.OverviewBuckets),
// drawn until the whole chronology is in.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};

  // renderMark draws one item of the chronology: an event, with its
  // label, as lanes.js lays them out, or a lane's busy stretches of time.
  function renderMark(entry) {
    var marks = ties.lanes.renderItem(entry);
    return function (params, api) {
      var item = entry.current.series[params.seriesIndex].data[params.dataIndex];
      return item.buckets ? renderBuckets(item, params, api) : marks(params, api);
    };
  }

  // renderBuckets draws a lane's events when there are too many in view to
  // draw one by one: for each stretch of time, [start, end, count], a bar as
  // tall as the stretch is busy. The bars are one shape, so that zooming
  // redraws six shapes rather than hundreds.
  function renderBuckets(item, params, api) {
    var lane = api.value(1), sys = params.coordSys;
    var y = api.coord([api.value(0), lane])[1];
    var band = api.size([0, 1])[1] * 0.8;
    var d = '';
    item.buckets.forEach(function (b) {
      if (api.coord([b[1], lane])[0] <= sys.x || api.coord([b[0], lane])[0] >= sys.x + sys.width) {
        return; // out of view
      }
      var x0 = Math.max(sys.x, api.coord([b[0], lane])[0]);
      var x1 = Math.min(sys.x + sys.width, Math.max(api.coord([b[1], lane])[0] - 1, x0 + 2));
      if (x1 <= x0) {
        return;
      }
      var h = Math.max(3, band * Math.sqrt(b[2] / item.most));
      d += 'M' + x0.toFixed(1) + ' ' + (y - h / 2).toFixed(1) + 'H' + x1.toFixed(1) + 'V' + (y + h / 2).toFixed(1) + 'H' + x0.toFixed(1) + 'Z';
    });
    return d && { type: 'path', shape: { pathData: d }, style: { fill: api.visual('color') } };
  }

  // Past maxMarks events in view, the chronology draws busy stretches of
  // time instead of events: buckets, as many across the view as buckets
  // says, which a click zooms into. The server's overview of a large
  // timeline (charts.OverviewFrom, charts.OverviewBuckets) cuts the same.
  var maxMarks = 500, buckets = 60;

  // zoomWindow returns the stretch of time the chronology shows, in
  // milliseconds, by its zoom in shown (the chart's own option if not
  // given), and the whole stretch its events cover.
  function zoomWindow(entry, o, shown) {
    var lo = Infinity, hi = -Infinity;
    o.series.forEach(function (s) {
      s.data.forEach(function (it) {
        lo = Math.min(lo, it.value[0]);
        hi = Math.max(hi, it.value[2]);
      });
    });
    var from = lo, to = hi;
    shown = shown || entry.chart && entry.chart.getOption();
    var z = shown && shown.dataZoom;
    if (z && z[0] && z[0].startValue !== undefined && isFinite(lo)) {
      from = z[0].startValue;
      to = z[0].endValue;
    }
    return { from: from, to: to, lo: lo, hi: hi };
  }

  // inView counts the chronology's events in the window w.
  function inView(o, w) {
    var n = 0;
    o.series.forEach(function (s) {
      s.data.forEach(function (it) {
        if (it.value[2] >= w.from && it.value[0] <= w.to) {
          n++;
        }
      });
    });
    return n;
  }

  // near keeps, of a large chronology's events, those in view or within a
  // view's width of it, so that a zoom or pan redraws a few hundred marks
  // rather than every event; entry.cut is the stretch kept, which watch
  // cuts anew when the view leaves it.
  function near(entry, o, w) {
    var total = o.series.reduce(function (n, s) { return n + s.data.length; }, 0);
    entry.cut = null;
    if (total <= maxMarks * 2) {
      return;
    }
    var span = w.to - w.from;
    var cut = { from: w.from - span, to: w.to + span };
    o.series.forEach(function (s) {
      s.data = s.data.filter(function (it) { return it.value[2] >= cut.from && it.value[0] <= cut.to; });
    });
    entry.cut = cut;
  }

  // bucketed replaces the chronology's events with buckets when too many
  // are in view, and says whether it did.
  function bucketed(entry, o, shown) {
    var w = zoomWindow(entry, o, shown);
    if (inView(o, w) <= maxMarks) {
      entry.bucketWidth = 0;
      near(entry, o, w);
      return false;
    }
    entry.cut = null;
    var width = Math.max(1, (w.to - w.from) / buckets), most = 1;
    entry.bucketWidth = width;
    o.series.forEach(function (s, i) {
      var counts = new Map();
      s.data.forEach(function (it) {
        var k = Math.floor(((it.value[0] + it.value[2]) / 2 - w.lo) / width);
        var n = (counts.get(k) || 0) + 1;
        counts.set(k, n);
        most = Math.max(most, n);
      });
      var keys = Array.from(counts.keys()).sort(function (a, b) { return a - b; });
      var lane = s.data.length ? s.data[0].value[1] : i;
      s.data = keys.length ? [{
        value: [w.lo + keys[0] * width, lane, w.lo + (keys[keys.length - 1] + 1) * width, 0, 1],
        buckets: keys.map(function (k) { return [w.lo + k * width, w.lo + (k + 1) * width, counts.get(k)]; })
      }] : [];
    });
    o.series.forEach(function (s) {
      s.data.forEach(function (lane) { lane.most = most; });
    });
    return true;
  }

  // chronologyFor is the chronology's option for the events visible (null
  // for all). It copies only what drawing changes, not the events, which
  // may be many.
  function chronologyFor(pristine, visible) {
    var o = Object.assign({}, pristine);
    o.tooltip = Object.assign({}, o.tooltip);
    o.dataZoom = (o.dataZoom || []).map(function (z) { return Object.assign({}, z); });
    o.series = pristine.series.map(function (s) {
      return Object.assign({}, s, {
        itemStyle: Object.assign({}, s.itemStyle),
        data: visible ? s.data.filter(function (it) { return visible.has(it.events[0]); }) : s.data
      });
    });
    return o;
  }

  // option is the chronology's option for the events visible (null for
  // all). An overview's buckets do not say which events they hold: a filter
  // waits for the whole chronology. The axis of time, which the server cuts
  // into segments, is the script's to draw.
  function option(entry, visible) {
    entry.axis = new ties.Axis(entry.pristine.tiesAxis);
    var o = chronologyFor(entry.pristine, entry.overview ? null : visible);
    delete o.tiesAxis;
    o.dataZoom.forEach(function (z) {
      z.labelFormatter = function (u) { return ties.Axis.dayText(entry.axis.time(u)); };
    });
    ties.lanes.wrapNames(entry, o);
    return o;
  }

  // prepare gives a series of the chronology its drawing.
  function prepare(entry, series) {
    series.renderItem = renderMark(entry);
    series.encode = { x: [0, 2], y: 1 };
  }

  // withAxis adds the series that draws the axis of time, behind the marks.
  function withAxis(entry, o) {
    o.series.push(entry.axis.series());
  }

  // zoomInto shows the busy stretch clicked, and a little on either side.
  function zoomInto(entry, p) {
    var d = p.data;
    var t = entry.chart.convertFromPixel({ xAxisIndex: 0 }, p.event.offsetX);
    var b = d.buckets.filter(function (b) { return b[0] <= t && t < b[1]; })[0] || [t, t];
    var pad = Math.max(b[1] - b[0], (d.value[2] - d.value[0]) / buckets) * 2;
    entry.chart.dispatchAction({ type: 'dataZoom', startValue: b[0] - pad, endValue: b[1] + pad });
  }

  // watch redraws the chronology once a zoom settles, when it needs buckets
  // cut anew, or the events themselves now that few enough are in view, or
  // the events near a view that has come near the edge of those kept.
  function watch(entry, redraw) {
    var timer = null;
    entry.chart.on('datazoom', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (entry.overview) {
          return; // the whole chronology, on its way, is drawn at this zoom
        }
        var o = option(entry, entry.visible);
        var w = zoomWindow(entry, o);
        var want = inView(o, w) > maxMarks ? (w.to - w.from) / buckets : 0;
        // Cut anew once the view comes within half its width of the edge
        // of the events kept, before a further pan shows an empty stretch.
        var margin = (w.to - w.from) / 2;
        var left = !want && entry.cut && (w.from < entry.cut.from + margin || w.to > entry.cut.to - margin);
        if (left || want !== entry.bucketWidth && !(want && entry.bucketWidth && Math.abs(want / entry.bucketWidth - 1) < 0.25)) {
          redraw();
        }
      }, 150);
    });
  }

  // bucket cuts the chronology into busy stretches for the zoom in shown
  // (the chart's own option if not given), unless it is an overview already
  // cut, and adds the axis.
  function bucket(entry, o, shown) {
    if (!entry.overview) {
      bucketed(entry, o, shown);
    }
    withAxis(entry, o);
  }

  // follow brings event id into the chronology's view: a view it overlaps
  // stays; otherwise the view, as wide as it was, is centred on the event,
  // and narrowed until few enough events are in it to be drawn one by one
  // rather than as busy stretches.
  function follow(entry, id) {
    var item = null;
    entry.pristine.series.forEach(function (s) {
      s.data.forEach(function (it) {
        if (it.events && it.events[0] === id) {
          item = it;
        }
      });
    });
    var z = entry.chart.getOption().dataZoom;
    if (!item || !z || !z[0] || z[0].startValue === undefined) {
      return;
    }
    var from = z[0].startValue, to = z[0].endValue, a = item.value[0], b = item.value[2];
    var o = option(entry, entry.visible);
    var crowded = function (w) { return inView(o, w) > maxMarks; };
    if (a <= to && b >= from && !crowded({ from: from, to: to })) {
      return;
    }
    var end = entry.axis.end;
    var width = to - from, mid = (a + b) / 2, start;
    do {
      start = Math.max(0, Math.min(end - width, mid - width / 2));
      width /= 2;
    } while (width > 1 && crowded({ from: start, to: start + width * 2 }));
    entry.chart.dispatchAction({ type: 'dataZoom', startValue: start, endValue: start + width * 2 });
  }

  ties.chronology = { follow: follow, option: option, prepare: prepare, bucket: bucket, zoomInto: zoomInto, watch: watch };
}());
