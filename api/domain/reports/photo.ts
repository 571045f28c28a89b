/** A photo a reporter adds to a report: what is accepted, decided by the bytes, not by the name or the client's word. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024
export const MAX_PHOTOS_PER_REPORT = 3

export type PhotoType = 'image/jpeg' | 'image/png'

/** JPEG and PNG by their first bytes; anything else (a script renamed .jpg, a PDF) is not a photo. */
export function photoTypeOf(bytes: Uint8Array): PhotoType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png'
  return undefined
}

export const photoExtension = (type: PhotoType) => (type === 'image/png' ? 'png' : 'jpg')
