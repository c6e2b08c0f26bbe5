// ties: the looks of the charts. The charts follow the page's look: each is
// a theme of ECharts, a theme colour is drawn as the look draws it, and ties.ink gives the colours of what the scripts draw
// themselves, and ties.textWidth the width of the texts they set.
(function () {
  'use strict';

  var ties = window.ties = window.ties || {};

  // Looks: the charts follow the page's look, each a theme of ECharts.
  var look = ties.look = function () {
    if (ties.printing && ties.printing()) {
      return 'default'; // the style sheet prints on white
    }
    if (typeof document === 'undefined') {
      return ties.drawingLook || 'default'; // drawing on the server
    }
    return document.documentElement.getAttribute('data-look') || 'default';
  };

  // theme is a look's theme of ECharts: its text and lines, the player's
  // controls, and tooltips on the look's own paper, so that a tooltip's
  // muted date keeps its contrast.
  function theme(fg, muted, line, accent, paper) {
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
        emphasis: { label: { color: fg } }, progress: { label: { color: fg } },
        checkpointStyle: { color: accent }, controlStyle: { color: fg, borderColor: fg }
      },
      graph: { label: { color: fg } },
      tooltip: { backgroundColor: paper, borderColor: muted, textStyle: { color: fg } }
    };
  }
  // ties.themes registers the looks with ECharts, once it is loaded.
  ties.themes = function () {
    echarts.registerTheme('ties-default', theme('#1f2430', '#505867', '#e6e9ef', '#0b5cad', '#ffffff'));
    echarts.registerTheme('ties-dark', theme('#e6e9ef', '#aab2c0', '#3a4150', '#ffb347', '#1c2029'));
    echarts.registerTheme('ties-contrast', theme('#ffffff', '#ffffff', '#8a8a8a', '#ffd400', '#000000'));
  };

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

  // ties.drawnColor returns a function that gives a theme colour as the
  // page's look draws it, from the "tiesColors" of an option, which the
  // server works out so that each mark has 3:1 against the look's background.
  ties.drawnColor = function (option) {
    var drawn = (option && option.tiesColors || {})[look()] || {};
    return function (color) {
      return typeof color === 'string' && drawn[color] || color;
    };
  };

  // ties.paint colours a swatch for theme th in every look, as the page's
  // own swatches are: the style sheet picks the page's look's colour. The
  // events file gives a look's colour only where it is not the theme's own.
  ties.paint = function (el, th) {
    ['default', 'dark', 'contrast'].forEach(function (name) {
      el.style.setProperty('--c-' + name, th.colors && th.colors[name] || th.color);
    });
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
