// The status page of a dispute report: while any case is undecided, asks the server every second
// whether anything moved, and reloads the page when it did. No inline script (the portal's CSP).
(function () {
  'use strict';
  var body = document.body;
  var url = body.getAttribute('data-status-url');
  var shown = body.getAttribute('data-signature');
  if (!url) {
    return;
  }
  var timer = null;
  function poll() {
    fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}, cache: 'no-store'})
      .then(function (response) {
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.json();
      })
      .then(function (state) {
        if (state.signature !== shown) {
          window.clearInterval(timer);
          window.location.reload();
        } else if (!state.live) {
          window.clearInterval(timer);
        }
      })
      .catch(function () {
        // Signed out or offline: stop quietly; the page still shows the last state.
        window.clearInterval(timer);
        var live = document.getElementById('live');
        if (live) {
          live.hidden = true;
        }
      });
  }
  timer = window.setInterval(poll, 1000);
})();
