import type { EngineContext } from '../ports.ts'
import type { DialogueState } from '../state.ts'

export type FlowContext = EngineContext

/**
 * A multi-step conversation (find a contact, self-check, report a problem). `start` asks the first
 * question; `step` takes each reply. Both edit state.flow: set it to null when the flow is over.
 * "取消", "菜单" and idle expiry are handled by the engine for every flow alike.
 */
export interface Flow {
  kind: string
  start(state: DialogueState, ctx: FlowContext, argument?: string): Promise<string[]>
  step(state: DialogueState, text: string, ctx: FlowContext): Promise<string[]>
}
