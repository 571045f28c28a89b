import { REPORT_CATEGORIES } from '../../../../api/content/report-categories.ts'
import { ApiFailure, call, uploadPhoto } from '../../lib/api.ts'
import { largeTextBehavior } from '../../lib/large-text.ts'
import { STATUS_TEMPLATE } from '../../config.ts'
import { takeHandoff } from '../../lib/handoff.ts'
import { dial, said, type Piece } from '../../lib/said.ts'

type Town = { name: string; villages: string[] }
type Filed = { ticket: string; code: string; status: string; message: string }
type Choice = 'accept' | 'reject' | 'ban' | 'filter'

const MAX_PHOTO_BYTES = 5 * 1024 * 1024
const PHONE = /^[\d-]{5,20}$/

/** wx.requestSubscribeMessage for the status template; a failed call counts as "no". */
function askToSubscribe(): Promise<Choice> {
  return new Promise((resolve) =>
    wx.requestSubscribeMessage({
      tmplIds: [STATUS_TEMPLATE],
      success: (r) => resolve(((r as unknown as Record<string, string>)[STATUS_TEMPLATE] as Choice) ?? 'reject'),
      fail: () => resolve('reject'),
    } as WechatMiniprogram.RequestSubscribeMessageOption),
  )
}

Component({
  behaviors: [largeTextBehavior],
  data: {
    categories: [...REPORT_CATEGORIES] as string[],
    categoryIndex: -1,
    description: '',
    towns: [] as Town[],
    townNames: [] as string[],
    townIndex: -1,
    villages: [] as string[],
    villageIndex: -1,
    anonymous: false,
    name: '',
    phone: '',
    photo: null as { path: string; size: number } | null,
    busy: false,
    error: '',
    filed: null as Filed | null,
    /** the office's message past the ticket and code (where it goes, by when) */
    next: [] as Piece[],
    subscribed: false,
    photoError: '',
    pending: null as { town: string; village: string } | null,
  },
  lifetimes: {
    attached() {
      void this.loadTowns()
    },
  },
  pageLifetimes: {
    show() {
      // filled in by the 问政策 page when a message described a problem
      const left = takeHandoff('/pages/report/report')
      if (left) this.onLoad(left)
    },
  },
  methods: {
    onLoad(q: Record<string, string | undefined>) {
      const category = q.category ?? ''
      this.setData({
        ...(q.description ? { description: q.description } : {}),
        ...(category && this.data.categories.includes(category) ? { categoryIndex: this.data.categories.indexOf(category) } : {}),
      })
      if (q.town) this.setData({ pending: { town: q.town, village: q.village ?? '' } })
      this.applyPlace()
    },
    async loadTowns() {
      try {
        const { towns } = await call<{ towns: Town[] }>('GET', '/api/places')
        this.setData({ towns, townNames: towns.map((t) => t.name) })
        this.applyPlace()
      } catch (err) {
        this.setData({ error: err instanceof ApiFailure ? err.message : '加载乡镇失败，请稍后再试。' })
      }
    },
    /** a place named in the message, once the towns are known */
    applyPlace() {
      const p = this.data.pending
      const i = p ? this.data.townNames.indexOf(p.town) : -1
      if (!p || i < 0) return
      const villages = this.data.towns[i]!.villages
      this.setData({ townIndex: i, villages, villageIndex: villages.indexOf(p.village), pending: null })
    },
    typed(e: WechatMiniprogram.Input & { currentTarget: { dataset: { field: string } } }) {
      this.setData({ [e.currentTarget.dataset.field]: e.detail.value })
    },
    pickCategory(e: WechatMiniprogram.PickerChange) {
      this.setData({ categoryIndex: Number(e.detail.value) })
    },
    pickTown(e: WechatMiniprogram.PickerChange) {
      const i = Number(e.detail.value)
      this.setData({ townIndex: i, villages: this.data.towns[i]?.villages ?? [], villageIndex: -1 })
    },
    pickVillage(e: WechatMiniprogram.PickerChange) {
      this.setData({ villageIndex: Number(e.detail.value) })
    },
    toggleAnonymous(e: WechatMiniprogram.SwitchChange) {
      this.setData({ anonymous: e.detail.value })
    },
    choosePhoto() {
      wx.chooseMedia({
        count: 1,
        mediaType: ['image'],
        sizeType: ['compressed'],
        success: (r) => {
          const f = r.tempFiles[0]
          if (!f) return
          if (f.size > MAX_PHOTO_BYTES) return this.setData({ error: '照片不能超过5MB，请换一张。' })
          if (!/\.(jpe?g|png)$/i.test(f.tempFilePath)) return this.setData({ error: '只收 JPG 或 PNG 格式的照片。' })
          this.setData({ photo: { path: f.tempFilePath, size: f.size }, error: '' })
        },
      })
    },
    dropPhoto() {
      this.setData({ photo: null })
    },
    problem(): string | undefined {
      const d = this.data
      if (d.categoryIndex < 0) return '请选择问题类别。'
      if (d.description.trim().length < 4) return '请写一写发生了什么（至少4个字）。'
      if (d.townIndex < 0) return '请选择乡镇。'
      if (!d.anonymous && d.phone.trim() && !PHONE.test(d.phone.trim())) return '电话号码只能有数字，比如 13812345678 或 0716-1234567。'
      return undefined
    },
    async submit() {
      const problem = this.problem()
      if (problem) return this.setData({ error: problem })
      const d = this.data
      this.setData({ busy: true, error: '' })
      // asked on the tap itself: WeChat shows the request only in answer to a tap
      const choice = d.anonymous ? 'reject' : await askToSubscribe()
      try {
        const village = d.villages[d.villageIndex]
        const filed = await call<Filed>('POST', '/api/reports', {
          category: d.categories[d.categoryIndex],
          description: d.description.trim(),
          place: { town: d.townNames[d.townIndex], ...(village ? { village } : {}) },
          anonymous: d.anonymous,
          ...(d.anonymous
            ? {}
            : { reporter: { ...(d.name.trim() ? { name: d.name.trim() } : {}), ...(d.phone.trim() ? { phone: d.phone.trim() } : {}) } }),
        })
        const next = filed.message
          .split('。')
          .filter((part) => part && !part.includes(filed.code))
          .map((part) => `${part}。`)
          .join('')
        this.setData({ filed, next: said(next), subscribed: choice === 'accept' })
        if (!d.anonymous) await call('POST', '/api/wx/subscriptions', { ticket: filed.ticket, result: choice }).catch(() => undefined)
        if (d.photo)
          await uploadPhoto(filed.ticket, d.photo.path, d.anonymous ? filed.code : undefined).catch((err) =>
            this.setData({ photoError: `问题已收到，但照片没传上：${err instanceof ApiFailure ? err.message : '请稍后再试。'}` }),
          )
      } catch (err) {
        this.setData({ error: err instanceof ApiFailure ? err.message : '提交没有成功，请稍后再试。' })
      } finally {
        this.setData({ busy: false })
      }
    },
    again() {
      this.setData({ filed: null, next: [], description: '', categoryIndex: -1, photo: null, photoError: '' })
    },
    /** to paste into a chat with oneself: the code is shown this once */
    copy() {
      const f = this.data.filed
      if (f) wx.setClipboardData({ data: `受理编号：${f.ticket}　查询码：${f.code}` })
    },
    dial,
  },
})
