// ECharts as the ties server runs it, for assets/vendor/echarts/echarts.ssr.min.js:
// the same charts and components as entry.js, drawn by the SVG renderer into a
// string (echarts.init(null, null, {renderer: 'svg', ssr: true, width, height})
// and chart.renderToSVGString()). It runs on an embedded JavaScript engine,
// which has no window: ECharts is set on the global object.
import * as core from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { registerSSRDataGetter } from 'zrender/lib/zrender.js';
import { createHashMap } from 'zrender/lib/core/util.js';
import { setPlatformAPI } from 'zrender/lib/core/platform.js';
import { getECData } from 'echarts/lib/util/innerStore.js';
import { parts } from './parts.js';

core.use([...parts, SVGRenderer]);

// marks makes every mark of a drawn chart say which item it draws, as
// ECharts' own does (ecmeta_series_index, ecmeta_data_index), and also
// whether the item is a node or an edge of a graph (ecmeta_data_type),
// which the page needs to say what the mark is. ECharts registers its own
// on each init, so this is called after it.
var echarts = Object.assign({}, core);
echarts.tiesMarks = function () {
  registerSSRDataGetter(function (el) {
    var d = getECData(el);
    if (d.dataIndex == null) {
      return;
    }
    var meta = createHashMap();
    meta.set('series_index', d.seriesIndex);
    meta.set('data_index', d.dataIndex);
    if (d.dataType) {
      meta.set('data_type', d.dataType);
    }
    if (d.ssrType) {
      meta.set('ssr_type', d.ssrType);
    }
    return meta;
  });
};

// tiesMeasure has ECharts measure text with measure(text, font), which
// the server gives from the fonts it draws PNGs with, rather than guess.
echarts.tiesMeasure = function (measure) {
  setPlatformAPI({ measureText: function (text, font) { return { width: measure(text || '', font || '12px sans-serif') }; } });
};

globalThis.echarts = echarts;
