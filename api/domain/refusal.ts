/** Why the domain says no; the HTTP layer turns each into its status (400, 401, 403, 404, 409, 429, 503). */
export type RefusalKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_many' | 'unavailable'

/**
 * A request the domain or a service refuses, with the reason in Chinese for the person who asked. Lower
 * layers throw this instead of an HTTP error, so they stay free of HTTP (docs/ARCHITECTURE.md).
 */
export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    /** a code more precise than the kind's (VERIFY_FAILED rather than UNAUTHORIZED), for clients that branch on it */
    readonly code?: string,
    /** too_many: seconds until the caller may try again (Retry-After) */
    readonly retryAfter?: number,
  ) {
    super(message)
    this.name = 'Refusal'
  }
}
