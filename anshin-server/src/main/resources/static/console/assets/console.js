// Live charts of the console: polls the statistics endpoint every 2 s and redraws two inline SVGs.
// No libraries: a few rectangles and lines are all the charts need.
(function () {
  'use strict';
  var section = document.querySelector('.charts');
  if (!section) { return; }
  var url = section.getAttribute('data-stats-url');
  var SVG = 'http://www.w3.org/2000/svg';
  var W = 600, H = 200, PAD = 28;
  var colors = { approved: '#2d8a4e', reviewed: '#c98a00', declined: '#c0392b' };

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function clear(svg) { while (svg.firstChild) { svg.removeChild(svg.firstChild); } }

  function axes(svg, max) {
    svg.appendChild(el('line', { x1: PAD, y1: H - PAD, x2: W - 4, y2: H - PAD, stroke: '#889' }));
    svg.appendChild(el('line', { x1: PAD, y1: 4, x2: PAD, y2: H - PAD, stroke: '#889' }));
    svg.appendChild(el('text', { x: PAD - 4, y: 12, 'text-anchor': 'end', 'font-size': 10 }, String(max)));
    svg.appendChild(el('text', { x: PAD - 4, y: H - PAD, 'text-anchor': 'end', 'font-size': 10 }, '0'));
  }

  function drawRates(minutes) {
    var svg = document.getElementById('rates');
    clear(svg);
    var max = 1;
    minutes.forEach(function (m) { max = Math.max(max, m.approved + m.reviewed + m.declined); });
    axes(svg, max);
    var slot = (W - PAD - 8) / minutes.length;
    minutes.forEach(function (m, i) {
      var y = H - PAD;
      ['approved', 'reviewed', 'declined'].forEach(function (k) {
        var h = (m[k] / max) * (H - PAD - 8);
        if (h > 0) {
          y -= h;
          var bar = el('rect', { x: PAD + 2 + i * slot, y: y, width: Math.max(1, slot - 2), height: h, fill: colors[k] });
          bar.appendChild(el('title', {}, new Date(m.start).toLocaleTimeString() + ' ' + k + ': ' + m[k]));
          svg.appendChild(bar);
        }
      });
    });
  }

  function drawHistogram(bins) {
    var svg = document.getElementById('histogram');
    clear(svg);
    var max = 1;
    bins.forEach(function (b) { max = Math.max(max, b); });
    axes(svg, max);
    var slot = (W - PAD - 8) / bins.length;
    bins.forEach(function (b, i) {
      var h = (b / max) * (H - PAD - 8);
      var bar = el('rect', { x: PAD + 2 + i * slot, y: H - PAD - h, width: Math.max(1, slot - 2), height: h, fill: '#0f3d5e' });
      bar.appendChild(el('title', {}, (i / bins.length).toFixed(2) + '–' + ((i + 1) / bins.length).toFixed(2) + ': ' + b));
      svg.appendChild(bar);
    });
    [0, 0.5, 1].forEach(function (v) {
      svg.appendChild(el('text', { x: PAD + v * (W - PAD - 8), y: H - PAD + 14, 'text-anchor': 'middle', 'font-size': 10 }, String(v)));
    });
  }

  // The charts in words, for a screen reader. Only the rates' summary is a live region, and it speaks
  // of the last complete minute, so it changes once a minute rather than at every poll.
  function say(id, text) {
    var node = document.getElementById(id);
    if (node.textContent !== text) { node.textContent = text; }
  }

  function summarize(stats) {
    var minutes = stats.minutes, last = minutes.length > 1 ? minutes[minutes.length - 2] : minutes[0];
    if (last) {
      say('rates-summary', new Date(last.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) + ' — '
        + section.getAttribute('data-approve') + ' ' + last.approved + ', '
        + section.getAttribute('data-review') + ' ' + last.reviewed + ', '
        + section.getAttribute('data-decline') + ' ' + last.declined);
    }
    var bins = stats.scoreHistogram;
    say('histogram-summary', bins.map(function (b, i) {
      return (i / bins.length).toFixed(2) + '–' + ((i + 1) / bins.length).toFixed(2) + ': ' + b;
    }).join(', '));
  }

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (stats) { drawRates(stats.minutes); drawHistogram(stats.scoreHistogram); summarize(stats); })
      .catch(function () { /* keep the last picture; the next poll retries */ })
      .finally(function () { setTimeout(poll, 2000); });
  }
  poll();
}());
