import type { Intent } from '../../api/domain/understand/intents.ts'
import type { ContactCard } from '../../api/domain/qa/answer.ts'
import { contactLine } from './format.ts'

/**
 * Short, warm, correct replies to what is not a request: never a policy, never "没有找到". Each ends
 * with what the person can do next, because a villager who says 谢谢 or 听不懂 is still deciding.
 */
export const EXAMPLES = '比如：\n• 孩子上高职有补助吗\n• 看病住院能报销多少\n• 房子漏雨怎么办\n• 扶贫办电话多少'

export function smallTalkReply(intent: Intent, hotline: ContactCard | undefined): string {
  const call = hotline ? `${contactLine(hotline)}${hotline.hours ? `（${hotline.hours}）` : ''}` : '县扶贫办'
  switch (intent) {
    case 'smalltalk.thanks':
      return '不客气！还有别的事，直接打字问我就行；回复“菜单”看我还能帮您做什么。'
    case 'smalltalk.ok':
      return '好的。还有什么想问的，随时打字告诉我。'
    case 'smalltalk.bye':
      return '好的，再见！有事随时来问，祝您家里一切都好。'
    case 'smalltalk.who':
      return [
        '我是县扶贫办的扶贫政策助手，是一个自动回复的程序，不是真人。',
        '我能：回答扶贫政策（都注明出处）、帮您自测能享受哪些政策、登记和跟踪反映的问题、找联系电话。',
        '我不能：替您办审批、改档案或承诺补助金额——这些以县里的文件和工作人员为准。',
        `要找真人，请打：${call}`,
      ].join('\n')
    case 'smalltalk.confused':
      return `没关系，直接用平常说话的方式打字问我就行，${EXAMPLES}\n\n回复“菜单”看我能做的事；想找人问，打：${call}`
    case 'smalltalk.human':
      return `我是自动回复的助手。要和工作人员说话，请打电话：${call}。\n也可以回复“反映问题”，把事情登记下来，会有人跟进到办结。`
    case 'smalltalk.abuse':
      return `您别着急。如果我没帮上忙，很抱歉。可以换个说法再问我，或者直接打电话：${call}；有问题要反映，回复“反映问题”。`
    default:
      return `您好！有什么想问的，直接打字告诉我，${EXAMPLES}`
  }
}
