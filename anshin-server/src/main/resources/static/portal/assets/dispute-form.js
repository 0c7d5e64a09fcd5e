// The report form: the charges not chosen wait in a closed "other charges" section; typing in its
// search field keeps the rows whose text (merchant, amount, date, card) holds every word typed.
(function () {
  'use strict';
  var filter = document.getElementById('transaction-filter');
  var rows = document.querySelectorAll('#other-transactions tbody tr');
  if (!filter || !rows.length) {
    return;
  }
  function normalize(text) {
    return text.normalize('NFKC').toLowerCase().replace(/[,円¥]/g, '');
  }
  var texts = Array.prototype.map.call(rows, function (row) { return normalize(row.textContent); });
  filter.addEventListener('input', function () {
    var words = normalize(filter.value).split(/\s+/).filter(Boolean);
    rows.forEach(function (row, i) {
      row.hidden = !words.every(function (word) { return texts[i].indexOf(word) >= 0; });
    });
  });
}());
