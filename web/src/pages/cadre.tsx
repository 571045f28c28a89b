import { useEffect, useRef, useState } from 'preact/hooks'
import { api, failure, token } from '../api.ts'
import { ErrorBox, FieldError, Loading, invalid, passes, useTask, type FieldErrors } from '../ui.tsx'
import { Text, shanghaiTime } from '../text.tsx'
import { plainWords } from '../../../bot/engine/text/plain-words.ts'
import { Timeline, type History } from './track.tsx'

type Me = { kind: string; name?: string | undefined; role?: string | undefined; town?: string | undefined; villages?: string[] | undefined }

/** Lists come a page at a time, with the total: nothing is cut off silently. */
const PAGE = 20

/** 干部: sign in with the binding code or the token the county office issued; then households, one household, log a visit, reports in the area. */
export function CadrePage() {
  const [me, setMe] = useState<Me | null>(null)
  const task = useTask()
  const check = () =>
    task.run(async () => {
      const res = await api.me.$get()
      if (!res.ok) {
        token.clear()
        throw await failure(res)
      }
      const who = await res.json()
      if (who.kind !== 'cadre' && who.kind !== 'admin') {
        token.clear()
        setMe(null)
        if (who.kind !== 'public') throw new Error('这个令牌不是干部的令牌。')
        return
      }
      setMe(who)
    })
  useEffect(() => {
    if (token.get()) void check()
  }, [])

  if (task.busy && !me) return <Loading />
  if (!me)
    return (
      <SignIn
        error={task.error}
        onToken={(t) => {
          token.set(t)
          void check()
        }}
      />
    )
  const admin = me.kind === 'admin'
  return (
    <>
      <p>
        {admin ? '县扶贫办管理员' : `${me.town}${me.role}${me.name}`}{' '}
        <button
          class="secondary"
          type="button"
          onClick={() => {
            token.clear()
            setMe(null)
          }}
        >
          退出
        </button>
      </p>
      <Households admin={admin} />
      <AreaReports admin={admin} />
    </>
  )
}

/** The 6-digit binding code (the same one the bot takes as "绑定 123456"), or a token. */
export function SignIn({ error, onToken }: { error: Error | null; onToken: (t: string) => void }) {
  const [code, setCode] = useState('')
  const [value, setValue] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const task = useTask()
  const submit = () => {
    const c = code.trim()
    const found = {
      'binding-code': c
        ? /^\d{6}$/.test(c)
          ? undefined
          : '绑定码是6位数字，请核对一下。'
        : value.trim()
          ? undefined
          : '请填县扶贫办发的6位绑定码，或者干部令牌。',
    }
    setErrors(found)
    if (!passes(found)) return
    if (!c) return onToken(value.trim())
    void task.run(async () => {
      const res = await api['sign-in'].$post({ json: { bindingCode: c } })
      if (!res.ok) throw await failure(res)
      onToken((await res.json()).token)
    })
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <p class="muted">帮扶干部、第一书记、乡镇扶贫专干用县扶贫办发的绑定码（或令牌）登录，只能看到分给自己的户。</p>
      <label for="binding-code">6位绑定码</label>
      <input
        id="binding-code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={code}
        onInput={(e) => setCode(e.currentTarget.value)}
        {...invalid('binding-code', errors)}
      />
      <FieldError id="binding-code" errors={errors} />
      <label for="token">或者填干部令牌</label>
      <input id="token" type="password" value={value} onInput={(e) => setValue(e.currentTarget.value)} autoComplete="off" />
      <div class="row" style="margin-top:12px">
        <button type="submit" disabled={task.busy}>
          登录
        </button>
      </div>
      {task.busy && <Loading label="正在登录…" />}
      <ErrorBox error={task.error ?? error} />
    </form>
  )
}

/** 上一页 / 下一页 with where we are and how many there are in all. */
function Pager({
  offset,
  shown,
  total,
  unit,
  go,
}: {
  offset: number
  shown: number
  total: number
  unit: string
  go: (offset: number) => void
}) {
  return (
    <div class="pager">
      <p data-testid="total">
        共 {total} {unit}
        {total > 0 ? `，这是第 ${offset + 1}–${offset + shown} ${unit}` : ''}
      </p>
      {total > PAGE && (
        <div class="row">
          <button type="button" class="secondary" disabled={offset === 0} onClick={() => go(Math.max(0, offset - PAGE))}>
            上一页
          </button>
          <button type="button" class="secondary" disabled={offset + shown >= total} onClick={() => go(offset + PAGE)}>
            下一页
          </button>
        </div>
      )}
    </div>
  )
}

type Summary = {
  id: string
  headName: string
  village: string
  status: string
  lastVisit: string | null
  visitsThisYear: number
  visitDue: boolean
  alerts: string[]
}
const FILTERS = [
  ['全部', {}],
  ['该走访', { due: 'true' }],
  ['有预警', { alert: 'true' }],
] as const

function Households({ admin }: { admin: boolean }) {
  const [filter, setFilter] = useState(0)
  const [typed, setTyped] = useState('')
  const [name, setName] = useState('')
  const [offset, setOffset] = useState(0)
  const [list, setList] = useState<{ total: number; households: Summary[] } | null>(null)
  const [open, setOpen] = useState<string | null>(null)
  const task = useTask()
  const load = () =>
    task.run(async () => {
      const res = await api.households.$get({
        query: { ...FILTERS[filter]![1], ...(name ? { name } : {}), limit: String(PAGE), offset: String(offset) },
      })
      if (!res.ok) throw await failure(res)
      setList(await res.json())
    })
  useEffect(() => {
    void load()
  }, [filter, name, offset])

  if (open)
    return (
      <Detail
        id={open}
        back={() => {
          setOpen(null)
          void load()
        }}
      />
    )
  return (
    <section>
      <h3>{admin ? '全县住户' : '我的帮扶户'}</h3>
      <form
        class="row"
        role="search"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          setOffset(0)
          setName(typed.trim())
        }}
      >
        <label for="hh-name" class="sr-only">
          户主姓名
        </label>
        <input
          id="hh-name"
          type="search"
          placeholder="户主姓名"
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
          maxLength={20}
          style="flex:1 1 60%"
        />
        <button type="submit" class="secondary" style="flex:0 0 auto">
          搜索
        </button>
      </form>
      <div class="row" role="group" aria-label="筛选" style="margin-top:8px">
        {FILTERS.map(([label], i) => (
          <button
            type="button"
            class={i === filter ? '' : 'secondary'}
            aria-pressed={i === filter}
            onClick={() => {
              setOffset(0)
              setFilter(i)
            }}
          >
            {label}
          </button>
        ))}
      </div>
      {task.busy && <Loading />}
      <ErrorBox error={task.error} />
      {list && (
        <>
          <Pager offset={offset} shown={list.households.length} total={list.total} unit="户" go={setOffset} />
          <ul class="plain" data-testid="households">
            {list.households.length === 0 && <li>{name ? `没有户主姓名含“${name}”的户。` : '没有。'}</li>}
            {list.households.map((h) => (
              <li class="card">
                <button class="linkish" type="button" onClick={() => setOpen(h.id)}>
                  {h.headName}户 {h.id}
                </button>
                <div>
                  {h.village} <span class="tag">{h.status}</span>
                  {h.visitDue && <span class="tag warn">该走访</span>}
                  {h.alerts.length > 0 && <span class="tag warn">预警 {h.alerts.length}</span>}
                </div>
                <div class="muted">{h.lastVisit ? `上次走访 ${h.lastVisit}，今年 ${h.visitsThisYear} 次` : '还没有走访记录'}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

type Detail = Summary & {
  town: string
  idNumber: string
  phone: string | null
  size: number
  members: { name: string; relationship: string; age: number; health: string; schooling: string; work: string }[]
  incomes: { year: number; perCapita: number }[]
  causes: string[]
  measures: string[]
  visitReasons: string[]
  visits: { date: string; by: string; note: string }[]
  demo: boolean
}

function Detail({ id, back }: { id: string; back: () => void }) {
  const [h, setH] = useState<Detail | null>(null)
  const [note, setNote] = useState('')
  const [saved, setSaved] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const task = useTask()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (h) heading.current?.focus()
  }, [h?.id])
  const load = () =>
    task.run(async () => {
      const res = await api.households[':id'].$get({ param: { id } })
      if (!res.ok) throw await failure(res)
      setH(await res.json())
    })
  useEffect(() => {
    void load()
  }, [id])
  const visit = () => {
    const found = { note: note.trim().length >= 2 ? undefined : '请写一句走访情况（至少2个字）。' }
    setErrors(found)
    if (!passes(found)) return
    void task.run(async () => {
      const res = await api.households[':id'].visits.$post({ param: { id }, json: { note } })
      if (!res.ok) throw await failure(res)
      const done = await res.json()
      setSaved(`已记录 ${done.visit.date} 的走访，今年第 ${done.visitsThisYear} 次。`)
      setNote('')
      await load()
    })
  }

  return (
    <section>
      <button class="secondary" type="button" onClick={back}>
        ← 返回名单
      </button>
      {task.busy && !h && <Loading />}
      <ErrorBox error={task.error} />
      {h && (
        <article class="card">
          <h3 tabIndex={-1} ref={heading}>
            {h.headName}户 {h.id}
            {h.demo && <span class="tag warn">演示数据</span>}
          </h3>
          <p>
            {h.town}
            {h.village}｜{h.status}｜{h.size}口人
          </p>
          <p>
            身份证：<span data-testid="id-number">{h.idNumber}</span>
            {h.phone && (
              <>
                ｜电话：
                <Text text={h.phone} />
              </>
            )}
          </p>
          <p>人均纯收入：{h.incomes.map((i) => `${i.year}年 ${i.perCapita}元`).join('，') || '无记录'}</p>
          <p>
            致贫原因：{h.causes.join('、') || '无'}；帮扶措施：{h.measures.join('、') || '无'}
          </p>
          <h3>家庭成员</h3>
          <ul>
            {h.members.map((m) => (
              <li>
                {m.name}（{m.relationship}，{m.age}岁，{m.health}，{m.schooling}，{m.work}）
              </li>
            ))}
          </ul>
          {h.alerts.length > 0 && (
            <div class="notice">
              <strong>返贫监测预警</strong>
              <ul>
                {h.alerts.map((a) => (
                  <li>
                    <Text text={a} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          {h.visitDue && <p class="muted">该走访了：{plainWords(h.visitReasons.join('；'))}</p>}
          <h3>走访记录</h3>
          {h.visits.length === 0 ? (
            <p>还没有。</p>
          ) : (
            <ul>
              {h.visits.map((v) => (
                <li>
                  {v.date} {v.by}：{v.note}
                </li>
              ))}
            </ul>
          )}
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault()
              visit()
            }}
          >
            <label for="note">记一次走访（今天）</label>
            <textarea
              id="note"
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
              maxLength={500}
              placeholder="看到了什么、解决了什么"
              {...invalid('note', errors)}
            />
            <FieldError id="note" errors={errors} />
            <div class="row" style="margin-top:8px">
              <button type="submit" disabled={task.busy}>
                保存走访
              </button>
            </div>
          </form>
          {saved && (
            <p class="success" role="status">
              {saved}
            </p>
          )}
        </article>
      )}
    </section>
  )
}

const STATUSES = ['待受理', '已受理', '办理中', '已办结', '已销号', '不予受理'] as const
const REASONS = ['不属于职责', '重复', '无法核实'] as const
type Report = {
  ticket: string
  category: string
  description: string
  status: string
  assignee: string | null
  place: { town: string; village?: string | null }
  overdue: boolean
  createdAt: string
  history: History
}

function AreaReports({ admin }: { admin: boolean }) {
  const [status, setStatus] = useState('')
  const [offset, setOffset] = useState(0)
  const [list, setList] = useState<{ total: number; reports: Report[] } | null>(null)
  const [open, setOpen] = useState<string | null>(null)
  const task = useTask()
  const load = () =>
    task.run(async () => {
      const res = await api.reports.$get({
        query: { ...(status ? { status: status as (typeof STATUSES)[number] } : {}), limit: String(PAGE), offset: String(offset) },
      })
      if (!res.ok) throw await failure(res)
      setList(await res.json())
    })
  useEffect(() => {
    void load()
  }, [status, offset])

  const report = open && list?.reports.find((r) => r.ticket === open)
  if (report)
    return (
      <ReportDetail
        report={report}
        admin={admin}
        back={() => {
          setOpen(null)
          void load()
        }}
      />
    )
  return (
    <section>
      <h3>{admin ? '全县群众反映的问题' : '本辖区群众反映的问题'}</h3>
      <label for="report-status">按状态看</label>
      <select
        id="report-status"
        value={status}
        onChange={(e) => {
          setOffset(0)
          setStatus(e.currentTarget.value)
        }}
      >
        <option value="">全部</option>
        {STATUSES.map((s) => (
          <option value={s}>{s}</option>
        ))}
      </select>
      {task.busy && <Loading />}
      <ErrorBox error={task.error} />
      {list && (
        <>
          <Pager offset={offset} shown={list.reports.length} total={list.total} unit="件" go={setOffset} />
          {list.reports.length === 0 ? (
            <p>没有。</p>
          ) : (
            <ul class="plain" data-testid="reports">
              {list.reports.map((r) => (
                <li class="card">
                  <button class="linkish" type="button" onClick={() => setOpen(r.ticket)}>
                    <span class="nowrap">{r.ticket}</span> {r.category}
                  </button>
                  <div>
                    <span class="tag">{r.status}</span>
                    {r.overdue && <span class="tag warn">超期</span>}
                    {r.place.town}
                    {r.place.village ?? ''}
                  </div>
                  <div class="muted">{shanghaiTime(r.createdAt)} 反映</div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}

type Act = 'accept' | 'refuse' | 'start' | 'resolve' | 'confirm' | 'reopen'
const ACT_LABEL: Record<Act, string> = {
  accept: '受理',
  start: '开始办理',
  resolve: '办结',
  refuse: '不予受理',
  confirm: '确认销号',
  reopen: '重新办理',
}

/** What may be done next, by the workflow (api/domain/reports/workflow.ts); 确认销号 and 重新办理 are the reporter's or the admin's. */
function actionsFor(status: string, admin: boolean): Act[] {
  switch (status) {
    case '待受理':
      return ['accept', 'refuse']
    case '已受理':
      return ['start', 'refuse']
    case '办理中':
      return ['resolve']
    case '已办结':
      return admin ? ['confirm', 'reopen'] : []
    case '已销号':
      return admin ? ['reopen'] : []
    default:
      return []
  }
}

function ReportDetail({ report, admin, back }: { report: Report; admin: boolean; back: () => void }) {
  const [r, setR] = useState(report)
  const [note, setNote] = useState('')
  const [reason, setReason] = useState('')
  const [done, setDone] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const task = useTask()
  const heading = useRef<HTMLHeadingElement>(null)
  // opened from the list below the households: bring it to the eye (and to the screen reader)
  useEffect(() => {
    heading.current?.focus()
    heading.current?.scrollIntoView({ block: 'start' })
  }, [])
  const actions = actionsFor(r.status, admin)
  const act = (action: Act) => {
    setDone('')
    const found: FieldErrors = {
      'report-note': action === 'resolve' && !note.trim() ? '办结要写明办理结果，会告诉反映人。' : undefined,
      'report-reason': action === 'refuse' && !reason ? '不予受理要选一个理由。' : undefined,
    }
    setErrors(found)
    if (!passes(found)) return
    void task.run(async () => {
      const res = await api.reports[':ticket'].actions.$post({
        param: { ticket: r.ticket },
        json: {
          action,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(action === 'refuse' ? { reason: reason as (typeof REASONS)[number] } : {}),
        },
      })
      if (!res.ok) throw await failure(res)
      setR((await res.json()) as Report)
      setDone(`已${ACT_LABEL[action]}。`)
      setNote('')
      setReason('')
    })
  }
  return (
    <section>
      <button class="secondary" type="button" onClick={back}>
        ← 返回问题清单
      </button>
      <article class="card">
        <h3 tabIndex={-1} ref={heading}>
          <span class="nowrap">{r.ticket}</span>：<span data-testid="report-status">{r.status}</span>
          {r.overdue && <span class="tag warn">超期</span>}
        </h3>
        <p>
          {r.category}，{r.place.town}
          {r.place.village ?? ''}
          {r.assignee ? `；办理单位：${r.assignee}` : ''}
        </p>
        <p>
          <Text text={r.description} />
        </p>
        <Timeline history={r.history} />
        {actions.length > 0 ? (
          <form noValidate onSubmit={(e) => e.preventDefault()}>
            <label for="report-note">说明（办结时写办理结果，会告诉反映人）</label>
            <textarea
              id="report-note"
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
              maxLength={500}
              style="min-height:72px"
              {...invalid('report-note', errors)}
            />
            <FieldError id="report-note" errors={errors} />
            {actions.includes('refuse') && (
              <>
                <label for="report-reason">不予受理的理由</label>
                <select
                  id="report-reason"
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  {...invalid('report-reason', errors)}
                >
                  <option value="">（受理的话不用选）</option>
                  {REASONS.map((x) => (
                    <option value={x}>{x}</option>
                  ))}
                </select>
                <FieldError id="report-reason" errors={errors} />
              </>
            )}
            <div class="row" style="margin-top:8px">
              {actions.map((a, i) => (
                <button type="button" class={i === 0 ? '' : 'secondary'} disabled={task.busy} onClick={() => act(a)}>
                  {ACT_LABEL[a]}
                </button>
              ))}
            </div>
          </form>
        ) : (
          <p class="muted">{r.status === '已办结' ? '等反映人评价：满意就销号。' : '这件事现在不需要您办理。'}</p>
        )}
        {task.busy && <Loading label="正在提交…" />}
        <ErrorBox error={task.error} />
        {done && (
          <p class="success" role="status">
            {done}
          </p>
        )}
      </article>
    </section>
  )
}
