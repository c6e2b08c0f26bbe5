// ECharts with only what ties uses, for assets/vendor/echarts/echarts.custom.min.js.
// Build it with: npm ci && npm run build (see README.md beside this file).
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, GraphChart } from 'echarts/charts';
import {
  AriaComponent, DataZoomComponent, GridComponent, LegendPlainComponent, TimelineComponent,
  TitleComponent, TooltipComponent
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, CustomChart, GraphChart,
  AriaComponent, DataZoomComponent, GridComponent, LegendPlainComponent, TimelineComponent,
  TitleComponent, TooltipComponent,
  CanvasRenderer
]);

window.echarts = echarts;
