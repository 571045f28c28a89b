import { describe, it, expect, beforeAll } from 'vitest'
import { splitMessages } from '../../bot/engine/format.ts'
import { plainText } from '../../bot/engine/text/brief.ts'
import { DialogueState } from '../../bot/engine/state.ts'
import { dialogue, later, t0 } from '../support/dialogue.ts'

let play: Awaited<ReturnType<typeof dialogue>>
beforeAll(async () => {
  play = await dialogue()
})

describe('the dialogue engine', () => {
  it('greets with the menu', async () => {
    const [turn] = await play([['你好']])
    expect(turn!.replies[0]).toContain('扶贫政策助手')
    expect(turn!.state.options.length).toBeGreaterThan(0)
  })

  it('asks for a number in range when the reply is out of range', async () => {
    const [, turn] = await play([['菜单'], ['9']])
    expect(turn!.replies[0]).toContain('1 到 7')
  })

  it('treats a number with nothing offered as no choice', async () => {
    const [turn] = await play([['3']])
    expect(turn!.replies[0]).toContain('直接打字提问')
  })

  it('ends a flow left idle for more than 30 minutes, and says so', async () => {
    const turns = await play([['找人'], ['东山镇', later(31)]])
    expect(turns[0]!.state.flow).not.toBeNull()
    expect(turns[1]!.replies[0]).toContain('超过30分钟')
  })

  it('continues a flow within 30 minutes', async () => {
    const turns = await play([['找人'], ['东山镇', later(29)]])
    expect(turns[1]!.replies.join('')).toContain('东山镇扶贫工作站')
    expect(turns[1]!.state.flow).toBeNull()
  })

  it('starts over from a stored state it cannot read', async () => {
    // a half-finished 反映问题 whose draft is unreadable (an old version's state, a corrupted line)
    const unreadable = { flow: { kind: 'report', step: 'confirm', data: 'garbage' }, options: 'garbage', updatedAt: t0.toISOString() }
    const [turn] = await play([['你好']], unreadable)
    expect(turn!.replies[0]).toContain('扶贫政策助手')
    expect(turn!.state.flow).toBeNull()
    expect(DialogueState.safeParse(turn!.state).success).toBe(true)
  })

  it('never invents an answer to an unknown question, and gives the hotline', async () => {
    const [turn] = await play([['帮我写一篇作文']])
    const text = turn!.replies.join('\n')
    expect(text).toContain('没有找到')
    expect(text).toMatch(/打电话问：.+0000-/)
  })
})

describe('chat formatting', () => {
  it('splits long text into messages of at most 500 characters at line ends', () => {
    const text = Array.from({ length: 40 }, (_, i) => `第${i}行：${'字'.repeat(30)}`).join('\n')
    const parts = splitMessages(text)
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.every((p) => p.length <= 500)).toBe(true)
    expect(parts.join('\n')).toBe(text)
  })

  it('cuts a single overlong line', () => {
    const parts = splitMessages('字'.repeat(1200))
    expect(parts.map((p) => p.length)).toEqual([500, 500, 200])
  })

  it('turns Markdown into chat text', () => {
    expect(plainText('**多少钱**：3000元\n- 第一\n* 第二')).toBe('多少钱：3000元\n• 第一\n• 第二')
  })
})
