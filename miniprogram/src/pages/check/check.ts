import {
  ASSISTANCE,
  HOUSING_GRADES,
  ILLNESSES,
  SCHOOL_STAGES,
  SELF_CHECK_STATUSES,
  WATER_STATES,
} from '../../../../api/domain/eligibility/fact-values.ts'
import { ApiFailure, call } from '../../lib/api.ts'
import { largeTextBehavior } from '../../lib/large-text.ts'
import { dial, said, type Piece } from '../../lib/said.ts'

type Status = 'eligible' | 'not_eligible' | 'need_info'
type Result = {
  id: string
  title: string
  status: Status
  provisional?: Status
  reasons: string[]
  apply: string
  amount?: { text: string }
  missing: { label: string }[]
}
type Report = {
  region: string
  demo: boolean
  date: string
  classification: { reasons: string[] }
  results: Result[]
}
type Shown = { id: string; title: string; verdict: string; amount: string; reasons: Piece[][]; apply: Piece[] }

/** The typed answers: what a sensible one is, and how to say it is not (blank is fine: every question can be left). */
const NUMBERS = {
  size: { fact: 'householdSize', label: '家里人口', whole: true, min: 1, max: 30, example: 3 },
  income: { fact: 'annualIncome', label: '收入', whole: false, min: 0, max: 10_000_000, example: 24000 },
  workers: { fact: 'workers', label: '劳动力', whole: true, min: 0, max: 30, example: 2 },
  pension: { fact: 'pensionContribution', label: '养老保险', whole: false, min: 0, max: 100_000, example: 200 },
} as const
type NumberField = keyof typeof NUMBERS

function numberProblem(field: NumberField, raw: string): string | undefined {
  const spec = NUMBERS[field]
  const text = raw.trim()
  if (!text) return undefined
  if (!/^\d+(\.\d+)?$/.test(text)) return `${spec.label}请只填数字，比如 ${spec.example}。`
  const n = Number(text)
  if ((spec.whole && !Number.isInteger(n)) || n < spec.min || n > spec.max)
    return `${spec.label}请填${spec.min}到${spec.max}之间的${spec.whole ? '整数' : '数'}。`
  return undefined
}

/** Sure, or so by the documents at hand but to be confirmed with the office (an old standard, say). */
const likely = (r: Result) => r.status === 'eligible' || (r.status === 'need_info' && r.provisional === 'eligible')
const verdictOf = (r: Result) =>
  r.status === 'eligible' ? '符合' : likely(r) ? '可能符合，需核实' : r.status === 'need_info' ? '还要了解更多情况' : '不符合'
const shown = (r: Result): Shown => ({
  id: r.id,
  title: r.title,
  verdict: verdictOf(r),
  amount: r.amount?.text ?? '',
  reasons: r.reasons.map(said),
  apply: said(r.apply),
})

Component({
  behaviors: [largeTextBehavior],
  data: {
    statuses: [...SELF_CHECK_STATUSES] as string[],
    illnesses: [...ILLNESSES] as string[],
    grades: [...HOUSING_GRADES] as string[],
    waters: [...WATER_STATES] as string[],
    assistances: [...ASSISTANCE] as string[],
    stages: [...SCHOOL_STAGES] as string[],
    yesNo: ['有', '没有'],
    statusIndex: -1,
    illnessIndex: -1,
    gradeIndex: -1,
    waterIndex: -1,
    assistanceIndex: -1,
    studentsIndex: -1,
    students: [] as { stageIndex: number; newlyAdmitted: boolean }[],
    size: '',
    income: '',
    workers: '',
    pension: '',
    busy: false,
    error: '',
    results: null as Shown[] | null,
    /** 您家可以享受: title and amount */
    get: [] as { title: string; amount: string }[],
    toConfirm: false,
    open: '',
    no: [] as Shown[],
    basis: [] as Piece[][],
    where: '',
  },
  methods: {
    dial,
    pick(e: WechatMiniprogram.PickerChange & { currentTarget: { dataset: { field: string } } }) {
      const value = Number(e.detail.value)
      const field = e.currentTarget.dataset.field
      this.setData({ [field]: value })
      // "有" starts the list with one child to describe
      if (field === 'studentsIndex' && value === 0 && this.data.students.length === 0) this.addStudent()
    },
    typed(e: WechatMiniprogram.Input & { currentTarget: { dataset: { field: string } } }) {
      this.setData({ [e.currentTarget.dataset.field]: e.detail.value })
    },
    addStudent() {
      this.setData({ students: [...this.data.students, { stageIndex: SCHOOL_STAGES.indexOf('高职'), newlyAdmitted: false }] })
    },
    dropStudent(e: { currentTarget: { dataset: { index: number } } }) {
      this.setData({ students: this.data.students.filter((_, i) => i !== Number(e.currentTarget.dataset.index)) })
    },
    pickStage(e: WechatMiniprogram.PickerChange & { currentTarget: { dataset: { index: number } } }) {
      const i = Number(e.currentTarget.dataset.index)
      this.setData({ [`students[${i}].stageIndex`]: Number(e.detail.value) })
    },
    toggleNew(e: WechatMiniprogram.SwitchChange & { currentTarget: { dataset: { index: number } } }) {
      const i = Number(e.currentTarget.dataset.index)
      this.setData({ [`students[${i}].newlyAdmitted`]: e.detail.value })
    },
    facts(): Record<string, unknown> {
      const d = this.data
      const chosen = (list: string[], i: number) => (i >= 0 ? list[i] : undefined)
      const facts: Record<string, unknown> = {
        status: chosen(d.statuses, d.statusIndex),
        illness: chosen(d.illnesses, d.illnessIndex),
        housingGrade: chosen(d.grades, d.gradeIndex),
        drinkingWater: chosen(d.waters, d.waterIndex),
        assistance: chosen(d.assistances, d.assistanceIndex),
        // "没有" is an answer too: no child at school rules the school grants out, instead of leaving them open
        students:
          d.studentsIndex === 1
            ? []
            : d.studentsIndex === 0
              ? d.students.map((s) => ({ stage: SCHOOL_STAGES[s.stageIndex], newlyAdmitted: s.newlyAdmitted }))
              : undefined,
      }
      for (const field of Object.keys(NUMBERS) as NumberField[]) {
        const text = (d[field] as string).trim()
        if (text) facts[NUMBERS[field].fact] = Number(text)
      }
      return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined))
    },
    async submit() {
      for (const field of Object.keys(NUMBERS) as NumberField[]) {
        const problem = numberProblem(field, this.data[field] as string)
        if (problem) return this.setData({ error: problem })
      }
      this.setData({ busy: true, error: '' })
      try {
        const r = await call<Report>('POST', '/api/eligibility', { facts: this.facts() })
        const get = r.results.filter(likely)
        const open = r.results.filter((x) => x.status === 'need_info' && !likely(x))
        const no = r.results.filter((x) => x.status === 'not_eligible')
        const missing = [...new Set(open.flatMap((x) => x.missing.map((m) => m.label)))]
        this.setData({
          // what may help first, then what needs more to say; what does not apply is listed apart
          results: [...get, ...open].map(shown),
          get: get.map((x) => ({ title: x.title, amount: x.amount?.text ?? '' })),
          toConfirm: get.some((x) => x.status !== 'eligible'),
          open: open.length
            ? `还有${open.length}项要看更多情况${missing.length ? `：${missing.join('、')}` : ''}。可以补上再测一次，或直接问村里。`
            : '',
          no: no.map(shown),
          basis: r.classification.reasons.map(said),
          where: `按${r.region}${r.demo ? '（演示用，借用其他地方的标准）' : ''}、${r.date}有效的文件。`,
        })
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
