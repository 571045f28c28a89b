import { routeApp } from '../http/validation.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { ErrorBody } from '../http/errors.ts'
import { ContactCard, contactCard } from '../domain/qa/answer.ts'
import { findContacts } from '../domain/contacts/find.ts'
import type { AppDeps } from '../deps.ts'

const Contacts = z
  .object({
    demo: z.boolean().describe('为 true 时通讯录是演示数据，号码不是真实号码'),
    notice: z.string().nullable(),
    contacts: z.array(ContactCard.openapi('Contact')),
    hotline: ContactCard.describe('找不到合适的联系人时打这个电话'),
  })
  .openapi('Contacts')

const place = (label: string) => z.string().trim().min(1, `${label}不能为空`).max(40, `${label}太长`).optional().describe(label)

const route = createRoute({
  method: 'get',
  path: '/api/contacts',
  summary: '找联系人：按名称、职责、乡镇、村或问题找办事部门',
  request: {
    query: z.object({
      q: z
        .string()
        .trim()
        .max(100, '内容太长，请控制在100个字以内')
        .optional()
        .describe('找什么：单位名、职责或问题')
        .openapi({ example: '危房改造' }),
      town: place('乡镇').openapi({ example: '东山镇' }),
      village: place('村').openapi({ example: '东山村' }),
      office: z.string().trim().max(40).optional().describe('联系人目录里的单位编号（理解一句话时认出的单位）'),
    }),
  },
  responses: {
    200: { description: '联系人列表', content: { 'application/json': { schema: Contacts } } },
    400: { description: '参数有误', content: { 'application/json': { schema: ErrorBody } } },
  },
})

export const contactRoutes = ({ knowledge }: Pick<AppDeps, 'knowledge'>) =>
  routeApp().openapi(route, (c) => {
    const { office, ...query } = c.req.valid('query')
    const named = office ? knowledge.offices.get(office) : undefined
    const contacts = named ? [contactCard(knowledge, named)] : findContacts(knowledge, query)
    return c.json(
      {
        demo: knowledge.contactsNotice !== null,
        notice: knowledge.contactsNotice,
        contacts,
        hotline: contactCard(knowledge, knowledge.hotline),
      },
      200,
    )
  })
