// ties: the lists and tables of events. Each shows the events a filter
// keeps, in date order or (a sortable table) the other way, a page of rows
// at a time, with a button for the next page. The server sends the first
// page; the rows are made again from the events file. Text from a timeline
// is only ever set as text.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};

  // EventList is a list or a table of events, whose body is body.
  function EventList(body) {
    this.body = body;
    this.table = body.tagName === 'TBODY';
    this.page = Number(body.getAttribute('data-page')) || 200;
    this.shown = this.page;
    this.visible = null;
    this.descending = false;
    this.more = document.createElement('button');
    this.more.type = 'button';
    this.more.className = 'more';
    this.more.hidden = true;
    this.more.addEventListener('click', function () {
      this.shown += this.page;
      this.render();
    }.bind(this));
    var after = this.table ? body.closest('.table-wrap') : body;
    after.parentNode.insertBefore(this.more, after.nextSibling);
    var note = after.parentNode.querySelector('[data-rows-note]');
    if (note) {
      note.hidden = true; // the button below the list takes its place
    }
  }

  EventList.prototype.show = function (visible) {
    this.visible = visible;
    this.shown = this.page;
    this.render();
  };

  EventList.prototype.sort = function (descending) {
    this.descending = descending;
    this.shown = this.page;
    this.render();
  };

  EventList.prototype.render = function () {
    var d = ties.events, visible = this.visible;
    var events = visible ? d.events.filter(function (e) { return visible.has(e.id); }) : d.events.slice();
    if (this.descending) {
      events.sort(function (a, b) { return a.sort < b.sort ? 1 : a.sort > b.sort ? -1 : a.index - b.index; });
    }
    var rows = document.createDocumentFragment();
    events.slice(0, this.shown).forEach(function (e) {
      rows.appendChild(this.table ? tableRow(d, e) : listItem(d, e));
    }, this);
    this.body.replaceChildren(rows);
    var left = events.length - this.shown;
    this.more.hidden = left <= 0;
    this.more.textContent = 'Show ' + Math.min(left, this.page) + ' more (' + ties.plural(events.length, 'event') + ' in all)';
  };

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function link(href, text) {
    var a = el('a', text);
    a.href = href;
    return a;
  }

  function time(e) {
    var t = el('time', e.date);
    t.setAttribute('datetime', e.sort);
    return t;
  }

  function swatch(d, e) {
    var th = d.themes[e.theme];
    var span = el('span');
    span.className = 'theme';
    span.setAttribute('data-theme', th.id);
    var sw = el('span');
    sw.className = 'swatch';
    ties.paint(sw, th);
    sw.setAttribute('aria-hidden', 'true');
    span.append(sw, th.label);
    return span;
  }

  function listItem(d, e) {
    var li = el('li');
    li.setAttribute('data-event', e.id);
    li.append(time(e), ' ', link(ties.eventURL(e.id), e.title), ' ', swatch(d, e));
    return li;
  }

  function tableRow(d, e) {
    var tr = el('tr');
    tr.setAttribute('data-event', e.id);
    tr.setAttribute('data-sort-key', e.sort);
    var cells = [time(e), link(ties.eventURL(e.id), e.title), swatch(d, e), (e.actors || []).join(', '),
      link(d.sources[e.source].url, d.sources[e.source].title)];
    cells.forEach(function (c) {
      var td = el('td');
      td.append(c);
      tr.appendChild(td);
    });
    return tr;
  }

  // ties.initLists makes the lists and tables of the page, once the events
  // file is in; ties.lists holds them, for the filters to show.
  ties.lists = [];
  ties.initLists = function () {
    document.querySelectorAll('[data-rows]').forEach(function (body) {
      var list = new EventList(body);
      ties.lists.push(list);
      var table = body.closest('table[data-sortable]');
      if (!table) {
        return;
      }
      var button = table.querySelector('[data-sort]');
      var th = button.closest('th');
      button.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        th.setAttribute('aria-sort', dir);
        list.sort(dir === 'descending');
      });
    });
  };
}());
