import type { EntitiesOut, Intent } from './intents.ts'

/**
 * Exact commands, as the menu and the cadre card print them: recognised before any guessing, with their
 * arguments. Anything else goes to the classifier.
 */
export interface Command {
  intent: Intent
  entities: EntitiesOut
}

const END = '[。.！!？?~～]*'
const rule = (pattern: string, flags = 'i') => new RegExp(`^(?:${pattern})${END}$`, flags)

const MENU = rule('帮助|菜单|功能|help|\\?|？|开始|主菜单')
const GREETING = rule('你好|您好|在吗|在不在|hi|hello|哈喽|嗨')
const CANCEL = rule('取消|退出|算了|不问了|结束|返回|cancel')
const BYE = rule('再见|拜拜|88|886|bye|byebye')
const THANKS = rule('谢谢|谢谢你|谢谢您|多谢|感谢|thx|thanks|thank you')
const CONTACT = /^(?:找人|联系人|联系|电话|找谁)\s*(.*)$/
const REPORT = rule('反映问题|反映|举报|投诉|我要反映|我要举报|我要投诉')
const PROGRESS = /^查进度\s*(FK-\d{4}-\d{6,})?\s*([A-Za-z0-9]{4,20})?\s*$/i
const FEEDBACK = /^(满意|不满意)\s*(FK-\d{4}-\d{6,})?\s*([A-Za-z0-9]{4,20})?\s*$/i
const SELF_CHECK = rule('政策自测|自测|测一测|我家能享受什么(?:政策)?|我(?:家)?能(?:领|享受|拿)什么(?:补贴|补助|政策)?')
const HARDSHIP = rule('自主申报|申报困难|困难申报|我要申报')
const BIND = /^绑定\s*(\d{6})$/
const VERIFY = /^(?:核验|验证)\s*([^\s\d]{1,20})\s*(\d{5}[\dXx])$/
const VERIFY_HELP = /^(?:核验|验证|核验身份)$/
const BIND_HELP = /^绑定$/
const UNBIND = /^解除绑定$/
const OWN_RECORD = /^(?:我家档案|我家信息|我的档案|查我家)$/
const CADRE_LIST = /^(?:我的帮扶户|帮扶户)$/
const CADRE_DUE = /^待走访$/
const CADRE_ALERTS = /^(?:预警|申报)$/
const CADRE_LOOKUP = /^查\s+(\S.{0,30})$/
const CADRE_VISIT = /^走访\s*([A-Za-z0-9-]{4,32})\s+(.{2,500})$/s
const CADRE_SETTLE = /^核实\s*(SB-\d{4}-\d{6,})\s*(纳入监测|不纳入监测)\s*(.*)$/is
/** 查张三 / 查DS-0001 without a space: a lookup when a cadre types it, a question from anyone else. */
export const LOOSE_LOOKUP = /^查([A-Za-z]{1,4}[0-9-]{3,31}|[\u4e00-\u9fa5]{2,4})$/

const lookupEntities = (target: string): EntitiesOut =>
  /^[A-Za-z]{1,4}[0-9-]{3,31}$/.test(target) ? { household: target.toUpperCase() } : { person: target }

export function parseCommand(message: string): Command | undefined {
  const text = message.trim()
  const simple: [RegExp, Intent][] = [
    [CANCEL, 'cancel'],
    [MENU, 'menu'],
    [GREETING, 'smalltalk.greeting'],
    [THANKS, 'smalltalk.thanks'],
    [BYE, 'smalltalk.bye'],
    [REPORT, 'report.request'],
    [SELF_CHECK, 'self_check'],
    [HARDSHIP, 'hardship.declare'],
    [VERIFY_HELP, 'verify'],
    [BIND_HELP, 'bind'],
    [UNBIND, 'unbind'],
    [OWN_RECORD, 'record.own'],
    [CADRE_LIST, 'cadre.list'],
    [CADRE_DUE, 'cadre.due'],
    [CADRE_ALERTS, 'cadre.alerts'],
  ]
  for (const [pattern, intent] of simple) if (pattern.test(text)) return { intent, entities: {} }

  let m: RegExpExecArray | null
  if ((m = PROGRESS.exec(text)))
    return {
      intent: 'report.track',
      entities: { ...(m[1] ? { ticket: m[1].toUpperCase() } : {}), ...(m[2] ? { code: m[2].toUpperCase() } : {}) },
    }
  if ((m = FEEDBACK.exec(text)))
    return {
      intent: 'report.feedback',
      entities: {
        satisfied: m[1] === '满意',
        ...(m[2] ? { ticket: m[2].toUpperCase() } : {}),
        ...(m[3] ? { code: m[3].toUpperCase() } : {}),
      },
    }
  if ((m = CONTACT.exec(text))) return { intent: 'contacts', entities: m[1]!.trim() ? { matters: [m[1]!.trim()] } : {} }
  if ((m = BIND.exec(text))) return { intent: 'bind', entities: { bindingCode: m[1]! } }
  if ((m = VERIFY.exec(text))) return { intent: 'verify', entities: { person: m[1]!, idLast6: m[2]!.toUpperCase() } }
  if ((m = CADRE_VISIT.exec(text))) return { intent: 'cadre.visit', entities: { household: m[1]!.toUpperCase(), note: m[2]!.trim() } }
  if ((m = CADRE_SETTLE.exec(text)))
    return {
      intent: 'cadre.settle',
      entities: { case: m[1]!.toUpperCase(), decision: m[2] as '纳入监测' | '不纳入监测', note: m[3]!.trim() },
    }
  if ((m = CADRE_LOOKUP.exec(text))) return { intent: 'cadre.lookup', entities: lookupEntities(m[1]!.trim()) }
  return undefined
}

/** A loose lookup (查张三): only a cadre's engine treats it as one. */
export function looseLookup(message: string): EntitiesOut | undefined {
  const m = LOOSE_LOOKUP.exec(message.trim())
  return m ? lookupEntities(m[1]!) : undefined
}
