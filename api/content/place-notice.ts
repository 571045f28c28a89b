/**
 * The first line of an entry whose figures are another place's: whose they are, and that our county
 * goes by its own documents —
 *
 *   以下是乌审旗2020年的标准，本县以县里文件为准。
 *   以下是外地（文件没写地名，称「XX市」）2020年的做法，本县以县里文件为准。
 *   以下是石首市2020年的工作成效，不是本县的数字。
 *
 * Users read it first; search leaves it out. It says nothing about the topic, and its words are in
 * nearly every entry: indexed, they would count as "known" in any question (以下, 本县, 外地 …) and
 * raise the confidence of answers to questions the knowledge base cannot answer.
 */
export const PLACE_NOTICE = /^以下是[^\n]*(?:本县以县里文件为准|不是本县的数字)[^\n]*。[ \t]*$/u

export const firstLine = (body: string) => body.trimStart().split('\n')[0]!.trim()

export const hasPlaceNotice = (body: string) => PLACE_NOTICE.test(firstLine(body))

/** The body without its place notice: what search indexes. */
export function withoutPlaceNotice(body: string): string {
  return hasPlaceNotice(body) ? body.trimStart().replace(/^[^\n]*\n?/u, '') : body
}
