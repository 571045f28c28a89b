import { ApiFailure, call } from '../../lib/api.ts'
import { largeTextBehavior } from '../../lib/large-text.ts'
import { beijingTime } from '../../lib/time.ts'

type Step = { at: string; to: string; note?: string | null }
type Mine = { ticket: string; category: string; status: string; description: string; createdAt: string; history: Step[] }

Component({
  behaviors: [largeTextBehavior],
  data: { reports: [] as (Mine & { when: string; last: string })[], loaded: false, error: '' },
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
    async load() {
      try {
        const { reports } = await call<{ reports: Mine[] }>('GET', '/api/reports/mine')
        this.setData({
          reports: reports.map((r) => {
            const last = r.history[r.history.length - 1]
            return { ...r, when: beijingTime(r.createdAt), last: last?.note ? `${beijingTime(last.at)} ${last.note}` : '' }
          }),
          loaded: true,
          error: '',
        })
      } catch (err) {
        this.setData({ error: err instanceof ApiFailure ? err.message : '加载失败，请稍后再试。' })
      }
    },
    async feedback(e: { currentTarget: { dataset: { ticket: string; satisfied: boolean } } }) {
      const { ticket, satisfied } = e.currentTarget.dataset
      try {
        await call('POST', `/api/reports/${ticket}/feedback`, { satisfied })
        wx.showToast({ title: satisfied ? '已销号，谢谢您' : '已重新交办', icon: 'none' })
        await this.load()
      } catch (err) {
        this.setData({ error: err instanceof ApiFailure ? err.message : '没有提交成功，请稍后再试。' })
      }
    },
  },
})
