// ties: sets the page's look (default, dark or contrast) before it is drawn,
// from ?look= or from the last look chosen in this browser, which it keeps
// in a cookie too, for the server to draw the next page in.
(function () {
  'use strict';
  var looks = ['default', 'dark', 'contrast'];
  var ties = window.ties = window.ties || {};

  // ties.rememberLook keeps the look chosen for this site's pages, in a
  // cookie that the server reads to draw them in it.
  // Its path is the site's: where this script's /assets/ folder is.
  var script = document.currentScript && document.currentScript.src || '';
  var site = script.indexOf('/assets/') >= 0 ? new URL(script.slice(0, script.indexOf('/assets/') + 1)).pathname : '/';
  ties.rememberLook = function (name) {
    document.cookie = 'ties-look=' + name + '; path=' + site + '; max-age=31536000; SameSite=Lax';
  };
  var look = new URLSearchParams(window.location.search).get('look');
  try {
    if (looks.indexOf(look) >= 0) {
      window.localStorage.setItem('ties-look', look);
    } else {
      look = window.localStorage.getItem('ties-look');
    }
  } catch (e) {
    // Storage may be refused, as in some frames; the address still works.
  }
  look = looks.indexOf(look) >= 0 ? look : 'default';
  document.documentElement.setAttribute('data-look', look);
  // The server draws the charts in the look its cookie names; a page it
  // drew in another, as when the cookie came from another site of this
  // host, is drawn again by ECharts (drawn.js).
  ties.rememberLook(look);
}());
