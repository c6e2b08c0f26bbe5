// ties: the legends of the charts, as buttons of the page: one per theme,
// which a keyboard reaches and a screen reader names, pressed while its theme
// is shown. They wrap onto as many lines as a narrow screen needs, where
// ECharts' own legend would be paged. ECharts' legend stays in the option,
// hidden, holding which themes are shown, and is drawn into a downloaded
// image, which has no buttons beside it.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};

  // room is how far the grid and titles move up when ECharts' legend, at the
  // top of the chart, is not drawn.
  var room = 32;

  function up(o, shift) {
    var top = parseFloat(o && o.top);
    if (o && !isNaN(top)) {
      o.top = Math.max(4, top - shift);
    }
  }

  // hide leaves ECharts' legend out of an option, and gives its room to the
  // chart, for an entry whose page shows its legend as buttons.
  function hide(entry, option) {
    var base = option.baseOption || option;
    if (!entry.legend || entry.exporting || !base.legend) {
      return;
    }
    [].concat(base.legend).forEach(function (l) { l.show = false; });
    [].concat(base.grid || []).forEach(function (g) { up(g, room); });
    (option.options || []).forEach(function (f) {
      [].concat(f.title || []).forEach(function (t) { up(t, room); });
    });
  }

  // sync presses the buttons of the themes the chart shows.
  function sync(entry) {
    var o = entry.legend && entry.chart && entry.chart.getOption();
    var selected = o && o.legend && o.legend[0] && o.legend[0].selected || {};
    if (!entry.legend) {
      return;
    }
    entry.legend.querySelectorAll('button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(selected[b.textContent] !== false));
    });
  }

  // attach finds the buttons of an entry's legend, if its page has them,
  // and makes them toggle its themes.
  function attach(entry) {
    var el = document.querySelector('[data-legend="' + entry.kind + '"]');
    if (!el) {
      return;
    }
    entry.legend = el;
    el.addEventListener('click', function (ev) {
      var b = ev.target.closest('button');
      if (b && entry.chart) {
        entry.chart.dispatchAction({ type: 'legendToggleSelect', name: b.textContent }); // the theme's label
      }
    });
    el.hidden = false;
  }

  // withKey calls f with the chart drawn with ECharts' legend, as an image
  // of it needs, and draws it again as the page shows it.
  function withKey(entry, f, draw) {
    if (!entry.legend) {
      return f();
    }
    entry.exporting = true;
    draw(entry);
    try {
      return f();
    } finally {
      entry.exporting = false;
      draw(entry);
    }
  }

  ties.legend = { attach: attach, hide: hide, sync: sync, withKey: withKey };
}());
