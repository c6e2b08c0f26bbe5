// ties: live reload, for a timeline served with --watch. The page listens
// to the server's events: after a good edit it loads itself again where the
// reader was (the address holds the filters, the open event and the slide;
// the scroll position is kept for the next load), and after a broken one it
// shows the problems in its banner, as text, without reloading.
(function () {
  'use strict';

  var url = document.body.getAttribute('data-live');
  if (!url || !window.EventSource) {
    return;
  }
  var key = 'ties-live-scroll';

  // Back where the reader was, once the page has its height: at once, and
  // again when the charts are drawn.
  var kept = null;
  try {
    kept = JSON.parse(window.sessionStorage.getItem(key) || 'null');
    window.sessionStorage.removeItem(key);
  } catch (e) {
    kept = null; // storage may be refused; the page then opens at its top
  }
  if (kept && kept.href === window.location.href) {
    var back = function () { window.scrollTo(kept.x, kept.y); };
    back();
    window.addEventListener('load', back);
    var drawn = function () {
      if (document.body.getAttribute('data-ready') === 'true') {
        back(); // the charts are drawn, at their height
      } else {
        window.requestAnimationFrame(drawn);
      }
    };
    drawn();
  }

  function reload() {
    try {
      window.sessionStorage.setItem(key, JSON.stringify({ href: window.location.href, x: window.scrollX, y: window.scrollY }));
    } catch (e) {
      // the reload still happens, at the top of the page
    }
    window.location.reload();
  }

  // banner shows the last edit's problems above the page, or takes them
  // away once none are left.
  function banner(problems) {
    var el = document.querySelector('.problems');
    if (!problems.length) {
      if (el) {
        el.remove();
      }
      return;
    }
    if (!el) {
      el = document.createElement('div');
      el.className = 'problems';
      el.setAttribute('role', 'alert');
      document.body.insertBefore(el, document.body.firstChild);
    }
    el.textContent = '';
    var p = document.createElement('p');
    var strong = document.createElement('strong');
    strong.textContent = 'The last edit of the timeline has ' + problems.length + (problems.length === 1 ? ' problem.' : ' problems.');
    p.append(strong, ' This page shows the last timeline that loaded; fix the file and it reloads by itself.');
    var ul = document.createElement('ul');
    problems.forEach(function (text) {
      var li = document.createElement('li');
      var code = document.createElement('code');
      code.textContent = text;
      li.appendChild(code);
      ul.appendChild(li);
    });
    el.append(p, ul);
  }

  var source = new EventSource(url);
  source.addEventListener('reload', reload);
  source.addEventListener('problems', function (ev) {
    banner(JSON.parse(ev.data));
  });
  document.body.setAttribute('data-live-ready', 'true');
}());
