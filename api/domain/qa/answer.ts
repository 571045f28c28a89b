import { CitedSource } from './citation.ts'
import { z } from '../../lib/zod.ts'
import type { Knowledge } from '../knowledge.ts'
import { Amount, PolicyCategory, Kind, type Office, type Policy } from '../../content/schema.ts'
import { search, type Prior } from './search.ts'
import { probability, tierOf } from './confidence.ts'

const ALTERNATIVES = 3

/** The longest question answered as it stands; a longer one is asked to be shortened. */
export const QUESTION_MAX = 200

export const ContactCard = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  duties: z.array(z.string()),
  town: z.string().nullable(),
  village: z.string().nullable(),
  hours: z.string().optional(),
  /** true while the directory is demo data: the number is not real */
  demo: z.boolean(),
})
export type ContactCard = z.infer<typeof ContactCard>

export const PolicyAnswer = z.object({
  policyId: z.string(),
  title: z.string(),
  category: PolicyCategory,
  kind: Kind,
  text: z.string().describe('给群众看的回答（Markdown）'),
  region: z.string().describe('适用地区'),
  year: z.number().int(),
  amounts: z.array(Amount),
  sources: z.array(CitedSource),
  contacts: z.array(ContactCard),
})
export type PolicyAnswer = z.infer<typeof PolicyAnswer>

export const Alternative = z.object({ policyId: z.string(), title: z.string(), score: z.number() })

export const AskResult = z.object({
  query: z.string(),
  normalized: z.string().describe('规范化后的问题（繁转简、全角转半角、纠正错别字）'),
  tier: z
    .enum(['answer', 'tentative', 'none'])
    .describe('answer：有把握的回答；tentative：可能是这一条（见 tentative），请用户确认；none：没有找到'),
  answer: PolicyAnswer.nullable().describe('有把握的回答；没有时为 null'),
  tentative: PolicyAnswer.nullable().describe('tier 为 tentative 时：最可能的一条，说“您问的可能是……”'),
  alternatives: z.array(Alternative).describe('相关问题，可以接着看'),
  confidence: z.number().min(0).max(1),
  corrections: z.array(z.object({ typed: z.string(), term: z.string() })),
  fallback: z.object({ message: z.string(), hotline: ContactCard }).nullable().describe('没有答案时：如实说明，并给出咨询电话'),
  unstated: z
    .string()
    .nullable()
    .describe('问的是钱数或比例，而给出的这一条没有写时：如实说明（放在回答最前面），不让人以为漏看了；否则为 null'),
})
export type AskResult = z.infer<typeof AskResult>

export function contactCard(k: Knowledge, office: Office): ContactCard {
  return {
    id: office.id,
    name: office.name,
    phone: office.phone,
    duties: office.duties,
    town: office.town,
    village: office.village,
    ...(office.hours ? { hours: office.hours } : {}),
    demo: k.contactsNotice !== null,
  }
}

/** The offices an answer sends the user to: those the entry names, else those of its category, else the hotline. */
export function contactsFor(k: Knowledge, policy: Policy): ContactCard[] {
  const named = policy.contacts.map((id) => k.offices.get(id)).filter((o): o is Office => !!o)
  const chosen =
    named.length > 0 ? named : [...k.offices.values()].filter((o) => o.town === null && o.categories.includes(policy.category)).slice(0, 1)
  return (chosen.length > 0 ? chosen : [k.hotline]).map((o) => contactCard(k, o))
}

export function policyAnswer(k: Knowledge, policy: Policy): PolicyAnswer {
  return {
    policyId: policy.id,
    title: policy.title,
    category: policy.category,
    kind: policy.kind,
    text: policy.body,
    region: policy.region,
    year: policy.year,
    amounts: policy.amounts,
    sources: policy.sources.map((s) => k.citeSource(s)),
    contacts: contactsFor(k, policy),
  }
}

const round = (x: number) => Math.round(x * 100) / 100

/**
 * Words that ask how the work went (how many households, how much money, what rate) rather than what a
 * policy is. Without them a 工作成效 entry is the less likely answer: "边缘户怎么监测" wants the procedure,
 * not the count of households monitored.
 */
const ASKS_FOR_FIGURES =
  /多少|几[户个人村起家处次亿万]|成效|成绩|效果|完成|累计|一共|总共|共计|[率比]|投入|花了|办了|建了|搬了|帮了|改了|查处|销号了/
const RESULTS_WITHOUT_CUE = 0.6

export const kindPrior: Prior<Policy> = (entry, query) =>
  entry.kind === '工作成效' && !ASKS_FOR_FIGURES.test(query.normalized) ? RESULTS_WITHOUT_CUE : 1

/**
 * A question that is nothing but words of the domain, all of them in the first entry (危房改造, 雨露计划
 * 金额), names a topic the knowledge base has: which of its entries is meant may be unsure, but "您问的
 * 可能是……" with the alternatives is the right reply, never "没有找到".
 */
const onlyDomainWords = (result: ReturnType<typeof search>) => result.query.terms.every((t) => t.origin !== 'free')
const namesATopic = (result: ReturnType<typeof search>) =>
  result.hits.length > 0 && result.features.coverage === 1 && onlyDomainWords(result)

/**
 * A question that is one domain word and nothing else (危房改造, 看病, 我想问问低保) asks about a topic, not
 * a matter: unless the ranking holds one entry more likely than all the others together, which entry is
 * meant is a guess, so the reply is "您问的可能是……" with the alternatives, never an answer as if it
 * were known. The fitted confidence cannot learn this: the tuning split accepts any of the topic's entries.
 */
const onlyATopicShared = (result: ReturnType<typeof search>) =>
  onlyDomainWords(result) && result.query.terms.filter((t) => t.origin === 'lexicon').length === 1 && (result.hits[0]?.score ?? 0) <= 0.5

/**
 * A question about a year the first entry never mentions (2026年的标准, 2030年以后): our sources do not say
 * what holds then, so it is at most "您问的可能是……". The trees cannot learn this from the tuning split:
 * too few questions name such a year for a leaf of their own, and every one of them is out of scope.
 */
const otherYear = (result: ReturnType<typeof search>) => result.features.otherYear === 1

/**
 * A question for a sum or rate the first entry does not state (公益岗一个月给多少钱, 临时救助最多给多少):
 * the entry is the right subject but not the answer asked for, so it is at most "您问的可能是……" (with
 * the note that the sum is not in it, `unstated`), never an answer. The tuning split labels such
 * questions both ways; the writers' brief calls a figure the seeds do not state out of scope.
 */
const unstatedSum = (result: ReturnType<typeof search>) => result.features.unstatedMoney === 1

/** Rules over the fitted confidence: a reply the model would give outright that is at most "您问的可能是……". */
export const atMostTentative = (result: ReturnType<typeof search>) =>
  onlyATopicShared(result) || otherYear(result) || unstatedSum(result) || result.otherSourcePlace
/**
 * Such a question on a topic the entry is about (公益岗一个月给多少钱, 农业保险咋入 一亩能赔多少: every
 * domain word of it is in the entry) gets the entry with the note rather than "没有找到", which would say
 * we know nothing of 公益岗 and would drop the half of the question the entry does answer.
 */
const unstatedSumOnTopic = (result: ReturnType<typeof search>) =>
  unstatedSum(result) && result.features.domainCoverage === 1 && result.query.terms.some((t) => t.origin === 'lexicon')

/** …and a reply the model would refuse that is at least "您问的可能是……". */
export const atLeastTentative = (result: ReturnType<typeof search>) => namesATopic(result) || unstatedSumOnTopic(result)

/** The answer step's confidence (fitted, api/domain/qa/confidence.ts) and its tier, with the rules above. */
export function assess(k: Knowledge, question: string) {
  const result = search(k.index, question, k.ranking, ALTERNATIVES + 1, kindPrior)
  const p = result.hits.length > 0 ? probability(k.confidence, result.features) : 0
  const tier = tierOf(k.confidence, p)
  if (tier === 'none' && atLeastTentative(result)) return { result, p, tier: 'tentative' as const }
  if (tier === 'answer' && atMostTentative(result)) return { result, p, tier: 'tentative' as const }
  return { result, p, tier }
}

/** Said first when a sum or rate is asked and the entry given states none: the seeds do not say it, so neither do we. */
export const UNSTATED_MONEY = '您问的具体钱数（或比例），这一条里没有写：各地标准不一样，以当地规定为准，请打下面的咨询电话问清楚。'

export function ask(k: Knowledge, question: string): AskResult {
  const { result, p, tier } = assess(k, question)
  const confident = tier === 'answer'
  const alternatives = (tier === 'none' ? [] : result.hits.slice(1)).map((h) => ({
    policyId: h.entry.id,
    title: h.entry.title,
    score: round(h.score),
  }))
  return {
    query: question,
    normalized: result.query.normalized,
    tier,
    answer: confident ? policyAnswer(k, result.hits[0]!.entry) : null,
    tentative: tier === 'tentative' ? policyAnswer(k, result.hits[0]!.entry) : null,
    alternatives,
    confidence: round(p),
    corrections: result.query.corrections,
    unstated: tier !== 'none' && unstatedSum(result) ? UNSTATED_MONEY : null,
    fallback: confident
      ? null
      : {
          message: '没有找到能可靠回答这个问题的政策。您可以换个说法再问，或者直接打电话咨询。',
          hotline: contactCard(k, k.hotline),
        },
  }
}
