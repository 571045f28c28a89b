import type { CadrePrincipal, Principal } from '../access/principal.ts'
import type { Cadre, Household } from './household.ts'

/**
 * Who may see which household: the one place this is decided. Routes, chat and exports all ask here.
 * - admin: every household;
 * - 帮扶责任人: the households assigned to them;
 * - 第一书记: the households of their villages; 乡镇扶贫专干: of their town;
 * - a verified household member: their own household;
 * - the bot and the public: none (the bot reads only as the contact it speaks for).
 */
export function mayRead(p: Principal, h: Pick<Household, 'id' | 'town' | 'village' | 'cadreId'>): boolean {
  switch (p.kind) {
    case 'admin':
      return true
    case 'household':
      return p.householdId === h.id
    case 'cadre':
      if (p.role === '帮扶责任人') return h.cadreId === p.cadreId
      if (p.town !== h.town) return false
      return p.role === '乡镇扶贫专干' || p.villages.includes(h.village)
    default:
      return false
  }
}

/** A visit is a cadre's own record (or the office's); a household cannot log visits to itself. */
export const mayLogVisit = (p: Principal, h: Pick<Household, 'id' | 'town' | 'village' | 'cadreId'>) =>
  (p.kind === 'admin' || p.kind === 'cadre') && mayRead(p, h)

export const cadrePrincipal = (c: Cadre): CadrePrincipal => ({
  kind: 'cadre',
  cadreId: c.id,
  name: c.name,
  role: c.role,
  town: c.town,
  villages: c.villages,
})

/** How an audit entry and a visit name the principal. */
export function describePrincipal(p: Principal): string {
  switch (p.kind) {
    case 'admin':
      return '县扶贫办管理员'
    case 'cadre':
      return `${p.town}${p.role}${p.name}（${p.cadreId}）`
    case 'household':
      return `农户本人（${p.householdId}）`
    case 'bot':
      return '机器人'
    case 'public':
      return '未登录用户'
  }
}
