// ties: a chart's option as it is drawn, in the browser (charts.js) and on
// the server (server.js): the option file's data, with what JSON cannot
// carry added (the tooltips, the chronology's drawing), each colour as the
// look draws it, and the chronology's busy stretches cut for its zoom.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};

  // prepare adds to an option what JSON cannot carry: the functions.
  function prepare(entry, option) {
    var base = option.baseOption || option;
    if (entry.kind === 'strip') {
      ties.strip.prepare(entry, base);
    }
    base.tooltip = base.tooltip || {};
    base.tooltip.formatter = ties.tooltip;
    var legible = ties.drawnColor(option);
    delete option.tiesColors;
    if (base.color) {
      base.color = base.color.map(legible);
    }
    (base.series || []).forEach(function (s) {
      if (s.itemStyle) {
        s.itemStyle.color = legible(s.itemStyle.color);
      }
      (s.data || []).forEach(function (d) {
        if (d && d.itemStyle) {
          d.itemStyle = Object.assign({}, d.itemStyle, { color: legible(d.itemStyle.color) });
        }
      });
      if (entry.kind === 'chronology') {
        ties.chronology.prepare(entry, s);
      } else if (entry.kind === 'player') {
        s.renderItem = ties.lanes.renderItem(entry);
        s.encode = { x: [0, 2], y: 1 };
      }
    });
    if (entry.kind === 'player') {
      ties.lanes.wrapNames(entry, base);
    }
    ties.legend.hide(entry, option);
    if (entry.paper || ties.printing()) {
      forPaper(base);
    }
    return option;
  }

  // forPaper takes out of an option what paper, or a picture, cannot use:
  // the zoom slider. A chart is for paper when it is printed, when it is
  // drawn for printing (the handout's, entry.paper), or drawn as a picture.
  function forPaper(base) {
    [].concat(base.dataZoom || []).forEach(function (z) {
      if (z.type === 'slider') {
        z.show = false;
      }
    });
  }

  // ties.optionFor is a chart's option for the events visible (null for all),
  // as it is drawn, which it keeps as entry.current; shown is the option the
  // chart shows, whose zoom it is cut for, if not the chart's own.
  ties.optionFor = function (entry, shown) {
    var o = prepare(entry, ties.filtered(entry, entry.visible));
    if (entry.kind === 'chronology') {
      ties.chronology.bucket(entry, o, shown);
    }
    entry.current = o.baseOption || o;
    return o;
  };
}());
