import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi'
import { getOpenApiMetadata } from '@asteasolutions/zod-to-openapi'
import type { Env } from 'hono'
import type { z } from '../lib/zod.ts'
import { errorBody } from './errors.ts'

type Schema = z.core.$ZodType
type Def = {
  type: string
  shape?: Record<string, Schema>
  element?: Schema
  innerType?: Schema
  in?: Schema
  options?: Schema[]
  valueType?: Schema
  items?: Schema[]
  left?: Schema
  right?: Schema
  getter?: () => Schema
}

const defOf = (s: Schema) => (s as unknown as { _zod: { def: Def } })._zod.def
// .openapi() after .describe() keeps the description in zod-to-openapi's own registry, not on the schema.
const descriptionOf = (s: Schema) => getOpenApiMetadata(s as never)?.description ?? (s as unknown as { description?: string }).description

/** The schema a wrapper wraps (optional, nullable, default, a pipe's input, a lazy's target), if it is one. */
function innerOf(s: Schema): Schema | undefined {
  const d = defOf(s)
  if (d.innerType) return d.innerType
  if (d.type === 'pipe') return d.in
  if (d.type === 'lazy') return d.getter?.()
  return undefined
}

/** A schema and the schemas it wraps, outermost first: a field's description may sit on any of them. */
function unwrapped(s: Schema): Schema[] {
  const chain = [s]
  for (let inner = innerOf(s); inner; inner = innerOf(inner)) chain.push(inner)
  return chain
}

/** The schema one step down: a property of an object, an array's element, the union member that has the key. */
function child(s: Schema, key: PropertyKey): Schema | undefined {
  for (const layer of unwrapped(s)) {
    const d = defOf(layer)
    if (d.type === 'object') return d.shape?.[String(key)]
    if (d.type === 'array') return d.element
    if (d.type === 'record') return d.valueType
    if (d.type === 'tuple') return d.items?.[Number(key)]
    if (d.type === 'union') return d.options?.map((o) => child(o, key)).find(Boolean)
    if (d.type === 'intersection') return (d.left && child(d.left, key)) ?? (d.right && child(d.right, key))
  }
  return undefined
}

/**
 * A field's name for a 400, from its own schema's .describe(): the description up to its first ：；，（
 * ("户主姓名" from "户主姓名：……"), then the path the client sent (户主姓名（name）). A field without a
 * description is named by its path alone; a test keeps every request field described.
 */
export function fieldLabel(schema: Schema | undefined, path: readonly PropertyKey[]): string {
  const key = path.map(String).join('.')
  let at = schema
  for (const step of path) at = at && child(at, step)
  const described = at && unwrapped(at).map(descriptionOf).find(Boolean)
  const name = described?.split(/[：；，,（(]/)[0]?.trim()
  if (name) return `${name}（${key}）`
  return key ? `字段 ${key}` : '请求内容'
}

type Target = 'query' | 'param' | 'header' | 'json' | 'form' | 'cookie'

function requestSchemas(route: RouteConfig): Partial<Record<Target, Schema>> {
  const r = route.request
  const content = r?.body?.content as Record<string, { schema?: Schema }> | undefined
  return {
    query: r?.query as Schema | undefined,
    param: r?.params as Schema | undefined,
    header: r?.headers as Schema | undefined,
    json: content?.['application/json']?.schema,
    form: content?.['multipart/form-data']?.schema ?? content?.['application/x-www-form-urlencoded']?.schema,
  }
}

/** The hook of one route: a failed check answers 400 with the field named from that route's own schema. */
function labelledHook(route: RouteConfig) {
  const schemas = requestSchemas(route)
  return (result: { success: boolean; target: string; error?: z.ZodError }, c: { json: (body: unknown, status: 400) => Response }) => {
    if (result.success || !result.error) return undefined
    const issue = result.error.issues[0]!
    return c.json(errorBody('BAD_REQUEST', `${fieldLabel(schemas[result.target as Target], issue.path)}：${issue.message}`), 400)
  }
}

/**
 * An OpenAPIHono for a group of routes: each route validates with a hook that knows its own request
 * schemas, so two routes with a field of the same name (name, kind) each say what theirs is.
 */
export function routeApp<E extends Env = Env>() {
  const app = new OpenAPIHono<E>()
  const register = app.openapi
  app.openapi = ((route: RouteConfig, handler: unknown, hook?: unknown) =>
    (register as (...args: unknown[]) => unknown)(route, handler, hook ?? labelledHook(route))) as typeof app.openapi
  return app
}
