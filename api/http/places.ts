import { ApiError } from './errors.ts'
import { placeProblem, type Towns } from '../domain/places.ts'

/**
 * A 400 naming the choices when a town or village is not in the county's directory. `field` is how the
 * request names the two ("place.town" in a report, "town" in a 自主申报).
 */
export function checkPlace(
  towns: Towns,
  place: { town: string; village?: string | null | undefined },
  field: { town: string; village: string },
): void {
  const wrong = placeProblem(towns, place)
  if (!wrong) return
  const label = wrong.field === 'town' ? `乡镇（${field.town}）` : `村（${field.village}）`
  throw new ApiError(400, 'BAD_REQUEST', `${label}：${wrong.town ?? ''}没有「${wrong.given}」，可选：${wrong.choices.join('、')}`)
}
