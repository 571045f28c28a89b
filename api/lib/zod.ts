/**
 * The one zod the project uses. Zod 4 copies methods onto each schema when it is created, so `.openapi()`
 * exists only on schemas made after @hono/zod-openapi has extended zod: importing z from here guarantees
 * that for every schema, wherever it is defined, and routes can document any of them.
 */
export { z } from '@hono/zod-openapi'
