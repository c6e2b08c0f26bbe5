// ECharts with only what ties uses, for assets/vendor/echarts/echarts.custom.min.js.
// Build it with: npm ci && npm run build (see README.md beside this file).
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { parts } from './parts.js';

echarts.use([...parts, CanvasRenderer]);

window.echarts = echarts;
