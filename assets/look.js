// ties: sets the page's look (default, dark or contrast) before it is drawn,
// from ?look= or from the last look chosen in this browser.
(function () {
  'use strict';
  var looks = ['default', 'dark', 'contrast'];
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
  document.documentElement.setAttribute('data-look', looks.indexOf(look) >= 0 ? look : 'default');
}());
