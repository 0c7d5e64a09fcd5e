// Live charts of the decisions workbench: polls /console/api/stats every 2 s and redraws two SVGs.
// The rate chart's vertical scale comes from the server (LiveStatistics: a surge is cut at the top,
// marked, with its true count above it, so ordinary minutes keep their height); the score
// histogram counts on a log scale, so the many low scores do not hide the few high ones.
// No libraries: a few rectangles, lines and labels are all the charts need.
(function () {
  'use strict';
  var section = document.querySelector('.charts');
  if (!section) { return; }
  var url = section.getAttribute('data-stats-url');
  var SVG = 'http://www.w3.org/2000/svg';
  // Drawn at the size shown (the viewBox follows the element's width), so labels stay 12 px on a
  // phone and on a desktop alike.
  var W = 600, H = 230, LEFT = 58, RIGHT = 10, TOP = 20, BOTTOM = 46;
  var PLOT_W = W - LEFT - RIGHT, PLOT_H = H - TOP - BOTTOM, BASE = H - BOTTOM;

  function size(svg) {
    W = Math.max(260, Math.round(svg.getBoundingClientRect().width) || 600);
    PLOT_W = W - LEFT - RIGHT;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  }
  var colors = { approved: '#1e6b3a', reviewed: '#8a5a00', declined: '#b3261e' };
  var names = { approved: text('approve'), reviewed: text('review'), declined: text('decline') };
  var hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false });

  function text(name) { return section.getAttribute('data-' + name) || ''; }

  // A message pattern from the bundle with {0}, {1}… filled in.
  function fill(pattern) {
    var args = Array.prototype.slice.call(arguments, 1);
    return pattern.replace(/\{(\d+)\}/g, function (m, i) { return String(args[+i]); });
  }

  function el(name, attrs, content) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  function clear(svg) { while (svg.firstChild) { svg.removeChild(svg.firstChild); } }

  function count(n) { return Number(n).toLocaleString('en-US'); }

  function compact(n) {
    if (n >= 10000) { return Math.round(n / 1000) + 'k'; }
    if (n >= 1000) { return (Math.round(n / 100) / 10) + 'k'; }
    return String(n);
  }

  // Axes, a labelled tick for each [value, y], and the two axis titles.
  function frame(svg, ticks, yTitle, xTitle) {
    ticks.forEach(function (t) {
      svg.appendChild(el('line', { x1: LEFT, y1: t[1], x2: W - RIGHT, y2: t[1], stroke: '#e4e8ec' }));
      svg.appendChild(el('text', { 'class': 'y-tick', x: LEFT - 6, y: t[1] + 4, 'text-anchor': 'end' }, t[0]));
    });
    svg.appendChild(el('line', { x1: LEFT, y1: BASE, x2: W - RIGHT, y2: BASE, stroke: '#6b7785' }));
    svg.appendChild(el('line', { x1: LEFT, y1: TOP, x2: LEFT, y2: BASE, stroke: '#6b7785' }));
    svg.appendChild(el('text', { 'class': 'y-title', x: 14, y: TOP + PLOT_H / 2, 'text-anchor': 'middle',
      transform: 'rotate(-90 14 ' + (TOP + PLOT_H / 2) + ')' }, yTitle));
    svg.appendChild(el('text', { 'class': 'x-title', x: LEFT + PLOT_W / 2, y: H - 6, 'text-anchor': 'middle' }, xTitle));
  }

  function total(m) { return m.approved + m.reviewed + m.declined; }

  function drawRates(stats) {
    var svg = document.getElementById('rates');
    var minutes = stats.minutes, top = Math.max(1, stats.rateAxisMax);
    clear(svg);
    size(svg);
    svg.setAttribute('data-axis-max', top);
    var ticks = [[count(0), BASE]];
    if (top % 2 === 0) { ticks.push([count(top / 2), BASE - PLOT_H / 2]); }
    ticks.push([count(top), TOP]);
    frame(svg, ticks, text('rates-y'), text('rates-x'));
    var slot = PLOT_W / minutes.length;
    minutes.forEach(function (m, i) {
      var start = new Date(m.start), x = LEFT + i * slot, all = total(m);
      if (start.getUTCMinutes() % (slot < 9 ? 10 : 5) === 0) {
        svg.appendChild(el('line', { x1: x + slot / 2, y1: BASE, x2: x + slot / 2, y2: BASE + 4, stroke: '#6b7785' }));
        svg.appendChild(el('text', { 'class': 'x-tick', x: x + slot / 2, y: BASE + 17, 'text-anchor': 'middle' }, hhmm.format(start)));
      }
      if (all === 0) { return; }
      var clipped = all > top;
      // A clipped minute fills the plot; its parts keep their shares of the true total.
      var scale = (clipped ? PLOT_H / all : PLOT_H / top);
      var group = el('g', { 'class': clipped ? 'minute clipped' : 'minute', 'data-total': all });
      group.appendChild(el('title', {}, hhmm.format(start) + ' JST — ' + names.approved + ' ' + count(m.approved) + ', '
        + names.reviewed + ' ' + count(m.reviewed) + ', ' + names.declined + ' ' + count(m.declined)));
      var y = BASE;
      ['approved', 'reviewed', 'declined'].forEach(function (k) {
        var h = m[k] * scale;
        if (h > 0) {
          y -= h;
          group.appendChild(el('rect', { 'class': 'rate-bar', x: x + 1, y: y, width: Math.max(1, slot - 2), height: h, fill: colors[k] }));
        }
      });
      if (clipped) {
        // A break across the top of the bar, and the true count above it.
        group.appendChild(el('path', { 'class': 'break', d: 'M' + (x + 1) + ' ' + (TOP + 6) + ' l' + (slot - 2) / 2 + ' -4 l'
          + (slot - 2) / 2 + ' 4', stroke: '#fff', 'stroke-width': 2.5, fill: 'none' }));
        group.appendChild(el('text', { 'class': 'clip-label', x: x + slot / 2, y: TOP - 5, 'text-anchor': 'middle',
          'font-size': 10 }, compact(all)));
      }
      svg.appendChild(group);
    });
  }

  // Log scale: a bar's height is log10(1 + count) over log10(1 + top); ticks at powers of ten.
  function drawHistogram(stats) {
    var svg = document.getElementById('histogram');
    var bins = stats.scoreHistogram, top = Math.max(10, stats.histogramAxisMax), logTop = Math.log10(1 + top);
    clear(svg);
    size(svg);
    svg.setAttribute('data-axis-max', top);
    function yOf(n) { return BASE - (Math.log10(1 + n) / logTop) * PLOT_H; }
    var ticks = [['0', BASE]];
    for (var v = 1; v <= top; v *= 10) { ticks.push([compact(v), yOf(v)]); }
    frame(svg, ticks, text('histogram-y'), text('histogram-x'));
    var slot = PLOT_W / bins.length;
    bins.forEach(function (b, i) {
      if (b > 0) {
        var bar = el('rect', { 'class': 'score-bar', x: LEFT + i * slot + 1, y: yOf(b), width: Math.max(1, slot - 2), height: BASE - yOf(b), fill: '#0f3d5e' });
        bar.appendChild(el('title', {}, range(i, bins.length) + ': ' + count(b)));
        svg.appendChild(bar);
      }
    });
    [0, 0.25, 0.5, 0.75, 1].forEach(function (s) {
      svg.appendChild(el('text', { 'class': 'x-tick', x: LEFT + s * PLOT_W, y: BASE + 17, 'text-anchor': s === 1 ? 'end' : 'middle' }, s.toFixed(2)));
    });
  }

  function range(i, n) { return (i / n).toFixed(2) + '–' + ((i + 1) / n).toFixed(2); }

  // The charts in words. The rates' summary is a live region: it speaks of the last complete minute,
  // so it changes about once a minute rather than at every poll.
  function say(id, words) {
    var node = document.getElementById(id);
    if (node.textContent !== words) { node.textContent = words; }
  }

  function summarize(stats) {
    var minutes = stats.minutes, last = minutes.length > 1 ? minutes[minutes.length - 2] : minutes[0];
    var words = [];
    if (last) {
      words.push(fill(text('last-minute'), hhmm.format(new Date(last.start)), count(last.approved), count(last.reviewed), count(last.declined)));
    }
    words.push(stats.clippedMinutes > 0
      ? fill(text('clipped'), count(stats.rateAxisMax), stats.clippedMinutes, count(stats.busiestMinute))
      : fill(text('scale'), count(stats.rateAxisMax)));
    say('rates-summary', words.join(' '));
    var bins = stats.scoreHistogram, sum = bins.reduce(function (a, b) { return a + b; }, 0);
    say('histogram-summary', sum === 0 ? text('histogram-none') : fill(text('histogram-summary'), count(sum),
      bins.map(function (b, i) { return b > 0 ? range(i, bins.length) + ' ' + count(b) : null; })
        .filter(function (s) { return s !== null; }).join(', ')));
  }

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (stats) { drawRates(stats); drawHistogram(stats); summarize(stats); })
      .catch(function () { /* keep the last picture; the next poll retries */ })
      .finally(function () { setTimeout(poll, 2000); });
  }
  poll();
}());
