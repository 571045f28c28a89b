import { useEffect, useState } from 'preact/hooks'
import { api } from '../api.ts'

export type Town = { name: string; villages: string[] }

/** The county's towns and villages (for place pickers); empty until loaded or when offline. */
export function useTowns(): Town[] {
  const [towns, setTowns] = useState<Town[]>([])
  useEffect(() => {
    void api.places
      .$get()
      .then(async (res) => {
        if (res.ok) setTowns((await res.json()).towns)
      })
      .catch(() => undefined)
  }, [])
  return towns
}
