import { coversPlace, type Principal } from '../access/principal.ts'
import { Refusal } from '../refusal.ts'

/** Which places a reader's figures come from: null = the whole county. */
export type PlaceFilter = ((town: string, village: string | null) => boolean) | null

/**
 * The office's figures are for the county office (everywhere), a 乡镇扶贫专干 (their town) and a 第一书记
 * (their villages), each narrowed to one town when asked. A 帮扶责任人 has their households' own pages
 * instead; asking for another town is refused, not answered with zeros.
 */
export function officeScope(p: Principal, town: string | undefined): PlaceFilter {
  if (p.kind === 'admin') return town ? (t) => t === town : null
  if (p.kind === 'public') throw new Refusal('unauthorized', '请先登录（县扶贫办、乡镇扶贫专干或第一书记的令牌）。')
  if (p.kind !== 'cadre' || p.role === '帮扶责任人') throw new Refusal('forbidden', '只有县扶贫办、乡镇扶贫专干和第一书记可以看工作台。')
  if (town && town !== p.town) throw new Refusal('forbidden', `您只能看${p.town}的数据。`)
  return (t, village) => coversPlace(p, { town: t, village })
}
