import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the charts use: the Worker bundle carries these, not all of echarts.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

/** Renders an option on the server to an SVG string (no DOM, no animation). */
export function renderSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    return strictSvg(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/**
 * The pages' CSP allows no inline style: style="a:b" becomes presentation attributes (every property
 * echarts writes there is one) and the hover-only <style> block is dropped; the picture is unchanged.
 */
export function strictSvg(svg: string): string {
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/\sstyle="([^"]*)"/g, (_, decls: string) => decls.split(';').map((d) => d.trim()).filter(Boolean)
      .map((d) => {
        const i = d.indexOf(':');
        return ` ${d.slice(0, i).trim()}="${d.slice(i + 1).trim().replace(/"/g, '&quot;')}"`;
      }).join(''));
}
