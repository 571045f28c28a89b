import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { errorBody } from './errors.ts'

/**
 * What Node's HTTP parser refuses before the app sees a request (headers too big, a malformed request
 * line) is answered like every other error: a JSON body with a Chinese message, not a bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // a connection the client already dropped has no one to read an answer
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const tooBig = err.code === 'HPE_HEADER_OVERFLOW'
    const status = tooBig ? '431 Request Header Fields Too Large' : '400 Bad Request'
    const body = JSON.stringify(
      tooBig
        ? errorBody('HEADERS_TOO_LARGE', '请求头太大了，请清理浏览器的 Cookie 后再试。')
        : errorBody('BAD_REQUEST', '请求格式不对，请检查后再试。'),
    )
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  })
}
