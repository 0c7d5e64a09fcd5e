/*
 * The statistics report page's charts: each .release-chart-canvas carries its release laid out as JSON
 * (data-chart, written by StatisticsPages from ReleaseFigure) and is drawn here with ECharts, on a canvas.
 * A line over time, horizontal bars otherwise (long category names stay readable on a phone); with
 * several series each has its own colour AND its own pattern (bars) or marker shape (lines), so no
 * information rests on colour alone; the colours have at least 3:1 against white. A suppressed cell is
 * a gap, never a 0: the tooltip says "suppressed", and a category with nothing released gets a shaded
 * band labelled so where its bar or point would be. The
 * table under each chart stays the text alternative; the container is a role="img" named by the
 * figure's caption and described by its summary. No inline script or style: data attributes in, CSSOM
 * out (allowed by the content security policy).
 */
(function () {
  'use strict';

  if (typeof echarts === 'undefined') {
    return; // the table below each chart still has every value
  }

  // Dark enough for 3:1 against white (WCAG 1.4.11), and far enough apart to tell in a legend.
  var PALETTE = ['#1f5fa8', '#b3470d', '#2e7d32', '#7b1fa2', '#c62828', '#00707a', '#5d4037', '#ad1457',
    '#455a64', '#6d6200', '#3949ab', '#8d3b00'];
  var SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'emptyCircle', 'emptyRect', 'emptyTriangle',
    'emptyDiamond', 'pin', 'arrow', 'roundRect', 'emptyRoundRect'];
  var INK = '#1d2733';
  var MUTED = '#4a5866';

  var lang = document.documentElement.lang || 'ja';
  var number = new Intl.NumberFormat(lang);
  var compact = new Intl.NumberFormat(lang, {notation: 'compact', maximumFractionDigits: 1});

  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  function tooltip(data) {
    return function (points) {
      var list = Array.isArray(points) ? points : [points];
      if (list.length === 0) {
        return '';
      }
      var index = list[0].dataIndex;
      var lines = ['<strong>' + escape(data.categories[index]) + '</strong>'];
      // every series at this category, a suppressed cell said in words
      data.series.forEach(function (series) {
        var value = series.values[index];
        var name = data.series.length > 1 ? series.name : data.measure;
        lines.push(escape(name) + ': ' + (value === null ? escape(data.suppressed) : escape(number.format(value))));
      });
      return lines.join('<br>');
    };
  }

  /**
   * Shaded bands, each labelled "suppressed", over the categories where no series has a value: where a
   * bar or a point would be, the chart says why there is none. Upright text where a line chart's bands
   * are too narrow for the word.
   */
  function suppressedBands(data, axisKey, bandWidth) {
    var bands = [];
    data.states.forEach(function (state, i) {
      if (state === 'SUPPRESSED') {
        var from = {};
        var to = {};
        from[axisKey] = data.categories[i];
        to[axisKey] = data.categories[i];
        bands.push([from, to]);
      }
    });
    var label = {show: true, color: MUTED, fontSize: 12, formatter: data.suppressed};
    if (axisKey === 'yAxis') {
      label.position = 'insideLeft';
      label.offset = [4, 0];
    } else if (bandWidth < data.suppressed.length * 13 + 8) {
      label.position = 'insideTop';
      label.rotate = 90;
      label.align = 'right';
      label.verticalAlign = 'middle';
      label.offset = [0, 4];
    } else {
      label.position = 'insideTop';
    }
    return {silent: true, itemStyle: {color: '#e3e8ed'}, label: label, data: bands};
  }

  function options(data, narrow, width) {
    var several = data.series.length > 1;
    var line = data.kind === 'LINE';
    var valueAxis = {
      type: 'value',
      min: 0,
      minInterval: 1, // every measure drawn here is a whole number (counts, yen): no 0.5 ticks on small counts
      axisLabel: {color: INK, fontSize: 12, formatter: function (v) { return compact.format(v); }},
      splitLine: {lineStyle: {color: '#d8dee4'}}
    };
    var categoryAxis = {
      type: 'category',
      data: data.categories,
      axisTick: {alignWithLabel: true},
      axisLine: {lineStyle: {color: MUTED}},
      axisLabel: {color: INK, fontSize: 12}
    };
    var series = data.series.map(function (s, i) {
      var one = {
        name: several ? s.name : data.measure,
        type: line ? 'line' : 'bar',
        data: s.values,
        color: PALETTE[i % PALETTE.length]
      };
      if (line) {
        one.connectNulls = false; // a suppressed month is a gap, not a 0 and not a guess
        one.symbol = SYMBOLS[i % SYMBOLS.length];
        one.symbolSize = 8;
        one.lineStyle = {width: 2};
      } else {
        if (data.stacked) {
          one.stack = 'all';
        }
        one.barMaxWidth = 28;
      }
      return one;
    });
    if (series.length > 0) {
      series[0].markArea = suppressedBands(data, line ? 'xAxis' : 'yAxis', (width - 70) / data.categories.length);
    }
    var legendHeight = several ? 34 : 0;
    var chart = {
      animation: false,
      color: PALETTE,
      textStyle: {color: INK, fontSize: 12},
      // Patterns on bars, so series differ by more than colour (ECharts' decals).
      aria: {enabled: true, label: {enabled: false}, decal: {show: several && !line}},
      tooltip: {trigger: 'axis', confine: true, formatter: tooltip(data),
        axisPointer: {type: line ? 'line' : 'shadow'}, textStyle: {color: INK, fontSize: 13}},
      legend: several ? {type: 'scroll', top: 0, left: 0, right: 0, textStyle: {color: INK, fontSize: 12},
        pageTextStyle: {color: INK}, pageIconColor: INK, pageIconInactiveColor: '#8a96a3'} : {show: false},
      grid: {top: legendHeight + 12, left: 16, right: 16, bottom: 8, containLabel: true},
      series: series
    };
    if (line) {
      categoryAxis.boundaryGap = true;
      categoryAxis.axisLabel.rotate = narrow && data.categories.length > 4 ? 45 : 0;
      categoryAxis.axisLabel.hideOverlap = true;
      chart.xAxis = categoryAxis;
      chart.yAxis = valueAxis;
    } else {
      categoryAxis.inverse = true; // the first category on top, as in the table
      categoryAxis.axisLabel.width = narrow ? 120 : 200;
      categoryAxis.axisLabel.overflow = 'break';
      categoryAxis.axisLabel.interval = 0;
      valueAxis.position = 'top';
      valueAxis.splitNumber = narrow ? 3 : 5; // numbers far enough apart to read on a phone
      valueAxis.axisLabel.hideOverlap = true;
      chart.yAxis = categoryAxis;
      chart.xAxis = valueAxis;
    }
    return chart;
  }

  function height(data, narrow) {
    var legend = data.series.length > 1 ? 34 : 0;
    if (data.kind === 'LINE') {
      return (narrow ? 280 : 320) + legend;
    }
    var perCategory = data.stacked || data.series.length === 1 ? 34 : Math.max(34, 12 * data.series.length);
    return Math.max(160, data.categories.length * perCategory + 50 + legend);
  }

  var charts = [];
  document.querySelectorAll('.release-chart-canvas[data-chart]').forEach(function (box) {
    var data;
    try {
      data = JSON.parse(box.getAttribute('data-chart'));
    } catch (e) {
      return;
    }
    var narrow = box.clientWidth < 560;
    box.style.height = height(data, narrow) + 'px';
    var chart = echarts.init(box, null, {renderer: 'canvas'});
    chart.setOption(options(data, narrow, box.clientWidth));
    box.setAttribute('data-drawn', 'true');
    charts.push({box: box, chart: chart, data: data});
  });

  var pending = null;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      charts.forEach(function (c) {
        var narrow = c.box.clientWidth < 560;
        c.box.style.height = height(c.data, narrow) + 'px';
        c.chart.setOption(options(c.data, narrow, c.box.clientWidth), true);
        c.chart.resize();
      });
    }, 150);
  });
}());
