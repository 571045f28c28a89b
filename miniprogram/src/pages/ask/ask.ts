import { ApiFailure, call, query } from '../../lib/api.ts'
import { largeTextBehavior } from '../../lib/large-text.ts'
import { openPage } from '../../lib/handoff.ts'
// the chat's own markdown-to-text: lists as •, no stars or headings (plain TS, bundled into the page)
import { brief, plainText as plain } from '../../../../bot/engine/text/brief.ts'
import { plainWords } from '../../../../bot/engine/text/plain-words.ts'

type Contact = { id: string; name: string; phone: string; duties: string[]; hours?: string; demo: boolean }
type Answer = {
  policyId: string
  title: string
  text: string
  region: string
  year: number
  sources: { title: string; display: string }[]
  contacts: Contact[]
}
type Asked = {
  tier: 'answer' | 'tentative' | 'none'
  answer: Answer | null
  tentative: Answer | null
  alternatives: { policyId: string; title: string }[]
  corrections: { typed: string; term: string }[]
  fallback: { message: string; hotline: Contact } | null
  /** the question asked a sum the entry does not state: said first */
  unstated: string | null
}

/** An entry as this screen shows it: plain text, and whom to phone about it. */
const shown = (a: Answer) => ({
  ...a,
  text: plain(a.text),
  contacts: a.contacts.map((c) => ({ ...c, duties: plainWords(c.duties.join('、')) })),
})
type Understood = { intent: string; entities: { category?: string; town?: string; village?: string; ticket?: string } }

/**
 * Where a message that is not a policy question belongs: a described problem goes to 我要反映 with the text
 * filled in, 查进度 to 我的反映, a self-check to 政策自测, a contact question to 联系人.
 */
export function pageFor(u: Understood, text: string): string | null {
  const e = u.entities
  switch (u.intent) {
    case 'report.describe':
      return `/pages/report/report${query({ description: text, category: e.category, town: e.town, village: e.village })}`
    case 'report.request':
      return `/pages/report/report${query({ category: e.category, town: e.town, village: e.village })}`
    case 'report.track':
    case 'report.feedback':
      return '/pages/mine/mine'
    case 'self_check':
      return '/pages/check/check'
    case 'contacts':
      return `/pages/contacts/contacts${query({ q: text })}`
    case 'record.own':
    case 'verify':
      return '/pages/household/household'
    case 'bind':
    case 'cadre.list':
    case 'cadre.due':
    case 'cadre.alerts':
      return '/pages/cadre/cadre'
    default:
      return null
  }
}

Component({
  behaviors: [largeTextBehavior],
  data: {
    q: '',
    busy: false,
    error: '',
    answer: null as ReturnType<typeof shown> | null,
    tentative: null as { id: string; title: string; brief: string; contacts: ReturnType<typeof shown>['contacts'] } | null,
    fallback: null as Asked['fallback'],
    unstated: '',
    corrected: '',
    related: [] as { id: string; title: string }[],
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (options.q) this.setData({ q: decodeURIComponent(options.q) })
    },
    typed(e: WechatMiniprogram.Input) {
      this.setData({ q: e.detail.value })
    },
    async ask() {
      const q = this.data.q.trim()
      if (!q) return this.setData({ error: '请先写下您想问的问题，比如：孩子上高职有补助吗？' })
      this.setData({ busy: true, error: '', answer: null, tentative: null, fallback: null, unstated: '', corrected: '', related: [] })
      try {
        const u = await call<Understood>('POST', '/api/understand', { text: q })
        const page = pageFor(u, q)
        if (page) return this.go({ currentTarget: { dataset: { url: page } } })
        const r = await call<Asked>('GET', `/api/ask${query({ q })}`)
        this.setData({
          answer: r.answer && shown(r.answer),
          // not sure enough to answer: its first lines, and the whole entry one tap away
          tentative: r.tentative && {
            id: r.tentative.policyId,
            title: r.tentative.title,
            brief: brief(r.tentative.text),
            // the unstated-sum note sends them to the phone: the offices that know the local sum
            contacts: r.unstated ? shown(r.tentative).contacts : [],
          },
          fallback: r.fallback,
          unstated: r.unstated ?? '',
          corrected: r.corrections.map((c) => c.term).join('、'),
          related: r.alternatives.map((a) => ({ id: a.policyId, title: a.title })),
        })
      } catch (err) {
        this.setData({ error: err instanceof ApiFailure ? err.message : '出了点问题，请稍后再试。' })
      } finally {
        this.setData({ busy: false })
      }
    },
    async open(e: { currentTarget: { dataset: { id: string } } }) {
      this.setData({ busy: true, error: '' })
      try {
        const p = await call<Answer & { related: { id: string; title: string }[] }>('GET', `/api/policies/${e.currentTarget.dataset.id}`)
        this.setData({ answer: shown(p), tentative: null, fallback: null, unstated: '', corrected: '', related: p.related })
      } catch (err) {
        this.setData({ error: err instanceof ApiFailure ? err.message : '出了点问题，请稍后再试。' })
      } finally {
        this.setData({ busy: false })
      }
    },
    dial(e: { currentTarget: { dataset: { phone: string } } }) {
      wx.makePhoneCall({ phoneNumber: e.currentTarget.dataset.phone })
    },
    go(e: { currentTarget: { dataset: { url: string } } }) {
      openPage(e.currentTarget.dataset.url)
    },
  },
})
