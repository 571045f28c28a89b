/** Why the domain says no; the HTTP layer turns each into its status (400, 401, 403, 404, 409). */
export type RefusalKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict'

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
  ) {
    super(message)
    this.name = 'Refusal'
  }
}
