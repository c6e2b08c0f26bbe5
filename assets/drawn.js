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

  // markOf is the item that the mark under a pointer event stands for, in
  // d, one of the server's drawings of a chart (read): {series, item, edge}
  // from the ecmeta attributes ECharts drew it with, or null over no mark.
  function markOf(d, ev) {
    for (var el = ev.target; el && el !== d.svg; el = el.parentNode) {
      if (el.getAttribute && el.hasAttribute('data-ecmeta-series-index') && el.getAttribute('data-ecmeta-silent') !== 'true') {
        var s = d.marks[Number(el.getAttribute('data-ecmeta-series-index'))];
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

  // nearest is the mark of drawing d whose box is nearest a tap at (x, y)
  // in the page, within reach pixels, for a tap that landed on no mark.
  function nearest(d, x, y, reach) {
    var best = null, far = reach;
    d.svg.querySelectorAll('[data-ecmeta-series-index]').forEach(function (el) {
      var r = el.getBoundingClientRect();
      var dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom);
      var dist = Math.sqrt(dx * dx + dy * dy);
      if (dist < far) {
        var m = markOf(d, { target: el });
        if (m) {
          best = m;
          far = dist;
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

  // listen makes the marks of d, one of the server's drawings of an
  // entry's chart (read), answer the pointer.
  function listen(entry, d) {
    var svg = d.svg;
    svg.addEventListener('mousemove', function (ev) {
      var m = markOf(d, ev);
      if (m) {
        showTip(entry, m, ev);
      } else {
        hideTip();
      }
    });
    svg.addEventListener('mouseleave', hideTip);
    svg.addEventListener('click', function (ev) {
      var box = svg.getBoundingClientRect();
      var m = markOf(d, ev) || ((entry.kind === 'chronology' || entry.kind === 'strip') && nearest(d, ev.clientX, ev.clientY, 24));
      if (!m) {
        return;
      }
      // In the box's pixels, not the drawing's: a busy stretch is zoomed
      // into by ECharts, which draws the chart at the box's size.
      var p = params(m, { offsetX: ev.clientX - box.left });
      if (m.item.buckets) {
        // A busy stretch zooms in, which takes ECharts.
        ties.upgrade().then(function () { ties.act(entry, p); });
        return;
      }
      ties.act(entry, p);
    });
  }

  // drawing is the drawing whose svg element is in box (el, or the
  // element within it that holds it), with the items its marks stand for,
  // as the element with the id that box's data-marks names in doc holds
  // them: {svg, marks, size}, size being what it was drawn at; or null.
  function drawing(box, doc) {
    var svg = box && box.querySelector(':scope > svg'), ref = box && box.getAttribute('data-marks');
    var marks = ref && doc.getElementById(ref.slice(1));
    if (!svg || !marks) {
      return null;
    }
    return { svg: svg, marks: JSON.parse(marks.textContent), size: [Number(svg.getAttribute('width')), Number(svg.getAttribute('height'))] };
  }

  // read is the server's drawing in el, a chart's element in doc (this
  // page, or one fetched): {svg, marks, size, look, narrow}, the svg
  // element, the items its marks stand for, the size and the look it was
  // drawn in, and its drawing for a phone, which a phone's screen shows
  // instead (as drawing gives it, or null for none); or null for none.
  function read(el, doc) {
    var d = drawing(el, doc);
    if (d) {
      d.look = el.getAttribute('data-drawn-look');
      d.narrow = drawing(el.querySelector(':scope > .chart-narrow'), doc);
    }
    return d;
  }

  // attach makes the server's drawings of an entry's chart answer the
  // pointer, and says whether there are any.
  function attach(entry) {
    var el = entry.el, drawn = read(el, document);
    if (!drawn || drawn.look !== ties.look()) {
      return false; // none, or drawn in another look than this browser's: ECharts draws it
    }
    entry.svg = drawn.svg;
    entry.drawings = drawn.narrow ? [drawn, drawn.narrow] : [drawn];
    entry.drawnLook = drawn.look;
    entry.paperSVG = el.querySelector(':scope > .chart-paper'); // printed instead, if any
    entry.narrowSVG = el.querySelector(':scope > .chart-narrow');
    entry.drawings.forEach(function (d) { listen(entry, d); });
    return true;
  }

  // shown is the drawing of an entry's chart that the page shows: the
  // style sheet shows the one for a phone on a phone's screen, and the
  // other elsewhere.
  function shown(entry) {
    for (var i = entry.drawings.length - 1; i > 0; i--) {
      if (entry.drawings[i].svg.getClientRects().length > 0) {
        return entry.drawings[i];
      }
    }
    return entry.drawings[0];
  }

  // markAt is the item that the mark under a pointer event stands for, in
  // whichever drawing of an entry's chart it is over, or null.
  function markAt(entry, ev) {
    for (var i = 0; i < entry.drawings.length; i++) {
      if (entry.drawings[i].svg.contains(ev.target)) {
        return markOf(entry.drawings[i], ev);
      }
    }
    return null;
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
        if (markAt(entry, ev)) {
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
          if (entry.chart || !entry.svg) {
            return; // ECharts draws the chart, or is about to
          }
          // The drawing shown, for a phone or not, as the box's size is.
          var box = changes[changes.length - 1].contentRect, size = shown(entry).size, w = size[0], h = size[1];
          var scale = Math.min(box.width / w, box.height / h);
          // Printing draws for paper of its own (ties.restyle); the box
          // may change for print media before printing is told.
          var paper = ties.printing() || window.matchMedia && window.matchMedia('print').matches;
          if (!paper && (box.width > w * slack + 1 || box.height > h * slack + 1 || scale < minScale)) {
            upgrade();
          }
        }).observe(el);
      }
    });
  }

  // swap shows drawn, another drawing the server made of an entry's chart
  // (as read gives it, with its drawing for a phone if any), in place of
  // the one shown, as the slide show's strip is drawn for each slide; it
  // says whether it could, which it cannot once ECharts draws the chart,
  // for a drawing in another look, or for one with a drawing for a phone
  // where the page has none, or the other way round.
  function swap(entry, drawn) {
    if (!entry.svg || drawn.look !== entry.drawnLook || (drawn.narrow ? 2 : 1) !== entry.drawings.length) {
      return false;
    }
    // put shows d in place of the svg element old, and listens to it.
    var put = function (old, d) {
      var svg = document.importNode(d.svg, true);
      old.replaceWith(svg);
      var now = { svg: svg, marks: d.marks, size: d.size };
      listen(entry, now);
      return now;
    };
    var olds = entry.drawings.map(function (d) { return d.svg; });
    entry.drawings = [put(olds[0], drawn)];
    entry.svg = entry.drawings[0].svg;
    if (drawn.narrow) {
      entry.drawings.push(put(olds[1], drawn.narrow));
    }
    hideTip();
    return true;
  }

  // done takes the server's drawing of an entry's chart away, once ECharts
  // has drawn it over.
  function done(entry) {
    if (entry.svg) {
      entry.svg.remove();
      entry.svg = null;
      entry.drawings = [];
      if (entry.narrowSVG) {
        entry.narrowSVG.remove();
        entry.narrowSVG = null;
      }
      if (entry.paperSVG) {
        entry.paperSVG.remove(); // ECharts draws for paper now
        entry.paperSVG = null;
      }
      hideTip();
    }
  }

  ties.drawn = { attach: attach, watch: watch, load: load, done: done, read: read, swap: swap };
}());
