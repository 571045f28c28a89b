/** A report as GET /api/reports and /api/reports/mine give it (ReportView), the fields the pages show. */
export type ReportView = {
  ticket: string
  category: string
  status: string
  overdue: boolean
  description: string
  place: { town: string; village?: string }
  createdAt: string
  history: { at: string; to: string; actor: { label: string }; note?: string | null }[]
}
