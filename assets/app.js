// ties: the one script of the site. It draws every chart from the JSON option
// the server put in the page, sends clicks on charts where their data items
// say, applies the filters to charts, lists and tables, sorts the table of
// events, and brings a marked passage into view. Text from a timeline is only
// ever set as text, or HTML-escaped before ECharts shows it in a tooltip.
(function () {
  'use strict';

  var entries = []; // one per chart: {el, kind, chart, pristine, current}

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function clone(v) {
    return JSON.parse(JSON.stringify(v));
  }

  function esc(s) {
    return echarts.format.encodeHTML(String(s));
  }

  function plural(n, word) {
    return n === 1 ? '1 ' + word : n + ' ' + word + 's';
  }

  // tooltip formats every chart's tooltip; it escapes every text it shows.
  function tooltip(p) {
    var d = p.data || {};
    if (d.title) {
      return '<div class="tip-date">' + esc(d.date) + '</div><div class="tip-title">' + esc(d.title) + '</div>';
    }
    if (p.dataType === 'edge') {
      return esc(d.source) + ' and ' + esc(d.target) + ': ' + esc(plural(d.events ? d.events.length : 0, 'event'));
    }
    if (p.seriesType === 'bar') {
      return esc(p.name) + ' · ' + esc(p.seriesName) + ': ' + esc(plural(p.value, 'event'));
    }
    return esc(p.name) + ': ' + esc(plural(d.events ? d.events.length : p.value, 'event'));
  }

  // renderMark draws one event of the chronology by its precision: a dot
  // for a day, a bar across a month or a year (paler inside), a solid bar for
  // a span, and a dashed outline for an approximate date.
  function renderMark(entry) {
    return function (params, api) {
      var item = entry.current.series[params.seriesIndex].data[params.dataIndex];
      var lane = api.value(1), row = api.value(3), rows = api.value(4) || 1;
      var a = api.coord([api.value(0), lane]), b = api.coord([api.value(2), lane]);
      var band = api.size([0, 1])[1] * 0.8;
      var y = a[1] - band / 2 + band * (row + 0.5) / rows;
      var h = Math.max(4, Math.min(14, band / rows - 2));
      var color = api.visual('color');
      var dashed = item.about ? [4, 3] : null;
      var sys = params.coordSys;
      if (item.precision === 'day' && !item.span) {
        var cx = (a[0] + b[0]) / 2;
        if (cx < sys.x - 1 || cx > sys.x + sys.width + 1) {
          return null;
        }
        return {
          type: 'circle',
          shape: { cx: cx, cy: y, r: Math.max(4, h / 2) },
          style: { fill: color, stroke: item.about ? color : '#fff', lineWidth: item.about ? 2 : 1, lineDash: dashed }
        };
      }
      var x0 = a[0], x1 = b[0];
      if (x1 - x0 < 8) {
        var mid = (x0 + x1) / 2;
        x0 = mid - 4;
        x1 = mid + 4;
      }
      var rect = echarts.graphic.clipRectByRect(
        { x: x0, y: y - h / 2, width: x1 - x0, height: h },
        { x: sys.x, y: sys.y, width: sys.width, height: sys.height });
      if (!rect) {
        return null;
      }
      var solid = item.span && item.precision === 'day';
      return {
        type: 'rect',
        shape: rect,
        style: { fill: color, opacity: solid ? 1 : 0.45, stroke: color, lineWidth: 2, lineDash: dashed }
      };
    };
  }

  // prepare adds to an option what JSON cannot carry: the functions.
  function prepare(entry, option) {
    var base = option.baseOption || option;
    base.tooltip = base.tooltip || {};
    base.tooltip.formatter = tooltip;
    if (entry.kind === 'chronology') {
      option.series.forEach(function (s) {
        s.renderItem = renderMark(entry);
        s.encode = { x: [0, 2], y: 1 };
      });
    }
    return option;
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

  function filtered(entry, visible) {
    var o = clone(entry.pristine);
    if (entry.kind === 'player') {
      o.options.forEach(function (f) {
        f.series.forEach(function (s) {
          s.data = filterItems(s.data, visible);
        });
        f.title.subtext = plural(f.series.reduce(function (n, s) { return n + s.data.length; }, 0), 'event');
      });
      var now = entry.chart.getOption();
      if (now && now.timeline && now.timeline[0]) {
        o.baseOption.timeline.currentIndex = now.timeline[0].currentIndex;
      }
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
      } else {
        s.data = filterItems(s.data, visible);
      }
    });
    return o;
  }

  function draw(entry, visible) {
    var o = prepare(entry, visible ? filtered(entry, visible) : clone(entry.pristine));
    entry.current = o.baseOption || o;
    if (entry.kind === 'player') {
      entry.chart.setOption(o, true);
    } else {
      entry.chart.setOption({ series: o.series });
    }
  }

  function initChart(el) {
    var entry = { el: el, kind: el.getAttribute('data-chart'), pristine: readJSON(el.getAttribute('data-option')) };
    entry.chart = echarts.init(el, null, { renderer: 'canvas' });
    // Registered before setOption, so that the first render is seen.
    entry.chart.on('finished', function () {
      el.setAttribute('data-ready', 'true');
    });
    entry.chart.on('click', function (p) {
      var d = p.data;
      if (!d) {
        return;
      }
      if (d.filter) {
        setFilters(Object.assign(readForm(), d.filter));
      } else if (d.url) {
        window.location.assign(d.url);
      }
    });
    var o = prepare(entry, clone(entry.pristine));
    entry.current = o.baseOption || o;
    entry.chart.setOption(o);
    if (entry.kind === 'player') {
      initPlayerKeys(entry);
    }
    if (window.ResizeObserver) {
      new ResizeObserver(function () { entry.chart.resize(); }).observe(el);
    }
    entries.push(entry);
  }

  // The player answers the keyboard: arrows step through the years, Home
  // and End go to the first and last, Space or Enter plays and pauses. A live
  // region says which year is shown.
  function initPlayerKeys(entry) {
    var el = entry.el;
    el.tabIndex = 0;
    el.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight Home End Space');
    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('aria-live', 'polite');
    status.setAttribute('data-player-status', '');
    el.parentNode.insertBefore(status, el.nextSibling);
    entry.chart.on('timelinechanged', function () {
      var o = entry.chart.getOption();
      var title = o.title && o.title[0];
      status.textContent = title ? title.text + ': ' + title.subtext : '';
    });
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

  // Filters.

  var filterData = null;
  var form = null;
  var fields = ['theme', 'actor', 'from', 'to', 'q'];

  function readForm() {
    var s = {};
    fields.forEach(function (f) {
      s[f] = form.elements[f].value.trim();
    });
    return s;
  }

  function readURL() {
    var p = new URLSearchParams(window.location.search);
    var s = {};
    fields.forEach(function (f) {
      s[f] = (p.get(f) || '').trim();
    });
    return s;
  }

  function visibleSet(s) {
    var from = parseInt(s.from, 10), to = parseInt(s.to, 10), q = s.q.toLowerCase();
    var words = q.split(/\s+/).filter(Boolean);
    var set = new Set();
    filterData.forEach(function (e) {
      if (s.theme && e.theme !== s.theme) { return; }
      if (s.actor && (e.actors || []).indexOf(s.actor) < 0) { return; }
      if (!isNaN(from) && e.to < from) { return; }
      if (!isNaN(to) && e.from > to) { return; }
      if (!words.every(function (w) { return e.text.indexOf(w) >= 0; })) { return; }
      set.add(e.id);
    });
    return set;
  }

  function setFilters(s) {
    fields.forEach(function (f) {
      var el = form.elements[f];
      if (el.tagName === 'SELECT' && s[f] && !Array.prototype.some.call(el.options, function (o) { return o.value === s[f]; })) {
        s[f] = '';
      }
      el.value = s[f];
    });
    apply(s);
  }

  function apply(s) {
    var any = fields.some(function (f) { return s[f]; });
    var visible = visibleSet(s);
    entries.forEach(function (entry) {
      draw(entry, any ? visible : null);
    });
    document.querySelectorAll('[data-rows] [data-event]').forEach(function (row) {
      row.hidden = !visible.has(row.getAttribute('data-event'));
    });
    var counter = form.querySelector('[data-count]');
    var total = counter.getAttribute('data-total');
    counter.textContent = any ? visible.size + ' of ' + plural(Number(total), 'event') : plural(Number(total), 'event');
    var p = new URLSearchParams();
    fields.forEach(function (f) {
      if (s[f]) {
        p.set(f, s[f]);
      }
    });
    p.sort(); // the order the server writes its links in
    var query = p.toString();
    var url = window.location.pathname + (query ? '?' + query : '') + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, '', url);
    }
  }

  function initFilters() {
    form = document.querySelector('[data-filters]');
    filterData = readJSON('ties-filter-data');
    if (!form || !filterData) {
      return;
    }
    var timer = null;
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { apply(readForm()); }, 120);
    });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      apply(readForm());
    });
    form.querySelector('[data-reset]').addEventListener('click', function (ev) {
      ev.preventDefault();
      setFilters({ theme: '', actor: '', from: '', to: '', q: '' });
    });
    window.addEventListener('popstate', function () { setFilters(readURL()); });
    setFilters(readURL());
  }

  // The table of events sorts by date, either way.
  function initSort() {
    document.querySelectorAll('table[data-sortable]').forEach(function (table) {
      var button = table.querySelector('[data-sort]');
      var th = button.closest('th');
      var body = table.tBodies[0];
      Array.prototype.forEach.call(body.rows, function (row, i) { row.setAttribute('data-index', i); });
      button.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        var sign = dir === 'ascending' ? 1 : -1;
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var ka = a.getAttribute('data-sort-key'), kb = b.getAttribute('data-sort-key');
          var c = ka < kb ? -1 : ka > kb ? 1 : Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'));
          return sign * c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
        th.setAttribute('aria-sort', dir);
      });
    });
  }

  // An event's page brings its passage into view; an article's page marks
  // the passages of the event its address names as current.
  function initMarks() {
    var quoted = document.querySelector('.event .quoted mark');
    if (quoted) {
      var r = quoted.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) {
        quoted.scrollIntoView({ block: 'center' });
      }
      return;
    }
    function markCurrent() {
      document.querySelectorAll('mark.current').forEach(function (m) {
        m.classList.remove('current');
        m.removeAttribute('aria-current');
      });
      // "#event-{id}" names an event's first passage, "#event-{id}--2" its
      // second; ids never hold "--".
      var hash = decodeURIComponent(window.location.hash.slice(1));
      var m = /^event-(.+?)(?:--\d+)?$/.exec(hash);
      if (!m) {
        return;
      }
      var target = document.getElementById(hash);
      var first = null;
      document.querySelectorAll('mark[data-events]').forEach(function (mk) {
        if (mk.getAttribute('data-events').split(' ').indexOf(m[1]) >= 0) {
          mk.classList.add('current');
          mk.setAttribute('aria-current', 'true');
          first = first || mk;
        }
      });
      // The browser scrolls to a target itself; without one, the first mark.
      if (!target && first) {
        first.scrollIntoView({ block: 'center' });
      }
    }
    window.addEventListener('hashchange', markCurrent);
    markCurrent();
  }

  function init() {
    document.querySelectorAll('[data-chart]').forEach(initChart);
    initFilters();
    initSort();
    initMarks();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
