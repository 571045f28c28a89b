import { ApiError } from './errors.ts'

type Towns = readonly { name: string; villages: readonly string[] }[]

/**
 * A 400 naming the choices when a town or village is not in the county's directory. `field` is how the
 * request names the two ("place.town" in a report, "town" in a 自主申报).
 */
export function checkPlace(
  towns: Towns,
  place: { town: string; village?: string | null | undefined },
  field: { town: string; village: string },
): void {
  const town = towns.find((t) => t.name === place.town)
  if (!town)
    throw new ApiError(400, 'BAD_REQUEST', `乡镇（${field.town}）：没有「${place.town}」，可选：${towns.map((t) => t.name).join('、')}`)
  if (place.village && !town.villages.includes(place.village)) {
    throw new ApiError(
      400,
      'BAD_REQUEST',
      `村（${field.village}）：${town.name}没有「${place.village}」，可选：${town.villages.join('、')}`,
    )
  }
}
