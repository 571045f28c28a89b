/** An entry's markdown as plain text for a chat message or a short preview: no emphasis marks or headings. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/^#+\s*/gm, '')
    .replace(/^\s*[-*]\s+/gm, '• ')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** The first two sentences of an entry: enough to tell whether it is the one meant ("您问的可能是……"). */
export function brief(markdown: string): string {
  const text = plainText(markdown).replace(/\n+/g, ' ')
  const sentences = text.match(/[^。！？]+[。！？]?/g) ?? [text]
  return sentences.slice(0, 2).join('').slice(0, 160)
}
