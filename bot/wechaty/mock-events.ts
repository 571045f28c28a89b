import type { EventEmitter } from 'node:events'
import type { mock } from 'wechaty-puppet-mock'

/**
 * wechaty-puppet-mock's contacts and rooms are event emitters, but their typings depend on an
 * uninstalled package (typed-emitter): this gives the one listener we use a proper type.
 */
export function onMockMessage(target: mock.ContactMock | mock.RoomMock, listener: (message: mock.MessageMock) => void): void {
  ;(target as unknown as EventEmitter).on('message', listener)
}
