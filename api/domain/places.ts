/** The county's towns and their villages, as the contacts directory lists them. */
export type Towns = readonly { name: string; villages: readonly string[] }[]

/** A town or village the directory does not have, with the choices it does have. */
export interface UnknownPlace {
  field: 'town' | 'village'
  /** the name given */
  given: string
  /** for a village: the town it was looked for in */
  town?: string
  choices: readonly string[]
}

/**
 * What is wrong with a town (and village) against the directory; undefined when both are known. The API
 * and the ledger import each word it in their own way (乡镇（place.town）：… / 「乡镇」…).
 */
export function placeProblem(towns: Towns, place: { town: string; village?: string | null | undefined }): UnknownPlace | undefined {
  const town = towns.find((t) => t.name === place.town)
  if (!town) return { field: 'town', given: place.town, choices: towns.map((t) => t.name) }
  if (place.village && !town.villages.includes(place.village)) {
    return { field: 'village', given: place.village, town: town.name, choices: town.villages }
  }
  return undefined
}
