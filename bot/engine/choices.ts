import { numbered } from './format.ts'

/** A reply naming one of the choices: its number, or the choice's words. */
export const pick = <T extends string>(text: string, choices: readonly T[]): T | undefined => {
  const n = /^\s*(\d{1,2})\s*$/.exec(text)
  if (n) return choices[Number(n[1]) - 1]
  return choices.find((c) => text.includes(c))
}

/** Choices as a numbered list for a chat bubble. */
export const asChoices = (items: readonly string[]) =>
  numbered(items.map((label) => ({ label, action: { type: 'say' as const, text: label } })))

/** The Chinese message of an API error response, or a fallback. */
export async function errorMessage(res: Response, fallback = '请稍后再试'): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } }
    return body.error?.message ?? fallback
  } catch {
    return fallback
  }
}
