import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

/** One temporary root per test run for every data directory the tests make, removed at the end. */
export default function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), 'fupin-tests-'))
  project.provide('tempRoot', root)
  return () => rmSync(root, { recursive: true, force: true })
}

declare module 'vitest' {
  export interface ProvidedContext {
    tempRoot: string
  }
}
