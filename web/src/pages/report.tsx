import { useState } from 'preact/hooks'
import { api, failure } from '../api.ts'
import { ErrorBox, FieldError, Loading, invalid, passes, useTask, type FieldErrors } from '../ui.tsx'
import { Text } from '../text.tsx'
import { REPORT_CATEGORIES } from '../../../api/content/report-categories.ts'
import { useTowns } from './places.ts'
import type { PageProps } from './page.ts'

type Filed = { ticket: string; code: string; message: string }

const PHONE_FORMAT = /^[0-9+\- ]{5,20}$/

/** What 问政策 understood from a message that describes a problem: the form starts from it. */
const prefilledCategory = (value: string | null) =>
  (REPORT_CATEGORIES as readonly string[]).includes(value ?? '') ? (value as (typeof REPORT_CATEGORIES)[number]) : ''

export function ReportPage({ params }: PageProps) {
  const towns = useTowns()
  const [category, setCategory] = useState<(typeof REPORT_CATEGORIES)[number] | ''>(prefilledCategory(params.get('category')))
  const [description, setDescription] = useState(params.get('description') ?? '')
  const [town, setTown] = useState(params.get('town') ?? '')
  const [village, setVillage] = useState(params.get('village') ?? '')
  const [anonymous, setAnonymous] = useState(true)
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [filed, setFiled] = useState<Filed | null>(null)
  const task = useTask()

  const submit = () => {
    const found: FieldErrors = {
      category: category ? undefined : '请选择问题类别。',
      description:
        description.trim().length >= 5 ? undefined : description.trim() ? '请把问题说清楚一些，至少写5个字。' : '请写一写发生了什么事。',
      town: town ? undefined : '请选择乡镇。',
      phone:
        anonymous || !phone.trim() || PHONE_FORMAT.test(phone.trim())
          ? undefined
          : '电话号码只能有数字，比如 13812345678 或 0716-1234567。',
    }
    setErrors(found)
    if (!passes(found)) return
    void task.run(async () => {
      const res = await api.reports.$post({
        json: {
          category: category as (typeof REPORT_CATEGORIES)[number],
          description: description.trim(),
          place: { town, ...(village ? { village } : {}) },
          anonymous,
          ...(anonymous
            ? {}
            : { reporter: { ...(name.trim() ? { name: name.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) } }),
        },
      })
      if (!res.ok) throw await failure(res)
      setFiled(await res.json())
    })
  }

  if (filed) return <Filed filed={filed} />
  const villages = towns.find((t) => t.name === town)?.villages ?? []
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <p class="muted">危房、饮水、帮扶走过场、优亲厚友、资金被挪用……都可以反映。可以匿名。</p>
      <label for="category">问题类别</label>
      <select
        id="category"
        value={category}
        onChange={(e) => setCategory(e.currentTarget.value as typeof category)}
        {...invalid('category', errors)}
      >
        <option value="">请选择</option>
        {REPORT_CATEGORIES.map((c) => (
          <option value={c}>{c}</option>
        ))}
      </select>
      <FieldError id="category" errors={errors} />
      <label for="description">发生了什么（什么事、多长时间了）</label>
      <textarea
        id="description"
        value={description}
        onInput={(e) => setDescription(e.currentTarget.value)}
        maxLength={1000}
        {...invalid('description', errors)}
      />
      <FieldError id="description" errors={errors} />
      <label for="town">乡镇</label>
      <select
        id="town"
        value={town}
        onChange={(e) => {
          setTown(e.currentTarget.value)
          setVillage('')
        }}
        {...invalid('town', errors)}
      >
        <option value="">请选择</option>
        {towns.map((t) => (
          <option value={t.name}>{t.name}</option>
        ))}
      </select>
      <FieldError id="town" errors={errors} />
      <label for="village">村（可以不选）</label>
      <select id="village" value={village} onChange={(e) => setVillage(e.currentTarget.value)} disabled={!town}>
        <option value="">不选</option>
        {villages.map((v) => (
          <option value={v}>{v}</option>
        ))}
      </select>
      <label class="choice">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />
        匿名反映（不记录您是谁）
      </label>
      {!anonymous && (
        <>
          <label for="name">称呼（可以不填）</label>
          <input id="name" type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={20} />
          <label for="phone">电话（可以不填，只有县扶贫办能看到）</label>
          <input
            id="phone"
            type="tel"
            inputMode="tel"
            value={phone}
            onInput={(e) => setPhone(e.currentTarget.value)}
            maxLength={20}
            {...invalid('phone', errors)}
          />
          <FieldError id="phone" errors={errors} />
        </>
      )}
      <div class="row" style="margin-top:16px">
        <button type="submit" disabled={task.busy}>
          提交
        </button>
      </div>
      {task.busy && <Loading label="正在提交…" />}
      <ErrorBox error={task.error} />
    </form>
  )
}

/** Shown once: the ticket and its query code, each on one unbroken line, to copy or screenshot. */
function Filed({ filed }: { filed: Filed }) {
  const [copied, setCopied] = useState('')
  const copy = async () => {
    const text = `受理编号：${filed.ticket}　查询码：${filed.code}`
    setCopied((await copyText(text)) ? '已复制编号和查询码，可以粘贴到微信里发给自己保存。' : '没能复制，请截图保存。')
  }
  return (
    <section class="success" aria-live="polite">
      <p>已收到，会登记、转交、跟踪到销号。</p>
      <dl class="ticket">
        <dt>受理编号</dt>
        <dd class="big nowrap" data-testid="ticket">
          {filed.ticket}
        </dd>
        <dt>查询码</dt>
        <dd class="big nowrap" data-testid="code">
          {filed.code}
        </dd>
      </dl>
      <p>
        <strong>请截图保存</strong>：查询码只显示这一次，凭编号和查询码查进度。
      </p>
      <div class="row">
        <button type="button" class="secondary" onClick={() => void copy()}>
          复制
        </button>
        <a class="button" href={`#/track?ticket=${encodeURIComponent(filed.ticket)}&code=${encodeURIComponent(filed.code)}`}>
          去查进度
        </a>
      </div>
      {copied && <p role="status">{copied}</p>}
      {/* the rest of the office's message (where it goes, by when), without the ticket and code a second time */}
      <p class="muted">
        <Text
          text={filed.message
            .split('。')
            .filter((s) => s && !s.includes(filed.code))
            .map((s) => `${s}。`)
            .join('')}
        />
      </p>
    </section>
  )
}

/** The clipboard API where the page may use it; the old copy command inside WeChat's browser otherwise. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.appendChild(area)
    area.select()
    try {
      return document.execCommand('copy')
    } catch {
      return false
    } finally {
      area.remove()
    }
  }
}
