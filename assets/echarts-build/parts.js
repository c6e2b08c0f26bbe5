// The charts and components of ECharts that ties uses, which both builds
// take: entry.js for the browser, entry-ssr.js for the server.
import { BarChart, CustomChart, GraphChart } from 'echarts/charts';
import {
  AriaComponent, DataZoomComponent, GridComponent, LegendPlainComponent, TimelineComponent,
  TitleComponent, TooltipComponent
} from 'echarts/components';

export var parts = [
  BarChart, CustomChart, GraphChart,
  AriaComponent, DataZoomComponent, GridComponent, LegendPlainComponent, TimelineComponent,
  TitleComponent, TooltipComponent
];
