import type { DomainClient } from '../client.ts'
import type { REPORT_CATEGORIES } from '../../api/content/report-categories.ts'
import type { HARDSHIP_KINDS } from '../../api/domain/households/hardship.ts'

/**
 * What the engine needs from the domain besides its routes, passed in by whoever runs it (api/service.ts,
 * the tests): the engine imports no value from api/, so it can be run and tested against any host.
 */
export interface EngineVocabulary {
  reportCategories: typeof REPORT_CATEGORIES
  hardshipKinds: typeof HARDSHIP_KINDS
  /** a household number (DS-0001), as opposed to a name */
  householdId: RegExp
  /** the longest question /api/ask takes; a longer message is asked to be shortened first */
  questionMax: number
  /** the county's date (Asia/Shanghai) at a moment: the date policies are judged by */
  localDate(at: Date): string
}

/** Everything a turn works with: the API as the conversation's principal, the turn's time, the vocabulary. */
export interface EngineContext {
  client: DomainClient
  now: Date
  vocabulary: EngineVocabulary
  /** said in a WeChat group: everyone there reads the reply, so nothing about a person is answered */
  inRoom?: boolean
  /**
   * Called when this turn filed an anonymous report: the host keeps no earlier state of the conversation
   * (its drafts held the description), so nothing it stores links the sender to the report.
   */
  forgetPast?: () => void
}
