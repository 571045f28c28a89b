/** What every page gets from the router: the query of its hash route (#/report?town=…). */
export interface PageProps {
  params: URLSearchParams
}
