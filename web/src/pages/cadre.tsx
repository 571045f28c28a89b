import { useEffect, useState } from 'preact/hooks'
import { api, failure, token } from '../api.ts'
import { ErrorBox, Loading, useTask } from '../ui.tsx'

type Me = { kind: string; name?: string | undefined; role?: string | undefined; town?: string | undefined; villages?: string[] | undefined }

/** 干部: sign in with the token the county office issued; then my households, one household, log a visit, reports in my area. */
export function CadrePage() {
  const [me, setMe] = useState<Me | null>(null)
  const task = useTask()
  const check = () => task.run(async () => {
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
  useEffect(() => { if (token.get()) void check() }, [])

  if (task.busy && !me) return <Loading />
  if (!me) return <SignIn error={task.error} onToken={(t) => { token.set(t); void check() }} />
  return (
    <>
      <p>{me.kind === 'admin' ? '县扶贫办管理员' : `${me.town}${me.role}${me.name}`} <button class="secondary" type="button" onClick={() => { token.clear(); setMe(null) }}>退出</button></p>
      <Households />
      <AreaReports />
    </>
  )
}

function SignIn({ error, onToken }: { error: Error | null; onToken: (t: string) => void }) {
  const [value, setValue] = useState('')
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (value.trim()) onToken(value.trim()) }}>
      <p class="muted">帮扶干部、第一书记、乡镇扶贫专干用县扶贫办发的令牌登录，只能看到分给自己的户。</p>
      <label for="token">干部令牌</label>
      <input id="token" type="password" value={value} onInput={(e) => setValue(e.currentTarget.value)} autoComplete="off" />
      <div class="row" style="margin-top:12px"><button type="submit">登录</button></div>
      <ErrorBox error={error} />
    </form>
  )
}

type Summary = { id: string; headName: string; village: string; status: string; lastVisit: string | null; visitsThisYear: number; visitDue: boolean; alerts: string[] }
const FILTERS = [['全部', {}], ['该走访', { due: 'true' }], ['有预警', { alert: 'true' }]] as const

function Households() {
  const [filter, setFilter] = useState(0)
  const [list, setList] = useState<{ total: number; households: Summary[] } | null>(null)
  const [open, setOpen] = useState<string | null>(null)
  const task = useTask()
  const load = () => task.run(async () => {
    const res = await api.households.$get({ query: { ...FILTERS[filter]![1], limit: '200' } })
    if (!res.ok) throw await failure(res)
    setList(await res.json())
  })
  useEffect(() => { void load() }, [filter])

  if (open) return <Detail id={open} back={() => { setOpen(null); void load() }} />
  return (
    <section>
      <h3>我的帮扶户</h3>
      <div class="row" role="group" aria-label="筛选">
        {FILTERS.map(([label], i) => <button type="button" class={i === filter ? '' : 'secondary'} aria-pressed={i === filter} onClick={() => setFilter(i)}>{label}</button>)}
      </div>
      {task.busy && <Loading />}
      <ErrorBox error={task.error} />
      {list && (
        <ul class="plain" data-testid="households">
          {list.households.length === 0 && <li>没有。</li>}
          {list.households.map((h) => (
            <li class="card">
              <button class="linkish" type="button" onClick={() => setOpen(h.id)}>{h.headName}户 {h.id}</button>
              <div>{h.village} <span class="tag">{h.status}</span>{h.visitDue && <span class="tag warn">该走访</span>}{h.alerts.length > 0 && <span class="tag warn">预警 {h.alerts.length}</span>}</div>
              <div class="muted">{h.lastVisit ? `上次走访 ${h.lastVisit}，今年 ${h.visitsThisYear} 次` : '还没有走访记录'}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

type Detail = Summary & { town: string; idNumber: string; phone: string | null; size: number; members: { name: string; relationship: string; age: number; health: string; schooling: string; work: string }[]; incomes: { year: number; perCapita: number }[]; causes: string[]; measures: string[]; visitReasons: string[]; visits: { date: string; by: string; note: string }[]; demo: boolean }

function Detail({ id, back }: { id: string; back: () => void }) {
  const [h, setH] = useState<Detail | null>(null)
  const [note, setNote] = useState('')
  const [saved, setSaved] = useState('')
  const task = useTask()
  const load = () => task.run(async () => {
    const res = await api.households[':id'].$get({ param: { id } })
    if (!res.ok) throw await failure(res)
    setH(await res.json())
  })
  useEffect(() => { void load() }, [id])
  const visit = () => task.run(async () => {
    const res = await api.households[':id'].visits.$post({ param: { id }, json: { note } })
    if (!res.ok) throw await failure(res)
    const done = await res.json()
    setSaved(`已记录 ${done.visit.date} 的走访，今年第 ${done.visitsThisYear} 次。`)
    setNote('')
    await load()
  })

  return (
    <section>
      <button class="secondary" type="button" onClick={back}>← 返回名单</button>
      {task.busy && !h && <Loading />}
      <ErrorBox error={task.error} />
      {h && (
        <article class="card">
          <h3>{h.headName}户 {h.id}{h.demo && <span class="tag warn">演示数据</span>}</h3>
          <p>{h.town}{h.village}｜{h.status}｜{h.size}口人</p>
          <p>身份证：<span data-testid="id-number">{h.idNumber}</span>{h.phone && <>｜电话：{h.phone}</>}</p>
          <p>人均纯收入：{h.incomes.map((i) => `${i.year}年 ${i.perCapita}元`).join('，') || '无记录'}</p>
          <p>致贫原因：{h.causes.join('、') || '无'}；帮扶措施：{h.measures.join('、') || '无'}</p>
          <h3>家庭成员</h3>
          <ul>{h.members.map((m) => <li>{m.name}（{m.relationship}，{m.age}岁，{m.health}，{m.schooling}，{m.work}）</li>)}</ul>
          {h.alerts.length > 0 && <div class="notice"><strong>返贫监测预警</strong><ul>{h.alerts.map((a) => <li>{a}</li>)}</ul></div>}
          {h.visitDue && <p class="muted">该走访了：{h.visitReasons.join('；')}</p>}
          <h3>走访记录</h3>
          {h.visits.length === 0 ? <p>还没有。</p> : <ul>{h.visits.map((v) => <li>{v.date} {v.by}：{v.note}</li>)}</ul>}
          <form onSubmit={(e) => { e.preventDefault(); void visit() }}>
            <label for="note">记一次走访（今天）</label>
            <textarea id="note" value={note} onInput={(e) => setNote(e.currentTarget.value)} maxLength={500} placeholder="看到了什么、解决了什么" />
            <div class="row" style="margin-top:8px"><button type="submit" disabled={task.busy || note.trim().length < 2}>保存走访</button></div>
          </form>
          {saved && <p class="success" role="status">{saved}</p>}
        </article>
      )}
    </section>
  )
}

function AreaReports() {
  const [reports, setReports] = useState<{ ticket: string; category: string; status: string; place: { town: string; village?: string | null }; overdue: boolean }[] | null>(null)
  const task = useTask()
  useEffect(() => {
    void task.run(async () => {
      const res = await api.reports.$get({ query: {} })
      if (!res.ok) throw await failure(res)
      setReports((await res.json()).reports)
    })
  }, [])
  return (
    <section>
      <h3>本辖区群众反映的问题</h3>
      {task.busy && <Loading />}
      <ErrorBox error={task.error} />
      {reports && (reports.length === 0 ? <p>没有。</p> : (
        <ul class="plain">{reports.map((r) => <li class="card"><strong>{r.ticket}</strong> {r.category} <span class="tag">{r.status}</span>{r.overdue && <span class="tag warn">超期</span>}<div class="muted">{r.place.town}{r.place.village ?? ''}</div></li>)}</ul>
      ))}
    </section>
  )
}
