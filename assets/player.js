// ties: the year player, the chart that steps through the years with
// ECharts' timeline, which charts.js draws like the other charts. This script
// adds what is the player's own: the keyboard, and a live region that says
// which year is shown.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};

  // keys makes the player answer the keyboard: arrows step through the
  // years, Home and End go to the first and last, Space or Enter plays and
  // pauses. It adds the live region that says which year is shown.
  function keys(entry) {
    var el = entry.el;
    entry.status = ties.keys.focusable(el, 'ArrowLeft ArrowRight Home End Space', 'data-player-status');
    el.addEventListener('keydown', function (ev) {
      var tl = entry.chart.getOption().timeline[0];
      var last = tl.data.length - 1, i = tl.currentIndex, next = null;
      switch (ev.key) {
        case 'ArrowRight': next = Math.min(last, i + 1); break;
        case 'ArrowLeft': next = Math.max(0, i - 1); break;
        case 'Home': next = 0; break;
        case 'End': next = last; break;
        case ' ':
        case 'Enter':
          entry.chart.dispatchAction({ type: 'timelinePlayChange', playState: !tl.autoPlay });
          ev.preventDefault();
          return;
        default:
          return;
      }
      ev.preventDefault();
      entry.chart.dispatchAction({ type: 'timelineChange', currentIndex: next });
    });
  }

  // follow has the live region say which year the chart shows; each chart
  // made for the player, as a change of look makes it anew, needs it.
  function follow(entry) {
    entry.chart.on('timelinechanged', function () {
      var o = entry.chart.getOption();
      var title = o.title && o.title[0];
      entry.status.textContent = title ? title.text + ': ' + title.subtext : '';
    });
  }

  ties.player = { keys: keys, follow: follow };
}());
