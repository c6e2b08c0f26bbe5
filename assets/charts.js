// ties: draws every chart of a page from the JSON option file its element
// names. The options hold data only; this script adds what JSON cannot carry
// (tooltip formatters, the chronology's drawing), sends clicks where the data
// items say, and redraws the charts for a filter or a look. An item names
// its events by id; their titles, dates and addresses are in the page's
// events file. Text from a timeline is HTML-escaped before ECharts shows it
// in a tooltip.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};
  var entries = ties.entries = []; // one per chart: {el, kind, chart, pristine, current, visible}

  // ties.fetchJSON loads a JSON file once, however often it is asked for.
  var fetched = {};
  ties.fetchJSON = function (url) {
    if (!fetched[url]) {
      fetched[url] = fetch(url).then(function (r) {
        if (!r.ok) {
          throw new Error('ties: ' + url + ' answered ' + r.status + '; the timeline may have changed: reload the page');
        }
        return r.json();
      });
      fetched[url].catch(function () {
        delete fetched[url]; // a later ask tries again
      });
    }
    return fetched[url];
  };

  // ties.data resolves to the page's events file, with byId added: every
  // event's record by its id. ties.events is the same once it is loaded. It
  // is fetched once the first chart is drawn, which does not need it, so
  // that reading a large file does not hold that chart up.
  ties.events = null;
  var wantData;
  ties.data = new Promise(function (resolve) { wantData = resolve; }).then(function (needed) {
    return needed ? ties.fetchJSON(document.body.getAttribute('data-events')) : null;
  }).then(function (d) {
    if (!d) {
      return null; // a page with nothing to filter, list or present
    }
    d.byId = new Map();
    d.events.forEach(function (e, i) {
      e.index = i;
      d.byId.set(e.id, e);
    });
    ties.events = d;
    return d;
  });

  // ties.eventInfo is the record of an event by its id, or null until the
  // events file is loaded.
  ties.eventInfo = function (id) {
    return ties.events ? ties.events.byId.get(id) || null : null;
  };

  // ties.eventURL is the address of an event's page, which the page names
  // but for the id, so that a click needs no file loaded first.
  ties.eventURL = function (id) {
    return document.body.getAttribute('data-event-url') + id;
  };

  // esc makes a text safe to show as HTML, as ECharts' encodeHTML does,
  // without ECharts, which a page drawn on the server may not have loaded.
  var esc = ties.esc = function (s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  };

  var plural = ties.plural = function (n, word) {
    return n === 1 ? '1 ' + word : n + ' ' + word + 's';
  };

  var look = ties.look;

  // ties.tooltip formats every chart's tooltip, drawn by ECharts or on
  // the server (drawn.js); it escapes every text it shows.
  ties.tooltip = function (p) {
    var d = p.data || {};
    if (d.buckets) {
      // What a lane of busy stretches stands for.
      var n = d.buckets.reduce(function (sum, b) { return sum + b[2]; }, 0);
      return esc(p.seriesName + ': ' + plural(n, 'event')) + ', too many to draw one by one<br>Click a bar to zoom in';
    }
    if (d.precision) {
      var e = ties.eventInfo(d.events[0]);
      return e ? '<div class="tip-date">' + esc(e.date) + '</div><div class="tip-title">' + esc(e.title) + '</div>' : '…';
    }
    if (p.dataType === 'edge') {
      return esc(d.source) + ' and ' + esc(d.target) + ': ' + esc(plural(d.events ? d.events.length : d.count || 0, 'event'));
    }
    if (p.seriesType === 'bar') {
      return esc(p.name) + ' · ' + esc(p.seriesName) + ': ' + esc(plural(p.value, 'event'));
    }
    return esc(p.name) + ': ' + esc(plural(d.events ? d.events.length : d.count || p.value, 'event'));
  };

  // draw sets a chart's option for the events visible (null for all). It
  // keeps what the reader did with the chart as it is, or as it was when
  // before, its option, was read.
  function draw(entry, before) {
    var now = before || entry.chart.getOption();
    var o = ties.optionFor(entry, now);
    // Keep the year shown and the zoom across a redraw.
    if (now && now.timeline && now.timeline[0]) {
      o.baseOption.timeline.currentIndex = now.timeline[0].currentIndex;
    }
    // And the lanes the reader hid from the legend.
    var legend = (o.baseOption || o).legend;
    if (now && now.legend && now.legend[0] && now.legend[0].selected && legend && !Array.isArray(legend)) {
      (o.baseOption || o).legend = Object.assign({}, legend, { selected: now.legend[0].selected });
    }
    if (now && now.dataZoom && o.dataZoom) {
      o.dataZoom.forEach(function (z, i) {
        if (now.dataZoom[i]) {
          z.start = now.dataZoom[i].start;
          z.end = now.dataZoom[i].end;
        }
      });
    }
    entry.chart.setOption(o, true);
  }

  // redrawSeries draws a chart's series again for the events visible, and
  // leaves its other parts as they are, with what the reader is doing with
  // them: the zoom, a drag under way, the lanes hidden from the legend.
  function redrawSeries(entry) {
    entry.chart.setOption({ series: ties.optionFor(entry).series }, { replaceMerge: ['series'] });
  }

  // ties.showEvent rings event id (null for none) on a chronology, and
  // brings it into view, or brings cursor, the event under the keyboard,
  // into view if it is given. The keyboard follows the event read.
  ties.showEvent = function (entry, id, cursor) {
    entry.marked = id;
    entry.cursor = cursor || id || entry.cursor;
    if (!entry.chart) {
      return;
    }
    if ((cursor || id) && entry.kind === 'chronology') {
      ties.chronology.follow(entry, cursor || id);
    }
    redrawSeries(entry);
  };

  // ties.redrawMarks draws a chart's marks again, as when the focus comes
  // or goes.
  ties.redrawMarks = redrawSeries;

  // ties.filter redraws every chart for the events visible (null for all).
  ties.filter = function (visible) {
    if (visible === null && entries.every(function (e) { return e.visible === null; })) {
      return; // nothing was filtered, nothing to redraw
    }
    entries.forEach(function (entry) {
      entry.visible = visible;
      if (entry.chart) {
        draw(entry);
      } else if (entry.svg) {
        ties.upgrade(); // drawn for the events visible then
      }
    });
  };

  // act does what a click on a chart's item p does: a busy stretch zooms
  // in, an event of the chronology opens in the reading panel, and any other
  // item opens its address or filters the page (ties.onItem).
  function act(entry, p) {
    var d = p.data;
    if (d && d.buckets) {
      ties.chronology.zoomInto(entry, p);
      return;
    }
    if (d && d.precision && entry.kind === 'chronology' && ties.reading) {
      // Read in the panel, once the events file it shows is in.
      var item = d, page = function () {
        if (ties.onItem) {
          ties.onItem(entry, Object.assign({ url: ties.eventURL(item.events[0]) }, item));
        }
      };
      ties.data.then(function () {
        if (!ties.reading.open(entry, item.events[0])) {
          page();
        }
      }, page); // without the events file, the event's page
      return;
    }
    if (d && d.precision && !d.url) {
      d = Object.assign({ url: ties.eventURL(d.events[0]) }, d);
    }
    if (d && ties.onItem) {
      ties.onItem(entry, d);
    }
  }

  ties.act = act;

  // start makes the chart of an entry, in the page's look; before is the
  // option of the chart it replaces, if any.
  function start(entry, before) {
    var el = entry.el;
    el.removeAttribute('data-ready');
    entry.chart = echarts.init(el, 'ties-' + look(), { renderer: 'canvas' });
    // Registered before setOption, so that the first render is seen.
    entry.chart.on('finished', function () {
      if (entry.kind === 'actors' && !ties.actors.place(entry)) {
        return; // zoomed out to fit, and drawn again
      }
      if (!el.hasAttribute('data-ready') && window.performance && performance.mark) {
        // Benchmarks read when each chart was first drawn, counted from navigation.
        performance.mark('ties-chart-ready:' + entry.kind);
      }
      el.setAttribute('data-ready', 'true');
      ties.drawn.done(entry); // the server's drawing, under this one, goes
      if (entry.drawn) {
        // The next chart waits for the browser to show this one.
        setTimeout(entry.drawn, 0);
        entry.drawn = null;
      }
    });
    entry.chart.on('click', function (p) { act(entry, p); });
    if (entry.kind === 'chronology' || entry.kind === 'player' || entry.kind === 'strip') {
      // A tap need not land on a mark a few pixels wide: one on nothing
      // takes the nearest mark within reach.
      entry.chart.getZr().on('click', function (e) {
        var item = !e.target && ties.lanes.nearest(entry, e.offsetX, e.offsetY, 24);
        if (item) {
          act(entry, { data: item });
        }
      });
    }
    draw(entry, before);
    ties.legend.sync(entry);
    entry.chart.on('legendselectchanged', function () {
      ties.legend.sync(entry);
      if (entry.kind === 'chronology') {
        ties.reading.refresh();
      }
    });
    if (entry.kind === 'chronology') {
      ties.chronology.watch(entry, function () { redrawSeries(entry); });
    }
    if (entry.kind === 'player') {
      ties.player.follow(entry);
    }
  }

  // ties.image is a chart's picture as a data URL of type ('png' or
  // 'svg'), on background bg, with its legend drawn in.
  ties.image = function (entry, type, bg) {
    return ties.legend.withKey(entry, function () {
      return entry.chart.getDataURL({ type: type, pixelRatio: 2, backgroundColor: bg });
    }, function (e) { draw(e); });
  };

  // ties.restyle makes every chart again in the page's look, showing the
  // year, the zoom and the lanes it showed. A chart the server drew in
  // another look, or for the screen when it is printed and the server drew
  // none for paper, is drawn with ECharts.
  ties.restyle = function () {
    if (entries.some(function (entry) {
      return entry.svg && (ties.printing() ? !entry.paperSVG : entry.drawnLook !== ties.look());
    })) {
      ties.upgrade();
    }
    entries.forEach(function (entry) {
      if (entry.chart) {
        var before = entry.chart.getOption();
        entry.chart.dispose();
        start(entry, before);
      }
    });
  };

  // initChart makes the chart of an element once its option is loaded and
  // the chart before it is drawn or has failed, so that the first chart on
  // the page is drawn first, with the processor to itself.
  function initChart(el, before) {
    var entry = { el: el, kind: el.getAttribute('data-chart'), pristine: null, visible: null };
    entries.push(entry);
    var src = el.getAttribute('data-option');
    if (src.charAt(0) === '#') {
      entry.pristine = JSON.parse(document.getElementById(src.slice(1)).textContent);
    }
    if (ties.drawn.attach(entry)) {
      // Drawn on the server: ECharts comes when the reader needs it.
      if (entry.kind === 'chronology') {
        ties.keys.chronology(entry);
      }
      ties.legend.attach(entry);
      return before;
    }
    return live(entry, before);
  }

  // live makes the chart of an entry with ECharts, once the chart before it
  // is drawn or has failed.
  function live(entry, before) {
    var el = entry.el, src = el.getAttribute('data-option');
    return before.then(function () {
      return ties.drawn.load();
    }).then(function () {
      // Fetched only now, so that a large file does not hold up the chart before.
      return entry.pristine || ties.fetchJSON(src);
    }).then(function (option) {
      entry.pristine = option;
      // A large timeline's chronology comes as an overview, drawn first,
      // then whole, for zooming in and filtering.
      var detail = el.getAttribute('data-detail');
      entry.overview = !!detail;
      if (entry.kind === 'player') {
        ties.player.keys(entry);
      }
      if (!entry.legend) {
        ties.legend.attach(entry);
      }
      if (entry.kind === 'chronology' && !entry.keyStatus) {
        ties.keys.chronology(entry);
      }
      var drawn = new Promise(function (resolve) { entry.drawn = resolve; });
      if (detail) {
        drawn.then(function () { return ties.fetchJSON(detail); }).then(function (whole) {
          entry.pristine = whole;
          entry.overview = false;
          draw(entry);
          if (entry.marked) {
            ties.chronology.follow(entry, entry.marked); // the event being read, now that it can be drawn
          }
        });
      }
      start(entry);
      if (window.ResizeObserver) {
        // The observer also reports the size the chart was just drawn at;
        // only a change of a pixel or more redraws it.
        new ResizeObserver(function (changes) {
          var box = changes[changes.length - 1].contentRect;
          if (Math.abs(box.width - entry.chart.getWidth()) >= 1 || Math.abs(box.height - entry.chart.getHeight()) >= 1) {
            entry.chart.resize();
          }
        }).observe(el);
      }
      return drawn;
    }).catch(function (err) {
      // A chart that cannot be drawn leaves the page, and the charts after
      // it, to work without it.
      console.error(err);
    });
  }

  // ties.initCharts makes every chart of the page, one after the other; it
  // returns a promise of all drawn, and sets ties.firstChart to a promise of
  // the first.
  ties.initCharts = function () {
    var before = Promise.resolve();
    ties.firstChart = before;
    document.querySelectorAll('[data-chart]').forEach(function (el, i) {
      before = initChart(el, before);
      if (i === 0) {
        ties.firstChart = before;
      }
    });
    // Only a page with something to filter, list, present or describe in a
    // tooltip needs the events file.
    var needed = !!document.querySelector('[data-rows], [data-filters], [data-chart], [data-slides]');
    ties.firstChart.then(function () { wantData(needed); });
    ties.drawn.watch();
    return before;
  };

  // ties.upgrade draws with ECharts every chart the server drew, so that
  // the reader can zoom, filter, play or resize them; it resolves once
  // they are all drawn. It is asked for by what needs it (drawn.js).
  var upgraded = null;
  ties.upgrade = function () {
    if (!upgraded) {
      var before = Promise.resolve();
      entries.forEach(function (entry) {
        if (entry.svg) {
          before = live(entry, before);
        }
      });
      upgraded = before;
    }
    return upgraded;
  };
}());
