/**
 * Words of the office and the code that mean nothing to villagers: texts written for cadres and files
 * (标准借用种子文件里…, 三保障未达标, 监测分类) are shown to households in plain words instead. The web pages
 * and the bot's replies to a household both go through this one table.
 */
const PLAIN: [RegExp, string][] = [
  [/种子(文件|文档)?/g, '政策文件'],
  [/监测分类/g, '家庭情况'],
  [/^未达标$/, '还没达到脱贫标准'], // the self-check's category said alone
  [/三保障未达标/g, '三保障有缺口'],
  [/(\d+)项未达标/g, '$1项还没保障'],
  [/未达标/g, '还没保障'],
  [/\bseeds?\b/gi, '政策文件'],
]

/** The text in words a villager uses. */
export const plainWords = (text: string) => PLAIN.reduce((t, [from, to]) => t.replace(from, to), text)
