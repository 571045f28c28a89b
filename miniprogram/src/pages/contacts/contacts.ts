import { ApiFailure, call, query } from '../../lib/api.ts'
import { largeTextBehavior } from '../../lib/large-text.ts'
import { takeHandoff } from '../../lib/handoff.ts'

type Contact = { id: string; name: string; phone: string; duties: string[]; hours?: string }

Component({
  behaviors: [largeTextBehavior],
  data: { q: '', contacts: [] as (Omit<Contact, 'duties'> & { duties: string })[], notice: '', error: '' },
  lifetimes: {
    attached() {
      void this.search()
    },
  },
  pageLifetimes: {
    show() {
      const left = takeHandoff('/pages/contacts/contacts')
      if (left?.q) this.setData({ q: left.q })
      if (left) void this.search()
    },
  },
  methods: {
    typed(e: WechatMiniprogram.Input) {
      this.setData({ q: e.detail.value })
    },
    async search() {
      try {
        const r = await call<{ contacts: Contact[]; notice?: string }>(
          'GET',
          `/api/contacts${query({ q: this.data.q.trim() || undefined })}`,
        )
        this.setData({ contacts: r.contacts.map((c) => ({ ...c, duties: c.duties.join('、') })), notice: r.notice ?? '', error: '' })
      } catch (err) {
        this.setData({ error: err instanceof ApiFailure ? err.message : '查找失败，请稍后再试。' })
      }
    },
    dial(e: { currentTarget: { dataset: { phone: string } } }) {
      wx.makePhoneCall({ phoneNumber: e.currentTarget.dataset.phone })
    },
  },
})
