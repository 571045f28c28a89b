import { z } from '../../lib/zod.ts'

/**
 * Everything a message can be asking for. The engine has one handler per intent; the classifier is
 * trained from content/intents/<intent>.yaml (policy.question from the knowledge base's own questions).
 */
export const INTENTS = [
  'policy.question',
  'self_check',
  'report.request',
  'report.describe',
  'report.track',
  'report.feedback',
  'contacts',
  'hardship.declare',
  'record.own',
  'verify',
  'bind',
  'unbind',
  'cadre.list',
  'cadre.lookup',
  'cadre.visit',
  'cadre.due',
  'cadre.alerts',
  'cadre.settle',
  'menu',
  'cancel',
  'smalltalk.greeting',
  'smalltalk.thanks',
  'smalltalk.ok',
  'smalltalk.bye',
  'smalltalk.who',
  'smalltalk.confused',
  'smalltalk.human',
  'smalltalk.abuse',
] as const
export const Intent = z.enum(INTENTS)
export type Intent = z.infer<typeof Intent>

export const isCadreIntent = (i: Intent) => i.startsWith('cadre.')
export const isSmallTalk = (i: Intent) => i.startsWith('smalltalk.')

export const Entities = z.object({
  town: z.string().optional().describe('乡镇'),
  village: z.string().optional().describe('村'),
  offices: z.array(z.string()).optional().describe('提到的单位（联系人目录里的编号），最具体的在前'),
  category: z.string().optional().describe('反映问题的类别（从类别名或问题描述认出）'),
  ticket: z.string().optional().describe('受理编号，如 FK-2026-000123'),
  code: z.string().optional().describe('查询码'),
  household: z.string().optional().describe('户编号'),
  case: z.string().optional().describe('自主申报编号，如 SB-2026-000012'),
  bindingCode: z.string().optional().describe('六位绑定码'),
  idLast6: z.string().optional().describe('身份证后6位（核验用）'),
  person: z.string().optional().describe('人名'),
  matters: z.array(z.string()).optional().describe('问到的事项（危房改造、医保……）'),
  note: z.string().optional().describe('走访记录或核实情况的文字'),
  decision: z.enum(['纳入监测', '不纳入监测']).optional().describe('核实结论'),
  satisfied: z.boolean().optional().describe('满意为 true，不满意为 false'),
})
export type EntitiesOut = z.infer<typeof Entities>

export const Understanding = z.object({
  intent: Intent.describe('这句话要办的事'),
  confidence: z.number().min(0).max(1).describe('把握有多大（0–1）；打的是命令时为 1'),
  entities: Entities,
  /** how it was decided: an exact command, or the classifier */
  via: z.enum(['command', 'classifier']),
  alternatives: z.array(z.object({ intent: Intent, confidence: z.number() })).describe('其次可能的意图'),
})
export type Understanding = z.infer<typeof Understanding>
