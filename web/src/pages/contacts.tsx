import { useEffect, useState } from 'preact/hooks'
import { api, failure } from '../api.ts'
import { Contact, ErrorBox, Loading, useTask } from '../ui.tsx'
import { useTowns } from './places.ts'

type Found = { notice: string | null; contacts: Parameters<typeof Contact>[0]['c'][] }

export function ContactsPage() {
  const towns = useTowns()
  const [town, setTown] = useState('')
  const [village, setVillage] = useState('')
  const [q, setQ] = useState('')
  const [found, setFound] = useState<Found | null>(null)
  const task = useTask()

  const search = () =>
    task.run(async () => {
      const res = await api.contacts.$get({
        query: { ...(q.trim() ? { q: q.trim() } : {}), ...(town ? { town } : {}), ...(village ? { village } : {}) },
      })
      if (!res.ok) throw await failure(res)
      setFound(await res.json())
    })
  useEffect(() => {
    void search()
  }, [town, village])

  return (
    <>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void search()
        }}
      >
        <label for="town">乡镇</label>
        <select
          id="town"
          value={town}
          onChange={(e) => {
            setTown(e.currentTarget.value)
            setVillage('')
          }}
        >
          <option value="">全县</option>
          {towns.map((t) => (
            <option value={t.name}>{t.name}</option>
          ))}
        </select>
        <label for="village">村</label>
        <select id="village" value={village} onChange={(e) => setVillage(e.currentTarget.value)} disabled={!town}>
          <option value="">全部</option>
          {(towns.find((t) => t.name === town)?.villages ?? []).map((v) => (
            <option value={v}>{v}</option>
          ))}
        </select>
        <label for="cq">要办的事或部门（可以不填）</label>
        <input id="cq" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder="比如：危房改造" maxLength={100} />
        <div class="row" style="margin-top:12px">
          <button type="submit" disabled={task.busy}>
            找
          </button>
        </div>
      </form>
      {task.busy && <Loading />}
      <ErrorBox error={task.error} />
      {found && (
        <section aria-live="polite">
          {found.notice && <p class="notice">{found.notice}</p>}
          {found.contacts.length === 0 ? (
            <p>没有找到，请换个说法，或打县扶贫办电话。</p>
          ) : (
            <ul class="plain">
              {found.contacts.map((c) => (
                <Contact c={c} />
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  )
}
