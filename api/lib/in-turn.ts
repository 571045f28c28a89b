/**
 * Runs jobs one at a time, in the order they were given: each starts after the previous one settles,
 * whether it succeeded or not.
 */
export function inTurn() {
  let last: Promise<unknown> = Promise.resolve()
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = last.then(job)
    last = run.catch(() => {})
    return run
  }
}

/** One at a time per key (a conversation, a record); different keys run side by side. */
export function inTurnPer() {
  const last = new Map<string, Promise<unknown>>()
  return <T>(key: string, job: () => Promise<T>): Promise<T> => {
    const run = (last.get(key) ?? Promise.resolve()).then(job)
    const settled = run.catch(() => {})
    last.set(key, settled)
    // Forget a key once nothing is queued behind it, so the map holds only busy keys.
    void settled.then(() => {
      if (last.get(key) === settled) last.delete(key)
    })
    return run
  }
}
