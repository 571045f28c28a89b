import { ApiFailure, call, me } from '../../lib/api.ts'
import { largeTextBehavior } from '../../lib/large-text.ts'

type Detail = {
  headName: string
  town: string
  village: string
  status: string
  size: number
  perCapitaIncome: number | null
  idNumber: string
  measures: string[]
  cadreDetail: { name: string } | null
  demo: boolean
}

Component({
  behaviors: [largeTextBehavior],
  data: { ready: false, name: '', idLast6: '', busy: false, error: '', record: null as (Detail & { measuresText: string }) | null },
  lifetimes: {
    attached() {
      void this.show()
    },
  },
  methods: {
    typed(e: WechatMiniprogram.Input & { currentTarget: { dataset: { field: string } } }) {
      this.setData({ [e.currentTarget.dataset.field]: e.detail.value })
    },
    async show() {
      try {
        const who = await me()
        if (who.kind !== 'household' || !who.householdId) return this.setData({ ready: true })
        const d = await call<Detail>('GET', `/api/households/${who.householdId}`)
        this.setData({ record: { ...d, measuresText: d.measures.join('、') }, ready: true, error: '' })
      } catch (err) {
        this.setData({ ready: true, error: err instanceof ApiFailure ? err.message : '加载失败，请稍后再试。' })
      }
    },
    async verify() {
      const name = this.data.name.trim()
      const idLast6 = this.data.idLast6.trim().toUpperCase()
      if (!name) return this.setData({ error: '请填户主姓名。' })
      if (!/^\d{5}[\dX]$/.test(idLast6)) return this.setData({ error: '身份证号后6位是6个数字（最后一位可能是X）。' })
      this.setData({ busy: true, error: '' })
      try {
        await call('POST', '/api/households/verify', { name, idLast6 })
        await this.show()
      } catch (err) {
        this.setData({ error: err instanceof ApiFailure ? err.message : '核验没有成功，请稍后再试。' })
      } finally {
        this.setData({ busy: false })
      }
    },
  },
})
