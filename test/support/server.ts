import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from '../../api/config.ts'

/** npm start's entry point in a child process, on a free loopback port, without the bot; env adds to or overrides that. */
export function spawnServer(env: Record<string, string>): { server: ChildProcess; output: () => string } {
  const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'api/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BOT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  server.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  server.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  return { server, output: () => out }
}

/** Resolves with the port once the server has printed its banner; rejects, with all it printed, if it exits first. */
export function started(server: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const port = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output())
      if (port && output().includes('按 Ctrl+C 停止')) {
        clearTimeout(timer)
        clearInterval(poll)
        resolve(Number(port[1]))
      }
    }, 50)
    const timer = setTimeout(() => {
      clearInterval(poll)
      reject(new Error(`server did not start: ${output()}`))
    }, timeoutMs)
    server.once('exit', (code) => {
      clearInterval(poll)
      clearTimeout(timer)
      reject(new Error(`server exited ${code}: ${output()}`))
    })
  })
}

/** SIGTERM, and waits for the exit. */
export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return
  const exited = new Promise((r) => server.once('exit', r))
  server.kill('SIGTERM')
  await exited
}
