import { pino, type DestinationStream, type Logger } from 'pino'
import { PinoPretty } from 'pino-pretty'
import { maskPersonalData } from '../domain/privacy/mask.ts'

/**
 * Logs go to stderr, so stdout is left for what a person reads (the start banner, `npm run chat`'s
 * conversation). In a terminal they are one readable line each (pino-pretty); piped to a file or a log
 * collector they are JSON lines (LOG_FORMAT=json|text overrides). No personal data: every string that
 * reaches a line — messages, paths, error stacks — is masked here, and callers never log request or
 * report bodies.
 */
export function createLogger(destination?: DestinationStream, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
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
    },
    destination ?? defaultDestination(),
  )
}

function defaultDestination(): DestinationStream {
  const format = process.env.LOG_FORMAT ?? (process.stderr.isTTY ? 'text' : 'json')
  if (format !== 'text') return pino.destination({ fd: 2, sync: false })
  return PinoPretty({
    destination: 2,
    sync: true,
    colorize: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'reqId,method,path,status,ms,caller',
    messageFormat: (line: Record<string, unknown>) =>
      line.method ? `${line.method} ${line.path} → ${line.status}（${line.ms} ms，${line.caller ?? '未登录'}）` : String(line.msg ?? ''),
  })
}

export let logger = createLogger()

/** Tests capture lines by swapping the destination. */
export const useLogger = (next: Logger) => {
  logger = next
}

/** A line for the operator (Chinese, as they read it). */
export const log = (line: string) => logger.info(line)

/** Routine, repeated work (the bot's idle polling): only at LOG_LEVEL=debug. */
export const debug = (line: string) => logger.debug(line)

/** An error, with its stack masked the same way. */
export const logError = (context: string, err: unknown) =>
  logger.error({ error: maskPersonalData(err instanceof Error ? (err.stack ?? err.message) : String(err)) }, context)
