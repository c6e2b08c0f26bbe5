// ties: the actors' names. ECharts draws each name to the right of its
// circle, where it may pass the chart's edge or lie over another circle.
// Once the network is drawn, and each time it moves, each name takes the
// first side of its circle (right, left, above, below) where it is whole
// within the chart and over no other circle or name, the larger circles
// first; a name with no such side is left out, and shown on hover.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};
  var sides = ['right', 'left', 'top', 'bottom'];
  var gap = 5;

  function box(el) {
    var r = el.getBoundingRect().clone();
    r.applyTransform(el.getComputedTransform());
    return r;
  }

  function overlaps(a, b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }

  // at is where a name w by h stands on side of circle c.
  function at(c, side, w, h) {
    var cx = c.x + c.width / 2, cy = c.y + c.height / 2;
    switch (side) {
      case 'right': return { x: c.x + c.width + gap, y: cy - h / 2, width: w, height: h };
      case 'left': return { x: c.x - gap - w, y: cy - h / 2, width: w, height: h };
      case 'top': return { x: cx - w / 2, y: c.y - gap - h, width: w, height: h };
      default: return { x: cx - w / 2, y: c.y + c.height + gap, width: w, height: h };
    }
  }

  // fit zooms the network out, once for each size of the chart, when a
  // circle passes its edge, as the force layout may on a narrow screen; it
  // reports whether it did.
  function fit(entry, model, nodes, width, height) {
    var size = width + 'x' + height;
    if (entry.fitted === size || !nodes.length) {
      return false;
    }
    entry.fitted = size;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, margin = 8;
    nodes.forEach(function (n) {
      x0 = Math.min(x0, n.circle.x);
      y0 = Math.min(y0, n.circle.y);
      x1 = Math.max(x1, n.circle.x + n.circle.width);
      y1 = Math.max(y1, n.circle.y + n.circle.height);
    });
    if (x0 >= margin && y0 >= margin && x1 <= width - margin && y1 <= height - margin) {
      return false;
    }
    // Zoomed about the middle of the chart, the farther side sets the scale.
    var half = Math.max(width / 2 - x0, x1 - width / 2) / (width / 2 - margin);
    var halfY = Math.max(height / 2 - y0, y1 - height / 2) / (height / 2 - margin);
    var scale = 1 / Math.max(half, halfY, 1);
    var zoom = (model.get('zoom') || 1) * scale;
    // Not while ECharts is still drawing, which refuses a new option.
    setTimeout(function () {
      entry.chart.setOption({ series: [{ zoom: zoom }] });
    }, 0);
    return true;
  }

  // place sets the side of every actor's name, or leaves it out. It
  // reports false when it zoomed the network out instead, to be drawn again.
  function place(entry) {
    var chart = entry.chart, model = chart.getModel().getSeriesByIndex(0);
    if (!model || model.subType !== 'graph') {
      return true;
    }
    var data = model.getData(), width = chart.getWidth(), height = chart.getHeight();
    var nodes = [];
    for (var i = 0; i < data.count(); i++) {
      var g = data.getItemGraphicEl(i);
      var path = g && g.getSymbolPath && g.getSymbolPath();
      var label = path && path.getTextContent();
      if (label) {
        nodes.push({ path: path, label: label, circle: box(path), size: data.getItemVisual(i, 'symbolSize') || 0 });
      }
    }
    if (fit(entry, model, nodes, width, height)) {
      return false; // drawn again, smaller, and placed then
    }
    var key = nodes.map(function (n) { return [n.circle.x, n.circle.y, n.circle.width].map(Math.round).join(','); }).join(' ') + ' ' + width + 'x' + height;
    if (key === entry.placed) {
      return true;
    }
    entry.placed = key;
    var taken = nodes.map(function (n) { return n.circle; });
    nodes.slice().sort(function (a, b) { return b.size - a.size; }).forEach(function (n) {
      var text = n.label.style.text || '';
      var w = ties.textWidth(text, n.label.style.font || '12px sans-serif'), h = 14;
      var side = null, spot = null;
      for (var s = 0; s < sides.length && !side; s++) {
        var r = at(n.circle, sides[s], w, h);
        var inside = r.x >= 0 && r.y >= 0 && r.x + r.width <= width && r.y + r.height <= height;
        if (inside && !taken.some(function (t) { return t !== n.circle && overlaps(t, r); })) {
          side = sides[s];
          spot = r;
        }
      }
      n.path.setTextConfig({ position: side || 'right', distance: gap });
      n.label.ignore = !side;
      n.label.__tiesPlaced = side ? spot : null;
      if (spot) {
        taken.push(spot);
      }
    });
    chart.getZr().refresh();
    return true;
  }

  ties.actors = { place: place };
}());
