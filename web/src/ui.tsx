import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { Tel, Text } from './text.tsx'

export function Loading({ label = '正在加载…' }: { label?: string }) {
  return (
    <div class="loading" role="status" aria-live="polite">
      {label}
    </div>
  )
}

export function ErrorBox({ error }: { error: Error | null }) {
  if (!error) return null
  return (
    <div class="error" role="alert">
      <Text text={error.message} />
    </div>
  )
}

/**
 * Our own checks, in Chinese: forms are noValidate (no browser bubbles in English or in the phone's own
 * words), each field's problem is written under it and the first wrong field takes the focus.
 */
export type FieldErrors = Record<string, string | undefined>

export function FieldError({ id, errors }: { id: string; errors: FieldErrors }) {
  const message = errors[id]
  return message ? (
    <p class="field-error" id={`${id}-error`}>
      {message}
    </p>
  ) : null
}

/** aria attributes tying a field to its message. */
export const invalid = (id: string, errors: FieldErrors) => (errors[id] ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})

/** True when there is nothing to correct; otherwise focuses the first field that needs it. */
export function passes(errors: FieldErrors): boolean {
  const first = Object.keys(errors).find((k) => errors[k])
  if (!first) return true
  document.getElementById(first)?.focus()
  return false
}

/** Runs one request at a time for a form: busy while it runs, its error (in Chinese) when it fails. */
export function useTask() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  async function run<T>(task: () => Promise<T>): Promise<T | undefined> {
    setBusy(true)
    setError(null)
    try {
      return await task()
    } catch (err) {
      setError(err instanceof TypeError ? new Error('连不上服务，请检查网络后再试。') : (err as Error))
      return undefined
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run, setError }
}

/** A radio group with big touch targets; the legend names it for screen readers. */
export function Choices<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string
  name: string
  options: readonly T[]
  value: T | undefined
  onChange: (v: T) => void
}) {
  return (
    <fieldset style="border:0;padding:0;margin:0">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label class="choice" key={o}>
          <input type="radio" name={name} value={o} checked={value === o} onChange={() => onChange(o)} />
          {o}
        </label>
      ))}
    </fieldset>
  )
}

/** Policy text is a little Markdown (bold, bullet lines): rendered as elements, never as HTML. */
export function RichText({ text }: { text: string }) {
  const blocks = text.split(/\n{2,}/)
  const inline = (line: string): ComponentChildren =>
    line.split(/\*\*(.+?)\*\*/g).map((part, i) =>
      i % 2 === 1 ? (
        <strong>
          <Text text={part} />
        </strong>
      ) : (
        <Text text={part} />
      ),
    )
  return (
    <div>
      {blocks.map((block) => {
        const lines = block.split('\n')
        if (lines.every((l) => /^\s*[-*]\s+/.test(l)))
          return (
            <ul>
              {lines.map((l) => (
                <li>{inline(l.replace(/^\s*[-*]\s+/, ''))}</li>
              ))}
            </ul>
          )
        return (
          <p>
            {lines.map((l, i) => (
              <>
                {i > 0 && <br />}
                {inline(l.replace(/^#+\s*/, ''))}
              </>
            ))}
          </p>
        )
      })}
    </div>
  )
}

export function Contact({ c }: { c: { name: string; phone: string; hours?: string | undefined; demo: boolean; duties: string[] } }) {
  return (
    <li class="card">
      <strong>{c.name}</strong>
      <div>
        <Tel number={c.phone} />
        {c.demo ? <span class="tag warn">演示号码</span> : null}
      </div>
      {c.hours ? (
        <div class="muted">
          <Text text={c.hours} />
        </div>
      ) : null}
      <div class="muted">
        <Text text={c.duties.join('、')} />
      </div>
    </li>
  )
}
