import { pino, type DestinationStream, type Logger } from 'pino'
import { maskPersonalData } from './domain/privacy/mask.ts'

/**
 * Structured logs (pino: one JSON object per line) for the operator's tools. No personal data: every
 * string that reaches a line — messages, paths, error stacks — is masked here, and callers never log
 * request or report bodies.
 */
export function createLogger(destination?: DestinationStream, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    base: undefined,
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskPersonalData(a) : a))
        method.apply(this, masked as Parameters<typeof method>)
      },
    },
  }, destination)
}

export let logger = createLogger()

/** Tests capture lines by swapping the destination. */
export const useLogger = (next: Logger) => { logger = next }

/** A line for the operator (Chinese, as they read it). */
export const log = (line: string) => logger.info(line)

/** An error, with its stack masked the same way. */
export const logError = (context: string, err: unknown) =>
  logger.error({ error: maskPersonalData(err instanceof Error ? err.stack ?? err.message : String(err)) }, context)
