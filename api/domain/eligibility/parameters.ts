import { DAY_MS } from '../../lib/calendar.ts'
import type { Parameter, ParameterValue, Region } from '../../content/schema.ts'

/** A parameter's value as it applies to one place on one date. */
export interface ResolvedValue {
  id: string
  label: string
  value: number
  unit: string
  per?: string | undefined
  policy: string
  /** the place whose document set it (演示县 follows other places) */
  region: string
  from: string
  source: ParameterValue['source']
  /** older than the allowed age on the asked date: decide nothing on it without checking */
  stale: boolean
  /** values announced as plans for the same parameter, reported beside it */
  planned: number[]
}

/**
 * Looks parameters up by place and date. A place with documents of its own uses them; a place that
 * follows others (the demo county) takes the first of them that has a value. The newest value in force
 * on the date wins; none in force is `undefined`, never an exception.
 */
export class ParameterBook {
  private readonly byId: ReadonlyMap<string, Parameter>
  private readonly regions: ReadonlyMap<string, Region>

  constructor(
    parameters: readonly Parameter[],
    regions: readonly Region[],
    readonly maxAgeDays = 365,
  ) {
    this.byId = new Map(parameters.map((p) => [p.id, p]))
    this.regions = new Map(regions.map((r) => [r.name, r]))
  }

  hasRegion(name: string): boolean {
    return this.regions.has(name)
  }

  /** a parameter's name for a sentence; its id when unknown */
  label(id: string): string {
    return this.byId.get(id)?.label ?? id
  }

  isDemo(name: string): boolean {
    return this.regions.get(name)?.demo ?? false
  }

  resolve(id: string, region: string, date: string): ResolvedValue | undefined {
    const parameter = this.byId.get(id)
    if (!parameter) return undefined
    const places = [region, ...(this.regions.get(region)?.follows ?? [])]
    for (const place of places) {
      const inForce = parameter.values
        .filter((v) => v.region === place && !v.planned && v.from <= date)
        .sort((a, b) => b.from.localeCompare(a.from))[0]
      if (!inForce) continue
      const planned = parameter.values.filter((v) => v.region === place && v.planned).map((v) => v.value)
      return {
        id,
        label: parameter.label,
        value: inForce.value,
        unit: parameter.unit,
        per: parameter.per,
        policy: parameter.policy,
        region: place,
        from: inForce.from,
        source: inForce.source,
        stale: Date.parse(date) - Date.parse(inForce.from) > this.maxAgeDays * DAY_MS,
        planned,
      }
    }
    return undefined
  }
}

/** 4200元/人·年, 4万元 */
export const formatValue = (v: Pick<ResolvedValue, 'value' | 'unit' | 'per'>) =>
  `${v.value}${v.unit}${v.per && v.per !== '人' && v.per !== '户' ? `/${v.per}` : ''}`

/** "市定贫困线4200元/人·年（XX市，2020年起）" */
export const describeValue = (v: ResolvedValue) => `${v.label}${formatValue(v)}（${v.region}，${v.from.slice(0, 4)}年起）`
