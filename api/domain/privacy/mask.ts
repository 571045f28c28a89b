// 18-digit resident ID (last character may be X) and mainland mobile numbers, not inside longer digit runs.
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])/g
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g

/** 330102199001011234 → 3301**********1234 */
export const maskIdNumber = (id: string) => id.replace(ID_NUMBER, (_, head: string, tail: string) => `${head}**********${tail}`)

/** 13812345678 → 138****5678 */
export const maskPhone = (phone: string) => phone.replace(MOBILE, (_, head: string, tail: string) => `${head}****${tail}`)

/** Masks every ID number and mobile number inside a free text (questions, notes, log lines). */
export const maskPersonalData = (text: string) => maskPhone(maskIdNumber(text))
