import { useEffect, useRef, useState } from 'preact/hooks'
import { api, failure, token } from '../api.ts'
import { ErrorBox, Loading, useTask } from '../ui.tsx'
import { Text } from '../text.tsx'
import { SignIn } from './cadre.tsx'
import { useTowns } from './places.ts'
import type { ChartSpec, drawChart } from './office-charts.ts'
import type { PageProps } from './page.ts'
import type { OfficeSummary } from '../../../api/domain/office/summary.ts'

/**
 * 工作台: the office's figures as pictures for the weekly meeting — what is overdue and where, which
 * villages have the most 返贫 alerts, which cadres are behind on visits, what people ask that the
 * assistant cannot answer. Same sign-in as the 干部 page; the API decides the area each role sees.
 */
type Summary = OfficeSummary

const RED = '#b71c1c'
const SHOWN = 15
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`)
const days = (d: number | null) => (d === null ? '—' : `${d} 天`)

export function OfficePage({ params }: PageProps) {
  const [signedIn, setSignedIn] = useState(() => token.get() !== null)
  // Empty until the server says: its clock decides what "the last 30 days" are, not the phone's.
  const [to, setTo] = useState(params.get('to') ?? '')
  const [from, setFrom] = useState(params.get('from') ?? '')
  const [town, setTown] = useState(params.get('town') ?? '')
  const [data, setData] = useState<Summary | null>(null)
  const task = useTask()
  const towns = useTowns()
  const load = () =>
    task.run(async () => {
      const res = await api.office.summary.$get({ query: { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(town ? { town } : {}) } })
      if (res.status === 401) {
        token.clear()
        setSignedIn(false)
      }
      if (!res.ok) throw await failure(res)
      const summary = (await res.json()) as Summary
      setData(summary)
      setFrom(summary.from)
      setTo(summary.to)
    })
  useEffect(() => {
    if (signedIn) void load()
  }, [signedIn])

  if (!signedIn)
    return (
      <SignIn
        error={task.error}
        onToken={(t) => {
          token.set(t)
          setSignedIn(true)
        }}
      />
    )
  return (
    <div class="office">
      <form
        class="filters no-print"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void load()
        }}
      >
        <label>
          从 <input type="date" value={from} max={to} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          到 <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <label>
          乡镇
          <select value={town} onChange={(e) => setTown(e.currentTarget.value)}>
            <option value="">全部（本人辖区）</option>
            {towns.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={task.busy}>
          查看
        </button>
        <WeeklyButton to={to} town={town} />
        <button type="button" class="secondary" onClick={() => print()}>
          打印
        </button>
      </form>
      <ErrorBox error={task.error} />
      {task.busy && !data && <Loading />}
      {data && <Dashboard data={data} />}
    </div>
  )
}

/** 周报: the workbook comes with the token, so it is fetched and handed to the browser as a file. */
function WeeklyButton({ to, town }: { to: string; town: string }) {
  const task = useTask()
  return (
    <>
      <button
        type="button"
        class="secondary"
        disabled={task.busy}
        onClick={() =>
          void task.run(async () => {
            const res = await api.office['weekly.xlsx'].$get({ query: { ...(to ? { to } : {}), ...(town ? { town } : {}) } })
            if (!res.ok) throw await failure(res)
            const url = URL.createObjectURL(await res.blob())
            const a = document.createElement('a')
            a.href = url
            a.download = `扶贫周报-${to || '本周'}.xlsx`
            a.click()
            setTimeout(() => URL.revokeObjectURL(url), 10_000)
          })
        }
      >
        {task.busy ? '正在生成…' : '下载周报（Excel）'}
      </button>
      {task.error && <ErrorBox error={task.error} />}
    </>
  )
}

function Dashboard({ data }: { data: Summary }) {
  const r = data.reports
  const h = data.households
  const q = data.questions
  const behind = h.visits.filter((v) => (v.rate ?? 0) < 1)
  const withAlerts = h.alertsByVillage.filter((v) => v.total > 0)
  const statuses = Object.entries(r.byStatus)
  const categories = Object.entries(r.byCategory).sort((a, b) => b[1] - a[1])
  const kinds = Object.keys(h.alertsByKind)
  return (
    <>
      <p class="muted">
        {data.area}，{data.from} 至 {data.to}
      </p>
      <section class="glance" aria-label="一眼看清">
        <div class={`card kpi ${r.overdueCount > 0 ? 'alarm' : ''}`}>
          <h3>超期问题</h3>
          <p class="big">{r.overdueCount} 件</p>
          <ul class="compact">
            {r.overdue.slice(0, 3).map((o) => (
              <li key={o.ticket}>
                <span class="nowrap">{o.ticket}</span> {o.town}
                {o.village ?? ''} {o.category}，{o.kind} {o.daysOver} 天
              </li>
            ))}
          </ul>
          {r.overdueCount > 3 && <a href="#overdue">看清单</a>}
        </div>
        <div class="card kpi">
          <h3>预警最多的村</h3>
          <p class="big">{Object.values(h.alertsByKind).reduce((a, b) => a + b, 0)} 户次</p>
          <ul class="compact">
            {withAlerts.slice(0, 3).map((v) => (
              <li key={v.town + v.village}>
                {v.town}
                {v.village}：{v.total} 户次
              </li>
            ))}
          </ul>
        </div>
        <div class="card kpi">
          <h3>走访落后的干部</h3>
          <p class="big">{behind.length} 人</p>
          <ul class="compact">
            {behind.slice(0, 3).map((v) => (
              <li key={v.cadreId}>
                {v.name}（{v.town}）：{v.reached}/{v.households} 户达标
              </li>
            ))}
          </ul>
        </div>
      </section>

      <h3>问题反映</h3>
      <dl class="figures">
        <Figure label="登记" value={`${r.filed} 件`} />
        <Figure label="销号" value={`${r.closed} 件`} />
        <Figure label="销号率" value={pct(r.closedRate)} />
        <Figure label="满意率" value={pct(r.satisfactionRate)} />
        <Figure label="受理用时（中位数）" value={days(r.medianDaysToAccept)} />
        <Figure label="办结用时（中位数）" value={days(r.medianDaysToResolve)} />
      </dl>
      <div class="charts">
        <Chart
          title="各乡镇：未办结和超期"
          spec={{
            labels: r.byTown.map((t) => t.town),
            series: [
              { name: '未办结', values: r.byTown.map((t) => t.open - t.overdue) },
              { name: '超期', values: r.byTown.map((t) => t.overdue), color: RED },
            ],
            stacked: true,
          }}
          table={[['乡镇', '登记', '未办结', '超期'], ...r.byTown.map((t) => [t.town, t.filed, t.open, t.overdue])]}
        />
        <Chart
          title="现在的状态（期间登记的）"
          spec={{ labels: statuses.map(([s]) => s), series: [{ name: '件数', values: statuses.map(([, n]) => n) }] }}
          table={[['状态', '件数'], ...statuses]}
        />
        <Chart
          title="问题类别"
          spec={{ labels: categories.map(([c]) => c), series: [{ name: '件数', values: categories.map(([, n]) => n) }], horizontal: true }}
          table={[['类别', '件数'], ...categories]}
        />
        <Chart
          title="近 12 周：登记和销号"
          spec={{
            labels: r.trend.map((w) => w.weekStart.slice(5)),
            series: [
              { name: '登记', values: r.trend.map((w) => w.filed), kind: 'line' },
              { name: '销号', values: r.trend.map((w) => w.closed), kind: 'line', color: '#1b5e20' },
            ],
          }}
          table={[['周（起）', '登记', '销号'], ...r.trend.map((w) => [w.weekStart, w.filed, w.closed])]}
        />
      </div>
      <details id="overdue" class="overdue">
        <summary>
          超期问题清单（{r.overdueCount} 件{r.overdueCount > r.overdue.length ? `，列出超期最久的 ${r.overdue.length} 件，全部见周报` : ''}
          ）
        </summary>
        <Table
          rows={[
            ['受理编号', '乡镇', '村', '类别', '状态', '超期', '天数'],
            ...r.overdue.map((o) => [o.ticket, o.town, o.village ?? '', o.category, o.status, o.kind, o.daysOver]),
          ]}
        />
      </details>

      <h3>住户和返贫监测</h3>
      <dl class="figures">
        <Figure label="住户" value={`${h.total} 户`} />
        {Object.entries(h.byStatus).map(([s, n]) => (
          <Figure key={s} label={s} value={`${n} 户`} />
        ))}
      </dl>
      <div class="charts">
        <Chart
          title={`预警户数最多的村（前 ${SHOWN}）`}
          spec={{
            labels: withAlerts.slice(0, SHOWN).map((v) => v.village),
            series: kinds.map((k) => ({ name: k, values: withAlerts.slice(0, SHOWN).map((v) => v.alerts[k] ?? 0) })),
            stacked: true,
            horizontal: true,
          }}
          table={[
            ['乡镇', '村', '户数', ...kinds, '合计'],
            ...h.alertsByVillage.map((v) => [v.town, v.village, v.households, ...kinds.map((k) => v.alerts[k] ?? 0), v.total]),
          ]}
        />
        <Chart
          title={`走访完成率，最低的在前（每户每年 ${h.visitTarget ?? '—'} 次）`}
          spec={{
            labels: h.visits.slice(0, SHOWN).map((v) => v.name),
            series: [{ name: '完成率 %', values: h.visits.slice(0, SHOWN).map((v) => Math.round((v.rate ?? 0) * 100)) }],
            horizontal: true,
          }}
          table={[
            ['干部', '乡镇', '结对户数', '达标户数', '完成率'],
            ...h.visits.map((v) => [v.name, v.town, v.households, v.reached, pct(v.rate)]),
          ]}
        />
      </div>

      <h3>群众提问</h3>
      <dl class="figures">
        <Figure label="提问" value={`${q.total} 次`} />
        <Figure label="有把握回答" value={pct(q.answered)} />
        <Figure label="“可能是”" value={pct(q.tentative)} />
        <Figure label="没找到" value={pct(q.refused)} />
      </dl>
      <div class="charts">
        <Chart
          title="每天的提问"
          spec={{
            labels: q.days.map((d) => d.day.slice(5)),
            series: [
              { name: '回答', values: q.days.map((d) => d.answer), color: '#1b5e20' },
              { name: '可能是', values: q.days.map((d) => d.tentative), color: '#f9a825' },
              { name: '没找到', values: q.days.map((d) => d.none), color: RED },
            ],
            stacked: true,
          }}
          table={[['日期', '回答', '可能是', '没找到'], ...q.days.map((d) => [d.day, d.answer, d.tentative, d.none])]}
        />
      </div>
      <h3>答不上的问题（相近的归成一组）</h3>
      {q.unanswered.length === 0 ? (
        <p class="muted">没有。</p>
      ) : (
        <ul class="plain gaps">
          {q.unanswered.map((g) => (
            <li key={g.question} class="card">
              <Text text={g.question} /> <span class="tag">{g.count} 次</span>
              {g.variants.length > 0 && <p class="muted">类似的问法：{g.variants.join('；')}</p>}
              <CopyDraft question={g.question} variants={g.variants} />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
}

function Table({ rows }: { rows: (string | number)[][] }) {
  const [head, ...body] = rows
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {head!.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((row, i) => (
            <tr key={i}>
              {row.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** ECharts is a file of its own (web/build.ts), fetched when the first chart is drawn; not a literal, so not bundled in. */
const CHARTS = '/office-charts.js'
const loadCharts = () => import(CHARTS) as Promise<{ drawChart: typeof drawChart }>

/** A chart, and its numbers one tap away. */
function Chart({ title, spec, table }: { title: string; spec: ChartSpec; table: (string | number)[][] }) {
  const el = useRef<HTMLDivElement>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let release: (() => void) | undefined
    let gone = false
    loadCharts()
      .then(({ drawChart }) => {
        if (!gone && el.current) release = drawChart(el.current, spec)
      })
      .catch(() => setFailed(true))
    return () => {
      gone = true
      release?.()
    }
  }, [JSON.stringify(spec)])
  const empty = spec.labels.length === 0
  return (
    <figure class="chart card">
      <figcaption>{title}</figcaption>
      {empty ? (
        <p class="muted">没有数据。</p>
      ) : (
        <div
          class="plot"
          ref={el}
          role="img"
          aria-label={title}
          style={`height:${spec.horizontal ? Math.max(200, spec.labels.length * 30 + 60) : 260}px`}
        />
      )}
      {failed && <p class="muted">图画不出来，请看下面的数字。</p>}
      <details>
        <summary>看数字</summary>
        <Table rows={table} />
      </details>
    </figure>
  )
}

/** A gap in the knowledge base, as the start of a content entry (content/policies/*.md) for whoever writes it. */
function CopyDraft({ question, variants }: { question: string; variants: string[] }) {
  const [done, setDone] = useState<string | null>(null)
  const draft = [
    '---',
    'id: 新条目编号',
    `title: "${question.replace(/"/g, '”')}"`,
    'category: 请选类别',
    'kind: 政策',
    'keywords: []',
    'questions:',
    ...[question, ...variants].map((v) => `  - "${v.replace(/"/g, '”')}"`),
    'sources:',
    '  - doc: 请填种子文件',
    '    quote: "请逐字摘录原文"',
    '---',
    '（请依据原文写回答，不要编造政策、金额和电话。）',
    '',
  ].join('\n')
  return (
    <button
      type="button"
      class="secondary no-print"
      onClick={() =>
        navigator.clipboard.writeText(draft).then(
          () => setDone('已复制为新条目草稿，粘贴到 content/policies/ 下的新文件里。'),
          () => setDone('浏览器不让复制，请手动选中问题复制。'),
        )
      }
    >
      {done ?? '复制为新条目草稿'}
    </button>
  )
}
