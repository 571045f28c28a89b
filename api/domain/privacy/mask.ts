// 18-digit resident ID (last character may be X) and mainland mobile numbers, not inside longer digit runs.
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])/g
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g
// Bank card numbers: 16 to 19 digits (an ID number, 18 with its checksum, is masked before this runs).
const BANK_CARD = /(?<![0-9A-Za-z*])(\d{4})\d{8,11}(\d{4})(?![0-9A-Za-z*])/g

/** 330102199001011234 → 3301**********1234 */
export const maskIdNumber = (id: string) => id.replace(ID_NUMBER, (_, head: string, tail: string) => `${head}**********${tail}`)

/** 13812345678 → 138****5678 */
export const maskPhone = (phone: string) => phone.replace(MOBILE, (_, head: string, tail: string) => `${head}****${tail}`)

/** 6222021234567890123 → 6222***********0123 */
const maskBankCard = (text: string) =>
  text.replace(BANK_CARD, (all: string, head: string, tail: string) => `${head}${'*'.repeat(all.length - 8)}${tail}`)

/** Masks every ID number, mobile number and bank card number inside a free text (questions, notes, log lines). */
export const maskPersonalData = (text: string) => maskBankCard(maskPhone(maskIdNumber(text)))
