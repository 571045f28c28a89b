import { useEffect, useRef, useState } from 'preact/hooks'
import { api, failure } from '../api.ts'
import { ErrorBox, Loading, useTask } from '../ui.tsx'
import { Text } from '../text.tsx'

const SESSION_KEY = 'fupin.chatSession'

/** A random conversation id kept on this phone: the same bot as in WeChat, through /api/chat. */
function session(): string {
  let id = localStorage.getItem(SESSION_KEY)
  if (!id) {
    id = `web-${crypto.getRandomValues(new Uint32Array(3)).join('')}`.slice(0, 40)
    localStorage.setItem(SESSION_KEY, id)
  }
  return id
}

export function ChatPage() {
  const [log, setLog] = useState<{ me: boolean; text: string }[]>([])
  const [text, setText] = useState('')
  const chatlog = useRef<HTMLDivElement>(null)
  const task = useTask()

  const send = (message: string) =>
    task.run(async () => {
      setLog((l) => [...l, { me: true, text: message }])
      setText('')
      const res = await api.chat.$post({ json: { session: session(), text: message } })
      if (!res.ok) throw await failure(res)
      const { replies } = await res.json()
      setLog((l) => [...l, ...replies.map((r) => ({ me: false, text: r }))])
    })
  useEffect(() => {
    if (log.length === 0) void send('菜单')
  }, [])
  // After each reply: my last message at the top and the replies under it, while the input stays on screen
  // (it is sticky at the bottom, see .chat-input), so the next message can be typed at once.
  useEffect(() => {
    const mine = chatlog.current?.querySelectorAll('.bubble.me')
    mine?.[mine.length - 1]?.scrollIntoView({ block: 'start' })
  }, [log])

  return (
    <>
      <div class="chatlog" ref={chatlog} role="log" aria-live="polite" aria-label="对话">
        {log.map((m) => (
          <div class={`bubble ${m.me ? 'me' : 'bot'}`}>
            <span class="sr-only">{m.me ? '我说：' : '助手说：'}</span>
            {m.me ? m.text : <Text text={m.text} />}
          </div>
        ))}
      </div>
      {task.busy && <Loading label="助手正在回复…" />}
      <ErrorBox error={task.error} />
      <form
        class="row chat-input"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          if (text.trim()) void send(text.trim())
        }}
      >
        <label for="say" class="sr-only">
          输入消息
        </label>
        <input
          id="say"
          type="text"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          placeholder="打字提问，或回复数字"
          maxLength={200}
        />
        <button type="submit" disabled={task.busy} style="flex:0 0 auto">
          发送
        </button>
      </form>
    </>
  )
}
