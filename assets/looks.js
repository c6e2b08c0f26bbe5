// ties: the looks of the charts. The charts follow the page's look: dark
// and contrast are themes of ECharts, a series colour too dark to see on them
// is lightened, and ties.ink gives the colours of what the scripts draw
// themselves, and ties.textWidth the width of the texts they set.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};

  // Looks: the charts follow the page's look. Dark and contrast are themes
  // of ECharts; a series colour too dark to see on them is lightened.
  var look = ties.look = function () {
    return document.documentElement.getAttribute('data-look') || 'default';
  };

  function theme(fg, muted, line, accent) {
    var axis = {
      axisLine: { lineStyle: { color: fg } },
      axisTick: { lineStyle: { color: fg } },
      axisLabel: { color: fg },
      splitLine: { lineStyle: { color: line } }
    };
    return {
      backgroundColor: 'transparent',
      textStyle: { color: fg },
      title: { textStyle: { color: fg }, subtextStyle: { color: muted } },
      legend: { textStyle: { color: fg }, pageTextStyle: { color: fg } },
      categoryAxis: axis, valueAxis: axis, timeAxis: axis,
      dataZoom: { textStyle: { color: fg }, borderColor: muted },
      timeline: {
        lineStyle: { color: muted }, label: { color: fg }, itemStyle: { color: muted },
        checkpointStyle: { color: accent }, controlStyle: { color: fg, borderColor: fg }
      },
      graph: { label: { color: fg } }
    };
  }
  echarts.registerTheme('ties-dark', theme('#e6e9ef', '#aab2c0', '#3a4150', '#ffb347'));
  echarts.registerTheme('ties-contrast', theme('#ffffff', '#ffffff', '#8a8a8a', '#ffd400'));

  // ties.ink is the look's colours for what the scripts draw themselves:
  // text, muted text, faint lines, the ring round the event being read, and
  // the edge that sets a dot off from its neighbours.
  var inks = {
    default: { fg: '#1f2430', muted: '#505867', line: '#e6e9ef', accent: '#b3261e', halo: '#ffffff' },
    dark: { fg: '#e6e9ef', muted: '#aab2c0', line: '#323845', accent: '#ffb347', halo: '#1c2029' },
    contrast: { fg: '#ffffff', muted: '#ffffff', line: '#6a6a6a', accent: '#ffd400', halo: '#000000' }
  };
  ties.ink = function () {
    return inks[look()] || inks.default;
  };

  ties.legible = function (color) {
    if (look() === 'default' || typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) {
      return color;
    }
    var n = parseInt(color.slice(1), 16);
    var lum = 0.2126 * (n >> 16) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
    return lum < 60 ? '#d9d9d9' : color;
  };

  // ties.textWidth is the width of text in a font as ECharts draws it on a
  // canvas. It asks a canvas of its own, which takes microseconds, where
  // echarts.format.getTextRect makes a text element each time; without a
  // document (on a server) it asks ECharts. Each width is kept, one per
  // text the charts draw.
  var canvas = typeof document !== 'undefined' && document.createElement('canvas').getContext('2d');
  var widths = new Map();
  ties.textWidth = function (text, font) {
    var key = font + '|' + text;
    var w = widths.get(key);
    if (w === undefined) {
      if (canvas) {
        canvas.font = font;
        w = canvas.measureText(text).width;
      } else {
        w = echarts.format.getTextRect(text, font).width;
      }
      widths.set(key, w);
    }
    return w;
  };
}());
