import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, expect } from 'vitest'
import { openSessionRepository } from '../../api/store/sessions.ts'
import { tempDir } from '../support/app.ts'

const HOUR = 3600_000
const lineCount = (dir: string) => readFileSync(join(dir, 'sessions.jsonl'), 'utf8').split('\n').filter(Boolean).length

describe('conversation state (one appended line per turn)', () => {
  it('keeps the latest state of each conversation across a restart, and the file stays small', async () => {
    const dir = tempDir()
    const repo = await openSessionRepository(dir, HOUR, 50)
    const at = new Date('2026-11-25T02:00:00Z')
    // Three conversations, 100 turns each, arriving together as they would from many villagers.
    await Promise.all(
      ['wx:a', 'wx:b', 'wx:c'].map(async (key) => {
        for (let turn = 1; turn <= 100; turn++) await repo.put(key, { key, turn }, at)
      }),
    )
    expect(lineCount(dir)).toBeLessThanOrEqual(50 + 3)
    await repo.close()
    const again = await openSessionRepository(dir, HOUR, 50)
    for (const key of ['wx:a', 'wx:b', 'wx:c']) expect(await again.get(key)).toEqual({ key, turn: 100 })
    expect(await again.get('wx:nobody')).toBeNull()
  })

  it('forgets conversations idle longer than the limit', async () => {
    const dir = tempDir()
    const repo = await openSessionRepository(dir, HOUR)
    await repo.put('wx:old', { step: 1 }, new Date('2026-11-25T00:00:00Z'))
    await repo.put('wx:new', { step: 2 }, new Date('2026-11-25T02:00:00Z'))
    expect(await repo.get('wx:old')).toBeNull()
    expect(await repo.get('wx:new')).toEqual({ step: 2 })
  })
})
