// ties: the slide show. One slide shows at a time; the keyboard or a clicker
// moves through them (→, PageDown or Space next; ←, PageUp previous; Home and
// End; f for full screen, Escape to leave it), the address follows the slide,
// ?theme=, ?actor=, ?from=, ?to= and ?q= present a subset, and ?autoplay=8
// moves on every 8 seconds until a key is pressed. Long passages are set in
// smaller type, within limits, so that nothing is cut off. Each event's slide
// is a page of its own: the script fetches the slides next to the one shown,
// so that moving on is instant however many events there are.
(function () {
  'use strict';

  var ties = window.ties;

  // screenKey acts on the keys of full screen, which need no show: f turns
  // it on and off, Escape leaves it. It says whether key was one of them.
  function screenKey(key) {
    if (key === 'f' || key === 'F') {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else if (document.documentElement.requestFullscreen) {
        document.documentElement.requestFullscreen().catch(function () {});
      }
      return true;
    }
    if (key === 'Escape') {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      }
      return true;
    }
    return false;
  }

  // moves are the keys that move through the show: each gives the slide to
  // show, from the one wanted and the last.
  function next(i) { return i + 1; }
  function back(i) { return i - 1; }
  var moves = new Map([
    ['ArrowRight', next], ['PageDown', next], [' ', next], ['Spacebar', next],
    ['ArrowLeft', back], ['PageUp', back],
    ['Home', function () { return 0; }],
    ['End', function (i, last) { return last; }]
  ]);

  // Keys that move through the show, pressed before it starts (while its
  // files load), are kept and played once it starts; full screen needs no
  // wait. If its files never load, the keys stay kept: there is no show for
  // them to move, and the console says why.
  var early = [];
  function keepEarly(ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) {
      return;
    }
    if (!screenKey(ev.key)) {
      if (!moves.has(ev.key)) {
        return;
      }
      early.push(ev.key);
    }
    ev.preventDefault();
  }
  if (document.querySelector('[data-slides]')) {
    document.addEventListener('keydown', keepEarly);
  }

  // touch moves the show by touch: a swipe to the left shows the next
  // slide and one to the right the slide before; a tap on the right third
  // of the slide the next, on its left third the one before. A tap on a link
  // follows the link. move is given the key the touch stands for. On a touch
  // screen, the hints say so.
  function touch(root, move) {
    // Touch events, not pointer ones: the browser cancels the pointer of a
    // swipe it may scroll with, but a touch always ends.
    var start = null;
    root.addEventListener('touchstart', function (ev) {
      var t = ev.touches.length === 1 && ev.touches[0];
      start = t ? { x: t.clientX, y: t.clientY } : null;
    }, { passive: true });
    root.addEventListener('touchend', function (ev) {
      var t = ev.changedTouches[0];
      if (!start || !t || ev.touches.length) {
        return;
      }
      var dx = t.clientX - start.x, dy = t.clientY - start.y;
      start = null;
      if (Math.abs(dx) >= 40 && Math.abs(dx) > 1.5 * Math.abs(dy)) {
        move(dx < 0 ? 'ArrowRight' : 'ArrowLeft');
      } else if (Math.abs(dx) < 10 && Math.abs(dy) < 10 && !(ev.target.closest && ev.target.closest('a, button'))) {
        var third = window.innerWidth / 3;
        if (t.clientX > 2 * third) {
          move('ArrowRight');
        } else if (t.clientX < third) {
          move('ArrowLeft');
        }
      }
    });
    if (window.matchMedia && window.matchMedia('(pointer: coarse)').matches) {
      root.querySelectorAll('.slide-hint').forEach(function (hint) {
        hint.textContent = 'Swipe, or tap the right of the slide, for the next · the left for the one before';
      });
    }
  }

  ties.initPresent = function () {
    var root = document.querySelector('[data-slides]');
    if (!root) {
      return;
    }
    var s = ties.readURL();
    if (s.q) {
      ties.loadSearch().then(function () { begin(root, s); });
    } else {
      begin(root, s);
    }
  };

  function begin(root, s) {
    var d = ties.events;
    var visible = ties.visibleSet(s);
    // The slides in order: the title, the events presented, the end.
    var keys = ['title'];
    d.events.forEach(function (e) {
      if (visible === null || visible.has(e.id)) {
        keys.push(e.id);
      }
    });
    keys.push('end');
    var titleURL = root.getAttribute('data-title-url');
    var counter = document.querySelector('[data-slide-count]');
    var status = document.querySelector('[data-slide-status]');
    var strip = ties.entries.filter(function (e) { return e.kind === 'strip'; })[0];
    var current = -1, wanted = -1;
    var timer = null;
    var loading = {}; // slide key → promise of its section
    // The strip as the server drew it for each slide fetched, ringing its
    // event (ties.drawn.read), while the strip is the server's: an
    // unfiltered show's, whose neighbours are the server's too.
    var drawnStrips = {};
    var filtered = visible !== null || !!s.from || !!s.to;

    // keepStrip keeps the strip that a slide's page doc came with.
    function keepStrip(doc) {
      var el = doc.querySelector('[data-chart="strip"]'), at = doc.querySelector('[data-slides]');
      var drawn = el && at && ties.drawn.read(el, doc);
      if (drawn) {
        drawnStrips[at.getAttribute('data-start')] = drawn;
      }
    }
    if (strip && strip.svg) {
      keepStrip(document);
    }

    function urlOf(key) {
      return key === 'title' || key === 'end' ? titleURL : d.slideURL + key;
    }

    // section resolves to the slide's element, fetching its page if it is
    // not in this one.
    function section(key) {
      var here = root.querySelector('[data-slide="' + CSS.escape(key) + '"]');
      if (here) {
        return Promise.resolve(here);
      }
      if (!loading[key]) {
        loading[key] = fetch(urlOf(key)).then(function (r) {
          if (!r.ok) {
            throw new Error('ties: ' + urlOf(key) + ' answered ' + r.status);
          }
          return r.text();
        }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          keepStrip(doc);
          doc.querySelectorAll('[data-slide]').forEach(function (n) {
            if (!root.querySelector('[data-slide="' + CSS.escape(n.getAttribute('data-slide')) + '"]')) {
              n.hidden = true;
              root.appendChild(document.importNode(n, true));
            }
          });
          return root.querySelector('[data-slide="' + CSS.escape(key) + '"]');
        });
      }
      return loading[key];
    }

    // fit sets the slide's type as large as it can be, down to a floor,
    // so that the slide neither overflows nor scrolls.
    function fit(slide) {
      var body = slide.querySelector('.slide-body');
      var scale = 1;
      slide.style.setProperty('--fit', scale);
      while (scale > 0.5 && (body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1)) {
        scale -= 0.05;
        slide.style.setProperty('--fit', scale.toFixed(2));
      }
    }

    function mark(key) {
      if (!strip) {
        return;
      }
      // The strip names the event presented and its neighbours in the show.
      var i = keys.indexOf(key);
      strip.neighbours = [keys[i - 1], keys[i + 1]];
      if (strip.svg) {
        // The server's drawing for the slide, the title's for the end; a
        // slide it has not drawn, or a show filtered, has ECharts draw it.
        strip.marked = key;
        var drawn = !filtered && drawnStrips[key === 'end' ? 'title' : key];
        if (!drawn || !ties.drawn.swap(strip, drawn)) {
          ties.upgrade().then(function () { mark(keys[current]); });
        }
        return;
      }
      if (!strip.chart || !strip.pristine) {
        return;
      }
      ties.showEvent(strip, key);
    }

    // show moves to the slide at i once it is loaded, and fetches the
    // slides on either side of it.
    function show(i) {
      i = Math.max(0, Math.min(keys.length - 1, i));
      if (i === wanted) {
        return;
      }
      wanted = i;
      section(keys[i]).then(function (slide) {
        if (wanted !== i) {
          return; // the reader has moved on meanwhile
        }
        // The focus, if it was in the slide left, goes to the slide shown,
        // from where Tab goes on into it.
        var left = document.activeElement && document.activeElement !== slide &&
          document.activeElement.closest && document.activeElement.closest('[data-slide]');
        root.querySelectorAll('[data-slide]').forEach(function (n) { n.hidden = n !== slide; });
        if (left && left !== slide) {
          slide.tabIndex = -1;
          slide.focus({ preventScroll: true });
        }
        current = i;
        fit(slide);
        mark(keys[i]);
        counter.textContent = 'Slide ' + (i + 1) + ' of ' + keys.length;
        // A screen reader hears the slide's date and title, not only its number.
        status.textContent = slide.getAttribute('aria-label') + '. Slide ' + (i + 1) + ' of ' + keys.length + '.';
        // The tab names the slide, as the page of each slide does.
        var show = root.getAttribute('data-show');
        document.title = keys[i] === 'title' ? show : slide.getAttribute('aria-label').replace(/^[^:]*: /, '') + ' · ' + show;
        var url = new URL(slide.getAttribute('data-url'), window.location.href);
        url.search = window.location.search; // the subset, and autoplay while it runs
        if (url.href !== window.location.href) {
          window.history.replaceState(null, '', url.href);
        }
        root.setAttribute('data-ready', 'true');
        [i + 1, i - 1].forEach(function (j) {
          if (j >= 0 && j < keys.length) {
            section(keys[j]).catch(function () {});
          }
        });
      }, function (err) {
        wanted = current;
        delete loading[keys[i]]; // the next key press tries again
        throw err;
      });
    }

    // stop ends autoplay, and takes it out of the address, so that a reload
    // does not start it again.
    function stop() {
      if (!timer) {
        return;
      }
      clearInterval(timer);
      timer = null;
      var url = new URL(window.location.href);
      url.searchParams.delete('autoplay');
      window.history.replaceState(null, '', url.href);
    }

    // press acts on a key, and says whether it was one of the show's. Any
    // key but full screen's stops autoplay.
    function press(key) {
      if (screenKey(key)) {
        return true;
      }
      stop();
      if (!moves.has(key)) {
        return false;
      }
      show(moves.get(key)(wanted, keys.length - 1));
      return true;
    }

    document.removeEventListener('keydown', keepEarly);
    document.addEventListener('keydown', function (ev) {
      if (!ev.altKey && !ev.ctrlKey && !ev.metaKey && press(ev.key)) {
        ev.preventDefault();
      }
    });
    window.addEventListener('resize', function () {
      if (current >= 0) {
        section(keys[current]).then(fit);
      }
    });
    touch(root, function (key) { press(key); });

    // A click on the strip goes to that event's slide.
    ties.onItem = function (entry, item) {
      stop();
      var i = keys.indexOf(item.events && item.events[0]);
      if (i >= 0) {
        show(i);
      }
    };

    // The strip shows the years the show is filtered to, which takes
    // ECharts when the server drew it.
    if (ties.zoomYears) {
      ties.zoomYears(s.from, s.to);
    } else if (s.from || s.to) {
      ties.upgrade().then(function () { ties.zoomYears(s.from, s.to); });
    }
    var start = window.location.hash === '#end' ? 'end' : root.getAttribute('data-start');
    show(Math.max(0, keys.indexOf(start)));

    var seconds = parseFloat(new URLSearchParams(window.location.search).get('autoplay'));
    if (seconds >= 1 && seconds <= 3600) {
      timer = setInterval(function () {
        if (wanted >= keys.length - 1) {
          stop();
        } else {
          show(wanted + 1);
        }
      }, seconds * 1000);
    }
    early.forEach(press);
    early = [];
  }
}());
