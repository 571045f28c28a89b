import { z } from '../../lib/zod.ts'

/**
 * A notice as the few short fields of a WeChat subscription message (a template holds fields, not free
 * text). Which template field shows which of these is a setting (WX_*_FIELDS), since the template ids and
 * their fields are chosen in the mini-program's admin console.
 */
export const PushCard = z.object({
  /** the reporter's or household's status template, or the cadres' work template */
  template: z.enum(['status', 'cadre']),
  /** a report's ticket or a 自主申报 case's id ('' for a digest) */
  ticket: z.string(),
  /** the new status, or what the cadre is told of: 已受理, 需要您确认, 新问题, 超期提醒, 返贫预警 … */
  title: z.string(),
  /** one short line; no name of a reporter */
  note: z.string(),
})
export type PushCard = z.infer<typeof PushCard>
