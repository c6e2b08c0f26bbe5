// ties: events in lanes, as the chronology and the year player draw them.
// Each event is drawn by its precision (a dot for a day, a bar across a
// month or a year, a solid bar for a span, a dashed outline for "about"),
// with its label beside it wherever the label fits: never over another label
// or mark, never cut by the chart's edge. A lane is cut into rows, and each
// mark goes, in the order of time, to the first row that has room for it and
// its label, to its right or else to its left; a label with no room whole is
// cut short, down to minChars characters and "…", or left out, and a closer
// zoom shows it. The layout is made again each time ECharts draws the chart,
// as the reader zooms and pans.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};

  var font = '12px sans-serif', bold = 'bold 12px sans-serif';
  var rowHeight = 15, gap = 5, room = 8, radius = 5, minChars = 16;

  function textWidth(text, f) {
    return ties.textWidth(text, f || font);
  }

  // shortened is text cut to fit width, ending in "…", or null if that
  // would leave fewer than minChars characters before it.
  function shortened(text, width, f) {
    var chars = Array.from(text);
    if (chars.length <= minChars) {
      return null;
    }
    var lo = minChars, hi = chars.length - 1, best = null;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      var kept = chars.slice(0, mid).join('').replace(/\s+$/, '');
      if (Array.from(kept).length < minChars) {
        lo = mid + 1; // a space at the cut: keep more
      } else if (textWidth(kept + '…', f) <= width) {
        best = kept + '…';
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return best;
  }

  // extent is where an item's mark lies across the chart, in pixels.
  function extent(item, api) {
    var v = item.value;
    var x0 = api.coord([v[0], v[1]])[0], x1 = api.coord([v[2], v[1]])[0];
    if (item.precision === 'day' && !item.span) {
      var cx = (x0 + x1) / 2;
      return { x0: cx - radius, x1: cx + radius, cx: cx, dot: true };
    }
    if (x1 - x0 < 8) {
      var mid = (x0 + x1) / 2;
      return { x0: mid - 4, x1: mid + 4 };
    }
    return { x0: x0, x1: x1 };
  }

  // layout places the marks and labels of the series drawn, once each time
  // it is drawn: by raw index, each item's row and label.
  function layout(entry, params, api) {
    var ctx = params.context;
    if (ctx.slots) {
      return ctx.slots;
    }
    var sys = params.coordSys, left = sys.x, right = sys.x + sys.width;
    var data = entry.chart.getModel().getSeriesByIndex(params.seriesIndex).getData();
    var list = [];
    for (var i = 0; i < data.count(); i++) {
      var item = data.getRawDataItem(i);
      if (!item || item.buckets) {
        continue;
      }
      var e = extent(item, api);
      if (e.x1 < left || e.x0 > right || e.dot && ((e.x0 + e.x1) / 2 < left - 1 || (e.x0 + e.x1) / 2 > right + 1)) {
        continue;
      }
      e.x0 = Math.max(e.x0, left);
      e.x1 = Math.min(e.x1, right);
      e.index = data.getRawIndex(i);
      e.text = String(item.name || '');
      e.marked = entry.marked === item.events[0];
      e.font = e.marked ? bold : font;
      e.width = e.text ? textWidth(e.text, e.font) : 0;
      list.push(e);
    }
    list.sort(function (a, b) { return a.x0 - b.x0 || a.index - b.index; });
    var rows = Math.max(1, Math.floor(api.size([0, 1])[1] * 0.95 / rowHeight));
    // The event being read keeps the row it has when its whole label fits
    // there; otherwise it is placed first, at the top of its lane.
    var slots = place(list, rows, left, right, false);
    var marked = list.filter(function (e) { return e.marked; })[0];
    if (marked && !(marked.label && marked.label.text === marked.text)) {
      slots = place(list.map(function (e) { return Object.assign({}, e); }), rows, left, right, true);
    }
    ctx.slots = slots;
    return slots;
  }

  // place lays out list, the marks of a lane in the order of their left
  // edge, in rows, between left and right: by raw index, each item's row and
  // label. With first, the event being read is placed first.
  function place(list, rows, left, right, first) {
    var ends = [], last = [];
    for (var r = 0; r < rows; r++) {
      ends.push(-Infinity);
      last.push(null);
    }
    var slots = {}, held = null;
    function put(e, row, label) {
      e.row = row;
      e.rows = rows;
      e.label = label;
      if (e !== held) {
        // A row's end only moves right, so that nothing later is drawn
        // over what it holds.
        ends[row] = Math.max(ends[row], label && label.align === 'left' ? label.x + label.width : e.x1);
        last[row] = e;
      }
      slots[e.index] = e;
    }
    // free is whether a row is free from x on; a mark and label from x to
    // until must also keep clear of the event being read, which is placed
    // first so that it is always labelled.
    function free(row, x, until) {
      if (held && held.row === row && x < held.right + room && (until === undefined ? Infinity : until) > held.left - room) {
        return false;
      }
      return ends[row] + room <= x;
    }
    var marked = first && list.filter(function (e) { return e.marked; })[0];
    if (marked) {
      var roomRight = right - marked.x1 - gap, roomLeft = marked.x0 - gap - left;
      var side = marked.width <= roomRight || roomRight >= roomLeft ? 'left' : 'right';
      var text = marked.width <= Math.max(roomRight, roomLeft) ? marked.text :
        shortened(marked.text, Math.max(roomRight, roomLeft), marked.font);
      var w = text ? textWidth(text, marked.font) : 0;
      var label = text ? { text: text, x: side === 'left' ? marked.x1 + gap : marked.x0 - gap, width: w, align: side } : null;
      held = marked;
      put(marked, 0, label);
      marked.left = label && side === 'right' ? label.x - w : marked.x0;
      marked.right = label && side === 'left' ? label.x + w : marked.x1;
      list = list.filter(function (e) { return e !== marked; });
    }
    list.forEach(function (e, k) {
      var r, w = e.width, best = null;
      if (!e.text) {
        for (r = 0; r < rows && !free(r, e.x0, e.x1); r++) { /* the first free row */ }
        put(e, r < rows ? r : 0, null);
        return;
      }
      // A bar wide enough holds its label; otherwise the whole label goes
      // to the right of the mark, or else to its left.
      if (!e.dot && e.x1 - e.x0 >= w + 2 * gap) {
        for (r = 0; r < rows; r++) {
          if (free(r, e.x0, e.x1)) {
            put(e, r, { text: e.text, x: e.x0 + gap, width: w, align: 'left', inside: true });
            ends[r] = Math.max(ends[r], e.x1);
            return;
          }
        }
      }
      // A label to the left takes room from events already placed, one to
      // the right from those to come: when one of those lies under it, the
      // left is tried first.
      var toRight = function () {
        for (r = 0; r < rows; r++) {
          if (free(r, e.x0, e.x1 + gap + w) && e.x1 + gap + w <= right) {
            put(e, r, { text: e.text, x: e.x1 + gap, width: w, align: 'left' });
            return true;
          }
        }
        return false;
      };
      var toLeft = function () {
        for (r = 0; r < rows; r++) {
          if (free(r, e.x0 - gap - w, e.x1) && e.x0 - gap - w >= left) {
            put(e, r, { text: e.text, x: e.x0 - gap, width: w, align: 'right' });
            return true;
          }
        }
        return false;
      };
      var next = list[k + 1], crowded = next && next.x0 < e.x1 + gap + w + room;
      if (crowded ? toLeft() || toRight() : toRight() || toLeft()) {
        return;
      }
      // Cut short, where most of it fits.
      for (r = 0; r < rows; r++) {
        if (!free(r, e.x0, e.x1)) {
          continue;
        }
        var rightEnd = held && held.row === r && held.left > e.x1 ? held.left - room : right;
        var leftEnd = Math.max(left, ends[r] + room, held && held.row === r && held.right < e.x0 ? held.right + room : -Infinity);
        var rightRoom = rightEnd - e.x1 - gap, leftRoom = e.x0 - gap - leftEnd;
        var side = rightRoom >= leftRoom ? 'left' : 'right', fit = Math.max(rightRoom, leftRoom);
        if (!best || fit > best.fit) {
          best = { row: r, side: side, fit: fit };
        }
      }
      var text = best && shortened(e.text, best.fit, e.font);
      if (text) {
        var tw = textWidth(text, e.font);
        put(e, best.row, { text: text, x: best.side === 'left' ? e.x1 + gap : e.x0 - gap, width: tw, align: best.side });
        return;
      }
      // The mark alone, in a row free where it is.
      if (best) {
        put(e, best.row, null);
        return;
      }
      // No row is free: shorten the label that runs into this mark, or take
      // it away, rather than draw over it.
      for (r = 0; r < rows; r++) {
        var p = last[r];
        if (p && p.label && !p.label.inside && p.label.align === 'left' && p.x1 + room <= e.x0 && !(held && held.row === r && e.x0 < held.right + room && e.x1 > held.left - room)) {
          var keep = shortened(p.text, e.x0 - room - p.x1 - gap, p.font);
          p.label = keep ? { text: keep, x: p.x1 + gap, width: textWidth(keep, p.font), align: 'left' } : null;
          ends[r] = p.label ? p.label.x + p.label.width : p.x1;
          put(e, r, null);
          return;
        }
      }
      // Marks that meet in every row: the one with the least over it.
      var least = 0;
      for (r = 1; r < rows; r++) {
        if (ends[r] < ends[least]) {
          least = r;
        }
      }
      put(e, least, null);
    });
    return slots;
  }

  // renderItem returns the renderItem of a series of events in lanes, for
  // an entry of charts.js; its items name their events and are laid out
  // by layout. The event entry.marked, if any, is ringed.
  function renderItem(entry) {
    return function (params, api) {
      var item = entry.chart.getModel().getSeriesByIndex(params.seriesIndex).getData().getRawDataItem(params.dataIndexInside);
      var slot = layout(entry, params, api)[params.dataIndex];
      if (!slot) {
        return null;
      }
      var sys = params.coordSys, ink = ties.ink();
      var band = api.size([0, 1])[1];
      var cy = api.coord([item.value[0], item.value[1]])[1];
      var y = cy - slot.rows * rowHeight / 2 + rowHeight * (slot.row + 0.5);
      if (slot.rows * rowHeight > band) {
        y = cy; // a lane too narrow for rows
      }
      var color = api.visual('color');
      var dashed = item.about ? [4, 3] : null;
      var marked = entry.marked && entry.marked === item.events[0];
      // The event under the keyboard, while the chart has the focus.
      var focused = entry.hasFocus && entry.cursor === item.events[0];
      var children = [];
      if (slot.dot) {
        var cx = slot.cx; // where the day is, though the dot's edge be cut
        if (marked) {
          children.push({ type: 'circle', shape: { cx: cx, cy: y, r: radius + 2 }, style: { fill: null, stroke: ink.accent, lineWidth: 2 } });
        }
        if (focused) {
          children.push({ type: 'circle', shape: { cx: cx, cy: y, r: radius + 5 }, style: { fill: null, stroke: ink.fg, lineWidth: 2, lineDash: [3, 2] } });
        }
        children.push({ type: 'circle', shape: { cx: cx, cy: y, r: radius },
          style: { fill: color, stroke: item.about ? color : ink.halo, lineWidth: item.about ? 2 : 1, lineDash: dashed } });
      } else {
        var v = item.value;
        var x0 = Math.max(sys.x, Math.min(api.coord([v[0], v[1]])[0], slot.x0));
        var x1 = Math.min(sys.x + sys.width, Math.max(api.coord([v[2], v[1]])[0], slot.x1));
        var solid = item.span && item.precision === 'day';
        if (marked) {
          children.push({ type: 'rect', shape: { x: x0 - 2, y: y - radius - 2, width: x1 - x0 + 4, height: 2 * radius + 4 },
            style: { fill: null, stroke: ink.accent, lineWidth: 2 } });
        }
        if (focused) {
          children.push({ type: 'rect', shape: { x: x0 - 5, y: y - radius - 5, width: x1 - x0 + 10, height: 2 * radius + 10 },
            style: { fill: null, stroke: ink.fg, lineWidth: 2, lineDash: [3, 2] } });
        }
        children.push({ type: 'rect', shape: { x: x0, y: y - radius, width: x1 - x0, height: 2 * radius },
          style: { fill: color, fillOpacity: solid ? 1 : 0.45, stroke: color, lineWidth: 2, lineDash: dashed } });
      }
      if (slot.label) {
        children.push({ type: 'text', style: { text: slot.label.text, x: slot.label.x, y: y, align: slot.label.align,
          verticalAlign: 'middle', font: slot.font, fill: ink.fg } });
      }
      return { type: 'group', children: children };
    };
  }

  // nearest is the event item whose mark lies nearest to (x, y), in the
  // chart's pixels, and within reach of it, or null.
  function nearest(entry, x, y, reach) {
    var best = null, gap = reach;
    entry.chart.getModel().getSeries().forEach(function (model) {
      var data = model.getData();
      for (var i = 0; i < data.count(); i++) {
        var g = data.getItemGraphicEl(i), item = data.getRawDataItem(i);
        if (!g || !item || !item.events || item.buckets) {
          continue;
        }
        var marks = g.childCount ? g.children() : [g];
        marks.forEach(function (m) {
          if (m.type === 'text' || !m.style || !m.style.fill) {
            return; // a label, or a ring round the mark
          }
          var r = m.getBoundingRect();
          var dx = Math.max(r.x - x, 0, x - r.x - r.width), dy = Math.max(r.y - y, 0, y - r.y - r.height);
          var d = Math.sqrt(dx * dx + dy * dy);
          if (d <= gap) {
            gap = d;
            best = item;
          }
        });
      }
    });
    return best;
  }

  // wrapNames makes the lane names of an option wrap rather than take a
  // narrow chart's room, and its time axis leave out a date that would run
  // into the one before.
  function wrapNames(entry, o) {
    var width = entry.el.clientWidth || 800;
    o.yAxis = [].concat(o.yAxis).map(function (y) {
      return Object.assign({}, y, {
        axisLabel: Object.assign({}, y.axisLabel, { width: Math.max(72, Math.min(190, width * 0.16)), overflow: 'break', lineHeight: 14 })
      });
    });
    if (o.xAxis) {
      o.xAxis = [].concat(o.xAxis).map(function (x) {
        return Object.assign({}, x, { axisLabel: Object.assign({}, x.axisLabel, { hideOverlap: true }) });
      });
    }
  }

  ties.lanes = { renderItem: renderItem, nearest: nearest, shortened: shortened, wrapNames: wrapNames };
}());
