// ties: the editor, under ties serve --edit. On an article, selecting words
// offers "New event from this passage", which opens the form with them as
// its quote. In the form, each change is checked by the server, with the
// same rules and words as ties check, and the dates written in the quote's
// paragraph are offered as choices. The form works without this script.
(function () {
  'use strict';

  // Selecting words of the article.
  var newEvent = document.querySelector('[data-new-event]');
  if (newEvent) {
    var offer = document.createElement('a');
    offer.className = 'edit-offer';
    offer.textContent = 'New event from this passage';
    offer.hidden = true;
    document.body.appendChild(offer);
    var place = function () {
      var sel = window.getSelection();
      var text = sel && sel.rangeCount ? sel.toString().replace(/\s+/g, ' ').trim() : '';
      var p = text && sel.getRangeAt(0).commonAncestorContainer;
      var block = p && (p.nodeType === 1 ? p : p.parentElement).closest('article.source p');
      if (!block) {
        offer.hidden = true;
        return;
      }
      var url = new URL(newEvent.href, window.location.href);
      url.searchParams.set('quote', text);
      offer.href = url.href;
      var r = sel.getRangeAt(0).getBoundingClientRect();
      offer.style.top = (window.scrollY + r.bottom + 6) + 'px';
      offer.style.left = (window.scrollX + Math.max(8, r.left)) + 'px';
      offer.hidden = false;
    };
    document.addEventListener('selectionchange', function () { window.requestAnimationFrame(place); });
  }

  // Checking the form as it is typed.
  var form = document.querySelector('[data-edit-form]');
  if (!form) {
    return;
  }
  var status = function (name) { return form.querySelector('[data-status="' + name + '"]'); };
  var choices = form.querySelector('[data-date-choices]');
  if (!choices) {
    choices = document.createElement('p');
    choices.className = 'edit-choices';
    choices.setAttribute('data-date-choices', '');
    form.querySelector('.edit-dates').after(choices);
  }
  choices.addEventListener('click', function (ev) {
    var b = ev.target.closest('button[data-date]');
    if (b) {
      form.elements.date.value = b.getAttribute('data-date');
      check();
    }
  });
  var timer = null, asked = 0;
  function check() {
    var n = ++asked;
    fetch(form.getAttribute('data-check'), { method: 'POST', body: new URLSearchParams(new FormData(form)) })
      .then(function (r) { return r.json(); })
      .then(function (c) {
        if (n !== asked) {
          return; // a later check is on its way
        }
        status('quote').textContent = c.quote || '';
        status('date').textContent = c.date || '';
        form.elements.id.placeholder = c.id || '';
        choices.textContent = '';
        if (c.dates.length) {
          choices.append('Dates written in the passage\'s paragraph: ');
          c.dates.forEach(function (d, i) {
            var b = document.createElement('button');
            b.type = 'button';
            b.setAttribute('data-date', d);
            b.textContent = c.words[i];
            choices.append(b, ' ');
          });
        }
        form.setAttribute('data-checked', String(n));
      })
      .catch(function () {});
  }
  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  });
  check();
}());
