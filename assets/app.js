// ties: what the pages do beyond their charts. It applies the filters to
// charts, lists and tables (lists.js) and keeps them in the address, brings a
// marked passage into view, switches looks, and offers each chart as a PNG
// and as an iframe to paste elsewhere. Text from a timeline is only ever set
// as text.
(function () {
  'use strict';

  var ties = window.ties;
  var fields = ['theme', 'actor', 'from', 'to', 'q'];
  var form = null;
  var search = null; // the words of each event, loaded for the first search
  var pending = null; // the filter waiting for them
  var embedded = document.body.classList.contains('embed');

  // A click on a chart item opens the address it carries (in a new tab when
  // the chart is embedded in another site), or filters the page.
  ties.onItem = function (entry, d) {
    if (d.filter && form) {
      setFilters(Object.assign(readForm(), d.filter));
    } else if (d.filter) {
      apply(Object.assign(ties.readURL(), d.filter));
    } else if (d.url && embedded) {
      window.open(d.url, '_blank', 'noopener');
    } else if (d.url) {
      window.location.assign(d.url);
    }
  };

  function readForm() {
    var s = {};
    fields.forEach(function (f) {
      s[f] = form.elements[f].value.trim();
    });
    return s;
  }

  ties.readURL = function () {
    var p = new URLSearchParams(window.location.search);
    var s = {};
    fields.forEach(function (f) {
      s[f] = (p.get(f) || '').trim();
    });
    return s;
  };

  // ties.visibleSet returns the ids of the events a filter keeps, or null
  // when it keeps them all. A search needs the search file loaded.
  ties.visibleSet = function (s) {
    var d = ties.events;
    if (!d || !fields.some(function (f) { return s[f]; })) {
      return null;
    }
    var from = parseInt(s.from, 10), to = parseInt(s.to, 10);
    var words = s.q.toLowerCase().split(/\s+/).filter(Boolean);
    var set = new Set();
    d.events.forEach(function (e, i) {
      if (s.theme && d.themes[e.theme].id !== s.theme) { return; }
      if (s.actor && (e.actors || []).indexOf(s.actor) < 0) { return; }
      if (!isNaN(from) && e.to < from) { return; }
      if (!isNaN(to) && e.from > to) { return; }
      if (words.length && !(search && words.every(function (w) { return search[i].indexOf(w) >= 0; }))) { return; }
      set.add(e.id);
    });
    return set;
  };

  // ties.loadSearch loads the words each event is searched by.
  ties.loadSearch = function () {
    return ties.fetchJSON(document.body.getAttribute('data-search')).then(function (words) {
      search = words;
    });
  };

  function setFilters(s) {
    fill(s);
    apply(s);
  }

  // fill shows a filter in the form; a choice the form does not offer is
  // dropped from it.
  function fill(s) {
    fields.forEach(function (f) {
      var el = form.elements[f];
      if (el.tagName === 'SELECT' && s[f] && !Array.prototype.some.call(el.options, function (o) { return o.value === s[f]; })) {
        s[f] = '';
      }
      el.value = s[f];
    });
  }

  // apply shows what a filter keeps, in the charts, the lists and the count,
  // and writes it into the address. A search waits for the search file.
  function apply(s) {
    if (s.q && !search) {
      if (!pending) {
        ties.loadSearch().then(function () {
          var next = pending;
          pending = null;
          apply(next);
        }, function (err) {
          pending = null; // the next search tries again
          throw err;
        });
      }
      pending = s;
      return;
    }
    var visible = ties.visibleSet(s);
    ties.filter(visible);
    var zoom = function () {
      if (ties.zoomYears) {
        ties.zoomYears(s.from, s.to); // not on a page without charts, which never loads it
      }
    };
    if (ties.zoomYears) {
      zoom();
    } else if (s.from || s.to) {
      ties.upgrade().then(zoom); // the years need ECharts to zoom to
    }
    ties.reading.refresh();
    ties.lists.forEach(function (list) { list.show(visible); });
    var counter = document.querySelector('[data-count]');
    if (counter) {
      var total = Number(counter.getAttribute('data-total'));
      counter.textContent = visible ? visible.size + ' of ' + ties.plural(total, 'event') : ties.plural(total, 'event');
    }
    var p = new URLSearchParams(window.location.search);
    fields.forEach(function (f) {
      if (s[f]) {
        p.set(f, s[f]);
      } else {
        p.delete(f);
      }
    });
    p.sort(); // the order the server writes its links in
    var query = p.toString();
    var url = window.location.pathname + (query ? '?' + query : '') + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, '', url);
    }
  }

  // showFilters shows the address's filter in the form at once, before the
  // events file that applies it is in. typedEarly is set when the reader
  // changes the form meanwhile: the filters then start from the form, which
  // holds the address's filter and the change, rather than from the address.
  var typedEarly = false;
  function showFilters() {
    form = document.querySelector('[data-filters]');
    if (form) {
      fill(ties.readURL());
      form.addEventListener('input', function () { typedEarly = true; });
    }
  }

  function initFilters() {
    if (document.body.classList.contains('present')) {
      return;
    }
    if (!form) {
      apply(ties.readURL()); // an embed: the address alone filters it
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
    window.addEventListener('popstate', function () { setFilters(ties.readURL()); });
    setFilters(typedEarly ? readForm() : ties.readURL());
  }

  // An event's page brings its passage into view, below its title; an
  // article's page marks the passages of the event its address names as
  // current.
  function initMarks() {
    var quoted = document.querySelector('.event .quoted mark');
    if (quoted) {
      // Only when the passage and the top of the event, its date and
      // title, fit in the window together: a phone opens the page at its top.
      var r = quoted.getBoundingClientRect(), event = document.querySelector('article.event');
      var by = r.bottom - window.innerHeight + 24;
      if (by > 0 && (!event || by <= event.getBoundingClientRect().top - 8)) {
        window.scrollBy(0, by);
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
      var hash;
      try {
        hash = decodeURIComponent(window.location.hash.slice(1));
      } catch (e) {
        return; // not an address this page made
      }
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

  // The look chosen in the header is remembered in this browser.
  function initLook() {
    var select = document.querySelector('[data-look-choice]');
    if (!select) {
      return;
    }
    select.value = document.documentElement.getAttribute('data-look');
    select.addEventListener('change', function () {
      document.documentElement.setAttribute('data-look', select.value);
      try {
        window.localStorage.setItem('ties-look', select.value);
      } catch (e) {
        // Storage may be refused; the look still changes for this page.
      }
      ties.rememberLook(select.value);
      ties.restyle();
    });
  }

  function attr(s) {
    return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  }

  // Each chart can be downloaded as a PNG file, and pasted into another page
  // as an iframe of the chart alone, with the page's filters and look.
  function initTools() {
    document.querySelectorAll('[data-download]').forEach(function (button) {
      button.addEventListener('click', function () {
        var kind = button.getAttribute('data-download');
        var entry = ties.entries.filter(function (e) { return e.kind === kind; })[0];
        var bg = getComputedStyle(entry.el).getPropertyValue('--chart-bg').trim() || '#ffffff';
        // The picture is the chart as the reader has it, which ECharts draws.
        ties.upgrade().then(function () {
          var a = document.createElement('a');
          a.href = ties.image(entry, 'png', bg);
          a.download = kind + '.png';
          document.body.appendChild(a);
          a.click();
          a.remove();
        });
      });
    });
    document.querySelectorAll('[data-embed]').forEach(function (details) {
      var code = details.querySelector('[data-embed-code]');
      var width = details.querySelector('[name="width"]');
      var height = details.querySelector('[name="height"]');
      var title = details.closest('section').querySelector('h2').textContent;
      function update() {
        var src = new URL(details.getAttribute('data-embed'), window.location.href);
        var p = new URLSearchParams(window.location.search);
        p.delete('event'); // the event read here is this page's, not the embed's
        var look = document.documentElement.getAttribute('data-look');
        if (look !== 'default') {
          p.set('look', look);
        }
        src.search = p.toString();
        var w = parseInt(width.value, 10) || 800, h = parseInt(height.value, 10) || 480;
        var as = details.querySelector('[name="as"]:checked');
        if (as && as.value === 'image' && details.getAttribute('data-image')) {
          // The chart drawn by the server, with the same filters and look:
          // as wide as asked, as high as its own shape makes it.
          var img = new URL(details.getAttribute('data-image'), window.location.href);
          img.search = p.toString();
          code.value = '<a href="' + attr(window.location.href.split('#')[0]) + '"><img src="' + attr(img.href) + '" width="' + w +
            '" alt="' + attr(details.getAttribute('data-image-alt')) + '" style="max-width:100%;height:auto"></a>';
          height.disabled = true;
          return;
        }
        height.disabled = false;
        code.value = '<iframe src="' + attr(src.href) + '" width="' + w +
          '" height="' + h + '" title="' + attr(title) +
          '" style="border:0;max-width:100%" loading="lazy"></iframe>';
      }
      details.addEventListener('toggle', update);
      details.addEventListener('input', update);
      details.querySelector('[data-copy]').addEventListener('click', function () {
        update();
        var done = details.querySelector('.copied');
        function copied() { done.textContent = 'Copied'; }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(code.value).then(copied, function () {
            code.select();
            done.textContent = 'Select the code and copy it';
          });
        } else {
          code.select();
          document.execCommand('copy');
          copied();
        }
      });
      update();
    });
  }

  // init draws the charts at once, and filters, lists and the slide show
  // once the events file is in and the first chart is drawn.
  function init() {
    ties.initCharts();
    initMarks();
    initLook();
    initTools();
    showFilters();
    Promise.all([ties.data, ties.firstChart]).then(function () {
      ties.initLists();
      initFilters();
      if (ties.initPresent) {
        ties.initPresent();
      }
      ties.reading.init();
      document.body.setAttribute('data-ready', 'true');
    });
  }

  // Deferred scripts run in order before DOMContentLoaded, so by then the
  // slide show's script, which comes after this one, has run too.
  if (document.readyState === 'complete') {
    init();
  } else {
    document.addEventListener('DOMContentLoaded', init);
  }
}());
