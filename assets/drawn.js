// ties: the charts as the server drew them. Each chart of a page comes drawn
// in its HTML, as the SVG that ECharts draws on the server, with the items
// its marks stand for (ECharts' ecmeta_series_index and ecmeta_data_index,
// as data-ecmeta-series-index and data-ecmeta-data-index on each mark).
// This script gives those marks their tooltips and clicks, without
// ECharts, and loads ECharts, with the scripts that draw with it, only when
// the reader does what needs it: zooms, pans, filters, plays, uses the
// keyboard on a chart, changes the look, or resizes a chart past the size
// it was drawn at. ECharts then draws each chart again, as the server did,
// and the server's drawing goes.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};
  var loaded = null, fetched = false, tip = null;
  // minScale is the least a drawing is shown at, of the size it was drawn at.
  var minScale = 0.8;
  // slack is how much larger than its drawing a box may be before ECharts
  // draws it at the box's size: the drawing is shown at its size, centred.
  var slack = 1.02;

  // scripts are the addresses of ECharts and of the scripts that draw with
  // it, in the order they run.
  function scripts() {
    return [document.body.getAttribute('data-echarts'), document.body.getAttribute('data-draw')];
  }

  // load loads ECharts and the scripts that draw with it, once.
  function load() {
    if (!loaded) {
      loaded = new Promise(function (resolve, reject) {
        var urls = scripts();
        var left = urls.length;
        urls.forEach(function (url) {
          var s = document.createElement('script');
          s.src = url;
          s.async = false; // in order: ECharts first
          s.onload = function () {
            if (--left === 0) {
              ties.themes();
              resolve();
            }
          };
          s.onerror = function () {
            loaded = null; // a later gesture tries again
            reject(new Error('ties: ' + url + ' did not load; reload the page'));
          };
          document.head.appendChild(s);
        });
      });
    }
    return loaded;
  }

  // prefetch fetches ECharts and the scripts that draw with it into the
  // browser's cache, once, without running them: load then has them at
  // once, and until the reader does what needs ECharts, nothing of it runs.
  function prefetch() {
    if (fetched || loaded || !window.fetch) {
      return;
    }
    fetched = true;
    scripts().forEach(function (url) {
      fetch(url, { credentials: 'same-origin' }).then(function (r) { return r.blob(); }).catch(function () {
        fetched = false; // a later pointer tries again
      });
    });
  }

  // markOf is the item that the mark under a pointer event stands for:
  // {series, index, type} from the ecmeta attributes ECharts drew it with,
  // or null over no mark.
  function markOf(entry, ev) {
    for (var el = ev.target; el && el !== entry.svg; el = el.parentNode) {
      if (el.getAttribute && el.hasAttribute('data-ecmeta-series-index') && el.getAttribute('data-ecmeta-silent') !== 'true') {
        var s = entry.marks[Number(el.getAttribute('data-ecmeta-series-index'))];
        var i = Number(el.getAttribute('data-ecmeta-data-index'));
        var edge = el.getAttribute('data-ecmeta-data-type') === 'edge';
        var item = s && (edge ? s.links : s.data)[i];
        if (item && s.tip !== false) {
          return { series: s, item: item, edge: edge };
        }
      }
    }
    return null;
  }

  // params is what ECharts would give a tooltip or a click for mark m.
  function params(m, ev) {
    var d = m.item;
    return {
      data: d, name: d.name, seriesName: m.series.name, seriesType: m.series.type,
      value: d.value, dataType: m.edge ? 'edge' : undefined, event: ev
    };
  }

  // nearest is the mark whose box is nearest a tap at (x, y) in the page,
  // within reach pixels, for a tap that landed on no mark.
  function nearest(entry, x, y, reach) {
    var best = null, far = reach;
    entry.svg.querySelectorAll('[data-ecmeta-series-index]').forEach(function (el) {
      var r = el.getBoundingClientRect();
      var dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom);
      var d = Math.sqrt(dx * dx + dy * dy);
      if (d < far) {
        var m = markOf(entry, { target: el });
        if (m) {
          best = m;
          far = d;
        }
      }
    });
    return best;
  }

  function showTip(entry, m, ev) {
    if (!tip) {
      tip = document.createElement('div');
      tip.className = 'drawn-tip';
      tip.setAttribute('role', 'tooltip');
      document.body.appendChild(tip);
    }
    // ties.tooltip escapes every text it puts in.
    tip.innerHTML = ties.tooltip(params(m, ev));
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var x = ev.clientX + 14, y = ev.clientY + 14;
    if (x + w > window.innerWidth - 4) {
      x = Math.max(4, ev.clientX - 14 - w);
    }
    if (y + h > window.innerHeight - 4) {
      y = Math.max(4, ev.clientY - 14 - h);
    }
    tip.style.left = x + window.scrollX + 'px';
    tip.style.top = y + window.scrollY + 'px';
  }

  function hideTip() {
    if (tip) {
      tip.hidden = true;
    }
  }

  // listen makes the marks of svg, the server's drawing of an entry's
  // chart, answer the pointer.
  function listen(entry, svg) {
    entry.drawnSize = [Number(svg.getAttribute('width')), Number(svg.getAttribute('height'))];
    svg.addEventListener('mousemove', function (ev) {
      var m = markOf(entry, ev);
      if (m) {
        showTip(entry, m, ev);
      } else {
        hideTip();
      }
    });
    svg.addEventListener('mouseleave', hideTip);
    svg.addEventListener('click', function (ev) {
      var box = svg.getBoundingClientRect();
      var m = markOf(entry, ev) || ((entry.kind === 'chronology' || entry.kind === 'strip') && nearest(entry, ev.clientX, ev.clientY, 24));
      if (!m) {
        return;
      }
      var p = params(m, { offsetX: (ev.clientX - box.left) * entry.drawnSize[0] / box.width });
      if (m.item.buckets) {
        // A busy stretch zooms in, which takes ECharts.
        ties.upgrade().then(function () { ties.act(entry, p); });
        return;
      }
      ties.act(entry, p);
    });
  }

  // read is the server's drawing in el, a chart's element in doc (this
  // page, or one fetched): {svg, marks, look}, the svg element, the items
  // its marks stand for and the look it is drawn in; or null for none.
  function read(el, doc) {
    var svg = el.querySelector(':scope > svg'), ref = el.getAttribute('data-marks');
    var marks = ref && doc.getElementById(ref.slice(1));
    if (!svg || !marks) {
      return null;
    }
    return { svg: svg, marks: JSON.parse(marks.textContent), look: el.getAttribute('data-drawn-look') };
  }

  // attach makes the server's drawing of an entry's chart answer the
  // pointer, and says whether there is one.
  function attach(entry) {
    var el = entry.el, drawn = read(el, document);
    if (!drawn || drawn.look !== ties.look()) {
      return false; // none, or drawn in another look than this browser's: ECharts draws it
    }
    entry.svg = drawn.svg;
    entry.marks = drawn.marks;
    entry.drawnLook = drawn.look;
    entry.paperSVG = el.querySelector(':scope > .chart-paper'); // printed instead, if any
    listen(entry, drawn.svg);
    return true;
  }

  // watch loads ECharts and draws with it when the reader does what needs
  // it; ECharts is fetched, not yet run, as the pointer comes to a chart
  // that zooms, so that it is in by the time the reader zooms.
  function watch() {
    (ties.entries || []).forEach(function (entry) {
      if (!entry.svg) {
        return;
      }
      var el = entry.el;
      var upgrade = function () { ties.upgrade(); };
      el.addEventListener('wheel', function (ev) {
        if (entry.kind === 'chronology' || entry.kind === 'actors') {
          ev.preventDefault(); // a zoom, as ECharts takes it, not a scroll of the page
        }
        upgrade();
      });
      el.addEventListener('pointerdown', function (ev) {
        if (markOf(entry, ev)) {
          return;
        }
        // The slider, a drag, or the player's controls, whose click ECharts
        // is given again once it has drawn them.
        var x = ev.clientX, y = ev.clientY, player = entry.kind === 'player';
        ties.upgrade().then(function () {
          var target = player && document.elementFromPoint(x, y);
          if (target && el.contains(target)) {
            ['mousedown', 'mouseup', 'click'].forEach(function (type) {
              target.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, cancelable: true, view: window }));
            });
          }
        });
      });
      el.addEventListener('touchstart', function (ev) {
        if (ev.touches.length > 1) {
          upgrade(); // a pinch
        }
      }, { passive: true });
      el.addEventListener('keydown', function (ev) {
        if (!entry.chart && ev.key !== 'Tab') {
          // The key waits for ECharts, and is then pressed again.
          ev.preventDefault();
          ties.upgrade().then(function () {
            el.dispatchEvent(new KeyboardEvent('keydown', { key: ev.key, bubbles: true, cancelable: true }));
          });
        }
      });
      if (entry.kind === 'chronology' || entry.kind === 'player' || entry.kind === 'strip') {
        el.addEventListener('pointerenter', prefetch); // once fetched, it does nothing
      }
      if (entry.legend) {
        entry.legend.addEventListener('click', function (ev) {
          var b = ev.target.closest('button');
          if (b && !entry.chart) {
            ties.upgrade().then(function () { b.click(); });
          }
        });
      }
      if (window.ResizeObserver) {
        // The drawing scales down with its box, whole; a box larger than it
        // was drawn at (by more than slack, a box a few pixels wider, as
        // the slide show's strip is beside a shorter count), or so much
        // smaller that its text would be too small to read, has ECharts
        // draw the chart at the box's size.
        new ResizeObserver(function (changes) {
          var box = changes[changes.length - 1].contentRect, w = entry.drawnSize[0], h = entry.drawnSize[1];
          var scale = Math.min(box.width / w, box.height / h);
          // Printing draws for paper of its own (ties.restyle); the box
          // may change for print media before printing is told.
          var paper = ties.printing() || window.matchMedia && window.matchMedia('print').matches;
          if (!entry.chart && !paper && (box.width > w * slack + 1 || box.height > h * slack + 1 || scale < minScale)) {
            upgrade();
          }
        }).observe(el);
      }
    });
  }

  // swap shows drawn, another drawing the server made of an entry's chart
  // (as read gives it), in place of the one shown, as the slide show's
  // strip is drawn for each slide; it says whether it could, which it cannot once
  // ECharts draws the chart, or for a drawing in another look.
  function swap(entry, drawn) {
    if (!entry.svg || drawn.look !== entry.drawnLook) {
      return false;
    }
    var svg = document.importNode(drawn.svg, true);
    entry.svg.replaceWith(svg);
    entry.svg = svg;
    entry.marks = drawn.marks;
    listen(entry, svg);
    hideTip();
    return true;
  }

  // done takes the server's drawing of an entry's chart away, once ECharts
  // has drawn it over.
  function done(entry) {
    if (entry.svg) {
      entry.svg.remove();
      entry.svg = null;
      if (entry.paperSVG) {
        entry.paperSVG.remove(); // ECharts draws for paper now
        entry.paperSVG = null;
      }
      hideTip();
    }
  }

  ties.drawn = { attach: attach, watch: watch, load: load, done: done, read: read, swap: swap };
}());
