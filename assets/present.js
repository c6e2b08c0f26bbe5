// ties: the slide show. One slide shows at a time; the keyboard or a clicker
// moves through them (→, PageDown or Space next; ←, PageUp previous; Home and
// End; f for full screen, Escape to leave it), the address follows the slide,
// ?theme=, ?actor=, ?from=, ?to= and ?q= present a subset, and ?autoplay=8
// moves on every 8 seconds until a key is pressed. Long passages are set in
// smaller type, within limits, so that nothing is cut off.
(function () {
  'use strict';

  var ties = window.ties;

  ties.initPresent = function () {
    var root = document.querySelector('[data-slides]');
    if (!root) {
      return;
    }
    var visible = ties.visibleSet(ties.readURL());
    var slides = Array.prototype.filter.call(root.querySelectorAll('[data-slide]'), function (s) {
      var id = s.getAttribute('data-event');
      return !id || visible === null || visible.has(id);
    });
    var counter = document.querySelector('[data-slide-count]');
    var strip = ties.entries.filter(function (e) { return e.kind === 'strip'; })[0];
    var current = -1;
    var timer = null;

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

    function mark(slide) {
      if (!strip) {
        return;
      }
      var id = slide.getAttribute('data-event');
      var data = strip.pristine.series[0].data;
      strip.chart.dispatchAction({ type: 'downplay', seriesIndex: 0 });
      for (var i = 0; id && i < data.length; i++) {
        if (data[i].events[0] === id) {
          strip.chart.dispatchAction({ type: 'highlight', seriesIndex: 0, dataIndex: i });
        }
      }
    }

    function show(i) {
      i = Math.max(0, Math.min(slides.length - 1, i));
      if (i === current) {
        return;
      }
      if (current >= 0) {
        slides[current].hidden = true;
      }
      current = i;
      var slide = slides[i];
      slide.hidden = false;
      fit(slide);
      mark(slide);
      counter.textContent = 'Slide ' + (i + 1) + ' of ' + slides.length;
      var url = new URL(slide.getAttribute('data-url'), window.location.href);
      url.search = window.location.search; // the subset, and autoplay while it runs
      if (url.href !== window.location.href) {
        window.history.replaceState(null, '', url.href);
      }
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

    function fullScreen() {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else if (document.documentElement.requestFullscreen) {
        document.documentElement.requestFullscreen().catch(function () {});
      }
    }

    document.addEventListener('keydown', function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) {
        return;
      }
      if (ev.key !== 'f' && ev.key !== 'F' && ev.key !== 'Escape') {
        stop(); // any key but full screen's stops autoplay
      }
      switch (ev.key) {
        case 'ArrowRight': case 'PageDown': case ' ': case 'Spacebar':
          show(current + 1); break;
        case 'ArrowLeft': case 'PageUp':
          show(current - 1); break;
        case 'Home':
          show(0); break;
        case 'End':
          show(slides.length - 1); break;
        case 'f': case 'F':
          fullScreen(); break;
        case 'Escape':
          if (document.fullscreenElement) {
            document.exitFullscreen();
          }
          break;
        default:
          return;
      }
      ev.preventDefault();
    });
    window.addEventListener('resize', function () {
      if (current >= 0) {
        fit(slides[current]);
      }
    });

    // A click on the strip goes to that event's slide.
    ties.onItem = function (entry, d) {
      stop();
      var id = d.events && d.events[0];
      slides.forEach(function (s, i) {
        if (s.getAttribute('data-event') === id) {
          show(i);
        }
      });
    };

    root.querySelectorAll('[data-slide]').forEach(function (s) { s.hidden = true; });
    var start = window.location.hash === '#end' ? 'end' : root.getAttribute('data-start');
    var first = 0;
    slides.forEach(function (s, i) {
      if (s.getAttribute('data-slide') === start) {
        first = i;
      }
    });
    show(first);

    var seconds = parseFloat(new URLSearchParams(window.location.search).get('autoplay'));
    if (seconds >= 1 && seconds <= 3600) {
      timer = setInterval(function () {
        if (current >= slides.length - 1) {
          stop();
        } else {
          show(current + 1);
        }
      }, seconds * 1000);
    }
    root.setAttribute('data-ready', 'true');
  };
}());
