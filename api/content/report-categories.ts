// No zod here: the web pages import this list, and their bundle should not carry a validation library.

/** What the public reports, in their words; each routes to an office by the routing table. */
export const REPORT_CATEGORIES = [
  '住房安全', '饮水安全', '医疗保障', '教育资助', '低保兜底', '就业帮扶', '产业帮扶',
  '帮扶走过场', '优亲厚友', '扶贫资金被挪用', '政策没落实', '其他',
] as const
