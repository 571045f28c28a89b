import { useState } from 'preact/hooks'
import { api, failure } from '../api.ts'
import { ErrorBox, Loading, useTask } from '../ui.tsx'
import { REPORT_CATEGORIES } from '../../../api/domain/reports/categories.ts'
import { useTowns } from './places.ts'

type Filed = { ticket: string; code: string; message: string }

export function ReportPage() {
  const towns = useTowns()
  const [category, setCategory] = useState<(typeof REPORT_CATEGORIES)[number] | ''>('')
  const [description, setDescription] = useState('')
  const [town, setTown] = useState('')
  const [village, setVillage] = useState('')
  const [anonymous, setAnonymous] = useState(true)
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [filed, setFiled] = useState<Filed | null>(null)
  const task = useTask()

  const submit = () => task.run(async () => {
    if (!category) throw new Error('请选择问题类别。')
    if (!town) throw new Error('请选择乡镇。')
    const res = await api.reports.$post({
      json: {
        category, description, place: { town, ...(village ? { village } : {}) }, anonymous,
        ...(anonymous ? {} : { reporter: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } }),
      },
    })
    if (!res.ok) throw await failure(res)
    setFiled(await res.json())
  })

  if (filed) {
    return (
      <section class="success" aria-live="polite">
        <p>已收到，会登记、转交、跟踪到销号。</p>
        <p>受理编号：<span class="big" data-testid="ticket">{filed.ticket}</span></p>
        <p>查询码：<span class="big" data-testid="code">{filed.code}</span></p>
        <p><strong>请把编号和查询码抄下来或截图</strong>：查询码只显示这一次，凭它查进度。</p>
        <p class="muted">{filed.message}</p>
        <a href={`#/track?ticket=${filed.ticket}`}><button type="button">去查进度</button></a>
      </section>
    )
  }
  const villages = towns.find((t) => t.name === town)?.villages ?? []
  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit() }}>
      <p class="muted">危房、饮水、帮扶走过场、优亲厚友、资金被挪用……都可以反映。可以匿名。</p>
      <label for="category">问题类别</label>
      <select id="category" value={category} onChange={(e) => setCategory(e.currentTarget.value as typeof category)} required>
        <option value="">请选择</option>
        {REPORT_CATEGORIES.map((c) => <option value={c}>{c}</option>)}
      </select>
      <label for="description">发生了什么（什么事、多长时间了）</label>
      <textarea id="description" value={description} onInput={(e) => setDescription(e.currentTarget.value)} maxLength={1000} required minLength={5} />
      <label for="town">乡镇</label>
      <select id="town" value={town} onChange={(e) => { setTown(e.currentTarget.value); setVillage('') }} required>
        <option value="">请选择</option>
        {towns.map((t) => <option value={t.name}>{t.name}</option>)}
      </select>
      <label for="village">村（可以不选）</label>
      <select id="village" value={village} onChange={(e) => setVillage(e.currentTarget.value)} disabled={!town}>
        <option value="">不选</option>
        {villages.map((v) => <option value={v}>{v}</option>)}
      </select>
      <label class="choice"><input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />匿名反映（不记录您是谁）</label>
      {!anonymous && (
        <>
          <label for="name">称呼（可以不填）</label>
          <input id="name" type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={20} />
          <label for="phone">电话（可以不填，只有县扶贫办能看到）</label>
          <input id="phone" type="text" inputMode="tel" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} maxLength={20} />
        </>
      )}
      <div class="row" style="margin-top:16px"><button type="submit" disabled={task.busy}>提交</button></div>
      {task.busy && <Loading label="正在提交…" />}
      <ErrorBox error={task.error} />
    </form>
  )
}
