import { describe, expect, it, beforeAll } from 'vitest'
import { appWithWechat } from '../support/fake-wechat.ts'
import { seedHouseholds } from '../support/households.ts'
import { tempDir, testApp } from '../support/app.ts'
import { restoreBackup, takeBackup } from '../../api/store/backup.ts'

const clock = () => new Date('2026-11-25T02:00:00Z')
const report = { category: '住房安全', description: '房子漏雨，墙裂了', place: { town: '东山镇', village: '东山村' } }
// the first bytes of a real JPEG and PNG are what makes them one; the rest may be anything
const jpeg = (size = 2048) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)])
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 1)])

describe('photos of a reported problem (uploaded as wx.uploadFile sends them)', () => {
  let t: Awaited<ReturnType<typeof appWithWechat>>
  let tokens: Record<string, string>
  const upload = (ticket: string, bytes: Buffer, token?: string, query = '', name = 'photo.jpg') => {
    const form = new FormData()
    form.append('photo', new Blob([new Uint8Array(bytes)]), name)
    return t.service.app.request(`/api/reports/${ticket}/photos${query}`, {
      method: 'POST',
      body: form,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    })
  }
  const fetchPhoto = (ticket: string, n: number, token?: string, query = '') =>
    t.service.app.request(`/api/reports/${ticket}/photos/${n}${query}`, token ? { headers: { authorization: `Bearer ${token}` } } : {})

  beforeAll(async () => {
    t = await appWithWechat(clock)
    tokens = await seedHouseholds(t.service)
  })

  it('keeps the filer’s photo, and shows it to the filer and to the area’s cadre only', async () => {
    const { token } = await t.signIn('villager-a')
    const ticket = (await t.call('POST', '/api/reports', report, token)).body.ticket
    const res = await upload(ticket, jpeg(), token)
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ photo: 1, photos: 1 })

    const own = await fetchPhoto(ticket, 1, token)
    expect(own.status).toBe(200)
    expect(own.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await own.arrayBuffer()).equals(jpeg())).toBe(true)
    expect((await fetchPhoto(ticket, 1, tokens['BF-A'])).status).toBe(200)
    const listed = await t.call('GET', `/api/reports/${ticket}/photos`, undefined, tokens['BF-A'])
    expect(listed.body.photos).toEqual([{ n: 1, type: 'image/jpeg', url: `/api/reports/${ticket}/photos/1` }])

    // another villager, a cadre of another village, and nobody at all see nothing
    const other = await t.signIn('villager-b')
    expect((await fetchPhoto(ticket, 1, other.token)).status).toBe(404)
    expect((await fetchPhoto(ticket, 1, tokens['BF-W'])).status).toBe(404)
    expect((await fetchPhoto(ticket, 1)).status).toBe(404)
    expect((await upload(ticket, jpeg(), other.token)).status).toBe(404)
  })

  it('refuses what is not a JPG or PNG, a photo over 5 MB, and a fourth photo, saying why', async () => {
    const { token } = await t.signIn('villager-c')
    const ticket = (await t.call('POST', '/api/reports', report, token)).body.ticket
    const script = await upload(ticket, Buffer.from('<script>alert(1)</script>'), token, '', 'evil.jpg')
    expect(script.status).toBe(400)
    expect(((await script.json()) as any).error.message).toMatch(/JPG 或 PNG/)
    // just over: the photo is refused; far over: the upload is cut off before it is read whole
    const over = await upload(ticket, jpeg(5 * 1024 * 1024 + 10), token)
    expect(over.status).toBe(400)
    expect(((await over.json()) as any).error.message).toMatch(/不能超过5MB/)
    const huge = await upload(ticket, jpeg(8 * 1024 * 1024), token)
    expect(huge.status).toBe(413)
    expect(((await huge.json()) as any).error.message).toMatch(/不能超过5MB/)
    for (const photo of [jpeg(), png(), jpeg()]) expect((await upload(ticket, photo, token)).status).toBe(201)
    const fourth = await upload(ticket, png(), token)
    expect(fourth.status).toBe(409)
    expect(((await fourth.json()) as any).error.message).toMatch(/最多3张/)
    expect((await fetchPhoto(ticket, 2, token)).headers.get('content-type')).toBe('image/png')
  })

  it('takes a photo for an anonymous report with its query code, and counts a wrong code against the ticket', async () => {
    const filed = (await t.call('POST', '/api/reports', { ...report, anonymous: true })).body
    expect((await upload(filed.ticket, jpeg(), undefined, `?code=${filed.code}`)).status).toBe(201)
    expect((await upload(filed.ticket, jpeg(), undefined, '?code=AAAAAA')).status).toBe(404)
  })

  it('is in a backup, and comes back with a restore', async () => {
    const { token } = await t.signIn('villager-d')
    const ticket = (await t.call('POST', '/api/reports', report, token)).body.ticket
    expect((await upload(ticket, png(), token)).status).toBe(201)
    const copy = tempDir('backup-')
    await takeBackup(t.service.dataDir, copy, clock(), () => {})
    const restored = tempDir('restored-')
    await restoreBackup(copy, restored, () => {})
    const again = await testApp(restored, clock)
    const res = await again.app.request(`/api/reports/${ticket}/photos/1`, { headers: { authorization: `Bearer ${tokens['BF-A']}` } })
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).equals(png())).toBe(true)
  })
})
