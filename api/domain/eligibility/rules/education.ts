import type { SchoolStage } from '../facts.ts'
import { describeValue, eligible, gate, needFacts, notEligible, REGISTERED, type Rule } from '../rule.ts'

interface StudentGrant {
  id: string
  title: string
  policy: string
  parameter: string
  stages: readonly SchoolStage[]
  /** stages the documents cover without stating an amount */
  unpriced?: readonly SchoolStage[]
  /** a one-time grant for students admitted this year */
  newOnly?: boolean
  apply: string
}

/** The education grants differ only in stages, amount and whether only new students count. */
function studentGrant(g: StudentGrant): Rule {
  const covered = [...g.stages, ...(g.unpriced ?? [])]
  return {
    id: g.id,
    title: g.title,
    policy: g.policy,
    apply: g.apply,
    evaluate(f, p) {
      const closed = gate(f, REGISTERED)
      if (closed) return closed
      if (f.students === undefined) return needFacts(['students'])
      const inStage = f.students.filter((s) => covered.includes(s.stage))
      if (inStage.length === 0) return notEligible('家里没有这个学段的学生。')
      if (g.newOnly) {
        if (inStage.some((s) => s.newlyAdmitted === undefined)) {
          return needFacts(['students'], `只给今年新考入的学生，需要知道上${covered.join('、')}的孩子是不是今年考上的。`)
        }
        const admitted = inStage.filter((s) => s.newlyAdmitted)
        if (admitted.length === 0) return notEligible(`只给当年新考入的学生，您家的${covered.join('、')}学生不是今年考上的。`)
        const amount = p.get(g.parameter)
        return eligible(
          [`家里有${admitted.length}名今年新考入的${g.stages.join('、')}学生；${describeValue(amount)}。`],
          amount,
          admitted.length,
        )
      }
      const priced = inStage.filter((s) => g.stages.includes(s.stage))
      if (priced.length === 0) {
        return eligible([`${g.unpriced!.join('、')}学生也在资助范围内，但文件没有写金额，以当地规定为准。`])
      }
      const amount = p.get(g.parameter)
      const unpricedNote = priced.length < inStage.length ? `；${g.unpriced!.join('、')}学生也在资助范围内，金额文件没写` : ''
      return eligible(
        [`家里有${priced.length}名${g.stages.join('、')}学生；${describeValue(amount)}${unpricedNote}。`],
        amount,
        priced.length,
      )
    },
  }
}

const ASK_SCHOOL = '申请时间和材料各地不同，请问学校的资助老师或县教育局学生资助中心'

export const educationRules: Rule[] = [
  studentGrant({
    id: 'yulu-plan',
    title: '雨露计划',
    policy: 'edu-yulu-plan',
    parameter: 'yulu-plan',
    stages: ['高职'],
    unpriced: ['中职'],
    apply: ASK_SCHOOL,
  }),
  studentGrant({
    id: 'college-grant-bachelor',
    title: '考入本科一次性补助',
    policy: 'edu-college-entry-grant',
    parameter: 'college-grant-bachelor',
    stages: ['本科'],
    newOnly: true,
    apply: ASK_SCHOOL,
  }),
  studentGrant({
    id: 'college-grant-junior',
    title: '考入专科一次性补助',
    policy: 'edu-college-entry-grant',
    parameter: 'college-grant-junior',
    stages: ['专科'],
    newOnly: true,
    apply: ASK_SCHOOL,
  }),
  studentGrant({
    id: 'preschool-care',
    title: '幼儿园保育费资助',
    policy: 'edu-stage-subsidies',
    parameter: 'preschool-care',
    stages: ['学前'],
    apply: ASK_SCHOOL,
  }),
  studentGrant({
    id: 'compulsory-meals',
    title: '小学初中伙食费资助',
    policy: 'edu-stage-subsidies',
    parameter: 'compulsory-meals',
    stages: ['小学', '初中'],
    apply: ASK_SCHOOL,
  }),
  studentGrant({
    id: 'highschool-meals',
    title: '高中伙食费资助',
    policy: 'edu-stage-subsidies',
    parameter: 'highschool-meals',
    stages: ['高中'],
    apply: ASK_SCHOOL,
  }),
  {
    id: 'dropout-prevention',
    title: '控辍保学（劝返复学）',
    policy: 'edu-dropout-prevention',
    apply: '请告诉村干部或孩子原来的学校，由学校和县教育局帮助孩子返校',
    evaluate(f) {
      if (f.childrenOutOfSchool === undefined) return needFacts(['childrenOutOfSchool'])
      if (f.childrenOutOfSchool === 0) return notEligible('义务教育阶段的孩子都在上学。')
      return eligible([
        `有${f.childrenOutOfSchool}个义务教育阶段的孩子没上学：义务教育阶段不能失学辍学，学校和教育部门要劝学返校，因贫上不起学的按规定资助。`,
      ])
    },
  },
]
