import { useState } from 'preact/hooks'
import { api, failure } from '../api.ts'
import { brief } from '../../../bot/engine/text/brief.ts'
import { Contact, ErrorBox, FieldError, Loading, RichText, invalid, passes, useTask, type FieldErrors } from '../ui.tsx'
import { Text } from '../text.tsx'

type Answer = {
  title: string
  text: string
  region: string
  year: number
  sources: { title: string; display: string }[]
  contacts: ContactCard[]
}
type ContactCard = Parameters<typeof Contact>[0]['c']
type Tentative = { policyId: string; title: string; text: string; contacts: ContactCard[] }
type Shown = {
  answer: Answer | null
  tentative?: Tentative | null
  related: { id: string; title: string }[]
  fallback: { message: string; hotline: ContactCard } | null
  corrections: { typed: string; term: string }[]
  /** the question asked a sum the entry does not state: said first */
  unstated?: string | null
}

export function AskPage({ params }: { params: URLSearchParams }) {
  const [q, setQ] = useState(params.get('q') ?? '')
  const [shown, setShown] = useState<Shown | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const task = useTask()

  // Whatever was shown belongs to the last question: a new one (or a failed one) never leaves it on screen.
  const ask = (question: string) =>
    task.run(async () => {
      setShown(null)
      const elsewhere = await pageFor(question)
      if (elsewhere) {
        location.hash = elsewhere
        return
      }
      const res = await api.ask.$get({ query: { q: question } })
      if (!res.ok) throw await failure(res)
      const r = await res.json()
      setShown({
        answer: r.answer,
        tentative: r.tentative,
        related: r.alternatives.map((a) => ({ id: a.policyId, title: a.title })),
        fallback: r.fallback,
        corrections: r.corrections,
        unstated: r.unstated,
      })
    })
  const open = (id: string) =>
    task.run(async () => {
      setShown(null)
      const res = await api.policies[':id'].$get({ param: { id } })
      if (!res.ok) throw await failure(res)
      const p = await res.json()
      setShown({ answer: p, related: p.related.map((r) => ({ id: r.id, title: r.title })), fallback: null, corrections: [] })
    })

  return (
    <>
      <form
        role="search"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          const found = { q: q.trim() ? undefined : '请先写下您想问的问题，比如：孩子上高职有补助吗？' }
          setErrors(found)
          if (!passes(found)) {
            setShown(null)
            task.setError(null)
            return
          }
          void ask(q.trim())
        }}
      >
        <label for="q">您想问什么？用大白话说就行</label>
        <input
          id="q"
          type="search"
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
          placeholder="比如：孩子上高职有补助吗"
          maxLength={200}
          {...invalid('q', errors)}
        />
        <FieldError id="q" errors={errors} />
        <div class="row" style="margin-top:10px">
          <button type="submit" disabled={task.busy}>
            问一问
          </button>
        </div>
      </form>
      {task.busy && <Loading label="正在查找…" />}
      <ErrorBox error={task.error} />
      {shown && !task.busy && <Result shown={shown} open={open} />}
    </>
  )
}

/**
 * A message that is not a question goes to the page that does what it asks: a described problem to
 * 我要反映 with what it said filled in, 查进度, 政策自测, 联系人. Anything else is asked here.
 */
async function pageFor(text: string): Promise<string | null> {
  const res = await api.understand.$post({ json: { text } })
  if (!res.ok) return null
  const { intent, entities: e } = await res.json()
  const query = (fields: Record<string, string | undefined>) =>
    new URLSearchParams(Object.entries(fields).filter((f): f is [string, string] => !!f[1])).toString()
  switch (intent) {
    case 'report.describe':
      return `#/report?${query({ description: text, category: e.category, town: e.town, village: e.village })}`
    case 'report.request':
      return `#/report?${query({ category: e.category, town: e.town, village: e.village })}`
    case 'report.track':
    case 'report.feedback':
      return `#/track?${query({ ticket: e.ticket, code: e.code })}`
    case 'self_check':
      return '#/check'
    case 'contacts':
      return '#/contacts'
    default:
      return null
  }
}

function Contacts({ contacts }: { contacts: ContactCard[] }) {
  if (contacts.length === 0) return null
  return (
    <>
      <h3>咨询电话</h3>
      <ul class="plain">
        {contacts.map((c) => (
          <Contact c={c} />
        ))}
      </ul>
    </>
  )
}

function Result({ shown, open }: { shown: Shown; open: (id: string) => void }) {
  const { answer, tentative, related, fallback, corrections, unstated } = shown
  return (
    <section aria-live="polite">
      {corrections.length > 0 && <p class="muted">已按“{corrections.map((c) => c.term).join('、')}”理解您的问题。</p>}
      {answer ? (
        <article class="card">
          <h3>{answer.title}</h3>
          {unstated && <p class="unstated">{unstated}</p>}
          <RichText text={answer.text} />
          <p class="muted">
            适用：{answer.region}（{answer.year}年文件）
          </p>
          <h3>出处</h3>
          {answer.sources.map((s) => (
            <p class="quote">
              {s.title}：<Text text={s.display} />
            </p>
          ))}
          <Contacts contacts={answer.contacts} />
        </article>
      ) : tentative ? (
        <article class="card">
          <h3>您问的可能是【{tentative.title}】</h3>
          {unstated && <p class="unstated">{unstated}</p>}
          <p>{brief(tentative.text)}</p>
          {/* the note sends them to the phone: the offices that know the local sum */}
          {unstated && <Contacts contacts={tentative.contacts} />}
          <button class="linkish" type="button" onClick={() => open(tentative.policyId)}>
            看【{tentative.title}】全文
          </button>
          <p class="muted">不是这个？看看下面的，或者换个说法再问。</p>
        </article>
      ) : (
        <div class="notice">
          <p>
            <Text text={fallback?.message ?? '没有找到能可靠回答这个问题的政策。'} />
          </p>
          {fallback && (
            <ul class="plain">
              <Contact c={fallback.hotline} />
            </ul>
          )}
        </div>
      )}
      {related.length > 0 && (
        <>
          <h3>{answer ? '相关问题' : tentative ? '其他可能' : '您是不是想问'}</h3>
          <ul class="plain">
            {related.map((r) => (
              <li>
                <button class="linkish" type="button" onClick={() => open(r.id)}>
                  {r.title}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
