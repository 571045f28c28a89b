import { openCadreRepository, openHouseholdRepository } from '../store/households.ts'
import { decodeSpreadsheet, mergeImported, parseLedger, readLedger, type RowError } from '../domain/households/ledger.ts'
import { firstSheetRows, isXlsx } from '../lib/xlsx.ts'
import type { Knowledge } from '../domain/knowledge.ts'

export type ImportResult = { ok: true; kind: 'households' | 'cadres'; added: number; updated: number } | { ok: false; errors: RowError[] }

/** Imports a 台账 (CSV, or the first sheet of an .xlsx with the same columns) into a data directory: all rows or none. */
export async function importLedger(bytes: Uint8Array, dataDir: string, knowledge: Pick<Knowledge, 'towns'>): Promise<ImportResult> {
  const [households, cadres] = await Promise.all([openHouseholdRepository(dataDir), openCadreRepository(dataDir)])
  try {
    const ctx = { towns: knowledge.towns, cadreIds: new Set(cadres.all().map((c) => c.id)) }
    const ledger = isXlsx(bytes) ? readLedger(await firstSheetRows(bytes), ctx) : parseLedger(decodeSpreadsheet(bytes), ctx)
    if (ledger.errors.length > 0) return { ok: false, errors: ledger.errors }
    if (ledger.kind === 'cadres') {
      const added = ledger.cadres.filter((c) => !cadres.get(c.id)).length
      await cadres.upsert(ledger.cadres)
      return { ok: true, kind: 'cadres', added, updated: ledger.cadres.length - added }
    }
    const merged = ledger.households.map((h) => mergeImported(households.get(h.id), h))
    const added = ledger.households.filter((h) => !households.get(h.id)).length
    await households.upsert(merged)
    return { ok: true, kind: 'households', added, updated: merged.length - added }
  } finally {
    await households.close()
  }
}
