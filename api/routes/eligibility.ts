import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { ApiError, ErrorBody } from '../http/errors.ts'
import { HouseholdFacts } from '../domain/eligibility/facts.ts'
import { EligibilityReport, evaluateHousehold } from '../domain/eligibility/evaluate.ts'
import { IsoDate } from '../content/schema.ts'
import { localDate } from '../lib/calendar.ts'
import type { AppDeps } from '../deps.ts'

const EligibilityRequest = z
  .object({
    facts: HouseholdFacts.describe('家庭情况').openapi({
      example: { householdSize: 3, annualIncome: 12600, status: '建档立卡贫困户', students: [{ stage: '高职' }] },
    }),
    date: IsoDate.optional().describe('日期：按哪一天有效的文件判断，如 2020-06-01；不填为今天'),
  })
  .strict()

const route = createRoute({
  method: 'post',
  path: '/api/eligibility',
  summary: '政策自测：按家庭情况判断能享受哪些政策，并给出监测分类',
  description:
    '信息可以不全：缺什么，对应政策返回 need_info 并列出还需要的信息。标准超过一年或当地没有文件时也返回 need_info，并说明以哪天的文件为准、找谁核实。',
  request: { body: { required: true, content: { 'application/json': { schema: EligibilityRequest } } } },
  responses: {
    200: {
      description: '每项政策的结论和理由',
      content: { 'application/json': { schema: EligibilityReport.openapi('EligibilityReport') } },
    },
    400: {
      description: '字段类型不对或地区不认识（message 用中文写明是哪个字段）',
      content: { 'application/json': { schema: ErrorBody } },
    },
  },
})

/** The date in the county (UTC+8): just after midnight there it is already tomorrow's documents. */

export const eligibilityRoutes = ({ knowledge, now }: Pick<AppDeps, 'knowledge' | 'now'>) =>
  routeApp().openapi(route, (c) => {
    const { facts, date } = c.req.valid('json')
    const region = facts.region ?? knowledge.region
    if (!knowledge.parameters.hasRegion(region)) {
      throw new ApiError(400, 'BAD_REQUEST', `地区（region）：没有「${region.slice(0, 40)}」的标准，可以不填，默认按${knowledge.region}。`)
    }
    return c.json(evaluateHousehold(knowledge, facts, date ?? localDate(now())), 200)
  })
