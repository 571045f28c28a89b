import { ApiFailure, call } from '../../lib/api.ts'
import { largeTextBehavior } from '../../lib/large-text.ts'
import { beijingTime } from '../../lib/time.ts'
import { dial, said, type Piece } from '../../lib/said.ts'
import type { ReportView } from '../../lib/reports.ts'

type Shown = Omit<ReportView, 'history'> & { when: string; steps: { to: string; when: string; who: string; note: Piece[] }[] }

Component({
  behaviors: [largeTextBehavior],
  data: { reports: [] as Shown[], loaded: false, error: '', notes: {} as Record<string, string>, busy: '' },
  pageLifetimes: {
    show() {
      void this.load()
    },
  },
  lifetimes: {
    attached() {
      void this.load()
    },
  },
  methods: {
    dial,
    async load() {
      try {
        const { reports } = await call<{ reports: ReportView[] }>('GET', '/api/reports/mine')
        this.setData({
          // what happened, when (the county's time) and by whom, as the web page's 查进度 shows it
          reports: reports.map(({ history, ...r }) => ({
            ...r,
            when: beijingTime(r.createdAt),
            steps: history.map((h) => ({ to: h.to, when: beijingTime(h.at), who: h.actor.label, note: said(h.note ?? '') })),
          })),
          loaded: true,
          error: '',
        })
      } catch (err) {
        this.setData({ error: err instanceof ApiFailure ? err.message : '加载失败，请稍后再试。' })
      }
    },
    typedNote(e: WechatMiniprogram.Input & { currentTarget: { dataset: { ticket: string } } }) {
      this.setData({ [`notes.${e.currentTarget.dataset.ticket}`]: e.detail.value })
    },
    async feedback(e: { currentTarget: { dataset: { ticket: string; satisfied: boolean } } }) {
      const { ticket, satisfied } = e.currentTarget.dataset
      const note = (this.data.notes[ticket] ?? '').trim()
      this.setData({ busy: ticket, error: '' })
      try {
        await call('POST', `/api/reports/${ticket}/feedback`, { satisfied, ...(note ? { note } : {}) })
        wx.showToast({ title: satisfied ? '已销号，谢谢您' : '已重新交办', icon: 'none' })
        await this.load()
      } catch (err) {
        this.setData({ error: err instanceof ApiFailure ? err.message : '没有提交成功，请稍后再试。' })
      } finally {
        this.setData({ busy: '' })
      }
    },
  },
})
