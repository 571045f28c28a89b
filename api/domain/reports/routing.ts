import { z } from '../../zod.ts'
import { ReportCategory, type Report } from './report.ts'

export const Route = z.object({
  category: ReportCategory,
  town: z.string().min(1).max(20).optional().describe('只用于这个乡镇；不填为全县'),
  office: z.string().min(1).max(60).describe('办理单位（联系人目录里的 id）'),
}).strict()
export type Route = z.infer<typeof Route>
export const RoutingTable = z.object({ routes: z.array(Route).min(1).max(500) }).strict()
export type RoutingTable = z.infer<typeof RoutingTable>

/** The office a report goes to: the row for its category and town, else for its category, else none. */
export function routeFor(table: RoutingTable, report: Pick<Report, 'category' | 'place'>): string | undefined {
  const rows = table.routes.filter((r) => r.category === report.category)
  return (rows.find((r) => r.town === report.place.town) ?? rows.find((r) => r.town === undefined))?.office
}
