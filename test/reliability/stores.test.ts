import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, expect } from 'vitest'
import { createService } from '../../api/service.ts'
import { tempDir, testKnowledge } from '../support/app.ts'

const open = (dataDir: string) => createService({ knowledge: testKnowledge(), dataDir })

describe('a damaged data file at start', () => {
  for (const [file, content] of [
    ['households.json', '{"households": [ {"id": "DS-0001", '],
    ['cadres.json', '{"cadres": "not a list"}'],
    ['access.json', 'garbage'],
    ['sessions.jsonl', '{"key": 1, "state": null}\n{"key": "wx:a", "state": null, "at": "2026-11-01T00:00:00.000Z"}\n'],
  ] as const) {
    it(`${file}: refuses to start, names the file, and leaves it as it was`, async () => {
      const dir = tempDir()
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, file), content)
      await expect(open(dir)).rejects.toThrow(new RegExp(`数据文件 .*${file.replace('.', '\\.')} 无法读取.*服务不会启动`))
      expect(readFileSync(join(dir, file), 'utf8')).toBe(content)
    })
  }

  it('a journal with a bad line in the middle: refuses, naming the file and the line; nothing is cut', async () => {
    const dir = tempDir()
    const good = JSON.stringify({
      id: 'v1',
      householdId: 'DS-0001',
      cadreId: null,
      by: '县扶贫办',
      date: '2026-11-01',
      note: '走访',
      at: '2026-11-01T02:00:00.000Z',
    })
    const content = `${good}\n{broken\n${good}\n`
    writeFileSync(join(dir, 'visits.jsonl'), content)
    await expect(open(dir)).rejects.toThrow(/visits\.jsonl 无法读取：第 2 行不是有效记录/)
    expect(readFileSync(join(dir, 'visits.jsonl'), 'utf8')).toBe(content)
  })
})
