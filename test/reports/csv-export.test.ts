import { describe, it, expect } from 'vitest'
import { asAdmin, testApp } from '../support/app.ts'

/**
 * The office opens the 问题整改台账 in Excel. Anyone can file a report, so a description written as a
 * formula (=HYPERLINK(…), +cmd|…, -2+3, @SUM…) must reach Excel as text, never run as a formula.
 */
describe('the report ledger export', () => {
  it('keeps a formula a reporter typed as text: quoted, with a leading apostrophe', async () => {
    const { app } = await testApp(undefined, undefined, { rateLimits: false })
    const formulas = ['=HYPERLINK("http://evil.example","点这里领补贴")', '+1+1 cmd|calc', '-2+3 住房漏雨', '@SUM(1,2) 饮水']
    for (const description of formulas) {
      const res = await app.request('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ category: '住房安全', description, place: { town: '东山镇' }, anonymous: true }),
      })
      expect(res.status).toBe(201)
    }
    const csv = await (await app.request('/api/reports/export.csv', asAdmin)).text()
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""点这里领补贴"")"`)
    for (const f of formulas.slice(1)) expect(csv).toContain(`"'${f}"`)
    // no cell of the file starts with a formula character
    const cells = csv.split(/\r\n/).flatMap((line) => line.split(','))
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([])
  })
})
