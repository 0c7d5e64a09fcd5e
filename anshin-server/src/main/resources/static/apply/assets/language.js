// A step of the application form (ApplyPages): the language switch keeps what was typed. The typed values
// go to the same step, to be shown again in the other language; nothing is saved or checked on the way.
(function () {
  'use strict';
  var link = document.getElementById('language');
  var form = document.querySelector('form[data-redisplay]');
  if (!link || !form) {
    return;
  }
  link.addEventListener('click', function (event) {
    var lang = new URL(link.href, window.location.href).searchParams.get('lang');
    if (!lang) {
      return;
    }
    event.preventDefault();
    form.setAttribute('action', form.getAttribute('data-redisplay') + '?lang=' + encodeURIComponent(lang));
    form.submit();
  });
}());
