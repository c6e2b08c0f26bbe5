// ties: the chronology from the keyboard. Tab reaches the chart; ← and →
// move from event to event in time, ↑ and ↓ to the nearest event of the lane
// above or below, Home and End to the first and last; Enter reads the event
// in the panel. The event under the keyboard is outlined while the chart has
// the focus, brought into view, and named in a live region: date, title,
// theme and its place among the events shown.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};

  // items are the chronology's marks by event id.
  function items(entry) {
    var byId = new Map();
    entry.pristine.series.forEach(function (s) {
      (s.data || []).forEach(function (it) {
        if (it && it.events && it.events.length === 1 && it.precision) {
          byId.set(it.events[0], it);
        }
      });
    });
    return byId;
  }

  // first is the first event in time of list that the chart's view holds,
  // or the first of all.
  function first(entry, list, byId) {
    var z = entry.chart.getOption().dataZoom;
    var from = z && z[0] && z[0].startValue, to = z && z[0] && z[0].endValue;
    for (var i = 0; i < list.length; i++) {
      var it = byId.get(list[i].id);
      if (it && from !== undefined && it.value[2] >= from && it.value[0] <= to) {
        return list[i];
      }
    }
    return list[0];
  }

  // across is the event of the nearest lane below (by 1) or above (by -1)
  // the event here that has any, nearest in time to it.
  function across(list, byId, here, by) {
    var lane = byId.get(here.id).value[1], i = list.indexOf(here), best = null;
    list.forEach(function (e, j) {
      var l = byId.get(e.id) && byId.get(e.id).value[1];
      if (l === undefined || (l - lane) * by <= 0) {
        return;
      }
      var bestLane = best && byId.get(best.e.id).value[1];
      if (!best || Math.abs(l - lane) < Math.abs(bestLane - lane) ||
          l === bestLane && Math.abs(j - i) < best.gap) {
        best = { e: e, gap: Math.abs(j - i) };
      }
    });
    return best && best.e;
  }

  function say(entry, e, list) {
    var d = ties.events, theme = d.themes[e.theme];
    entry.keyStatus.textContent = e.date + ': ' + e.title + '. ' + theme.label + '. Event ' +
      (list.indexOf(e) + 1) + ' of ' + list.length + '. Enter reads it.';
  }

  // move puts the keyboard on event e, and reads it in the panel if the
  // panel is open.
  function move(entry, e, list) {
    entry.cursor = e.id;
    say(entry, e, list);
    if (ties.reading.isOpen()) {
      ties.reading.open(entry, e.id, false);
    } else {
      ties.showEvent(entry, entry.marked || null, e.id);
    }
  }

  // focusable makes a chart's element reachable by Tab, naming the keys it
  // takes, and returns the live region, after it, that says what the keys
  // did; attr marks the region for the tests.
  function focusable(el, shortcuts, attr) {
    el.tabIndex = 0;
    el.setAttribute('aria-keyshortcuts', shortcuts);
    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('aria-live', 'polite');
    status.setAttribute(attr, '');
    el.parentNode.insertBefore(status, el.nextSibling);
    return status;
  }

  // chronology makes the chronology's entry answer the keyboard.
  function chronology(entry) {
    var el = entry.el;
    entry.keyStatus = focusable(el, 'ArrowLeft ArrowRight ArrowUp ArrowDown Home End Enter', 'data-chronology-status');
    var redraw = function (ev) {
      entry.hasFocus = ev.type === 'focus';
      if (entry.chart && entry.cursor) {
        ties.redrawMarks(entry); // the outline shows only with the focus
      }
    };
    el.addEventListener('focus', redraw);
    el.addEventListener('blur', redraw);
    el.addEventListener('keydown', function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey || !entry.chart || !ties.events || entry.overview) {
        return;
      }
      var open = ties.reading.isOpen();
      if (open && (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight')) {
        return; // the panel steps, and the keyboard follows it
      }
      var list = ties.reading.order(entry), byId = items(entry);
      if (!list.length) {
        return;
      }
      var here = ties.eventInfo(entry.cursor || entry.marked);
      if (list.indexOf(here) < 0) {
        here = null;
      }
      var next = null;
      switch (ev.key) {
        case 'ArrowRight': next = here ? list[list.indexOf(here) + 1] : first(entry, list, byId); break;
        case 'ArrowLeft': next = here ? list[list.indexOf(here) - 1] : first(entry, list, byId); break;
        case 'ArrowDown': next = here ? across(list, byId, here, 1) : first(entry, list, byId); break;
        case 'ArrowUp': next = here ? across(list, byId, here, -1) : first(entry, list, byId); break;
        case 'Home': next = list[0]; break;
        case 'End': next = list[list.length - 1]; break;
        case 'Enter':
          if (here) {
            ev.preventDefault();
            ties.reading.open(entry, here.id);
          }
          return;
        default:
          return;
      }
      ev.preventDefault();
      if (next) {
        move(entry, next, list);
      }
    });
  }

  ties.keys = { chronology: chronology, focusable: focusable };
}());
