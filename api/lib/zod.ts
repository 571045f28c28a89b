/**
 * The one zod the project uses. Zod 4 copies methods onto each schema when it is created, so `.openapi()`
 * exists only on schemas made after @hono/zod-openapi has extended zod: importing z from here guarantees
 * that for every schema, wherever it is defined, and routes can document any of them.
 */
import { z } from '@hono/zod-openapi'

export { z }

/** A name as a person writes it: no control or invisible format characters (\u0000, zero-width …). */
export const personName = () =>
  z
    .string()
    .trim()
    .regex(/^[^\p{Cc}\p{Cf}]*$/u, '不能含控制字符或不可见字符')
