import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { ErrorBody } from '../http/errors.ts'
import type { AppDeps, InProcessFetch } from '../deps.ts'
import type { InProcessEnv, PrincipalVariables } from '../http/middleware/principal.ts'
import { PUBLIC, type Principal } from '../domain/access/principal.ts'
import { inTurnPer } from '../lib/in-turn.ts'

export const ChatRequest = z
  .object({
    session: z
      .string()
      .regex(/^[\w:.@-]{8,80}$/, '会话编号应为8到80位字母、数字或 _ : . @ -')
      .openapi({ description: '会话：会话编号，网页随机生成；微信机器人用联系人编号', example: 'web-3f2a9c1e7b' }),
    text: z.string().max(20_000, '消息太长了').describe('内容：用户打的字').openapi({ example: '孩子上高职有补助吗' }),
    room: z.boolean().optional().describe('群聊：在微信群里@机器人说的为 true；群里只回答公开的问题，涉及个人的请对方私聊'),
  })
  .openapi('ChatRequest')

const ChatReply = z
  .object({
    replies: z.array(z.string()).describe('依次发送的回复，每条不超过约500字'),
  })
  .openapi('ChatReply')

const route = createRoute({
  method: 'post',
  path: '/api/chat',
  summary: '和机器人对话（与微信里同一个对话引擎）',
  request: { body: { required: true, content: { 'application/json': { schema: ChatRequest } } } },
  responses: {
    200: { description: '机器人的回复', content: { 'application/json': { schema: ChatReply } } },
    400: { description: '请求有误', content: { 'application/json': { schema: ErrorBody } } },
  },
})

/**
 * Web sessions and WeChat sessions live in separate namespaces: only the bot, holding BOT_TOKEN, may speak
 * for a WeChat contact, so a web page cannot take over a contact's conversation by guessing its id.
 * The engine then acts for whoever the conversation belongs to: a WeChat contact bound to a cadre or a
 * verified household, a cadre signed in on the web page with their token, or the public.
 */
export function chatRoutes(
  { sessions, resolveChatSession, now, chat }: Pick<AppDeps, 'sessions' | 'resolveChatSession' | 'now' | 'chat'>,
  fetchAs: (env: InProcessEnv) => InProcessFetch,
) {
  // People send two messages in quick succession: each turn must start from the state the previous one left.
  const turnOf = inTurnPer()
  return routeApp<{ Variables: PrincipalVariables }>().openapi(route, async (c) => {
    const { session, text, room } = c.req.valid('json')
    const caller = c.get('principal')
    // A group is heard by everyone in it: its turns are the public's, in a conversation of their own, so a
    // bound cadre's or a verified family's standing never reaches a room and a room never continues a private flow.
    const channel = caller.kind === 'bot' ? (room ? 'wxroom' : 'wx') : 'web'
    const key = `${channel}:${session}`
    let principal: Principal = PUBLIC
    if (channel === 'wx') principal = (await resolveChatSession(key)) ?? PUBLIC
    else if (channel === 'web' && (caller.kind === 'cadre' || caller.kind === 'household')) principal = caller
    const fetch = fetchAs({ principal, chatSession: key, clientAddress: c.get('clientAddress') })
    const replies = await turnOf(key, async () => {
      const at = now()
      let forgetPast = false
      const turn = await chat(await sessions.get(key), text, {
        fetch,
        now: at,
        inRoom: channel === 'wxroom',
        forgetPast: () => (forgetPast = true),
      })
      await sessions.put(key, turn.state, at, { forgetPast })
      return turn.replies
    })
    return c.json({ replies }, 200)
  })
}
