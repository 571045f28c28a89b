// NLP.js ships no types; the comparison bench (nlu.bench.ts) uses only these calls.
declare module '@nlpjs/core' {
  export function containerBootstrap(): Promise<{ use(plugin: unknown): void; get(name: 'nlp'): NlpJs }>
  export interface NlpJs {
    settings: { autoSave: boolean; log: boolean }
    addLanguage(locale: string): void
    addDocument(locale: string, utterance: string, intent: string): void
    train(): Promise<void>
    process(locale: string, utterance: string): Promise<{ intent?: string; score: number }>
  }
}
declare module '@nlpjs/nlp' {
  export const Nlp: unknown
}
declare module '@nlpjs/lang-zh' {
  export const LangZh: unknown
}
