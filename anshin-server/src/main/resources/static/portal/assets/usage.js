// The card usage page: new authorizations arrive as server-sent events ("usage", a row as JSON) and
// are put on top of the table. Without EventSource the page reloads every 5 seconds instead.
(function () {
  'use strict';
  var live = document.getElementById('live');
  var body = document.querySelector('#usage tbody');
  if (!live || !body) {
    return;
  }

  function state(name) {
    live.setAttribute('data-state', name);
    live.textContent = live.getAttribute('data-label-' + name);
  }

  // Each cell carries its column's name, shown before it when a phone stacks the row (anshin.css).
  var headers = document.querySelectorAll('#usage thead th');
  function cell(row, className, text) {
    var td = document.createElement('td');
    td.className = className;
    var header = headers[row.children.length];
    if (header) {
      td.setAttribute('data-label', header.textContent);
    }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  // Same cells as the server-rendered rows in usage.html; text only, never HTML.
  function add(usage) {
    if (body.querySelector('tr[data-authorization-id="' + CSS.escape(usage.authorizationId) + '"]')) {
      return; // already shown (a reconnect may send it again)
    }
    var row = document.createElement('tr');
    row.className = 'usage new';
    row.setAttribute('data-authorization-id', usage.authorizationId);
    row.setAttribute('data-decision', usage.decisionCode);
    cell(row, 'time', usage.time);
    cell(row, 'amount', usage.amount);
    cell(row, 'card', usage.card);
    var merchant = cell(row, 'merchant', '');
    var name = document.createElement('span');
    name.className = 'name';
    name.textContent = usage.merchant;
    merchant.appendChild(name);
    if (usage.descriptor) {
      var descriptor = document.createElement('span');
      descriptor.className = 'descriptor';
      descriptor.textContent = usage.descriptor;
      merchant.appendChild(descriptor);
    }
    cell(row, 'country', usage.country);
    cell(row, 'channel', usage.channel);
    cell(row, 'decision', usage.decision);
    var action = cell(row, 'action', '');
    action.setAttribute('data-slot', 'action');
    var table = document.getElementById('usage');
    var notMe = document.createElement('a');
    notMe.className = 'not-me';
    notMe.href = table.getAttribute('data-report') + '?authorization=' + encodeURIComponent(usage.authorizationId);
    notMe.textContent = table.getAttribute('data-not-me');
    action.appendChild(notMe);
    body.insertBefore(row, body.firstChild);
    // Said once by screen readers (a polite live region), not the whole table again.
    var announcer = document.getElementById('announcer');
    if (announcer) {
      announcer.textContent = announcer.getAttribute('data-label') + ': ' + usage.amount + ' ' + usage.merchant
          + ' ' + usage.decision;
    }
    var none = document.getElementById('no-usage');
    if (none) {
      none.remove();
    }
  }

  // Reloading stands in for the stream for ten minutes at most: an open page must not keep the
  // session alive for ever (the same limit as the dispute status page).
  var RELOADING_SINCE = 'anshin-usage-reloading-since';
  function reloadLater() {
    var since = Number(window.sessionStorage.getItem(RELOADING_SINCE) || Date.now());
    if (Date.now() - since > 10 * 60 * 1000) {
      window.sessionStorage.removeItem(RELOADING_SINCE);
      state('off');
      return;
    }
    window.sessionStorage.setItem(RELOADING_SINCE, String(since));
    window.setTimeout(function () { window.location.reload(); }, 5000);
  }

  if (!window.EventSource) {
    state('polling');
    reloadLater();
    return;
  }
  var source = new EventSource(live.getAttribute('data-stream'));
  source.addEventListener('open', function () {
    window.sessionStorage.removeItem(RELOADING_SINCE);
    state('live');
  });
  source.addEventListener('error', function () {
    // EventSource reconnects by itself; CLOSED means it gave up (signed out, or the server refused).
    state('off');
    if (source.readyState === EventSource.CLOSED) {
      reloadLater();
    }
  });
  source.addEventListener('usage', function (event) { add(JSON.parse(event.data)); });
})();
