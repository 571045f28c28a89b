import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, expect } from 'vitest'
import { openHouseholdRepository } from '../../api/store/households.ts'
import { createService } from '../../api/service.ts'
import { tempDir, testKnowledge } from '../support/app.ts'
import { HOUSEHOLDS } from '../support/households.ts'

const file = (dir: string) => join(dir, 'households.jsonl')

describe('the household file (one line per record, batches closed by a commit line)', () => {
  it('keeps records across a restart, reading each from the file; a change replaces the old record', async () => {
    const dir = tempDir()
    const repo = await openHouseholdRepository(dir)
    await repo.upsert(HOUSEHOLDS)
    await repo.addShock('DS-0002', '大病', new Date('2026-11-20T03:00:00Z'))
    await repo.close()
    const again = await openHouseholdRepository(dir)
    expect(again.count()).toBe(4)
    expect(again.all().map((k) => k.id)).toEqual(['DS-0001', 'DS-0002', 'TY-0001', 'XH-0001'])
    expect(again.get('DS-0001')).toEqual(HOUSEHOLDS[0])
    expect(again.get('DS-0002')!.shocks).toEqual([{ kind: '大病', date: '2026-11-20' }])
    expect(again.assignedTo('BF-A').map((k) => k.id)).toEqual(['DS-0001', 'DS-0002'])
    expect(again.byHeadName('王五').map((k) => k.id)).toEqual(['TY-0001'])
    expect(again.inTown('西河乡').map((k) => k.id)).toEqual(['XH-0001'])
  })

  it('a batch cut short by a crash is not half-imported: it is set aside, and the earlier records stay', async () => {
    const dir = tempDir()
    const repo = await openHouseholdRepository(dir)
    await repo.upsert(HOUSEHOLDS.slice(0, 2))
    await repo.close()
    // What a crash in the middle of writing an import leaves: its first lines, no commit, a torn last line.
    const torn = `${JSON.stringify({ ...HOUSEHOLDS[2]!, headName: '王五改' })}\n${JSON.stringify(HOUSEHOLDS[3]).slice(0, 40)}`
    appendFileSync(file(dir), torn)
    const again = await openHouseholdRepository(dir)
    expect(again.all().map((k) => k.id)).toEqual(['DS-0001', 'DS-0002'])
    expect(readFileSync(`${file(dir)}.uncommitted`, 'utf8')).toBe(torn)
    await again.upsert([HOUSEHOLDS[3]!])
    const third = await openHouseholdRepository(dir)
    expect(third.all().map((k) => k.id)).toEqual(['DS-0001', 'DS-0002', 'XH-0001'])
  })

  it('a damaged line inside a committed batch stops the start, naming the file and line, and nothing is cut', async () => {
    const dir = tempDir()
    const repo = await openHouseholdRepository(dir)
    await repo.upsert(HOUSEHOLDS)
    await repo.close()
    const original = readFileSync(file(dir), 'utf8')
    const lines = original.split('\n')
    lines[2] = lines[2]!.replace('"status":"已脱贫"', '"status":"富裕"')
    const damaged = lines.join('\n')
    writeFileSync(file(dir), damaged)
    await expect(createService({ knowledge: testKnowledge(), dataDir: dir })).rejects.toThrow(
      /数据文件 .*households\.jsonl 无法读取：第 3 行不是有效记录.*服务不会启动/,
    )
    expect(readFileSync(file(dir), 'utf8')).toBe(damaged)
    // A line taken out of a batch by hand: the commit no longer matches what it closes.
    const edited = original
      .split('\n')
      .filter((_, i) => i !== 1)
      .join('\n')
    writeFileSync(file(dir), edited)
    await expect(openHouseholdRepository(dir)).rejects.toThrow(/households\.jsonl 无法读取：第 4 行的批次记录数不符/)
    expect(readFileSync(file(dir), 'utf8')).toBe(edited)
    expect(existsSync(`${file(dir)}.uncommitted`)).toBe(false)
  })

  it('replaced records do not pile up: the file is rewritten once they outnumber the live ones', async () => {
    const dir = tempDir()
    const repo = await openHouseholdRepository(dir)
    await repo.upsert(HOUSEHOLDS)
    const once = statSync(file(dir)).size
    for (let i = 0; i < 20; i++) await repo.upsert(HOUSEHOLDS.map((h) => ({ ...h, incomes: [{ year: 2025, perCapita: 5000 + i }] })))
    expect(statSync(file(dir)).size).toBeLessThan(3 * once)
    expect(repo.get('TY-0001')!.incomes).toEqual([{ year: 2025, perCapita: 5019 }])
    const again = await openHouseholdRepository(dir)
    expect(again.all().map((k) => again.get(k.id)!.incomes[0]!.perCapita)).toEqual([5019, 5019, 5019, 5019])
  })

  it('reads stay right while the file is being rewritten', async () => {
    const dir = tempDir()
    const repo = await openHouseholdRepository(dir)
    await repo.upsert(HOUSEHOLDS)
    const writes: Promise<void>[] = []
    const seen: string[] = []
    for (let i = 0; i < 12; i++) {
      writes.push(repo.upsert([{ ...HOUSEHOLDS[1]!, headName: `李四${i}` }]))
      seen.push(repo.get('DS-0001')!.headName, repo.get('XH-0001')!.headName)
      await new Promise((r) => setImmediate(r))
    }
    await Promise.all(writes)
    expect(new Set(seen)).toEqual(new Set(['张三', '赵六']))
    expect(repo.get('DS-0002')!.headName).toBe('李四11')
    expect(repo.byHeadName('李四11').map((k) => k.id)).toEqual(['DS-0002'])
  })

  it('carries over households.json written by an earlier version, and keeps the old file aside', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'households.json'), JSON.stringify({ households: HOUSEHOLDS }))
    const repo = await openHouseholdRepository(dir)
    expect(repo.get('XH-0001')).toEqual(HOUSEHOLDS[3])
    expect(existsSync(join(dir, 'households.json'))).toBe(false)
    expect(JSON.parse(readFileSync(join(dir, 'households.json.migrated'), 'utf8')).households).toHaveLength(4)
    expect((await openHouseholdRepository(dir)).count()).toBe(4)
  })
})
