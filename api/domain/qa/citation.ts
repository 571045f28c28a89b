import { z } from '../../lib/zod.ts'

/** A source as an answer cites it: the verbatim quote for checking, the display form for people. */
export const CitedSource = z.object({
  doc: z.string().describe('种子文档文件名，或公开文件名'),
  title: z.string().describe('文件名，带书名号，照样显示：《…》，公开文件为 国务院《…》（2014）'),
  quote: z.string().describe('原文引用（逐字，核对用）'),
  display: z.string().describe('给人看的引文：简体，去掉拼音注音和乱码，截断处用“…”'),
})
export type CitedSource = z.infer<typeof CitedSource>
