import { useState } from 'preact/hooks'
import { api, failure } from '../api.ts'
import { Contact, ErrorBox, Loading, RichText, useTask } from '../ui.tsx'

// `display` is the quote as people read it (Simplified, no pinyin or mojibake, "…" where cut); `quote` is the
// verbatim seed text, shown only if a server too old to send `display` answers.
type Answer = { title: string; text: string; region: string; year: number; sources: { title: string; quote: string; display?: string }[]; contacts: Parameters<typeof Contact>[0]['c'][] }
type Shown = { answer: Answer | null; related: { id: string; title: string }[]; fallback: { message: string; hotline: Parameters<typeof Contact>[0]['c'] } | null; corrections: { typed: string; term: string }[] }

export function AskPage({ params }: { params: URLSearchParams }) {
  const [q, setQ] = useState(params.get('q') ?? '')
  const [shown, setShown] = useState<Shown | null>(null)
  const task = useTask()

  const ask = (question: string) => task.run(async () => {
    const res = await api.ask.$get({ query: { q: question } })
    if (!res.ok) throw await failure(res)
    const r = await res.json()
    setShown({ answer: r.answer, related: r.alternatives.map((a) => ({ id: a.policyId, title: a.title })), fallback: r.fallback, corrections: r.corrections })
  })
  const open = (id: string) => task.run(async () => {
    const res = await api.policies[':id'].$get({ param: { id } })
    if (!res.ok) throw await failure(res)
    const p = await res.json()
    setShown({ answer: p, related: p.related.map((r) => ({ id: r.id, title: r.title })), fallback: null, corrections: [] })
  })

  return (
    <>
      <form role="search" onSubmit={(e) => { e.preventDefault(); if (q.trim()) void ask(q.trim()) }}>
        <label for="q">您想问什么？用大白话说就行</label>
        <input id="q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder="比如：孩子上高职有补助吗" maxLength={200} />
        <div class="row" style="margin-top:10px"><button type="submit" disabled={task.busy}>问一问</button></div>
      </form>
      {task.busy && <Loading label="正在查找…" />}
      <ErrorBox error={task.error} />
      {shown && !task.busy && <Result shown={shown} open={open} />}
    </>
  )
}

function Result({ shown, open }: { shown: Shown; open: (id: string) => void }) {
  const { answer, related, fallback, corrections } = shown
  return (
    <section aria-live="polite">
      {corrections.length > 0 && <p class="muted">已按“{corrections.map((c) => c.term).join('、')}”理解您的问题。</p>}
      {answer ? (
        <article class="card">
          <h3>{answer.title}</h3>
          <RichText text={answer.text} />
          <p class="muted">适用：{answer.region}（{answer.year}年文件）</p>
          <h3>出处</h3>
          {answer.sources.map((s) => <p class="quote">《{s.title}》：{s.display ?? s.quote}</p>)}
          {answer.contacts.length > 0 && <><h3>咨询电话</h3><ul class="plain">{answer.contacts.map((c) => <Contact c={c} />)}</ul></>}
        </article>
      ) : (
        <div class="notice">
          <p>{fallback?.message ?? '没有找到能可靠回答这个问题的政策。'}</p>
          {fallback && <ul class="plain"><Contact c={fallback.hotline} /></ul>}
        </div>
      )}
      {related.length > 0 && (
        <>
          <h3>{answer ? '相关问题' : '您是不是想问'}</h3>
          <ul class="plain">{related.map((r) => <li><button class="linkish" type="button" onClick={() => open(r.id)}>{r.title}</button></li>)}</ul>
        </>
      )}
    </section>
  )
}
