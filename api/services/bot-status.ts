import { z } from '../lib/zod.ts'

export const BotStatus = z
  .object({
    state: z.enum(['starting', 'scanning', 'logged_in', 'logged_out', 'stopped']).describe('微信登录状态'),
    puppet: z.string().describe('所用 puppet，如 wechaty-puppet-mock'),
    user: z.string().nullable().describe('登录的微信号名称'),
    qrcode: z.string().nullable().describe('等待扫码时的二维码链接'),
    queue: z
      .object({
        waiting: z.number().int().describe('待发条数'),
        sentToday: z.number().int().describe('今天已发条数'),
        paused: z.boolean().describe('是否暂停：到了每天的上限'),
      })
      .describe('发送队列'),
  })
  .openapi('BotStatus')
export type BotStatus = z.infer<typeof BotStatus>

/** The latest status the bot reported, kept in memory so /health can show whether WeChat is logged in. */
export class BotStatusBoard {
  private current: (BotStatus & { updatedAt: string }) | null = null
  set(status: BotStatus, at: Date) {
    this.current = { ...status, updatedAt: at.toISOString() }
  }
  get() {
    return this.current
  }
}
