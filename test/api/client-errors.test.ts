import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { answerClientErrors } from '../../api/http/client-errors.ts'
import { testApp } from '../support/app.ts'

let server: Server
let port: number
beforeAll(async () => {
  const { app } = await testApp()
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server
  answerClientErrors(server)
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

/** Sends raw bytes, as a broken client or a curious one would, and reads the whole answer. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request))
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (d) => (answer += d))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer')))
  })
}

describe('what the HTTP parser refuses', () => {
  it('answers oversized headers with 431 and a Chinese JSON body', async () => {
    const answer = await raw(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${'a'.repeat(40_000)}\r\n\r\n`)
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toEqual({
      error: { code: 'HEADERS_TOO_LARGE', message: expect.stringContaining('请求头太大') },
    })
  })

  it('answers a malformed request line with 400 and a Chinese JSON body', async () => {
    const answer = await raw('HELLO WORLD\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!).error.message).toContain('请求格式不对')
  })
})
