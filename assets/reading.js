// ties: the reading panel. A click on an event of the chronology opens it
// beside or under the chart: the date as written and where it comes from,
// the title, theme and actors, the quoted passages in their own words, the
// note, and links to the event's page and to each passage in the article.
// ← and → step to the event before and after in time, among those the
// filters keep, the chart following and ringing the current one; Escape
// closes it. The address holds the open event (?event={id}). Every text is
// set as text.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};
  var panel = null, entry = null, current = null, opener = null;
  var fills = 0; // how many times the panel has been filled, so that a late file fills only the last
  var embedded = document.body.classList.contains('embed');

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function link(text, href) {
    var a = el('a', '', text);
    a.href = href;
    if (embedded) {
      a.target = '_blank';
      a.rel = 'noopener';
    }
    return a;
  }

  function button(text, label, onClick) {
    var b = el('button', '', text);
    b.type = 'button';
    b.setAttribute('aria-label', label);
    b.addEventListener('click', onClick);
    return b;
  }

  // build makes the panel, empty, after the chart's element.
  function build() {
    panel = el('section', 'reading');
    panel.hidden = true;
    panel.tabIndex = -1;
    panel.setAttribute('aria-labelledby', 'reading-title');
    panel.setAttribute('data-reading-panel', '');
    var nav = el('div', 'reading-nav');
    nav.appendChild(button('← Previous', 'Previous event', function () { step(-1); }));
    nav.appendChild(button('Next →', 'Next event', function () { step(1); }));
    nav.appendChild(el('span', 'reading-position'));
    nav.appendChild(button('Close ✕', 'Close the event', close));
    panel.appendChild(nav);
    var date = el('p', 'reading-date');
    date.appendChild(el('time'));
    panel.appendChild(date);
    var title = el('h2', 'reading-title');
    title.id = 'reading-title';
    panel.appendChild(title);
    panel.appendChild(el('p', 'reading-meta'));
    panel.appendChild(el('p', 'reading-links'));
    panel.appendChild(el('p', 'reading-summary'));
    panel.appendChild(el('div', 'reading-passages'));
    panel.appendChild(el('p', 'reading-date-source'));
    panel.appendChild(el('p', 'reading-note'));
    var status = el('p', 'visually-hidden');
    status.setAttribute('aria-live', 'polite');
    status.setAttribute('data-reading-status', '');
    panel.appendChild(status);
    entry.el.parentNode.insertBefore(panel, entry.el.nextSibling);
  }

  function part(name) {
    return panel.querySelector('.reading-' + name);
  }

  function earlier(a, b) {
    return a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : a.index - b.index;
  }

  // order is the events the chart shows, in the order of time: those the
  // filters keep, in the lanes the legend shows.
  function order(e) {
    e = e || entry;
    var visible = e.visible, d = ties.events;
    var option = e.chart && e.chart.getOption();
    var shown = option && option.legend && option.legend[0] && option.legend[0].selected || {};
    return d.events.filter(function (e) {
      return (!visible || visible.has(e.id)) && shown[d.themes[e.theme].label] !== false;
    }).sort(earlier);
  }

  // fill shows event e in the panel, and what the reading file says of it
  // once it is in.
  function fill(e, list) {
    var d = ties.events, theme = d.themes[e.theme];
    var i = list.indexOf(e);
    part('position').textContent = i >= 0 ? 'Event ' + (i + 1) + ' of ' + list.length : 'Not among the ' + ties.plural(list.length, 'event') + ' shown';
    var before = list.some(function (x) { return earlier(x, e) < 0; }), after = list.some(function (x) { return earlier(x, e) > 0; });
    panel.querySelector('.reading-nav button[aria-label="Previous event"]').disabled = !before;
    panel.querySelector('.reading-nav button[aria-label="Next event"]').disabled = !after;
    var time = panel.querySelector('.reading-date time');
    time.textContent = e.date;
    time.setAttribute('datetime', e.sort);
    part('title').textContent = e.title;
    var meta = part('meta');
    meta.textContent = '';
    var swatch = el('span', 'swatch');
    ties.paint(swatch, theme);
    meta.appendChild(swatch);
    meta.appendChild(el('span', 'reading-theme', theme.label));
    if (e.actors && e.actors.length) {
      meta.appendChild(el('span', 'reading-actors', e.actors.join(', ')));
    }
    ['summary', 'passages', 'date-source', 'note', 'links'].forEach(function (name) {
      part(name).textContent = '';
    });
    var fill = ++fills;
    panel.querySelector('[data-reading-status]').textContent = e.date + ': ' + e.title + ' (' + theme.label + ')';
    var links = part('links');
    links.appendChild(link('Open the event’s page', ties.eventURL(e.id)));
    ties.fetchJSON(document.body.getAttribute('data-reading')).then(function (all) {
      var r = all[e.index];
      if (!r || fill !== fills) {
        return; // the panel has been filled again since
      }
      part('summary').textContent = r.summary || '';
      var source = d.sources[e.source];
      var passages = part('passages');
      r.passages.forEach(function (p) {
        var q = el('blockquote', 'reading-quote');
        q.appendChild(el('p', '', p.text));
        passages.appendChild(q);
      });
      var from = el('p', 'reading-from', 'From ');
      from.appendChild(el('cite', '', source.title));
      passages.appendChild(from);
      var ds = part('date-source');
      if (r.stated && r.said) {
        ds.textContent = 'Date: stated in the article: “…' + r.said + '…”';
      } else if (r.stated) {
        ds.textContent = 'Date: stated by the quoted passage.';
      } else if (r.cited) {
        ds.textContent = 'Date from: ';
        ds.appendChild(r.cited.url ? link(r.cited.title, r.cited.url) : el('cite', '', r.cited.title));
      }
      if (r.note) {
        part('note').appendChild(el('strong', '', 'Note: '));
        part('note').appendChild(document.createTextNode(r.note));
      }
      r.passages.forEach(function (p, k) {
        links.appendChild(document.createTextNode(' · '));
        links.appendChild(link(r.passages.length > 1 ? 'Passage ' + (k + 1) + ' in the article' : 'The passage in the article', p.article));
        if (p.original) {
          links.appendChild(document.createTextNode(' '));
          var original = link('(where it was published)', p.original);
          original.setAttribute('aria-label', (r.passages.length > 1 ? 'Passage ' + (k + 1) : 'The passage') + ' where the article was published');
          links.appendChild(original);
        }
      });
    }).catch(function (err) {
      console.error(err);
    });
  }

  // address writes the open event, or none, into the address.
  function address(id) {
    var p = new URLSearchParams(window.location.search);
    if (id) {
      p.set('event', id);
    } else {
      p.delete('event');
    }
    p.sort();
    var query = p.toString();
    window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : '') + window.location.hash);
  }

  // open shows event id in the panel of the chronology's entry e, rings it
  // on the chart and brings it into view there.
  function open(e, id, focus) {
    var record = ties.eventInfo(id);
    if (!record) {
      if (new URLSearchParams(window.location.search).get('event') === id) {
        address(null); // an event this timeline does not have
      }
      return false;
    }
    entry = e;
    if (!panel) {
      build();
    }
    if (panel.hidden) {
      opener = document.activeElement;
    }
    current = id;
    panel.hidden = false;
    document.body.classList.add('reading-open');
    fill(record, order());
    address(id);
    ties.showEvent(entry, id);
    if (focus !== false) {
      panel.focus({ preventScroll: true });
      var r = panel.getBoundingClientRect();
      if (r.top > window.innerHeight - 80 || r.bottom < 0) {
        panel.scrollIntoView({ block: 'nearest' });
      }
    }
    return true;
  }

  // step shows the event by places after the one shown in time (before it
  // for a negative by), among those the chart shows; if the one shown is no
  // longer among them, the nearest in time on that side. Focus stays where
  // it is, on the button or the chart.
  function step(by) {
    var list = order(), here = ties.eventInfo(current);
    var i = list.indexOf(here), next;
    if (i >= 0) {
      next = list[i + by];
    } else if (by > 0) {
      next = list.filter(function (e) { return earlier(e, here) > 0; })[0];
    } else {
      next = list.filter(function (e) { return earlier(e, here) < 0; }).pop();
    }
    if (next) {
      open(entry, next.id, false);
    }
  }

  // refresh shows the panel's event again, for a filter or a lane hidden:
  // its place among the events the chart shows.
  function refresh() {
    if (panel && !panel.hidden) {
      fill(ties.eventInfo(current), order());
    }
  }

  function close() {
    if (!panel || panel.hidden) {
      return;
    }
    panel.hidden = true;
    document.body.classList.remove('reading-open');
    current = null;
    entry.marked = null;
    address(null);
    ties.showEvent(entry, null);
    var back = opener && document.contains(opener) && opener !== document.body ? opener : entry.el;
    if (back === entry.el && !back.hasAttribute('tabindex')) {
      back.tabIndex = -1;
    }
    back.focus({ preventScroll: true });
  }

  // keys: ← and → step, Escape closes, unless the reader is typing or
  // using a control of its own, such as the player.
  document.addEventListener('keydown', function (ev) {
    if (!panel || panel.hidden || ev.altKey || ev.ctrlKey || ev.metaKey) {
      return;
    }
    var t = ev.target;
    if (t && t.closest && (t.closest('input, select, textarea, [contenteditable]') ||
        t.closest('[data-chart]') && t.closest('[data-chart]') !== entry.el)) {
      return;
    }
    if (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight') {
      ev.preventDefault();
      step(ev.key === 'ArrowLeft' ? -1 : 1);
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      close();
    }
  });

  // initReading opens the event the address names, once the events file
  // is in, and fetches what the panel shows when the reader comes to the
  // chronology.
  function initReading() {
    var chart = document.querySelector('[data-chart="chronology"]');
    if (chart) {
      // What the panel shows, fetched as the reader comes to the chart,
      // so that it is at hand at the first click but costs a visit that
      // never reads an event nothing.
      var want = function () {
        ['pointerenter', 'focusin', 'touchstart'].forEach(function (type) { chart.removeEventListener(type, want); });
        ties.fetchJSON(document.body.getAttribute('data-reading')).catch(function () {});
      };
      ['pointerenter', 'focusin', 'touchstart'].forEach(function (type) { chart.addEventListener(type, want, { passive: true }); });
    }
    var id = new URLSearchParams(window.location.search).get('event');
    var e = ties.entries.filter(function (x) { return x.kind === 'chronology'; })[0];
    if (id && e) {
      open(e, id, false);
    }
  }

  function isOpen() {
    return !!panel && !panel.hidden;
  }

  ties.reading = { open: open, close: close, refresh: refresh, init: initReading, order: order, isOpen: isOpen };
}());
