// ties: the slide show's strip, which charts.js draws like the other charts:
// every event as a dot on the chronology's axis of time, the one presented
// ringed, and named above the strip with the events before and after it in
// the show. present.js says which they are (entry.marked, entry.neighbours).
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};

  var font = '15px sans-serif', bold = 'bold 15px sans-serif';

  function width(text, f) {
    return ties.textWidth(text, f);
  }

  // fit is text, or text cut to room as the lanes cut it, or "" if it
  // cannot be.
  function fit(text, room, f) {
    return width(text, f) <= room ? text : ties.lanes.shortened(text, room, f) || '';
  }

  // names lays out the names of the event presented and its neighbours,
  // once each time the strip is drawn: the current one centred over its dot
  // as far as the strip allows, the one before it to its left, the one after
  // to its right, each cut to the room it has.
  function names(entry, params, api) {
    var ctx = params.context;
    if (ctx.names) {
      return ctx.names;
    }
    var sys = params.coordSys, left = sys.x - 16, right = sys.x + sys.width + 16, gap = 24;
    var data = entry.chart.getModel().getSeriesByIndex(params.seriesIndex).getData();
    var at = {};
    for (var i = 0; i < data.count(); i++) {
      var item = data.getRawDataItem(i);
      if (item && item.events) {
        at[item.events[0]] = { x: api.coord([item.value[0], 0.5])[0], name: String(item.name || '') };
      }
    }
    var out = {}, cur = at[entry.marked];
    if (cur) {
      // One row, in the show's order: before, current, after; the current
      // name takes what it needs, up to two thirds of the strip, so that a
      // phone's strip names it whole more often, and the others share the
      // rest, cut to it or left out. The row sits as near the current dot
      // as it can.
      var ids = entry.neighbours || [];
      var before = at[ids[0]], after = at[ids[1]];
      var room = right - left;
      var c = fit(cur.name, room * 2 / 3, bold) || fit(cur.name, room, bold), wc = c ? width(c, bold) : 0;
      var rest = room - wc - (before ? gap : 0) - (after ? gap : 0);
      var wantB = before ? width('← ' + before.name, font) : 0, wantA = after ? width(after.name + ' →', font) : 0;
      var roomB = before ? Math.max(rest / 2, rest - wantA) : 0, roomA = after ? Math.max(rest / 2, rest - Math.min(wantB, roomB)) : 0;
      var b = before ? fit(before.name, roomB - width('← ', font), font) : '';
      var a = after ? fit(after.name, roomA - width(' →', font), font) : '';
      var wb = b ? width('← ' + b, font) + gap : 0, wa = a ? gap + width(a + ' →', font) : 0;
      var x0 = Math.max(left, Math.min(right - wb - wc - wa, cur.x - wc / 2 - wb));
      if (b) {
        out[ids[0]] = { text: '← ' + b, x: x0, align: 'left', font: font };
      }
      if (c) {
        out[entry.marked] = { text: c, x: x0 + wb, align: 'left', font: bold };
      }
      if (a) {
        out[ids[1]] = { text: a + ' →', x: x0 + wb + wc + gap, align: 'left', font: font };
      }
    }
    ctx.names = out;
    return out;
  }

  function renderItem(entry) {
    return function (params, api) {
      var item = entry.chart.getModel().getSeriesByIndex(params.seriesIndex).getData().getRawDataItem(params.dataIndexInside);
      var ink = ties.ink(), sys = params.coordSys;
      var x = api.coord([item.value[0], 0.5])[0];
      if (x < sys.x - 6 || x > sys.x + sys.width + 6) {
        return null;
      }
      var y = sys.y + sys.height - 12, top = sys.y + 10;
      var id = item.events[0], current = id === entry.marked;
      var children = [];
      if (current) {
        children.push({ type: 'circle', shape: { cx: x, cy: y, r: 10 }, style: { fill: null, stroke: ink.accent, lineWidth: 3 } });
      }
      children.push({ type: 'circle', shape: { cx: x, cy: y, r: current ? 6 : 5 },
        style: { fill: api.visual('color'), stroke: ink.halo, lineWidth: 1 } });
      var name = names(entry, params, api)[id];
      if (name) {
        var w = width(name.text, name.font);
        var from = name.align === 'left' ? name.x : name.x - w;
        // A leader from the name down to its dot, where the name is not over it.
        var lx = Math.max(from, Math.min(from + w, x));
        children.push({ type: 'polyline', silent: true, shape: { points: [[lx, top + 11], [x, y - (current ? 11 : 6)]] },
          style: { stroke: ink.muted, lineWidth: 1, fill: null } });
        children.push({ type: 'text', style: { text: name.text, x: name.x, y: top, align: name.align, verticalAlign: 'middle',
          font: name.font, fill: ink.fg } });
      }
      return { type: 'group', children: children };
    };
  }

  // prepare gives the strip its drawing and its axis.
  function prepare(entry, o) {
    entry.axis = new ties.Axis(o.tiesAxis);
    delete o.tiesAxis;
    o.series.forEach(function (s) {
      s.renderItem = renderItem(entry);
      s.encode = { x: [0, 2], y: 1 };
    });
    o.series.push(entry.axis.series());
  }

  ties.strip = { prepare: prepare };
}());
