// The activation page: the online application's decision page links here with the activation code and
// the page to land on in the fragment (#code=…&next=…), which the browser never sends to a server or a
// proxy. Fill the form from it, then take it out of the address bar and the history.
(function () {
  'use strict';
  if (!window.location.hash || window.location.hash.length < 2) {
    return;
  }
  var given = {};
  window.location.hash.substring(1).split('&').forEach(function (pair) {
    var at = pair.indexOf('=');
    if (at > 0) {
      try {
        given[pair.substring(0, at)] = decodeURIComponent(pair.substring(at + 1));
      } catch (malformed) {
        // ignored: the form is filled in by hand
      }
    }
  });
  var code = document.getElementById('activationCode');
  if (code && given.code && /^[A-Za-z0-9 -]{1,32}$/.test(given.code) && !code.value) {
    code.value = given.code;
  }
  var next = document.getElementById('next');
  if (next && given.next && /^\/portal\/new-card\/[A-Za-z0-9-]{1,64}$/.test(given.next)) {
    next.value = given.next;
  }
  if (window.history && window.history.replaceState) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
})();
