import type { ChartPicture } from '../port.js';
import { completionByPlace } from '../../web/charts/dashboard-charts.js';
import { svgToPng } from '../../web/charts/png.js';

/** Bars drawn at most (the first in the summary's order): a taller chart would not fit a phone screen. */
export const MAX_BARS = 30;

/**
 * The PNG of a chart picture, drawn by the same chart code as the dashboard (web/charts). Node only
 * (resvg is native): the adapters that send pictures import it, the Worker does not.
 */
export function chartPng(picture: ChartPicture): Uint8Array<ArrayBuffer> {
  switch (picture.chart) {
    case 'completion':
      return svgToPng(completionByPlace(picture.rows.slice(0, MAX_BARS), picture.by, picture.subtitle));
  }
}

export const CHART_FILE_NAME = 'chart.png';
