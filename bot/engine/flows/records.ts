import type { HouseholdDetail, HouseholdSummary } from '../../../api/domain/households/views.ts'
import { plainWords } from '../text/plain-words.ts'
import { errorMessage } from '../choices.ts'
import { splitMessages } from '../format.ts'
import type { FlowContext } from './flow.ts'

/**
 * Records by message: cadres bound to this WeChat check their households, log visits and 核实 自主申报;
 * a verified household reads its own record. The API decides what each may see: these functions only
 * ask and format, so a command can never show more than the same request over HTTP.
 */

export type Me = { kind: string; name?: string; role?: string; town?: string; villages?: string[]; householdId?: string }

export async function whoAmI(ctx: FlowContext): Promise<Me> {
  const res = await ctx.client.api.me.$get()
  return res.ok ? await res.json() : { kind: 'public' }
}

export const CADRE_MENU = [
  '【帮扶干部】',
  '• 我的帮扶户：名单、户类型、上次走访',
  '• 查 张三 / 查 户编号：一户的详细情况',
  '• 走访 户编号 记录：记一次入户走访',
  '• 待走访：今年走访不够次数或很久没去的户',
  '• 预警：返贫监测预警和待核实的自主申报',
  '• 核实 申报编号 纳入监测/不纳入监测 情况',
  '• 解除绑定',
].join('\n')

const LIST_LIMIT = 50

function summaryLine(h: HouseholdSummary, i: number): string {
  const visit = h.lastVisit ? `上次走访${h.lastVisit}，今年${h.visitsThisYear}次` : '还没有走访记录'
  return `${i + 1}. ${h.headName}户 ${h.id}（${h.village}，${h.status}）${visit}${h.alerts.length > 0 ? ' ⚠有预警' : ''}`
}

async function list(ctx: FlowContext, query: { due?: 'true'; alert?: 'true'; name?: string }) {
  const res = await ctx.client.api.households.$get({ query: { ...query, limit: String(LIST_LIMIT) } })
  if (!res.ok) return { error: await errorMessage(res) }
  return { page: await res.json() }
}

const more = (total: number, shown: number) => (total > shown ? [`……共 ${total} 户，这里列出前 ${shown} 户；在干部页面可以看全部。`] : [])

/** 我的帮扶户 */
export async function myHouseholds(ctx: FlowContext): Promise<string[]> {
  const r = await list(ctx, {})
  if (r.error !== undefined) return [r.error]
  const { total, households } = r.page
  if (total === 0) return ['您名下还没有帮扶户。如果不对，请联系县扶贫办核对台账。']
  return splitMessages(
    [`您负责的 ${total} 户：`, ...households.map(summaryLine), ...more(total, households.length), '回复“查 户编号”看详情。'].join('\n'),
  )
}

/** 待走访 */
export async function dueVisits(ctx: FlowContext): Promise<string[]> {
  const r = await list(ctx, { due: 'true' })
  if (r.error !== undefined) return [r.error]
  const { total, households } = r.page
  if (total === 0) return ['您负责的户走访都按要求做到了。']
  const lines = households.map((h, i) => `${i + 1}. ${h.headName}户 ${h.id}（${h.village}）：${h.visitReasons.join('；')}`)
  return splitMessages(
    [`该走访的 ${total} 户：`, ...lines, ...more(total, households.length), '走访后回复“走访 户编号 记录”登记。'].join('\n'),
  )
}

/** 预警: households with 返贫监测 alerts, and 自主申报 cases waiting for 核实. */
export async function alerts(ctx: FlowContext): Promise<string[]> {
  const r = await list(ctx, { alert: 'true' })
  if (r.error !== undefined) return [r.error]
  const { total, households } = r.page
  const lines =
    total === 0
      ? ['您负责的户目前没有返贫监测预警。']
      : [
          `有预警的 ${total} 户：`,
          ...households.map((h, i) => `${i + 1}. ${h.headName}户 ${h.id}（${h.village}）：${h.alerts.join('；')}`),
          ...more(total, households.length),
        ]
  const cases = await ctx.client.api.hardship.$get({ query: { status: '待核实' } })
  if (cases.ok) {
    const { cases: waiting } = await cases.json()
    if (waiting.length > 0) {
      lines.push(
        '',
        `待入户核实的自主申报 ${waiting.length} 件：`,
        ...waiting.map((c) => `• ${c.id} ${c.village}${c.name}户：${c.kind}，${c.description}`),
        '核实后回复“核实 申报编号 纳入监测 情况”或“核实 申报编号 不纳入监测 情况”。',
      )
    }
  }
  return splitMessages(lines.join('\n'))
}

function detailText(h: HouseholdDetail): string {
  const unmet = Object.entries(h.guarantees).filter(([, ok]) => !ok).length
  return [
    `${h.headName}户 ${h.id}${h.demo ? '（演示数据）' : ''}`,
    `${h.town}${h.village}｜${h.status}｜${h.size}口人`,
    `身份证：${h.idNumber}${h.phone ? `｜电话：${h.phone}` : ''}`,
    `人均纯收入：${h.incomes.map((i) => `${i.year}年${i.perCapita}元`).join('，') || '无记录'}`,
    `致贫原因：${h.causes.join('、') || '无'}`,
    `家庭成员：${h.members.map((m) => `${m.name}（${m.relationship}，${m.age}岁，${m.health}${m.disability !== '无' ? `，残疾${m.disability}` : ''}${m.schooling !== '非在校' ? `，${m.schooling}` : ''}）`).join('；')}`,
    `两不愁三保障：${unmet === 0 ? '都已达标' : `${unmet}项未达标`}`,
    `帮扶措施：${h.measures.join('、') || '无'}${h.cadreDetail ? `｜帮扶责任人：${h.cadreDetail.name}${h.cadreDetail.phone ? `（${h.cadreDetail.phone}）` : ''}` : ''}`,
    h.alerts.length > 0 ? `⚠ 预警：${h.alerts.join('；')}` : '预警：无',
    `走访：${
      h.visits.length === 0
        ? '还没有记录'
        : h.visits
            .slice(0, 3)
            .map((v) => `${v.date} ${v.by}：${v.note}`)
            .join('；')
    }`,
  ].join('\n')
}

/** 查 <户编号> / 查 <户主姓名> */
export async function lookUp(what: string, ctx: FlowContext): Promise<string[]> {
  const id = what.toUpperCase()
  if (ctx.vocabulary.householdId.test(id) && /\d/.test(id)) {
    const res = await ctx.client.api.households[':id'].$get({ param: { id } })
    if (!res.ok) return [`查不到 ${id}：只能查分给您负责的户。`]
    return splitMessages(detailText(await res.json()))
  }
  const r = await list(ctx, { name: what })
  if (r.error !== undefined) return [r.error]
  const { households } = r.page
  if (households.length === 0) return [`您负责的户里没有户主叫“${what}”的。回复“我的帮扶户”看名单。`]
  if (households.length > 1)
    return splitMessages([`有 ${households.length} 户对得上，请用户编号查：`, ...households.map(summaryLine)].join('\n'))
  return lookUp(households[0]!.id, ctx)
}

/** 走访 <户编号> <记录> */
export async function logVisit(id: string, note: string, ctx: FlowContext): Promise<string[]> {
  const res = await ctx.client.api.households[':id'].visits.$post({ param: { id: id.toUpperCase() }, json: { note } })
  if (res.status !== 201)
    return [res.status === 403 ? `记不了 ${id.toUpperCase()}：只能给分给您负责的户记走访。` : `没有记上：${await errorMessage(res)}`]
  const done = await res.json()
  return [
    `已记录 ${done.visit.date} 对 ${id.toUpperCase()} 的走访。今年已走访 ${done.visitsThisYear} 次${done.visitDue ? '，还不够要求的次数' : ''}。`,
  ]
}

/** 核实 <申报编号> 纳入监测|不纳入监测 <情况> */
export async function settleCase(id: string, outcome: '纳入监测' | '不纳入监测', note: string, ctx: FlowContext): Promise<string[]> {
  if (note.length < 2) return ['请写上入户核实的情况，比如：核实 SB-2026-000001 纳入监测 住院花费3万，收入骤减。']
  const res = await ctx.client.api.hardship[':id'].result.$post({ param: { id }, json: { outcome, note } })
  if (!res.ok) return [await errorMessage(res)]
  return [`已记录：申报 ${id} ${outcome}。申报人会收到通知。`]
}

/** 绑定 <6位绑定码> */
export async function bind(code: string, ctx: FlowContext): Promise<string[]> {
  const res = await ctx.client.api.bind.$post({ json: { bindingCode: code } })
  if (!res.ok) return [await errorMessage(res)]
  const c = await res.json()
  return [`绑定成功：${c.town}${c.role}${c.name}。\n\n${CADRE_MENU}`]
}

export async function unbind(ctx: FlowContext): Promise<string[]> {
  const res = await ctx.client.api.unbind.$post()
  if (!res.ok) return [await errorMessage(res)]
  return [(await res.json()).unbound ? '已解除绑定，这个微信不再能查看住户信息。' : '这个微信没有绑定过。']
}

export const HOW_TO_VERIFY = '查看自己家的档案，请先核验身份：回复“核验 户主姓名 身份证后6位”，比如：核验 张三 01123X。每小时最多错5次。'

/** 核验 <户主姓名> <身份证后6位>: binds this WeChat to the household. */
export async function verifyHousehold(name: string, idLast6: string, ctx: FlowContext): Promise<string[]> {
  const res = await ctx.client.api.households.verify.$post({ json: { name, idLast6 } })
  if (!res.ok) return [await errorMessage(res)]
  return [`${(await res.json()).message}回复“我家档案”查看。`]
}

/** 我家档案: a verified household's own record. */
export async function ownRecord(me: Me, ctx: FlowContext): Promise<string[]> {
  if (me.kind !== 'household' || !me.householdId) return [HOW_TO_VERIFY]
  const res = await ctx.client.api.households[':id'].$get({ param: { id: me.householdId } })
  if (!res.ok) return [await errorMessage(res)]
  return splitMessages(plainWords(detailText(await res.json())))
}
