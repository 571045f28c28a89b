import { useEffect, useState } from 'preact/hooks'
import { api, failure } from '../api.ts'
import { ErrorBox, FieldError, Loading, invalid, passes, useTask, type FieldErrors } from '../ui.tsx'
import { Text, shanghaiTime } from '../text.tsx'

export type History = { at: string; to: string; actor: { label: string }; note?: string | null | undefined }[]
type Shown = {
  ticket: string
  category: string
  status: string
  place: { town: string; village?: string | null }
  overdue: boolean
  history: History
}

const TICKET = /^FK-\d{4}-\d{6,}$/

/** 查进度: by ticket and query code. Opened from 我要反映 with both, it shows the status straight away. */
export function TrackPage({ params }: { params: URLSearchParams }) {
  const [ticket, setTicket] = useState(params.get('ticket') ?? '')
  const [code, setCode] = useState(params.get('code') ?? '')
  const [shown, setShown] = useState<Shown | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const task = useTask()

  const look = () => {
    const t = ticket.trim().toUpperCase()
    const found = {
      ticket: !t ? '请填写受理编号。' : TICKET.test(t) ? undefined : '受理编号的格式是 FK-年份-六位数字，比如 FK-2026-000123。',
      code: code.trim() ? undefined : '请填写查询码（提交时显示的8位字母和数字）。',
    }
    setErrors(found)
    if (!passes(found)) return
    void task.run(async () => {
      setShown(null)
      const res = await api.reports[':ticket'].$get({ param: { ticket: t }, query: { code: code.trim() } })
      if (!res.ok) throw await failure(res)
      setShown((await res.json()) as Shown)
    })
  }
  useEffect(() => {
    if (params.get('ticket') && params.get('code')) look()
  }, [])

  return (
    <>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          look()
        }}
      >
        <label for="ticket">受理编号</label>
        <input
          id="ticket"
          type="text"
          value={ticket}
          onInput={(e) => setTicket(e.currentTarget.value)}
          placeholder="FK-2026-000123"
          autoComplete="off"
          {...invalid('ticket', errors)}
        />
        <FieldError id="ticket" errors={errors} />
        <label for="code">查询码</label>
        <input
          id="code"
          type="text"
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
          placeholder="8位字母和数字"
          autoComplete="off"
          {...invalid('code', errors)}
        />
        <FieldError id="code" errors={errors} />
        <div class="row" style="margin-top:16px">
          <button type="submit" disabled={task.busy}>
            查一查
          </button>
        </div>
      </form>
      {task.busy && <Loading label="正在查…" />}
      <ErrorBox error={task.error} />
      {shown && (
        <section class="card" aria-live="polite">
          <h3>
            <span class="nowrap">{shown.ticket}</span>：<span data-testid="status">{shown.status}</span>
            {shown.overdue && <span class="tag warn">已超期</span>}
          </h3>
          <p>
            {shown.category}，{shown.place.town}
            {shown.place.village ?? ''}
          </p>
          <Timeline history={shown.history} />
          {shown.status === '已办结' && <Feedback ticket={shown.ticket} code={code.trim()} done={(r) => setShown(r)} />}
          {shown.status === '已销号' && <p class="success">这件事已经销号。如果还有问题，可以再反映，或打县扶贫办电话。</p>}
        </section>
      )}
    </>
  )
}

/** What happened, when (the county's time, whatever the phone's time zone) and by whom. */
export function Timeline({ history }: { history: History }) {
  return (
    <ol class="timeline">
      {history.map((h) => (
        <li>
          <strong>{h.to}</strong>{' '}
          <span class="muted">
            {shanghaiTime(h.at)} {h.actor.label}
          </span>
          {h.note ? (
            <div>
              <Text text={h.note} />
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  )
}

/** After 办结 the reporter says whether it is solved: 满意 closes it (销号), 不满意 sends it back to be handled again. */
function Feedback({ ticket, code, done }: { ticket: string; code: string; done: (r: Shown) => void }) {
  const [note, setNote] = useState('')
  const task = useTask()
  const send = (satisfied: boolean) =>
    task.run(async () => {
      const res = await api.reports[':ticket'].feedback.$post({
        param: { ticket },
        json: { code, satisfied, ...(note.trim() ? { note: note.trim() } : {}) },
      })
      if (!res.ok) throw await failure(res)
      done((await res.json()) as Shown)
    })
  return (
    <div class="notice">
      <p>
        <strong>已经办结了。您对办理结果满意吗？</strong>
      </p>
      <p class="muted">满意就销号；不满意会重新办理。</p>
      <label for="feedback-note">想说的话（可以不填）</label>
      <textarea id="feedback-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} maxLength={500} style="min-height:72px" />
      <div class="row" style="margin-top:8px">
        <button type="button" disabled={task.busy} onClick={() => void send(true)}>
          满意
        </button>
        <button type="button" class="secondary" disabled={task.busy} onClick={() => void send(false)}>
          不满意
        </button>
      </div>
      {task.busy && <Loading label="正在提交…" />}
      <ErrorBox error={task.error} />
    </div>
  )
}
