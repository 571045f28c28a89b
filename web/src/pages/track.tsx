import { useState } from 'preact/hooks'
import { api, failure } from '../api.ts'
import { ErrorBox, Loading, useTask } from '../ui.tsx'

type Shown = { ticket: string; category: string; status: string; place: { town: string; village?: string | null }; overdue: boolean; history: { at: string; to: string; actor: { label: string }; note?: string | null | undefined }[] }

export function TrackPage({ params }: { params: URLSearchParams }) {
  const [ticket, setTicket] = useState(params.get('ticket') ?? '')
  const [code, setCode] = useState('')
  const [shown, setShown] = useState<Shown | null>(null)
  const task = useTask()

  const look = () => task.run(async () => {
    setShown(null)
    const t = ticket.trim().toUpperCase()
    if (!/^FK-\d{4}-\d{6,}$/.test(t)) throw new Error('受理编号的格式是 FK-年份-六位数字，比如 FK-2026-000123。')
    const res = await api.reports[':ticket'].$get({ param: { ticket: t }, query: { code: code.trim() } })
    if (!res.ok) throw await failure(res)
    setShown(await res.json() as Shown)
  })

  return (
    <>
      <form onSubmit={(e) => { e.preventDefault(); void look() }}>
        <label for="ticket">受理编号</label>
        <input id="ticket" type="text" value={ticket} onInput={(e) => setTicket(e.currentTarget.value)} placeholder="FK-2026-000123" autoComplete="off" />
        <label for="code">查询码</label>
        <input id="code" type="text" value={code} onInput={(e) => setCode(e.currentTarget.value)} placeholder="8位字母和数字" autoComplete="off" />
        <div class="row" style="margin-top:16px"><button type="submit" disabled={task.busy}>查一查</button></div>
      </form>
      {task.busy && <Loading label="正在查…" />}
      <ErrorBox error={task.error} />
      {shown && (
        <section class="card" aria-live="polite">
          <h3>{shown.ticket}：<span data-testid="status">{shown.status}</span>{shown.overdue && <span class="tag warn">已超期</span>}</h3>
          <p>{shown.category}，{shown.place.town}{shown.place.village ?? ''}</p>
          <ol class="timeline">
            {shown.history.map((h) => <li><strong>{h.to}</strong> <span class="muted">{h.at.slice(0, 16).replace('T', ' ')} {h.actor.label}</span>{h.note ? <div>{h.note}</div> : null}</li>)}
          </ol>
        </section>
      )}
    </>
  )
}
