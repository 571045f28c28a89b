import { join } from 'node:path'
import { RoutingTable } from '../content/schema.ts'
import { openJsonStore } from './json-store.ts'

/** The admin's routing table; starts as content/report-routing.yaml and is kept in the data directory once edited. */
export interface RoutingRepository {
  get(): RoutingTable
  set(table: RoutingTable): Promise<void>
}

export async function openRoutingRepository(dataDir: string, defaults: RoutingTable): Promise<RoutingRepository> {
  const store = await openJsonStore(join(dataDir, 'routing.json'), RoutingTable, defaults)
  return {
    get: () => store.data,
    async set(table) {
      store.data = table
      await store.write()
    },
  }
}
