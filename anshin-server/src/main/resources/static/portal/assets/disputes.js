// The status page of a dispute report: while any case is undecided, asks the server every second
// whether anything moved, and reloads the page when it did. No inline script (the portal's CSP).
// After ten minutes it stops (an open page must not keep the session alive for ever) and says so.
(function () {
  'use strict';
  var body = document.getElementById("main");
  var url = body.getAttribute('data-status-url');
  var shown = body.getAttribute('data-signature');
  if (!url) {
    return;
  }
  var timer = null;
  var polls = 0;
  var MAX_POLLS = 600;
  function stopped() {
    window.clearInterval(timer);
    var live = document.getElementById('live');
    if (live) {
      live.textContent = live.getAttribute('data-stopped') || '';
      live.classList.add('stopped');
    }
  }
  function poll() {
    polls += 1;
    if (polls > MAX_POLLS) {
      stopped();
      return;
    }
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
        // Signed out or offline: stop and say so; the page still shows the last state.
        stopped();
      });
  }
  timer = window.setInterval(poll, 1000);
})();
