import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, it, expect } from 'vitest'
import iconv from 'iconv-lite'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { importLedger } from '../../api/services/ledger-import.ts'
import { openCadreRepository, openHouseholdRepository } from '../../api/store/households.ts'
import { lockDataDir } from '../../api/store/lock.ts'
import { ROOT } from '../../api/config.ts'
import { tempDir, testKnowledge } from '../support/app.ts'

const CADRES_CSV = [
  '干部编号,姓名,角色,乡镇,负责村,联系电话',
  'BF-1,孙帮扶,帮扶责任人,东山镇,东山村,13900001111',
  'SJ-1,周书记,第一书记,东山镇,东山村、桃园村,',
].join('\r\n')

const HEADER =
  '户编号,乡镇,村,户类型,致贫原因,收入年度,人均纯收入,不愁吃,不愁穿,义务教育保障,基本医疗保障,住房安全保障,饮水安全保障,帮扶责任人编号,帮扶措施,联系电话,姓名,与户主关系,身份证号,年龄,健康状况,残疾等级,在校情况,劳动务工'
const GOOD_ROWS = [
  'DS-0101,东山镇,东山村,已脱贫,因病、缺技术,2025,"4,800",是,是,是,是,否,是,BF-1,产业帮扶、健康帮扶,13812345678,钱大山,户主,330102197001011234,55,长期慢性病,无,非在校,务农',
  'DS-0101,,,,,,,,,,,,,,,,钱小花,配偶,,53,健康,无,非在校,本地务工',
  'DS-0101,东山镇,东山村,,,,,,,,,,,,,,钱小宝,子女,,16,健康,无,高中,在校生',
  'DS-0102,东山镇,桃园村,边缘易致贫户,因残,2025,5200,是,是,是,是,是,是,,,,吴老四,户主,33010219600202432X,66,健康,二级,非在校,无劳动能力',
]
const HOUSEHOLDS_CSV = [HEADER, ...GOOD_ROWS].join('\r\n')

const towns = () => testKnowledge()
const bytes = (text: string) => Buffer.from(text, 'utf8')
const withBom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(text)])

async function importAll(dataDir: string, households: Buffer) {
  expect(await importLedger(withBom(CADRES_CSV), dataDir, towns())).toEqual({ ok: true, kind: 'cadres', added: 2, updated: 0 })
  return importLedger(households, dataDir, towns())
}

describe('importing a 台账', () => {
  it('reads a UTF-8 file with BOM: one row per person, grouped into households', async () => {
    const dir = tempDir()
    expect(await importAll(dir, withBom(HOUSEHOLDS_CSV))).toEqual({ ok: true, kind: 'households', added: 2, updated: 0 })
    const store = await openHouseholdRepository(dir)
    const h = store.get('DS-0101')!
    expect(h.headName).toBe('钱大山')
    expect(h.members.map((m) => `${m.name}/${m.relationship}/${m.schooling}`)).toEqual([
      '钱大山/户主/非在校',
      '钱小花/配偶/非在校',
      '钱小宝/子女/高中',
    ])
    expect(h.incomes).toEqual([{ year: 2025, perCapita: 4800 }])
    expect(h.causes).toEqual(['因病', '缺技术'])
    expect(h.guarantees.housing).toBe(false)
    expect(h.cadreId).toBe('BF-1')
    expect(store.get('DS-0102')!.idNumber).toBe('33010219600202432X')
    const cadres = await openCadreRepository(dir)
    expect(cadres.get('SJ-1')!.villages).toEqual(['东山村', '桃园村'])
  })

  it('reads the same 台账 saved as .xlsx, numbers as Excel keeps them, into the same households as the CSV', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('住户台账')
    const rows = parse(HOUSEHOLDS_CSV) as string[][]
    for (const r of rows) ws.addRow(r.map((v) => (/^\d{1,4}$/.test(v) ? Number(v) : v.replace(/^(\d),(\d{3})$/, '$1$2'))))
    ws.getCell('G2').value = 4800 // 人均纯收入 typed as a number
    const fromXlsx = tempDir()
    const fromCsv = tempDir()
    expect(await importAll(fromXlsx, Buffer.from(await wb.xlsx.writeBuffer()))).toEqual({
      ok: true,
      kind: 'households',
      added: 2,
      updated: 0,
    })
    await importAll(fromCsv, withBom(HOUSEHOLDS_CSV))
    const [a, b] = await Promise.all([openHouseholdRepository(fromXlsx), openHouseholdRepository(fromCsv)])
    for (const id of ['DS-0101', 'DS-0102']) expect(a.get(id)).toEqual(b.get(id))
  })

  it('reads the same file saved by Excel as GBK, and as UTF-8 without BOM', async () => {
    for (const encoded of [iconv.encode(HOUSEHOLDS_CSV, 'gbk'), bytes(HOUSEHOLDS_CSV)]) {
      const dir = tempDir()
      expect(await importAll(dir, encoded)).toMatchObject({ ok: true, added: 2 })
      expect((await openHouseholdRepository(dir)).get('DS-0101')!.members.map((m) => m.name)).toEqual(['钱大山', '钱小花', '钱小宝'])
    }
  })

  it('reports every bad row by its number and reason, and imports nothing', async () => {
    const dir = tempDir()
    await importAll(dir, withBom(HOUSEHOLDS_CSV))
    const before = readFileSync(join(dir, 'households.jsonl'), 'utf8')
    const bad = [
      HEADER,
      GOOD_ROWS[0]!.replace('DS-0101', 'DS-0201'),
      'DS-0202,东山镇,北京村,已脱贫,因病,2025,5000,是,是,是,是,是,是,,,,冯一,户主,330102197001015678,40,健康,无,非在校,务农',
      'DS-0203,东山镇,东山村,已脱贫,因病,2025,5000,是,是,是,是,是,是,,,,陈二,户主,12345,40,健康,无,非在校,务农',
      'DS-0204,东山镇,东山村,已脱贫,因病,2025,五千,是,是,是,是,是,是,,,,褚三,户主,330102197001019999,40,健康,无,非在校,务农',
      'DS-0205,东山镇,东山村,已脱贫,因病,2025,5000,是,是,是,是,有,是,BF-404,,,卫四,户主,330102197001018888,40,健康,无,非在校,务农',
      'DS-0206,东山镇,东山村,已脱贫,因病,2025,5000,是,是,是,是,是,是,,,,蒋五,配偶,,40,健康,无,非在校,务农',
    ].join('\r\n')
    const result = await importLedger(withBom(bad), dir, towns())
    expect(result.ok).toBe(false)
    const errors = result.ok ? [] : result.errors
    expect(errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7])
    expect(errors[0]!.message).toMatch(/「村」东山镇没有“北京村”/)
    expect(errors[1]!.message).toMatch(/身份证号/)
    expect(errors[2]!.message).toMatch(/「人均纯收入」应为数字/)
    expect(errors[3]!.message).toMatch(/住房安全保障|BF-404/)
    expect(errors[4]!.message).toMatch(/户主/)
    expect(readFileSync(join(dir, 'households.jsonl'), 'utf8')).toBe(before)
    expect((await openHouseholdRepository(dir)).get('DS-0201')).toBeUndefined()
  })

  it('a household naming a cadre not on the list is refused until the list is imported', async () => {
    const dir = tempDir()
    const result = await importLedger(withBom(HOUSEHOLDS_CSV), dir, towns())
    expect(result).toEqual({ ok: false, errors: [{ row: 2, message: expect.stringMatching(/BF-1 不在干部名单里/) }] })
    expect(existsSync(join(dir, 'households.jsonl'))).toBe(false)
  })

  it('a second import updates households and keeps earlier years of income', async () => {
    const dir = tempDir()
    await importAll(dir, withBom(HOUSEHOLDS_CSV))
    const next = [HEADER, ...GOOD_ROWS.map((r) => r.replace(',2025,"4,800",', ',2026,6100,'))].join('\r\n')
    expect(await importLedger(withBom(next), dir, towns())).toEqual({ ok: true, kind: 'households', added: 0, updated: 2 })
    expect((await openHouseholdRepository(dir)).get('DS-0101')!.incomes).toEqual([
      { year: 2025, perCapita: 4800 },
      { year: 2026, perCapita: 6100 },
    ])
  })
})

// Each case starts `tsx` up to three times: ~5 s each on a busy 2-core machine.
describe('npm run import', { timeout: 90_000 }, () => {
  const run = (file: string, dataDir: string) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'api/tools/import.ts'), file], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, out: err.stdout + err.stderr }),
    )

  it('imports a hand-made file, and on a bad one exits non-zero naming the row', async () => {
    const dir = tempDir()
    const cadres = join(dir, 'cadres.csv')
    const good = join(dir, 'good.csv')
    const bad = join(dir, 'bad.csv')
    writeFileSync(cadres, iconv.encode(CADRES_CSV, 'gbk'))
    writeFileSync(good, iconv.encode(HOUSEHOLDS_CSV, 'gbk'))
    writeFileSync(bad, withBom(`${HEADER}\r\n${GOOD_ROWS[0]!.replace(',55,', ',二百,')}`))
    const data = join(dir, 'data')
    expect(await run(cadres, data)).toMatchObject({ code: 0, out: expect.stringContaining('已导入干部：新增 2') })
    expect(await run(good, data)).toMatchObject({ code: 0, out: expect.stringContaining('已导入住户：新增 2') })
    expect(await run(bad, data)).toMatchObject({ code: 1, out: expect.stringMatching(/没有导入任何数据[\s\S]*第 2 行：「年龄」应为数字/) })
  })

  it('refuses to write while the service holds the data directory', async () => {
    const data = tempDir()
    const file = join(data, 'cadres.csv')
    writeFileSync(file, withBom(CADRES_CSV))
    const release = lockDataDir(data, '运行服务')
    try {
      expect(await run(file, data)).toMatchObject({ code: 1, out: expect.stringMatching(/正被进程 \d+（运行服务）使用/) })
    } finally {
      release()
    }
  })
})
