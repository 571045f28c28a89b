import { useState } from 'preact/hooks'
import { api, failure } from '../api.ts'
import { Choices, ErrorBox, Loading, useTask } from '../ui.tsx'
import { ASSISTANCE, HOUSEHOLD_STATUSES, HOUSING_GRADES, ILLNESSES, SCHOOL_STAGES, WATER_STATES } from '../../../api/domain/eligibility/fact-values.ts'

type Student = { stage: (typeof SCHOOL_STAGES)[number]; newlyAdmitted: boolean }
interface Facts {
  status?: (typeof HOUSEHOLD_STATUSES)[number]
  householdSize?: number
  annualIncome?: number
  students?: Student[]
  illness?: (typeof ILLNESSES)[number]
  housingGrade?: (typeof HOUSING_GRADES)[number]
  drinkingWater?: (typeof WATER_STATES)[number]
  assistance?: (typeof ASSISTANCE)[number]
  workers?: number
  pensionContribution?: number
}
type Step = { key: keyof Facts; title: string }

/** One question per screen, in the order the rules most often need them; every one can be skipped. */
const STEPS: Step[] = [
  { key: 'status', title: '您家是哪一类户？' },
  { key: 'householdSize', title: '家里几口人？' },
  { key: 'annualIncome', title: '全家一年大概收入多少元？' },
  { key: 'students', title: '家里有上学的孩子吗？' },
  { key: 'illness', title: '家里有人生大病或慢性病吗？' },
  { key: 'housingGrade', title: '住房安全等级（鉴定过的话）' },
  { key: 'drinkingWater', title: '家里吃水情况' },
  { key: 'assistance', title: '享受低保或特困供养吗？' },
  { key: 'workers', title: '家里有几个能干活的劳动力？' },
  { key: 'pensionContribution', title: '每人每年交多少元城乡居民养老保险？' },
]

type Report = Awaited<ReturnType<Extract<Awaited<ReturnType<typeof api.eligibility.$post>>, { ok: true }>['json']>>

export function CheckPage() {
  const [facts, setFacts] = useState<Facts>({})
  const [at, setAt] = useState(0)
  const [report, setReport] = useState<Report | null>(null)
  const task = useTask()
  const step = STEPS[at]
  const set = <K extends keyof Facts>(key: K, value: Facts[K]) => setFacts({ ...facts, [key]: value })

  const submit = () => task.run(async () => {
    const res = await api.eligibility.$post({ json: { facts } })
    if (!res.ok) throw await failure(res)
    setReport(await res.json())
  })

  if (report) return <Results report={report} again={() => { setReport(null); setAt(0); setFacts({}) }} />
  if (!step) {
    return (
      <>
        <p>问完了。看看您家能享受哪些政策：</p>
        <div class="row"><button class="secondary" type="button" onClick={() => setAt(at - 1)}>上一步</button><button type="button" onClick={() => void submit()} disabled={task.busy}>看结果</button></div>
        {task.busy && <Loading label="正在对照政策…" />}
        <ErrorBox error={task.error} />
      </>
    )
  }
  return (
    <form onSubmit={(e) => { e.preventDefault(); setAt(at + 1) }}>
      <p class="muted">第 {at + 1} 题，共 {STEPS.length} 题。不知道的可以跳过。</p>
      <Question step={step} facts={facts} set={set} />
      <div class="row" style="margin-top:16px">
        {at > 0 && <button class="secondary" type="button" onClick={() => setAt(at - 1)}>上一步</button>}
        <button class="secondary" type="button" onClick={() => { set(step.key, undefined); setAt(at + 1) }}>跳过</button>
        <button type="submit">下一步</button>
      </div>
    </form>
  )
}

function NumberField({ id, label, value, onChange, unit }: { id: string; label: string; value: number | undefined; onChange: (v: number | undefined) => void; unit: string }) {
  return (
    <>
      <label for={id}>{label}（{unit}）</label>
      <input id={id} type="number" inputMode="numeric" min={0} value={value ?? ''} onInput={(e) => { const v = e.currentTarget.value; onChange(v === '' ? undefined : Number(v)) }} />
    </>
  )
}

function Question({ step, facts, set }: { step: Step; facts: Facts; set: <K extends keyof Facts>(key: K, value: Facts[K]) => void }) {
  switch (step.key) {
    case 'status': return <Choices legend={step.title} name="status" options={HOUSEHOLD_STATUSES} value={facts.status} onChange={(v) => set('status', v)} />
    case 'illness': return <Choices legend={step.title} name="illness" options={ILLNESSES} value={facts.illness} onChange={(v) => set('illness', v)} />
    case 'housingGrade': return <Choices legend={`${step.title}：C、D 级是危房`} name="housing" options={HOUSING_GRADES} value={facts.housingGrade} onChange={(v) => set('housingGrade', v)} />
    case 'drinkingWater': return <Choices legend={step.title} name="water" options={WATER_STATES} value={facts.drinkingWater} onChange={(v) => set('drinkingWater', v)} />
    case 'assistance': return <Choices legend={step.title} name="assistance" options={ASSISTANCE} value={facts.assistance} onChange={(v) => set('assistance', v)} />
    case 'householdSize': return <NumberField id="size" label={step.title} unit="人" value={facts.householdSize} onChange={(v) => set('householdSize', v)} />
    case 'annualIncome': return <NumberField id="income" label={step.title} unit="元" value={facts.annualIncome} onChange={(v) => set('annualIncome', v)} />
    case 'workers': return <NumberField id="workers" label={step.title} unit="人" value={facts.workers} onChange={(v) => set('workers', v)} />
    case 'pensionContribution': return <NumberField id="pension" label={step.title} unit="元" value={facts.pensionContribution} onChange={(v) => set('pensionContribution', v)} />
    case 'students': {
      const students = facts.students ?? []
      const update = (i: number, s: Student) => set('students', students.map((x, k) => (k === i ? s : x)))
      return (
        <fieldset style="border:0;padding:0;margin:0">
          <legend>{step.title}没有就直接点“下一步”。</legend>
          {students.map((s, i) => (
            <div class="card">
              <label for={`stage-${i}`}>第 {i + 1} 个孩子上什么学</label>
              <select id={`stage-${i}`} value={s.stage} onChange={(e) => update(i, { ...s, stage: e.currentTarget.value as Student['stage'] })}>
                {SCHOOL_STAGES.map((stage) => <option value={stage}>{stage}</option>)}
              </select>
              <label class="choice"><input type="checkbox" checked={s.newlyAdmitted} onChange={(e) => update(i, { ...s, newlyAdmitted: e.currentTarget.checked })} />今年新考上的</label>
              <button class="secondary" type="button" onClick={() => set('students', students.filter((_, k) => k !== i))}>去掉这个孩子</button>
            </div>
          ))}
          <button class="secondary" type="button" onClick={() => set('students', [...students, { stage: '高职', newlyAdmitted: false }])}>＋ 添加一个上学的孩子</button>
        </fieldset>
      )
    }
  }
}

const VERDICT = { eligible: ['符合', 'ok'], need_info: ['可能符合，需核实', 'warn'], not_eligible: ['不符合', 'no'] } as const

function Results({ report, again }: { report: Report; again: () => void }) {
  const groups = (['eligible', 'need_info', 'not_eligible'] as const).map((s) => ({ status: s, items: report.results.filter((r) => r.status === s) }))
  return (
    <section aria-live="polite">
      <div class="card">
        <h3>监测分类：{report.classification.category}</h3>
        {report.classification.reasons.map((r) => <p>{r}</p>)}
        <p class="muted">按{report.region}{report.demo ? '（演示地区，借用种子文件里各地的标准）' : ''}、{report.date}有效的文件。</p>
      </div>
      {groups.filter((g) => g.items.length > 0).map((g) => (
        <>
          <h3>{VERDICT[g.status][0]}（{g.items.length}项）</h3>
          {g.items.map((r) => (
            <article class="card">
              <strong>{r.title}</strong> <span class={`tag ${VERDICT[g.status][1]}`}>{VERDICT[g.status][0]}</span>
              {r.amount && <p class="big">{r.amount.text}</p>}
              {r.reasons.map((x) => <p>{x}</p>)}
              {g.status !== 'not_eligible' && <p class="muted">怎么办：{r.apply}</p>}
            </article>
          ))}
        </>
      ))}
      <button type="button" onClick={again}>重新测一次</button>
    </section>
  )
}
