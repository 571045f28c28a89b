/** A cell Excel shows as written: quoted when needed; a leading = + - @ cannot start a formula. */
const cell = (v: string) => (/[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v)

/** A spreadsheet for Excel in China: UTF-8 with BOM (else it guesses GBK) and CRLF. */
export const csvDocument = (headers: readonly string[], rows: readonly (readonly string[])[]) =>
  `\uFEFF${[headers, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`
