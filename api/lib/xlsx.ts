import ExcelJS from 'exceljs'
import { localDate } from './calendar.ts'

/** An .xlsx file is a zip: it starts with PK\x03\x04. */
export const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04

/** What a cell shows as text: numbers as typed, dates as YYYY-MM-DD, formulas by their result, rich text joined. */
function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return localDate(new Date(value.getTime() - 8 * 3_600_000))
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('result' in value) return text(value.result as ExcelJS.CellValue)
    if ('text' in value) return String(value.text)
    if ('error' in value) return ''
  }
  return String(value)
}

/** The first worksheet's rows as text, header first (empty rows dropped). */
export async function firstSheetRows(bytes: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  if (!ws) return []
  const rows: string[][] = []
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = []
    for (let c = 1; c <= ws.columnCount; c++) cells.push(text(row.getCell(c).value).trim())
    if (cells.some((v) => v !== '')) rows.push(cells)
  })
  return rows
}
