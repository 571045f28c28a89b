/**
 * A tab page cannot be opened with a query (wx.switchTab drops it), so what 问政策 understood for it (the
 * description of a problem, a place, a contact to look for) is left here and taken once when the tab shows.
 */
const KEY = 'handoff'
export const TABS = ['/pages/report/report', '/pages/mine/mine', '/pages/contacts/contacts']

/** Opens a page with its query, through the hand-off when it is a tab. */
export function openPage(url: string): void {
  const path = url.split('?')[0]!
  if (!TABS.includes(path)) return void wx.navigateTo({ url })
  wx.setStorageSync(KEY, { path, query: url.slice(path.length) })
  wx.switchTab({ url: path })
}

/** The query left for this page, taken (once), decoded. */
export function takeHandoff(path: string): Record<string, string> | undefined {
  const left = wx.getStorageSync(KEY) as { path: string; query: string } | ''
  if (!left || left.path !== path) return undefined
  wx.removeStorageSync(KEY)
  const query: Record<string, string> = {}
  for (const pair of left.query.replace(/^\?/, '').split('&')) {
    const [k, v] = pair.split('=')
    if (k) query[k] = decodeURIComponent(v ?? '')
  }
  return query
}
