import { describe, it, expect, vi, afterEach } from 'vitest'
import { log, logError } from '../../api/log.ts'
import { UNMASKED } from '../support/households.ts'

afterEach(() => vi.restoreAllMocks())

describe('log lines', () => {
  it('never carry a whole ID or phone number, in messages or error stacks', () => {
    const out: string[] = []
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')))
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')))
    log('处理 330102199001011234 的消息失败，电话 13812345678')
    logError('未处理的错误', new Error('户主身份证 33010219850505567X 不对'))
    expect(out).toHaveLength(2)
    expect(out[0]).toContain('3301**********1234')
    expect(out[0]).toContain('138****5678')
    expect(out[1]).toContain('3301**********567X')
    expect(out.filter((l) => UNMASKED.test(l))).toEqual([])
  })
})
