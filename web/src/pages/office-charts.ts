import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

/**
 * ECharts with only what the 工作台 draws (bars, lines, axes, legend, tooltip) and the SVG renderer: sharp
 * when printed on A4, small to download, and drawn as SVG nodes a test can count. Loaded only when the
 * 工作台 opens, so the villagers' pages do not carry it.
 */
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])

export interface Series {
  name: string
  values: number[]
  /** a colour for what must stand out (超期 in red) */
  color?: string
  kind?: 'bar' | 'line'
}

export interface ChartSpec {
  labels: string[]
  series: Series[]
  /** bars side by side, or stacked into one */
  stacked?: boolean
  /** long labels (village names, cadres): bars run across */
  horizontal?: boolean
}

const FONT = 'system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'

/** Draws (or redraws) a chart into an element; returns how to let go of it. */
export function drawChart(el: HTMLElement, spec: ChartSpec): () => void {
  const chart = echarts.getInstanceByDom(el) ?? echarts.init(el, null, { renderer: 'svg' })
  const category = { type: 'category' as const, data: spec.labels, axisLabel: { fontSize: 13, interval: 0, hideOverlap: true } }
  const value = { type: 'value' as const, minInterval: 1, axisLabel: { fontSize: 12 } }
  chart.setOption(
    {
      animation: false,
      textStyle: { fontFamily: FONT },
      grid: { left: 8, right: 16, top: spec.series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
      legend: spec.series.length > 1 ? { top: 0, textStyle: { fontSize: 13 } } : { show: false },
      tooltip: { trigger: 'axis' },
      xAxis: spec.horizontal ? value : category,
      yAxis: spec.horizontal ? { ...category, inverse: true } : value,
      series: spec.series.map((s) => ({
        name: s.name,
        type: s.kind ?? 'bar',
        data: s.values,
        ...(spec.stacked ? { stack: 'all' } : {}),
        ...(s.color ? { itemStyle: { color: s.color }, lineStyle: { color: s.color } } : {}),
        barMaxWidth: 28,
      })),
    },
    true,
  )
  const resize = () => chart.resize()
  addEventListener('resize', resize)
  return () => {
    removeEventListener('resize', resize)
    chart.dispose()
  }
}
