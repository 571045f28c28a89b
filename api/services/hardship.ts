import type { AppDeps } from '../deps.ts'
import { Refusal } from '../domain/refusal.ts'
import { personalSession, type Principal } from '../domain/access/principal.ts'
import { describePrincipal } from '../domain/households/access.ts'
import { mayHandleCase, type HardshipCase } from '../domain/households/hardship.ts'
import {
  caseId,
  newCaseNotice,
  openCase,
  resultNotice,
  settleCase,
  type Outcome,
  newCaseCard,
  resultCard,
} from '../domain/households/hardship-workflow.ts'
import { localYear } from '../lib/calendar.ts'
import { auditEntry, cadreSessionsAt, sessionsOfCadre } from './households.ts'

type Deps = Pick<
  AppDeps,
  'knowledge' | 'households' | 'cadres' | 'visits' | 'access' | 'visitGapDays' | 'monitoring' | 'outbox' | 'audit' | 'now'
>

/** What a family says in a 自主申报; place and name come from its record when it is verified. */
export interface Declaration {
  kind: HardshipCase['kind']
  description: string
  town?: string | undefined
  village?: string | undefined
  name?: string | undefined
}

/**
 * The use cases of 自主申报: a family declares a hardship, the cadres of the place are told, one of them
 * 入户核实 and settles it, and the family hears the result. The steps themselves are
 * domain/households/hardship-workflow.ts.
 */
export function hardshipService(deps: Deps) {
  const { knowledge, households, monitoring, outbox, audit, now } = deps
  const householdOf = (c: HardshipCase) => (c.householdId ? households.get(c.householdId) : undefined)

  /** Where the case is: the verified household's record, else what the family wrote (all three needed). */
  const placeOf = (d: Declaration, p: Principal) => {
    const own = p.kind === 'household' ? households.get(p.householdId) : undefined
    const place = own ? { town: own.town, village: own.village, name: own.headName } : { town: d.town, village: d.village, name: d.name }
    if (!place.town || !place.village || !place.name) {
      throw new Refusal('invalid', '请填写乡镇（town）、村（village）和户主姓名（name）。')
    }
    return { own, place: { town: place.town, village: place.village, name: place.name } }
  }

  return {
    placeOf,

    /** Opens the case and tells the cadres of the place and the household's own 帮扶责任人. */
    async declare(d: Declaration, { own, place }: ReturnType<typeof placeOf>, chatSession: string | undefined) {
      const at = now()
      const id = caseId(localYear(at), monitoring.countInYear(localYear(at)) + 1)
      const input = { kind: d.kind, description: d.description, ...place, householdId: own?.id ?? null }
      const created = await monitoring.save(openCase({ ...input, session: personalSession(chatSession) ?? null }, id, at))
      const sessions = new Set([
        ...cadreSessionsAt(deps, { town: created.town, village: created.village }),
        ...(own?.cadreId ? sessionsOfCadre(deps, own.cadreId) : []),
      ])
      const text = newCaseNotice(created)
      const card = newCaseCard(created)
      await outbox.enqueue(
        [...sessions].map((s) => ({ session: s, text, card })),
        at,
      )
      return { created, message: `已收到您的申报（编号 ${created.id}）。村里的帮扶干部会上门核实情况，核实结果会告诉您。` }
    },

    /** The cases a cadre may handle (or all, for the admin), by status; the read is audited (a case names a family). */
    async list(p: Principal, status: HardshipCase['status'] | undefined, chatSession: string | undefined) {
      const cases = monitoring.all().filter((k) => (!status || k.status === status) && mayHandleCase(p, k, householdOf(k)))
      const households = [...new Set(cases.flatMap((k) => (k.householdId ? [k.householdId] : [])))]
      await audit.record(
        auditEntry(
          p,
          chatSession,
          '申报列表',
          households,
          now(),
          '允许',
          cases.map((k) => k.id),
        ),
      )
      return cases
    },

    /** 入户核实: 纳入监测 records the hardship on the household; the family hears the result either way. */
    async settle(id: string, p: Principal, result: { outcome: Outcome; note: string }, chatSession: string | undefined) {
      const existing = monitoring.get(id)
      if (!existing || !mayHandleCase(p, existing, householdOf(existing))) {
        throw new Refusal('not_found', `没有找到申报 ${id}，或不在您负责的范围。`)
      }
      const at = now()
      const done = await monitoring.save(settleCase(existing, { ...result, by: describePrincipal(p) }, at))
      if (result.outcome === '纳入监测' && done.householdId) {
        await households.addShock(done.householdId, done.kind, at)
        await audit.record(auditEntry(p, chatSession, '核实申报', [done.householdId], at))
      }
      if (done.session)
        await outbox.enqueue([{ session: done.session, text: resultNotice(done, knowledge.hotline), card: resultCard(done) }], at)
      return done
    },
  }
}
