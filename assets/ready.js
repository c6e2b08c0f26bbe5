// ties: marks the frame that first shows the charts the server drew, for
// benchmarks, which count a chart as drawn from then. Each page that has
// such a chart runs it right after the chart, as the page is read, so that
// the mark is of the first frame that can show it, not of the end of the
// page's scripts.
(function () {
  'use strict';
  if (!window.performance || !performance.mark) {
    return;
  }
  document.querySelectorAll('[data-chart][data-ready]:not([data-marked])').forEach(function (el) {
    el.setAttribute('data-marked', '');
    requestAnimationFrame(function () { performance.mark('ties-chart-ready:' + el.getAttribute('data-chart')); });
  });
}());
