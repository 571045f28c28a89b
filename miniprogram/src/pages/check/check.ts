import { ApiFailure, call } from '../../lib/api.ts'
import { largeTextBehavior } from '../../lib/large-text.ts'

type Result = { id: string; title: string; status: 'eligible' | 'not_eligible' | 'need_info'; reasons: string[]; apply?: string }
const VERDICT: Record<Result['status'], string> = { eligible: '可能符合', not_eligible: '不符合', need_info: '还要了解更多情况' }

Component({
  behaviors: [largeTextBehavior],
  data: {
    statuses: ['建档立卡贫困户', '已脱贫户', '监测户', '一般农户'],
    illnesses: ['无', '慢性病', '大病'],
    grades: ['A', 'B', 'C', 'D'],
    statusIndex: -1,
    illnessIndex: -1,
    gradeIndex: -1,
    size: '',
    income: '',
    busy: false,
    error: '',
    demo: false,
    results: null as (Result & { verdict: string })[] | null,
  },
  methods: {
    pick(e: WechatMiniprogram.PickerChange & { currentTarget: { dataset: { field: string } } }) {
      this.setData({ [e.currentTarget.dataset.field]: Number(e.detail.value) })
    },
    typed(e: WechatMiniprogram.Input & { currentTarget: { dataset: { field: string } } }) {
      this.setData({ [e.currentTarget.dataset.field]: e.detail.value })
    },
    async submit() {
      const d = this.data
      const size = d.size.trim() ? Number(d.size) : undefined
      const income = d.income.trim() ? Number(d.income) : undefined
      if (size !== undefined && !(Number.isInteger(size) && size >= 1 && size <= 30))
        return this.setData({ error: '家里人口请填1到30之间的整数。' })
      if (income !== undefined && !(income >= 0)) return this.setData({ error: '收入请填数字，比如 24000。' })
      const facts = {
        ...(d.statusIndex >= 0 ? { status: d.statuses[d.statusIndex] } : {}),
        ...(size !== undefined ? { householdSize: size } : {}),
        ...(income !== undefined ? { annualIncome: income } : {}),
        ...(d.illnessIndex >= 0 ? { illness: d.illnesses[d.illnessIndex] } : {}),
        ...(d.gradeIndex >= 0 ? { housingGrade: d.grades[d.gradeIndex] } : {}),
      }
      this.setData({ busy: true, error: '' })
      try {
        const r = await call<{ demo: boolean; results: Result[] }>('POST', '/api/eligibility', { facts })
        // what may help first, then what needs more to say, then what does not apply
        const order = { eligible: 0, need_info: 1, not_eligible: 2 }
        const results = [...r.results].sort((a, b) => order[a.status] - order[b.status]).map((x) => ({ ...x, verdict: VERDICT[x.status] }))
        this.setData({ results, demo: r.demo })
      } catch (err) {
        this.setData({ error: err instanceof ApiFailure ? err.message : '没有查成，请稍后再试。' })
      } finally {
        this.setData({ busy: false })
      }
    },
    again() {
      this.setData({ results: null })
    },
  },
})
