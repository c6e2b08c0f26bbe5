// ties: the charts on paper. Printing draws them again as the paper shows
// them: in the default look, whatever the page's (the style sheet prints on
// white), and without the zoom slider, a control that paper cannot use
// (option.js). They are drawn back as they were once printing is over.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};
  var printing = false;

  // ties.printing is whether the page is being printed.
  ties.printing = function () {
    return printing;
  };

  function set(now) {
    if (now === printing) {
      return;
    }
    printing = now;
    if (ties.restyle) {
      ties.restyle();
    }
  }

  window.addEventListener('beforeprint', function () { set(true); });
  window.addEventListener('afterprint', function () { set(false); });
  // Also for print media asked for otherwise, as by a browser's tools.
  if (window.matchMedia) {
    var media = window.matchMedia('print');
    printing = media.matches;
    media.addEventListener('change', function () { set(media.matches); });
  }
}());
