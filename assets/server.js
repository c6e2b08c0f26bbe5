// ties: drawing on the server. The ties binary runs this script, after
// ECharts' server build (vendor/echarts/echarts.ssr.min.js) and the scripts
// that draw the charts in the browser, on an embedded JavaScript engine, so
// that a chart is drawn by the same code in both places. There is no page
// here: no printing, and no legend buttons but those a drawing says it has.
(function () {
  'use strict';

  var ties = window.ties;
  ties.printing = function () { return false; };
  ties.themes();
  echarts.tiesMeasure(tiesMeasure); // the Go fonts' widths, given by the server

  // items are what the marks of a drawn chart stand for, by series and
  // index, as the ecmeta attributes of its marks number them: what the
  // page needs for their tooltips and clicks.
  function items(chart, entry) {
    var series = entry.kind === 'chronology' ? entry.current.series : chart.getOption().series;
    // An item that stands for many events gives their number alone: its
    // tooltip counts them, and its click filters by its own filter.
    var lean = function (list) {
      return (list || []).map(function (it) {
        if (!it || !it.events || it.events.length < 2) {
          return it;
        }
        var copy = Object.assign({}, it, { count: it.events.length });
        delete copy.events;
        return copy;
      });
    };
    return series.map(function (s) {
      var m = { name: s.name, type: s.type, data: lean(s.data) };
      if (s.links) {
        m.links = lean(s.links);
      }
      if (s.silent || s.tooltip && s.tooltip.show === false) {
        m.tip = false;
        m.data = [];
      }
      return m;
    });
  }

  // card draws the bar down the side of an event's card (charts.Card), in
  // its theme's colour.
  function card(params, api) {
    return { type: 'rect', shape: { x: 0, y: 0, width: 16, height: api.getHeight() }, style: { fill: api.visual('color') } };
  }

  // ties.drawSVG draws the chart of kind from its option file's JSON, at
  // width × height, in look, on paper (a colour, or '' for none); legend
  // says whether the page shows the legend itself, as buttons, rather
  // than in the drawing; marked is the event ringed ('' for none), and
  // before and after the events named beside it, as the slide show's strip
  // has them. It returns JSON: {svg, items}.
  ties.drawSVG = function (kind, json, width, height, look, legend, paper, marked, before, after) {
    ties.drawingLook = look;
    // The element stands for the size the chart is drawn at.
    // A chart on paper, a picture's or the handout's, has no slider.
    var entry = { kind: kind, pristine: JSON.parse(json), visible: null, legend: legend || null, paper: !!paper,
      el: { clientWidth: width, clientHeight: height } };
    if (marked) {
      entry.marked = entry.cursor = marked;
      entry.neighbours = [before, after];
    }
    var chart = echarts.init(null, 'ties-' + look, { renderer: 'svg', ssr: true, width: width, height: height });
    echarts.tiesMarks();
    entry.chart = chart;
    try {
      var o = ties.optionFor(entry);
      if (kind === 'card') {
        o.series[0].renderItem = card;
      }
      if (paper) {
        (o.baseOption || o).backgroundColor = paper;
      }
      o.animation = false;
      (o.baseOption || o).animation = false;
      chart.setOption(o, true);
      if (kind === 'actors') {
        // Placed as the page places them; a chart zoomed out to fit is
        // drawn again and placed then.
        for (var i = 0; i < 3 && !ties.actors.place(entry); i++) {
          ties.runTimers();
        }
      }
      // The ids in the SVG, of its clip paths and styles, are the chart's
      // own, so that two drawings in one page, such as the handout's for
      // the screen and for paper, or the home page's for a wide screen and
      // for a phone, do not share them.
      chart.getZr().painter._id = 'ties-' + kind + '-' + width + 'x' + height + (paper ? '-paper' : '');
      return JSON.stringify({ svg: chart.renderToSVGString(), items: items(chart, entry) });
    } finally {
      chart.dispose();
    }
  };
}());
