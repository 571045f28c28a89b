import { respond, type Turn } from '../../bot/engine/respond.ts'
import { inProcessClient } from '../../bot/client.ts'
import type { DomainApp } from '../../api/app.ts'
import { ENGINE_VOCABULARY } from '../../api/chat-engine.ts'
import { testApp } from './app.ts'

export const t0 = new Date('2026-11-24T08:00:00Z')
export const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000)

/** The dialogue engine over a fresh test app, in process: what WeChat and the web chat both drive. */
export async function dialogue() {
  const { app } = await testApp()
  const client = inProcessClient<DomainApp>(app)
  /** Plays a conversation: each message against the state the previous turn left, stored as JSON. */
  return async function play(messages: [string, Date?][], stored: unknown = null): Promise<Turn[]> {
    const turns: Turn[] = []
    let state = stored
    for (const [text, at] of messages) {
      const turn = await respond(state, text, { client, now: at ?? t0, vocabulary: ENGINE_VOCABULARY })
      turns.push(turn)
      state = JSON.parse(JSON.stringify(turn.state))
    }
    return turns
  }
}
