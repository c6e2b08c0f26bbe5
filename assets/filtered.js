// ties: a chart's option for the events a filter keeps. An item that
// stands for one event stays if the event does; one that stands for
// several counts the visible ones; bars keep their places and actors their
// sizes in proportion.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};

  function clone(v) {
    return JSON.parse(JSON.stringify(v));
  }

  // count is how many of ids are visible.
  function count(ids, visible) {
    var n = 0;
    (ids || []).forEach(function (id) {
      if (visible.has(id)) {
        n++;
      }
    });
    return n;
  }

  // filterItems keeps the items that stand for a visible event; an item that
  // stands for several counts only the visible ones.
  function filterItems(items, visible) {
    var out = [];
    (items || []).forEach(function (it) {
      if (!it || !it.events) {
        out.push(it);
      } else if (it.events.length === 1 && !it.filter) {
        if (visible.has(it.events[0])) {
          out.push(it);
        }
      } else {
        var n = count(it.events, visible);
        var copy = Object.assign({}, it);
        if (typeof copy.value === 'number') {
          copy.value = n;
        }
        if (n > 0 || !it.filter) {
          out.push(copy);
        }
      }
    });
    return out;
  }

  // ties.filtered is a chart's option, as the server made it, for the
  // events visible (null for all).
  ties.filtered = function (entry, visible) {
    if (entry.kind === 'chronology') {
      return ties.chronology.option(entry, visible);
    }
    var o = clone(entry.pristine);
    if (!visible) {
      return o;
    }
    if (entry.kind === 'player') {
      o.options.forEach(function (f) {
        f.series.forEach(function (s) {
          s.data = filterItems(s.data, visible);
        });
        f.title.subtext = ties.plural(f.series.reduce(function (n, s) { return n + s.data.length; }, 0), 'event');
      });
      return o;
    }
    o.series.forEach(function (s) {
      if (entry.kind === 'actors') {
        var total = {};
        s.data.forEach(function (n) {
          total[n.name] = n.events.length;
        });
        s.data = filterItems(s.data, visible).map(function (n) {
          n.symbolSize = Math.max(6, n.symbolSize * Math.sqrt(n.value / total[n.name]));
          return n;
        });
        var names = new Set(s.data.map(function (n) { return n.name; }));
        s.links = filterItems(s.links, visible).filter(function (l) {
          return l.value > 0 && names.has(l.source) && names.has(l.target);
        });
      } else if (entry.kind === 'per-year') {
        // A bar's place is its index: keep every bar, counting what is left.
        s.data = s.data.map(function (it) {
          return it.events ? Object.assign({}, it, { value: count(it.events, visible) }) : it;
        });
      } else if (entry.kind !== 'strip') {
        s.data = filterItems(s.data, visible);
      }
    });
    return o;
  };
}());
