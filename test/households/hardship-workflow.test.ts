import { describe, it, expect } from 'vitest'
import { caseId, newCaseNotice, openCase, resultNotice, settleCase } from '../../api/domain/households/hardship-workflow.ts'
import { Refusal } from '../../api/domain/refusal.ts'

const at = new Date('2026-11-24T08:00:00Z')
const opened = openCase(
  { kind: '大病', description: '住院花了三万多', town: '东山镇', village: '东山村', name: '张三', householdId: 'DS-0001', session: null },
  caseId(2026, 7),
  at,
)
const hotline = { name: '县扶贫办', phone: '0000-8000001' }

describe('the 自主申报 workflow', () => {
  it('opens a numbered case waiting for 入户核实, and tells the cadres how to settle it', () => {
    expect(opened).toMatchObject({ id: 'SB-2026-000007', status: '待核实', result: null, createdAt: at.toISOString() })
    expect(newCaseNotice(opened)).toContain('回复“核实 SB-2026-000007 纳入监测 情况”')
  })

  it('settles a case once: 纳入监测 or not, with what the cadre found', () => {
    const watched = settleCase(opened, { outcome: '纳入监测', note: '属实', by: '东山镇帮扶责任人李四' }, at)
    expect(watched).toMatchObject({ status: '已纳入监测', result: { outcome: '纳入监测', note: '属实', at: at.toISOString() } })
    expect(opened.status).toBe('待核实')
    const again = () => settleCase(watched, { outcome: '不纳入监测', note: '重复', by: '县扶贫办' }, at)
    expect(again).toThrow(Refusal)
    expect(again).toThrow(/已经核实过了（已纳入监测）/)
  })

  it('tells the family the result; a refusal says why and whom to call', () => {
    const refused = settleCase(opened, { outcome: '不纳入监测', note: '收入未明显下降', by: '县扶贫办' }, at)
    expect(resultNotice(refused, hotline)).toMatch(/这次不纳入监测。说明：收入未明显下降。.*0000-8000001/)
    expect(resultNotice(settleCase(opened, { outcome: '纳入监测', note: '属实', by: 'x' }, at), hotline)).toContain('纳入防返贫监测')
  })
})
