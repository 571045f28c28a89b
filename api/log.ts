import { maskPersonalData } from './domain/privacy/mask.ts'

/** One log line, timestamped. Never a whole ID or phone number: messages can quote what users typed. */
export const log = (line: string) => console.log(`[${new Date().toISOString()}] ${maskPersonalData(line)}`)

/** An error for the operator: its stack, masked the same way. */
export const logError = (context: string, err: unknown) =>
  console.error(`[${new Date().toISOString()}] ${context}：${maskPersonalData(err instanceof Error ? err.stack ?? err.message : String(err))}`)
