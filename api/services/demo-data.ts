import { syntheticData } from '../domain/households/synthetic.ts'
import type { Towns } from '../domain/places.ts'
import { openCadreRepository, openHouseholdRepository } from '../store/households.ts'

/**
 * Writes synthetic households and cadres into a data directory (replacing records with the same ids).
 * Refuses a directory that holds real records: demo data must never mix with a county's 台账.
 */
export async function loadDemoData(
  dataDir: string,
  towns: Towns,
  count: number,
  seed: number,
  progress: (line: string) => void = () => {},
) {
  const [households, cadres] = await Promise.all([openHouseholdRepository(dataDir), openCadreRepository(dataDir)])
  try {
    if (households.all().some((k) => !k.demo) || cadres.all().some((c) => !c.demo)) {
      throw new Error(`数据目录 ${dataDir} 里已有正式的住户或干部数据，不能混入演示数据。请换一个 DATA_DIR。`)
    }
    progress(`正在生成 ${count} 户演示住户…`)
    const data = syntheticData(count, towns, seed)
    progress('正在写入数据文件…')
    await cadres.upsert(data.cadres)
    await households.upsert(data.households)
    return { households: data.households.length, cadres: data.cadres.length }
  } finally {
    // the service opens the file next: this writer (and its mark) must be done with it first
    await households.close()
  }
}
