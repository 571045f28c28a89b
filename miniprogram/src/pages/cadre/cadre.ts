import { ApiFailure, call, me, query, type Me } from '../../lib/api.ts'
import { largeTextBehavior } from '../../lib/large-text.ts'
import { CADRE_TEMPLATE } from '../../config.ts'
import type { ReportView } from '../../lib/reports.ts'
import { plainWords } from '../../../../bot/engine/text/plain-words.ts'

type Summary = {
  id: string
  headName: string
  village: string
  status: string
  size: number
  lastVisit: string | null
  alerts: string[]
  visitDue: boolean
  visitReasons: string[]
}

/** What a cadre may do next with a report, by its status (the service still decides). */
const NEXT: Record<string, { action: string; label: string }[]> = {
  待受理: [{ action: 'accept', label: '受理' }],
  已受理: [{ action: 'start', label: '开始办理' }],
  办理中: [{ action: 'resolve', label: '办结' }],
}
const TABS = [
  { key: 'all', label: '帮扶户' },
  { key: 'due', label: '该走访' },
  { key: 'alert', label: '预警' },
  { key: 'reports', label: '反映的问题' },
]
const FILTER: Record<string, Record<string, string>> = { all: {}, due: { due: 'true' }, alert: { alert: 'true' } }

const failed = (err: unknown, fallback: string) => (err instanceof ApiFailure ? err.message : fallback)

Component({
  behaviors: [largeTextBehavior],
  data: {
    ready: false,
    who: null as Me | null,
    code: '',
    busy: false,
    error: '',
    tabs: TABS,
    tab: 'all',
    total: 0,
    households: [] as (Summary & { due: string })[],
    reports: [] as (ReportView & { actions: { action: string; label: string }[] })[],
    visiting: '',
    note: '',
  },
  lifetimes: {
    attached() {
      void this.start()
    },
  },
  methods: {
    async start() {
      try {
        const who = await me()
        this.setData({ ready: true, who: who.kind === 'cadre' ? who : null })
        if (who.kind === 'cadre') await this.load()
      } catch (err) {
        this.setData({ ready: true, error: failed(err, '加载失败，请稍后再试。') })
      }
    },
    typedCode(e: WechatMiniprogram.Input) {
      this.setData({ code: e.detail.value })
    },
    async bind() {
      const bindingCode = this.data.code.trim()
      if (!/^\d{6}$/.test(bindingCode)) return this.setData({ error: '绑定码是6位数字。' })
      this.setData({ busy: true, error: '' })
      // on the tap: new reports and alerts as WeChat service notices, if the cadre agrees
      const choice = await new Promise<string>((resolve) =>
        wx.requestSubscribeMessage({
          tmplIds: [CADRE_TEMPLATE],
          success: (r) => resolve((r as unknown as Record<string, string>)[CADRE_TEMPLATE] ?? 'reject'),
          fail: () => resolve('reject'),
        } as WechatMiniprogram.RequestSubscribeMessageOption),
      )
      try {
        await call('POST', '/api/bind', { bindingCode })
        await call('POST', '/api/wx/subscriptions', { ticket: 'cadre', result: choice }).catch(() => undefined)
        await this.start()
      } catch (err) {
        this.setData({ error: failed(err, '绑定没有成功，请稍后再试。') })
      } finally {
        this.setData({ busy: false })
      }
    },
    switchTo(e: { currentTarget: { dataset: { tab: string } } }) {
      this.setData({ tab: e.currentTarget.dataset.tab, visiting: '' })
      void this.load()
    },
    async load() {
      try {
        if (this.data.tab === 'reports') {
          const { reports } = await call<{ reports: ReportView[] }>('GET', '/api/reports?limit=50')
          this.setData({ reports: reports.map((r) => ({ ...r, actions: NEXT[r.status] ?? [] })), error: '' })
        } else {
          const r = await call<{ total: number; households: Summary[] }>(
            'GET',
            `/api/households${query({ ...FILTER[this.data.tab], limit: '100' })}`,
          )
          // in the same words as the web page: why a visit is due, what each alert is
          const households = r.households.map((h) => ({
            ...h,
            alerts: h.alerts.map(plainWords),
            due: h.visitDue ? plainWords(h.visitReasons.join('；')) : '',
          }))
          this.setData({ total: r.total, households, error: '' })
        }
      } catch (err) {
        this.setData({ error: failed(err, '加载失败，请稍后再试。') })
      }
    },
    startVisit(e: { currentTarget: { dataset: { id: string } } }) {
      this.setData({ visiting: e.currentTarget.dataset.id, note: '' })
    },
    typedNote(e: WechatMiniprogram.Input) {
      this.setData({ note: e.detail.value })
    },
    async saveVisit(e: { currentTarget: { dataset: { id: string } } }) {
      const note = this.data.note.trim()
      if (note.length < 2) return this.setData({ error: '请写一写这次走访的情况。' })
      try {
        await call('POST', `/api/households/${e.currentTarget.dataset.id}/visits`, { note })
        wx.showToast({ title: '已记下', icon: 'success' })
        this.setData({ visiting: '', note: '' })
        await this.load()
      } catch (err) {
        this.setData({ error: failed(err, '没有保存成功，请稍后再试。') })
      }
    },
    async act(e: { currentTarget: { dataset: { ticket: string; action: string } } }) {
      const { ticket, action } = e.currentTarget.dataset
      let note: string | undefined
      if (action === 'resolve') {
        // 办结 needs the result in words: the reporter is told it
        const r = await new Promise<WechatMiniprogram.ShowModalSuccessCallbackResult>((resolve) =>
          wx.showModal({
            title: '办理结果',
            editable: true,
            placeholderText: '比如：水管已修好',
            success: resolve,
            fail: () => resolve({ confirm: false } as never),
          }),
        )
        if (!r.confirm || !r.content?.trim()) return
        note = r.content.trim()
      }
      try {
        await call('POST', `/api/reports/${ticket}/actions`, { action, ...(note ? { note } : {}) })
        await this.load()
      } catch (err) {
        this.setData({ error: failed(err, '没有办理成功，请稍后再试。') })
      }
    },
  },
})
