import { personName, z } from '../../lib/zod.ts'
import { REPORT_CATEGORIES } from '../../content/report-categories.ts'

export { REPORT_CATEGORIES }

export const ReportCategory = z.enum(REPORT_CATEGORIES).describe('问题类别')
export type ReportCategory = z.infer<typeof ReportCategory>

export const REPORT_STATUSES = ['待受理', '已受理', '办理中', '已办结', '已销号', '不予受理'] as const
export const ReportStatus = z.enum(REPORT_STATUSES)
export type ReportStatus = z.infer<typeof ReportStatus>

/** Why a report is not taken up: the terminal reasons of the 问题整改 ledger. */
export const REFUSAL_REASONS = ['不属于职责', '重复', '无法核实'] as const
export const RefusalReason = z.enum(REFUSAL_REASONS)

export const ReportPlace = z
  .object({
    town: z.string().trim().min(1, '请写乡镇').max(20).describe('乡镇'),
    village: z.string().trim().min(1).max(20).optional().describe('村'),
  })
  .strict()

/** The reporter, when not anonymous. Seen by the admin only. */
export const Reporter = z
  .object({
    name: personName().min(1).max(20).optional().describe('称呼'),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不对')
      .optional()
      .describe('电话'),
    /** the chat session the reporter wrote from: where status notices go */
    session: z.string().max(100).optional(),
  })
  .strict()
export type Reporter = z.infer<typeof Reporter>

/** Who did something to a report. Cadres are named by role and place, never the reporter. */
export const Actor = z.object({
  kind: z.enum(['reporter', 'admin', 'cadre', 'system']),
  label: z.string().describe('如“县扶贫办”“东山镇 乡镇扶贫专干 张三”“反映人”“系统”'),
})
export type Actor = z.infer<typeof Actor>

export const HistoryEntry = z.object({
  at: z.string(),
  from: ReportStatus.nullable(),
  to: ReportStatus,
  actor: Actor,
  note: z.string().optional().describe('说明：转交给谁、办理结果、不予受理的理由等'),
})
export type HistoryEntry = z.infer<typeof HistoryEntry>

export const Report = z.object({
  ticket: z.string().describe('受理编号，如 FK-2026-000123'),
  /** sha-256 of the query code; the code itself is shown once, to the reporter */
  codeHash: z.string(),
  category: ReportCategory,
  description: z.string(),
  place: ReportPlace,
  anonymous: z.boolean(),
  reporter: Reporter.nullable(),
  status: ReportStatus,
  /** the office the report was handed to (content/contacts.yaml id) */
  assignee: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** when it reached 已办结 (for the 15-day reopen window and the 7-day silent close) */
  resolvedAt: z.string().nullable(),
  /** whether the "问题解决了吗" question has been sent */
  askedFeedback: z.boolean(),
  /** when the last overdue reminder went out */
  remindedAt: z.string().nullable(),
  history: z.array(HistoryEntry),
})
export type Report = z.infer<typeof Report>

/** What a person files; everything else of a report is set when it is opened. */
export type NewReport = Pick<Report, 'category' | 'description' | 'place' | 'anonymous' | 'reporter'>

/** A report as filed: 待受理, numbered, with the hash of its one-time query code; an anonymous one names no one. */
export function openReport(input: NewReport, ticket: string, codeHash: string, at: Date): Report {
  const iso = at.toISOString()
  return {
    ...input,
    reporter: input.anonymous ? null : input.reporter,
    ticket,
    codeHash,
    status: '待受理',
    assignee: null,
    createdAt: iso,
    updatedAt: iso,
    resolvedAt: null,
    askedFeedback: false,
    remindedAt: null,
    history: [{ at: iso, from: null, to: '待受理', actor: { kind: 'reporter', label: '反映人' } }],
  }
}
