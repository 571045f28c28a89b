import { QUESTION_MAX } from './domain/qa/answer.ts'
import { hc } from 'hono/client'
import type { ChatEngine } from './deps.ts'
import type { DomainApp } from './app.ts'
import { respond } from '../bot/engine/respond.ts'
import type { EngineVocabulary } from '../bot/engine/ports.ts'
import { REPORT_CATEGORIES } from './content/report-categories.ts'
import { HARDSHIP_KINDS } from './domain/households/hardship.ts'
import { HOUSEHOLD_ID } from './domain/households/household.ts'
import { localDate } from './lib/calendar.ts'

/** The domain's words the chat engine offers as choices and recognises, handed to it (bot/engine/ports.ts). */
export const ENGINE_VOCABULARY: EngineVocabulary = {
  reportCategories: REPORT_CATEGORIES,
  hardshipKinds: HARDSHIP_KINDS,
  householdId: HOUSEHOLD_ID,
  questionMax: QUESTION_MAX,
  localDate,
}

/** The chat engine as the API hosts it: it reaches the domain through the typed client over an in-process fetch. */
export const chatEngine: ChatEngine = (stored, text, { fetch, now, inRoom, forgetPast }) =>
  respond(stored, text, {
    client: hc<DomainApp>('http://in-process', { fetch: fetch as typeof globalThis.fetch }),
    now,
    inRoom,
    forgetPast,
    vocabulary: ENGINE_VOCABULARY,
  })
