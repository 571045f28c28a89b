import { useState } from 'preact/hooks'
import { api, failure } from '../api.ts'
import { Choices, ErrorBox, FieldError, Loading, invalid, passes, useTask, type FieldErrors } from '../ui.tsx'
import { Text } from '../text.tsx'
import {
  ASSISTANCE,
  SELF_CHECK_STATUSES,
  HOUSING_GRADES,
  ILLNESSES,
  SCHOOL_STAGES,
  WATER_STATES,
} from '../../../api/domain/eligibility/fact-values.ts'

type Student = { stage: (typeof SCHOOL_STAGES)[number]; newlyAdmitted: boolean }
interface Facts {
  status?: (typeof SELF_CHECK_STATUSES)[number]
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
type NumberKey = 'householdSize' | 'annualIncome' | 'workers' | 'pensionContribution'

/** The number questions: field id, unit, and what a sensible answer is (checked here, in Chinese). */
const NUMBERS: Record<NumberKey, { id: string; unit: string; whole: boolean; min: number; max: number }> = {
  householdSize: { id: 'size', unit: '人', whole: true, min: 1, max: 30 },
  annualIncome: { id: 'income', unit: '元', whole: false, min: 0, max: 10_000_000 },
  workers: { id: 'workers', unit: '人', whole: true, min: 0, max: 30 },
  pensionContribution: { id: 'pension', unit: '元', whole: false, min: 0, max: 100_000 },
}
const isNumberKey = (k: keyof Facts): k is NumberKey => k in NUMBERS

/** What is wrong with a typed number, or undefined (blank is fine: the question can be skipped). */
function numberProblem(key: NumberKey, raw: string): string | undefined {
  const spec = NUMBERS[key]
  const text = raw.trim()
  if (!text) return undefined
  if (!/^\d+(\.\d+)?$/.test(text)) return `请只填数字，比如 ${spec.whole ? 3 : 12000}；不知道就点“跳过”。`
  const n = Number(text)
  if (spec.whole && !Number.isInteger(n)) return `请填整数，比如 ${spec.min === 0 ? 2 : 3}。`
  if (n < spec.min || n > spec.max) return `请填 ${spec.min} 到 ${spec.max} 之间的数。`
  return undefined
}

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
  const [raw, setRaw] = useState<Partial<Record<NumberKey, string>>>({})
  const [errors, setErrors] = useState<FieldErrors>({})
  const task = useTask()
  const step = STEPS[at]
  const set = <K extends keyof Facts>(key: K, value: Facts[K]) => setFacts({ ...facts, [key]: value })
  const go = (to: number) => {
    setErrors({})
    setAt(to)
  }
  const next = () => {
    if (step && isNumberKey(step.key)) {
      const key = step.key
      const found = { [NUMBERS[key].id]: numberProblem(key, raw[key] ?? '') }
      setErrors(found)
      if (!passes(found)) return
      const text = (raw[key] ?? '').trim()
      set(key, text ? Number(text) : undefined)
    }
    go(at + 1)
  }

  const submit = () =>
    task.run(async () => {
      const res = await api.eligibility.$post({ json: { facts } })
      if (!res.ok) throw await failure(res)
      setReport(await res.json())
    })

  if (report)
    return (
      <Results
        report={report}
        again={() => {
          setReport(null)
          go(0)
          setFacts({})
          setRaw({})
        }}
      />
    )
  if (!step) {
    return (
      <>
        <p>问完了。看看您家能享受哪些政策：</p>
        <div class="row">
          <button class="secondary" type="button" onClick={() => go(at - 1)}>
            上一步
          </button>
          <button type="button" onClick={() => void submit()} disabled={task.busy}>
            看结果
          </button>
        </div>
        {task.busy && <Loading label="正在对照政策…" />}
        <ErrorBox error={task.error} />
      </>
    )
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        next()
      }}
    >
      <p class="muted">
        第 {at + 1} 题，共 {STEPS.length} 题。不知道的可以跳过。
      </p>
      {isNumberKey(step.key) ? (
        <NumberField
          id={NUMBERS[step.key].id}
          label={step.title}
          unit={NUMBERS[step.key].unit}
          value={raw[step.key] ?? ''}
          errors={errors}
          onChange={(v) => setRaw({ ...raw, [step.key]: v })}
        />
      ) : (
        <Question step={step} facts={facts} set={set} />
      )}
      <div class="row" style="margin-top:16px">
        {at > 0 && (
          <button class="secondary" type="button" onClick={() => go(at - 1)}>
            上一步
          </button>
        )}
        <button
          class="secondary"
          type="button"
          onClick={() => {
            set(step.key, undefined)
            if (isNumberKey(step.key)) setRaw({ ...raw, [step.key]: '' })
            go(at + 1)
          }}
        >
          跳过
        </button>
        <button type="submit">下一步</button>
      </div>
    </form>
  )
}

/** A number typed as text (inputMode shows the digit keyboard): a phone's number field would drop what it cannot read, silently. */
function NumberField({
  id,
  label,
  value,
  onChange,
  unit,
  errors,
}: {
  id: string
  label: string
  value: string
  onChange: (v: string) => void
  unit: string
  errors: FieldErrors
}) {
  return (
    <>
      <label for={id}>
        {label}（{unit}）
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={value}
        onInput={(e) => onChange(e.currentTarget.value)}
        {...invalid(id, errors)}
      />
      <FieldError id={id} errors={errors} />
    </>
  )
}

function Question({ step, facts, set }: { step: Step; facts: Facts; set: <K extends keyof Facts>(key: K, value: Facts[K]) => void }) {
  switch (step.key) {
    case 'status':
      return (
        <Choices legend={step.title} name="status" options={SELF_CHECK_STATUSES} value={facts.status} onChange={(v) => set('status', v)} />
      )
    case 'illness':
      return <Choices legend={step.title} name="illness" options={ILLNESSES} value={facts.illness} onChange={(v) => set('illness', v)} />
    case 'housingGrade':
      return (
        <Choices
          legend={`${step.title}：C、D 级是危房`}
          name="housing"
          options={HOUSING_GRADES}
          value={facts.housingGrade}
          onChange={(v) => set('housingGrade', v)}
        />
      )
    case 'drinkingWater':
      return (
        <Choices
          legend={step.title}
          name="water"
          options={WATER_STATES}
          value={facts.drinkingWater}
          onChange={(v) => set('drinkingWater', v)}
        />
      )
    case 'assistance':
      return (
        <Choices
          legend={step.title}
          name="assistance"
          options={ASSISTANCE}
          value={facts.assistance}
          onChange={(v) => set('assistance', v)}
        />
      )
    case 'householdSize':
    case 'annualIncome':
    case 'workers':
    case 'pensionContribution':
      return null
    case 'students': {
      const students = facts.students ?? []
      const update = (i: number, s: Student) =>
        set(
          'students',
          students.map((x, k) => (k === i ? s : x)),
        )
      return (
        <fieldset style="border:0;padding:0;margin:0">
          <legend>{step.title}没有就直接点“下一步”。</legend>
          {students.map((s, i) => (
            <div class="card">
              <label for={`stage-${i}`}>第 {i + 1} 个孩子上什么学</label>
              <select
                id={`stage-${i}`}
                value={s.stage}
                onChange={(e) => update(i, { ...s, stage: e.currentTarget.value as Student['stage'] })}
              >
                {SCHOOL_STAGES.map((stage) => (
                  <option value={stage}>{stage}</option>
                ))}
              </select>
              <label class="choice">
                <input
                  type="checkbox"
                  checked={s.newlyAdmitted}
                  onChange={(e) => update(i, { ...s, newlyAdmitted: e.currentTarget.checked })}
                />
                今年新考上的
              </label>
              <button
                class="secondary"
                type="button"
                onClick={() =>
                  set(
                    'students',
                    students.filter((_, k) => k !== i),
                  )
                }
              >
                去掉这个孩子
              </button>
            </div>
          ))}
          <button class="secondary" type="button" onClick={() => set('students', [...students, { stage: '高职', newlyAdmitted: false }])}>
            ＋ 添加一个上学的孩子
          </button>
        </fieldset>
      )
    }
  }
}

type Item = Report['results'][number]

/** Sure, or so by the documents at hand but to be confirmed with the office (an old standard, say). */
const likely = (r: Item) => r.status === 'eligible' || (r.status === 'need_info' && r.provisional === 'eligible')

/**
 * The result on one short screen: what the family can get (with the amount) and what is left to check;
 * each policy's reasons, how to apply, what does not apply and what the verdict rests on are folded below.
 */
function Results({ report, again }: { report: Report; again: () => void }) {
  const get = report.results.filter(likely)
  const open = report.results.filter((r) => r.status === 'need_info' && !likely(r))
  const no = report.results.filter((r) => r.status === 'not_eligible')
  const confirm = get.some((r) => r.status !== 'eligible')
  const missing = [...new Set(open.flatMap((r) => r.missing.map((m) => m.label)))]
  return (
    <section aria-live="polite" data-testid="check-result">
      <div class="card">
        <h3>您家可以享受（{get.length}项）</h3>
        {get.length === 0 ? (
          <p>按您填的情况，暂时没有找到能确定享受的政策。</p>
        ) : (
          <ul class="compact">
            {get.map((r) => (
              <li>
                <strong>{r.title}</strong>
                {r.amount && (
                  <>
                    ：<span class="nowrap">{r.amount.text}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <h3>还要核实的</h3>
        <ul class="compact">
          {confirm && <li>金额和条件按现有文件算的，申请前请打电话问清现在的标准（电话见“怎么申请”）。</li>}
          {open.length > 0 && (
            <li>
              还有{open.length}项要看更多情况{missing.length > 0 ? `：${missing.join('、')}` : ''}。可以重新测一次补上，或直接问村里。
            </li>
          )}
          {!confirm && open.length === 0 && <li>没有要核实的。</li>}
        </ul>
      </div>
      <details>
        <summary>每一项的理由和怎么申请（{get.length + open.length}项）</summary>
        {[...get, ...open].map((r) => (
          <article class="card">
            <strong>{r.title}</strong>{' '}
            <span class={`tag ${r.status === 'eligible' ? 'ok' : 'warn'}`}>{r.status === 'eligible' ? '符合' : '可能符合，需核实'}</span>
            {r.amount && <p class="big">{r.amount.text}</p>}
            {r.reasons.map((x) => (
              <p>
                <Text text={x} />
              </p>
            ))}
            <p class="muted">
              怎么申请：
              <Text text={r.apply} />
            </p>
          </article>
        ))}
      </details>
      {no.length > 0 && (
        <details>
          <summary>不符合的（{no.length}项）</summary>
          {no.map((r) => (
            <article class="card">
              <strong>{r.title}</strong>
              {r.reasons.map((x) => (
                <p>
                  <Text text={x} />
                </p>
              ))}
            </article>
          ))}
        </details>
      )}
      <details>
        <summary>按什么判断的</summary>
        <div class="card">
          {report.classification.reasons.map((r) => (
            <p>
              <Text text={r} />
            </p>
          ))}
          <p class="muted">
            按{report.region}
            {report.demo ? '（演示用，借用其他地方的标准）' : ''}、{report.date}有效的文件。
          </p>
        </div>
      </details>
      <div class="row" style="margin-top:16px">
        <button type="button" onClick={again}>
          重新测一次
        </button>
      </div>
    </section>
  )
}
