import { maskPersonalData } from '../privacy/mask.ts'
import type { Report } from './report.ts'
import type { Deadlines } from './workflow.ts'
import type { PushCard } from '../notify/push-card.ts'

/** The messages a report's life sends through WeChat. Pure text; who receives them is decided elsewhere. */

const where = (r: Report) => `${r.place.town}${r.place.village ?? ''}`
const lastNote = (r: Report) => {
  const note = r.history.at(-1)?.note
  return note && maskPersonalData(note)
}

export const feedbackHint = (ticket: string) => `回复“满意 ${ticket}”确认销号，回复“不满意 ${ticket}”重新办理。`

/** To the reporter, after a change of status; undefined when there is nothing to say. */
export function statusNotice(r: Report, office: string | undefined, hotline: string): string | undefined {
  const head = `您反映的问题（${r.ticket}）`
  switch (r.status) {
    case '已受理':
      return `${head}已受理，已转交${office ?? '有关部门'}办理。`
    case '办理中':
      return r.history.at(-1)?.from === '已受理' ? `${head}正在办理中。` : `${head}已重新交办，正在办理中。`
    case '已办结':
      return `${head}已办结。办理结果：${lastNote(r) ?? '（未填写）'}\n问题解决了吗？${feedbackHint(r.ticket)}`
    case '已销号':
      return `${head}已销号，谢谢您的监督！`
    case '不予受理':
      return `${head}不予受理。理由：${lastNote(r) ?? '（未填写）'}。如有异议，请打${hotline}。`
    default:
      return undefined
  }
}

export const feedbackQuestion = (r: Report, days: number) =>
  `您反映的问题（${r.ticket}）办结已经${days}天了，问题解决了吗？${feedbackHint(r.ticket)}不回复的，办结满7天自动销号。`

/** To the cadres of the area: what and where, never who reported it. */
export const newReportNotice = (r: Report, d: Deadlines) =>
  `【新问题】${r.ticket}：${r.category}，${where(r)}。请在${d.acceptDays}天内受理。`

export const overdueNotice = (r: Report) =>
  `【超期提醒】${r.ticket}：${r.category}，${where(r)}，现在“${r.status}”，已超过办理期限，请尽快办理。`

/** The same changes as subscription-message fields (the mini-program's reporters and cadres). */
export const statusCard = (r: Report): PushCard => ({
  template: 'status',
  ticket: r.ticket,
  title: r.status,
  note: r.status === '已办结' ? '问题解决了吗？请在小程序里评价' : `${r.category}，${where(r)}`,
})
export const feedbackCard = (r: Report): PushCard => ({
  template: 'status',
  ticket: r.ticket,
  title: '需要您确认',
  note: '问题解决了吗？请在小程序里评价',
})
export const newReportCard = (r: Report): PushCard => ({
  template: 'cadre',
  ticket: r.ticket,
  title: '新问题',
  note: `${r.category}，${where(r)}`,
})
export const overdueCard = (r: Report): PushCard => ({
  template: 'cadre',
  ticket: r.ticket,
  title: '超期提醒',
  note: `${r.category}，${where(r)}，${r.status}`,
})
