import * as OpenCC from 'opencc-js/t2cn'

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' })

// Emoji, pictographs and their joiners/variation selectors carry no meaning for search. Each is removed on
// its own (the class is meant to match the parts of a joined sequence one by one).
// oxlint-disable-next-line no-misleading-character-class
const EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}]/gu
// Control, format (zero-width) and private-use characters come from copy-paste and broken clients.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu
// Punctuation and symbols become separators; % and . stay because 10% and 1.5万 are meaningful.
const SEPARATORS = /[^\p{L}\p{N}%.\s]|(?<!\d)\.|\.(?!\d)/gu

/**
 * One form for every way a question arrives: full-width → half-width (NFKC), Traditional → Simplified,
 * lower case, no emoji or control characters, punctuation as single spaces.
 */
export function normalize(input: string): string {
  return toSimplified(input.normalize('NFKC').replace(EMOJI, ' ').replace(INVISIBLE, ' '))
    .toLowerCase()
    .replace(SEPARATORS, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** True when a text has nothing left to search once normalised (only emoji, punctuation, spaces). */
export const isBlank = (input: string) => normalize(input) === ''

/**
 * The adjacent character pairs of normalised text, ignoring spaces: a measure of how closely two
 * phrasings echo each other that needs no segmentation (俺家娃上高职 and 孩子上高职 share 上高, 高职).
 */
export function charPairs(normalized: string): Set<string> {
  const chars = [...normalized.replace(/\s+/g, '')]
  const pairs = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!)
  return pairs
}
