import type { RoutingTable } from '../../content/schema.ts'
import type { Report } from './report.ts'

/** The office a report goes to: the row for its category and town, else for its category, else none. */
export function routeFor(table: RoutingTable, report: Pick<Report, 'category' | 'place'>): string | undefined {
  const rows = table.routes.filter((r) => r.category === report.category)
  return (rows.find((r) => r.town === report.place.town) ?? rows.find((r) => r.town === undefined))?.office
}
