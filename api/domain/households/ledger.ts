import { placeProblem } from '../places.ts'
import { parse } from 'csv-parse/sync'
import { csvDocument } from '../../lib/csv.ts'
import { CadreRole } from '../access/principal.ts'
import { Cadre, Household, ID_NUMBER, Member, type Guarantees } from './household.ts'

/**
 * The 台账 as counties keep it in Excel: one row per person, household columns repeated on each row
 * (or left blank on the members' rows), Chinese headers. The same columns are read on import and
 * written by the admin's export, so an export can be edited and imported back.
 */
export const HOUSEHOLD_COLUMNS = [
  '户编号',
  '乡镇',
  '村',
  '户类型',
  '致贫原因',
  '收入年度',
  '人均纯收入',
  '不愁吃',
  '不愁穿',
  '义务教育保障',
  '基本医疗保障',
  '住房安全保障',
  '饮水安全保障',
  '帮扶责任人编号',
  '帮扶措施',
  '联系电话',
  '姓名',
  '与户主关系',
  '身份证号',
  '年龄',
  '健康状况',
  '残疾等级',
  '在校情况',
  '劳动务工',
] as const
export const CADRE_COLUMNS = ['干部编号', '姓名', '角色', '乡镇', '负责村', '联系电话'] as const

const GUARANTEE_COLUMNS: [keyof Guarantees, string][] = [
  ['food', '不愁吃'],
  ['clothing', '不愁穿'],
  ['education', '义务教育保障'],
  ['medical', '基本医疗保障'],
  ['housing', '住房安全保障'],
  ['water', '饮水安全保障'],
]
const HOUSEHOLD_LEVEL = HOUSEHOLD_COLUMNS.slice(0, HOUSEHOLD_COLUMNS.indexOf('姓名'))

/** Excel in China saves CSV as GBK unless told otherwise; UTF-8 may come with or without a BOM. */
export function decodeSpreadsheet(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3))
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

export interface RowError {
  row: number
  message: string
}
export type Ledger =
  { kind: 'households'; households: Household[]; errors: RowError[] } | { kind: 'cadres'; cadres: Cadre[]; errors: RowError[] }

export interface LedgerContext {
  towns: readonly { name: string; villages: readonly string[] }[]
  /** cadres already stored, or in the same import: a household may only name one of these */
  cadreIds: ReadonlySet<string>
}

const LIST = /[、，,;；/\s]+/
const list = (v: string) =>
  v
    .split(LIST)
    .map((s) => s.trim())
    .filter(Boolean)
const YES = new Set(['是', '达标', '有保障', 'Y', 'y', '1'])
const NO = new Set(['否', '未达标', '无保障', 'N', 'n', '0'])

class RowProblem extends Error {}

function yesNo(column: string, v: string): boolean {
  if (YES.has(v)) return true
  if (NO.has(v)) return false
  throw new RowProblem(`「${column}」应填“是”或“否”，现在是“${v}”`)
}

function number(column: string, v: string): number {
  const n = Number(v.replace(/[,，\s元]/g, ''))
  if (v === '' || !Number.isFinite(n)) throw new RowProblem(`「${column}」应为数字，现在是“${v}”`)
  return n
}

/** A schema failure as the clerk who typed the row would read it. */
function explain(
  error: { issues: readonly { path: PropertyKey[]; message: string }[] },
  columnOf: (path: PropertyKey[]) => string,
): string {
  const issue = error.issues[0]!
  return `「${columnOf(issue.path)}」${issue.message}`
}

const MEMBER_COLUMN: Record<string, string> = {
  name: '姓名',
  relationship: '与户主关系',
  age: '年龄',
  health: '健康状况',
  disability: '残疾等级',
  schooling: '在校情况',
  work: '劳动务工',
}
const HOUSEHOLD_COLUMN: Record<string, string> = {
  id: '户编号',
  headName: '姓名',
  idNumber: '身份证号',
  phone: '联系电话',
  town: '乡镇',
  village: '村',
  causes: '致贫原因',
  status: '户类型',
  cadreId: '帮扶责任人编号',
  measures: '帮扶措施',
  incomes: '人均纯收入',
}

/**
 * Reads a 台账 (households, or cadres — told apart by the header). Every row is checked; the caller
 * writes nothing unless `errors` is empty, so a bad file never leaves a half-imported store.
 */
export function parseLedger(text: string, ctx: LedgerContext): Ledger {
  let rows: string[][]
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][]
  } catch (err) {
    return { kind: 'households', households: [], errors: [{ row: 0, message: `文件不是有效的 CSV：${(err as Error).message}` }] }
  }
  return readLedger(rows, ctx)
}

/** A 台账's rows, header first, however they were read (CSV text, an .xlsx sheet). */
export function readLedger(rows: readonly (readonly string[])[], ctx: LedgerContext): Ledger {
  const header = rows[0] ?? []
  const kind = header.includes('户编号') ? 'households' : header.includes('干部编号') ? 'cadres' : undefined
  if (!kind)
    return {
      kind: 'households',
      households: [],
      errors: [{ row: 1, message: '第一行应为表头：住户台账要有「户编号」列，干部名单要有「干部编号」列' }],
    }
  const required =
    kind === 'households'
      ? HOUSEHOLD_COLUMNS.filter((c) => c !== '身份证号' && c !== '联系电话' && c !== '帮扶措施')
      : CADRE_COLUMNS.filter((c) => c !== '联系电话')
  const missing = required.filter((c) => !header.includes(c))
  if (missing.length > 0)
    return { kind, households: [], cadres: [], errors: [{ row: 1, message: `表头缺少这些列：${missing.join('、')}` }] } as Ledger
  const records = rows.slice(1).map((cells, i) => ({
    row: i + 2,
    get: (column: string) => (cells[header.indexOf(column)] ?? '').trim(),
  }))
  return kind === 'households' ? readHouseholds(records, ctx) : readCadres(records, ctx)
}

type Row = { row: number; get: (column: string) => string }

function checkPlace(ctx: LedgerContext, town: string, village: string | undefined) {
  const wrong = placeProblem(ctx.towns, { town, village })
  if (wrong)
    throw new RowProblem(
      `「${wrong.field === 'town' ? '乡镇' : '村'}」${wrong.town ?? ''}没有“${wrong.given}”，可选：${wrong.choices.join('、')}`,
    )
}

function readCadres(rows: Row[], ctx: LedgerContext): Ledger {
  const cadres: Cadre[] = []
  const errors: RowError[] = []
  const seen = new Set<string>()
  for (const r of rows) {
    try {
      const role = CadreRole.safeParse(r.get('角色'))
      if (!role.success) throw new RowProblem(`「角色」应为 ${CadreRole.options.join('、')} 之一`)
      const villages = list(r.get('负责村'))
      checkPlace(ctx, r.get('乡镇'), undefined)
      for (const v of villages) checkPlace(ctx, r.get('乡镇'), v)
      const parsed = Cadre.safeParse({
        id: r.get('干部编号'),
        name: r.get('姓名'),
        role: role.data,
        town: r.get('乡镇'),
        villages,
        phone: r.get('联系电话') || null,
        demo: false,
      })
      if (!parsed.success)
        throw new RowProblem(
          explain(parsed.error, (p) => ({ id: '干部编号', name: '姓名', phone: '联系电话' })[String(p[0])] ?? String(p[0])),
        )
      if (seen.has(parsed.data.id)) throw new RowProblem(`「干部编号」${parsed.data.id} 重复`)
      seen.add(parsed.data.id)
      cadres.push(parsed.data)
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err
      errors.push({ row: r.row, message: err.message })
    }
  }
  return { kind: 'cadres', cadres, errors }
}

function readHouseholds(rows: Row[], ctx: LedgerContext): Ledger {
  const errors: RowError[] = []
  const groups = new Map<string, Row[]>()
  for (const r of rows) {
    const id = r.get('户编号')
    if (!id) {
      errors.push({ row: r.row, message: '「户编号」不能为空' })
      continue
    }
    groups.set(id, [...(groups.get(id) ?? []), r])
  }
  const households: Household[] = []
  for (const [id, members] of groups) {
    const heads = members.filter((r) => r.get('与户主关系') === '户主')
    try {
      if (heads.length !== 1) throw new RowProblem(`户 ${id} 应有且只有一行「与户主关系」为“户主”，现在有 ${heads.length} 行`)
      households.push(readHousehold(id, heads[0]!, members, ctx))
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err
      const row = err instanceof MemberProblem ? err.row : (heads[0] ?? members[0]!).row
      errors.push({ row, message: err.message })
    }
  }
  errors.sort((a, b) => a.row - b.row)
  return { kind: 'households', households, errors }
}

class MemberProblem extends RowProblem {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message)
  }
}

function readHousehold(id: string, head: Row, rows: Row[], ctx: LedgerContext): Household {
  for (const r of rows) {
    for (const column of HOUSEHOLD_LEVEL) {
      const v = r.get(column)
      if (r !== head && v !== '' && v !== head.get(column))
        throw new MemberProblem(r.row, `「${column}」与户主那一行不一致（“${v}” 和 “${head.get(column)}”）`)
    }
    const idNumber = r.get('身份证号')
    if (idNumber && !ID_NUMBER.test(idNumber.toUpperCase())) throw new MemberProblem(r.row, '「身份证号」应为18位（最后一位可以是X）')
  }
  const members = rows.map((r) => {
    try {
      const parsed = Member.safeParse({
        name: r.get('姓名'),
        relationship: r.get('与户主关系'),
        age: number('年龄', r.get('年龄')),
        health: r.get('健康状况'),
        disability: r.get('残疾等级') || '无',
        schooling: r.get('在校情况'),
        work: r.get('劳动务工'),
      })
      if (!parsed.success) throw new RowProblem(explain(parsed.error, (p) => MEMBER_COLUMN[String(p[0])] ?? String(p[0])))
      return parsed.data
    } catch (err) {
      if (err instanceof RowProblem && !(err instanceof MemberProblem)) throw new MemberProblem(r.row, err.message)
      throw err
    }
  })
  const get = head.get
  checkPlace(ctx, get('乡镇'), get('村'))
  const cadreId = get('帮扶责任人编号') || null
  if (cadreId && !ctx.cadreIds.has(cadreId)) throw new RowProblem(`「帮扶责任人编号」${cadreId} 不在干部名单里：请先导入干部名单`)
  const guarantees = Object.fromEntries(GUARANTEE_COLUMNS.map(([key, column]) => [key, yesNo(column, get(column))])) as Guarantees
  const parsed = Household.safeParse({
    id,
    headName: get('姓名'),
    idNumber: get('身份证号').toUpperCase(),
    phone: get('联系电话') || null,
    town: get('乡镇'),
    village: get('村'),
    members,
    incomes: [{ year: number('收入年度', get('收入年度')), perCapita: number('人均纯收入', get('人均纯收入')) }],
    causes: list(get('致贫原因')).map((c) => (c === '其它' ? '其他' : c)),
    status: get('户类型'),
    guarantees,
    shocks: [],
    cadreId,
    measures: list(get('帮扶措施')),
    demo: false,
  })
  if (!parsed.success) throw new RowProblem(explain(parsed.error, (p) => HOUSEHOLD_COLUMN[String(p[0])] ?? String(p[0])))
  return parsed.data
}

/** The admin's export: the import's columns, ID and phone numbers whole. */
export function householdLedgerCsv(households: readonly Household[]): string {
  const rows: string[][] = []
  const yes = (b: boolean) => (b ? '是' : '否')
  for (const h of households) {
    const income = [...h.incomes].sort((a, b) => b.year - a.year)[0]
    const shared = [
      h.id,
      h.town,
      h.village,
      h.status,
      h.causes.join('、'),
      String(income?.year ?? ''),
      String(income?.perCapita ?? ''),
      ...GUARANTEE_COLUMNS.map(([k]) => yes(h.guarantees[k])),
      h.cadreId ?? '',
      h.measures.join('、'),
      h.phone ?? '',
    ]
    for (const m of h.members) {
      rows.push([
        ...shared,
        m.name,
        m.relationship,
        m.relationship === '户主' ? h.idNumber : '',
        String(m.age),
        m.health,
        m.disability,
        m.schooling,
        m.work,
      ])
    }
  }
  return csvDocument(HOUSEHOLD_COLUMNS, rows)
}

/** Merges an import into what is stored: the stored income years and shocks stay, the rest is the 台账's. */
export function mergeImported(stored: Household | undefined, imported: Household): Household {
  if (!stored) return imported
  const years = new Set(imported.incomes.map((i) => i.year))
  return {
    ...imported,
    incomes: [...stored.incomes.filter((i) => !years.has(i.year)), ...imported.incomes],
    shocks: stored.shocks,
    demo: stored.demo && imported.demo,
  }
}
