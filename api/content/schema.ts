import { z } from '../lib/zod.ts'
import { REPORT_CATEGORIES } from './report-categories.ts'

/** The thirteen topics the office sorts its work by (the foundation issue's list). */
export const POLICY_CATEGORIES = [
  '医疗', '教育', '住房', '饮水', '兜底保障', '就业', '产业', '金融',
  '识别与退出', '监测帮扶', '资金项目监管', '干部帮扶', '问题反映',
] as const
export const PolicyCategory = z.enum(POLICY_CATEGORIES)
export type PolicyCategory = z.infer<typeof PolicyCategory>

/**
 * 政策 = a benefit or duty; 标准 = a line or threshold; 程序 = how something is done;
 * 工作成效 = what the seeds report was achieved (households helped, money spent, rates).
 */
export const KINDS = ['政策', '标准', '程序', '工作成效'] as const
export const Kind = z.enum(KINDS)

const QUESTION_WORD = /多少|什么|怎么|咋|吗|哪|几/

const text = (label: string, max: number) =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`)

/** A sentence of a seed document (SOURCES_DIR), quoted verbatim. */
export const SeedSource = z.object({
  doc: z.string().regex(/^[\w.-]+\.txt$/, 'doc 应为种子文档的文件名，如 000_97d08e29890905f3.txt'),
  quote: text('引文 quote', 400),
}).strict()

/** National policy that the seeds do not state: cite a named public document. */
export const PublicSource = z.object({
  publication: text('公开文件名 publication', 120),
  issuer: text('发文机关 issuer', 60),
  year: z.number().int().min(1980).max(2100),
  quote: text('引文 quote', 400),
}).strict()

export const Source = z.union([SeedSource, PublicSource])
export type Source = z.infer<typeof Source>

export const Amount = z.object({
  value: z.number().positive(),
  unit: text('单位 unit', 10),
  who: text('对象 who', 60),
  period: z.string().trim().max(20).optional(),
  /** 上限/下限: e.g. 自付不超过10% is { value: 10, unit: '%', bound: '不超过' } */
  bound: z.enum(['不超过', '不低于', '约']).optional(),
}).strict()
export type Amount = z.infer<typeof Amount>

const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id 只能用小写字母、数字和连字符')

export const PolicyFrontMatter = z.object({
  id: Id,
  title: text('标题 title', 40),
  category: PolicyCategory,
  kind: Kind,
  // Keywords become whole words of the segmenter: a question word inside one (危房改造多少户) would swallow
  // the user's own question words and match the wrong entry. Example questions go in `questions`.
  keywords: z.array(text('关键词', 20).refine((k) => !QUESTION_WORD.test(k), '关键词应是词语，不要含疑问词（多少、什么、怎么…），问句写在 questions 里'))
    .min(1, '至少一个关键词'),
  questions: z.array(text('示例问题', 60)).min(2, '至少两个示例问题'),
  amounts: z.array(Amount).default([]),
  /** The place the statement was made for, as the source names it (seeds anonymise some: XX市). */
  region: text('适用地区 region', 40),
  year: z.number().int().min(2010).max(2100),
  sources: z.array(Source).min(1, '至少一条来源'),
  /** Ids in content/contacts.yaml: whom the answer tells the user to call. */
  contacts: z.array(Id).default([]),
  related: z.array(Id).default([]),
}).strict()
export type PolicyFrontMatter = z.infer<typeof PolicyFrontMatter>

export const Policy = PolicyFrontMatter.extend({
  /** The answer, Markdown, written for a villager. */
  body: text('正文', 600),
  file: z.string(),
})
/**
 * A source as loaded: `quote` verbatim (checked against the seed), `display` derived from it for people to
 * read — Simplified, without pinyin or mojibake, cuts marked "…" (api/content/readable-quote.ts).
 */
export type LoadedSource = Source & { display: string }
export type Policy = Omit<z.infer<typeof Policy>, 'sources'> & { sources: LoadedSource[] }

export const Office = z.object({
  id: Id,
  name: text('名称 name', 40),
  /** null = county level */
  town: z.string().min(1).nullable().default(null),
  village: z.string().min(1).nullable().default(null),
  duties: z.array(text('职责', 40)).min(1),
  categories: z.array(PolicyCategory).default([]),
  phone: z.string().regex(/^[0-9-]{5,20}$/, '电话格式不对'),
  hours: z.string().max(40).optional(),
  address: z.string().max(60).optional(),
  /** what people call it (医保局, 扶贫办): lets "医保局电话多少" find it */
  aliases: z.array(text('别名', 20)).default([]),
}).strict()
export type Office = z.infer<typeof Office>

export const ContactsFile = z.object({
  /** Demo data must say so: every answer that shows a number adds the notice. */
  demo: z.boolean(),
  notice: text('说明 notice', 120),
  region: text('地区 region', 40),
  towns: z.array(z.object({ name: z.string().min(1), villages: z.array(z.string().min(1)) }).strict()),
  hotline: Id,
  offices: z.array(Office).min(1),
}).strict()
export type ContactsFile = z.infer<typeof ContactsFile>

export const SourceDoc = z.object({
  doc: z.string(),
  title: text('标题', 60),
  place: text('地方', 40),
  year: z.number().int(),
  script: z.enum(['简体', '繁体']).default('简体'),
}).strict()
export const SourcesFile = z.object({ documents: z.array(SourceDoc).min(1) }).strict()
export type SourceDoc = z.infer<typeof SourceDoc>

/**
 * Colloquial words mapped to the words the knowledge base uses:
 * 看病 → 医疗; 娃上学 → 教育. `terms` also feed the segmenter's lexicon.
 */
export const LexiconFile = z.object({
  terms: z.array(z.string().min(2)).default([]),
  synonyms: z.array(z.object({
    from: z.array(z.string().min(1)).min(1),
    to: z.array(z.string().min(1)).min(1),
  }).strict()),
  stopwords: z.array(z.string().min(1)).default([]),
  /** places outside the region the knowledge base is about (provinces, big cities): a question naming one its answer does not name is about somewhere else */
  elsewhere: z.array(z.string().min(2)).default([]),
  /** the places the seeds' figures are from (石首, 乌审旗): a question naming one its answer does not name asks for another place's figures */
  sourcePlaces: z.array(z.string().min(2)).default([]),
}).strict()
export type LexiconFile = z.infer<typeof LexiconFile>

/** A calendar date as content and requests write it: 2020-01-01. */
// Date.parse accepts 2026-02-30 (as March 2nd): a date is valid only if it reads back the same.
const onCalendar = (d: string) => {
  const at = new Date(`${d}T00:00:00Z`)
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === d
}
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || onCalendar(d), '不是日历上有的日期')

/**
 * One dated value of a parameter (贫困线, 雨露计划金额 …) for one place, with the sentence that sets it.
 * New documents add a value with a later `from`; old values stay, so past decisions can be explained.
 */
export const ParameterValue = z.object({
  region: text('地区 region', 40),
  from: IsoDate,
  value: z.number().positive(),
  source: Source,
  /** stated as a plan ("下步工作思路"), not yet in force: reported, never used to decide */
  planned: z.boolean().default(false),
}).strict()
export type ParameterValue = z.infer<typeof ParameterValue>

export const Parameter = z.object({
  id: Id,
  label: text('名称 label', 40),
  unit: text('单位 unit', 10),
  /** per whom and how often: 人·年, 户, 村·年 */
  per: z.string().trim().max(10).optional(),
  /** the knowledge-base entry that explains it (and whose contacts to ask) */
  policy: Id,
  values: z.array(ParameterValue).min(1, '至少一个值'),
}).strict()
export type Parameter = z.infer<typeof Parameter>

export const ParametersFile = z.object({ parameters: z.array(Parameter).min(1) }).strict()

export const Region = z.object({
  name: text('地区 name', 40),
  demo: z.boolean().default(false),
  /** a place without documents of its own follows these places' values, in this order */
  follows: z.array(z.string().min(1)).default([]),
}).strict()
export type Region = z.infer<typeof Region>
export const RegionsFile = z.object({ regions: z.array(Region).min(1) }).strict()

/**
 * How people say what they want, one file per intent (content/intents/<intent>.yaml): the office adds
 * phrasings here without touching code. Ordinary policy questions are not listed: they are the
 * knowledge base's own `questions`.
 */
export const IntentFile = z.object({
  intent: z.string().regex(/^[a-z_]+(\.[a-z_]+)?$/, 'intent 应为意图编号，如 report.describe'),
  description: text('说明 description', 120),
  examples: z.array(text('说法', 200)).min(5, '至少写5个说法'),
}).strict()
export type IntentFile = z.infer<typeof IntentFile>

/** Words people use when describing a problem → the report category it belongs to (漏雨 → 住房安全). */
export const CategoryWordsFile = z.object({
  categories: z.record(z.string(), z.array(text('说法', 20))),
}).strict()

/** One node of a fitted decision tree: a leaf (add to the log-odds) or a split on a feature. */
export type TreeNodeFile = { add: number } | { feature: string; at: number; lo: TreeNodeFile; hi: TreeNodeFile }
const TreeNodeFile: z.ZodType<TreeNodeFile> = z.lazy(() =>
  z.union([
    z.object({ add: z.number() }).strict(),
    z.object({ feature: z.string(), at: z.number(), lo: TreeNodeFile, hi: TreeNodeFile }).strict(),
  ]),
)

/** The fitted confidence model of the answer step (see api/domain/qa/confidence.ts): written by npm run eval:fit. */
export const ConfidenceModelFile = z.object({
  base: z.number(),
  trees: z.array(TreeNodeFile).min(1),
  answerAt: z.number().min(0).max(1),
  tentativeAt: z.number().min(0).max(1),
  fitted: z.record(z.string(), z.unknown()).optional(),
}).strict().refine((m) => m.tentativeAt <= m.answerAt, 'tentativeAt 不能大于 answerAt')

/** The fitted ranking model of the answer step (see api/domain/qa/search.ts): written by npm run eval:fit. */
export const RankingModelFile = z.object({
  weights: z.record(z.string(), z.number()),
  fitted: z.record(z.string(), z.unknown()).optional(),
}).strict()

/**
 * How people asked for each entry, in their own words (typos, Traditional characters, long stories
 * included): the labelled questions of the tuning split, written by `npm run eval:fit`. They are matched
 * like the entries' own example questions, so a way of asking seen once is understood next time.
 */
export const AskedFile = z.object({
  asked: z.record(z.string(), z.array(text('问法', 400))),
  /** questions the knowledge base cannot answer (天气、分数线、房价…), as people asked them: a question like one of these is more likely out of scope */
  outOfScope: z.array(text('问法', 400)).default([]),
}).strict()

/** content/routing.yaml: which office a report of each category (and town) goes to, as shipped. */
export const Route = z.object({
  category: z.enum(REPORT_CATEGORIES).describe('问题类别'),
  town: z.string().min(1).max(20).optional().describe('只用于这个乡镇；不填为全县'),
  office: z.string().min(1).max(60).describe('办理单位（联系人目录里的 id）'),
}).strict()
export type Route = z.infer<typeof Route>
export const RoutingTable = z.object({ routes: z.array(Route).min(1).max(500).describe('转办规则：每类问题（和乡镇）交给哪个单位') }).strict()
export type RoutingTable = z.infer<typeof RoutingTable>
