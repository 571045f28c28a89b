import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildMiniprogram } from '../../miniprogram/build.ts'

/**
 * One temporary root per test run for every data directory the tests make, removed at the end; and the
 * mini-program built once into it for the page tests (esbuild cannot run inside their jsdom environment).
 */
export default async function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), 'fupin-tests-'))
  project.provide('tempRoot', root)
  const miniprogram = join(root, 'miniprogram')
  await buildMiniprogram(miniprogram, () => {})
  project.provide('miniprogramDist', miniprogram)
  return () => rmSync(root, { recursive: true, force: true })
}

declare module 'vitest' {
  export interface ProvidedContext {
    tempRoot: string
    /** the mini-program as built for WeChat (miniprogram/build.ts) */
    miniprogramDist: string
  }
}
