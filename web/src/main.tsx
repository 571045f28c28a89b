import { render, type FunctionComponent } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { AskPage } from './pages/ask.tsx'
import { CheckPage } from './pages/check.tsx'
import { ReportPage } from './pages/report.tsx'
import { TrackPage } from './pages/track.tsx'
import { ContactsPage } from './pages/contacts.tsx'
import { ChatPage } from './pages/chat.tsx'
import { CadrePage } from './pages/cadre.tsx'
import { OfficePage } from './pages/office.tsx'
import type { PageProps } from './pages/page.ts'

const PAGES: { path: string; title: string; Page: FunctionComponent<PageProps> }[] = [
  { path: 'ask', title: '问政策', Page: AskPage },
  { path: 'check', title: '政策自测', Page: CheckPage },
  { path: 'report', title: '我要反映', Page: ReportPage },
  { path: 'track', title: '查进度', Page: TrackPage },
  { path: 'contacts', title: '联系人', Page: ContactsPage },
  { path: 'chat', title: '聊天', Page: ChatPage },
  { path: 'cadre', title: '干部', Page: CadrePage },
  { path: 'office', title: '工作台', Page: OfficePage },
]

/** #/track?ticket=… → the page and its parameters. Hash routes work inside a WeChat web-view without server rewrites. */
function parse(hash: string) {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?')
  return { page: PAGES.find((p) => p.path === path) ?? PAGES[0]!, params: new URLSearchParams(query) }
}

function App() {
  const [route, setRoute] = useState(() => parse(location.hash))
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    const onChange = () => setRoute(parse(location.hash))
    addEventListener('hashchange', onChange)
    return () => removeEventListener('hashchange', onChange)
  }, [])
  useEffect(() => {
    document.title = `${route.page.title} - 扶贫政策助手`
    heading.current?.focus()
  }, [route.page])
  const { Page } = route.page
  return (
    <>
      <header>
        <h1>扶贫政策助手</h1>
      </header>
      <nav aria-label="功能">
        {PAGES.map((p) => (
          <a key={p.path} href={`#/${p.path}`} aria-current={p === route.page ? 'page' : undefined}>
            {p.title}
          </a>
        ))}
      </nav>
      <main>
        <h2 tabIndex={-1} ref={heading}>
          {route.page.title}
        </h2>
        <Page key={location.hash} params={route.params} />
      </main>
    </>
  )
}

const root = document.getElementById('app')!
root.textContent = '' // the "正在打开…" placeholder shown until the script runs
render(<App />, root)
