/**
 * security.msgSecCheck answered from a local word list instead of WeChat's model, in WeChat's shapes:
 * v2 (`version: 2`, with `openid` and `scene`) always succeeds and reports `result { suggest, label }`
 * plus per-strategy `detail`; v1 (no version) fails with errcode 87014 on risky content.
 */
import wordList from './sensitive-words.json';
import { rid, WX, wxFail, wxOk, type WxJson } from './wxerror';

type Suggest = 'pass' | 'review' | 'risky';

interface Category {
  label: number;
  suggest: Suggest;
  words: string[];
}

interface Hit {
  label: number;
  suggest: Suggest;
  keyword: string;
}

const PASS_LABEL = 100;
const MAX_CHARS = 2500;
const categories = (wordList.categories as Category[]).map((c) => ({ ...c, words: c.words.map(normalise) }));

/** Spaces and punctuation between characters do not hide a word ("赌 博" is still "赌博"). */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

export function scan(content: string): Hit[] {
  const text = normalise(content);
  const hits: Hit[] = [];
  for (const c of categories) {
    for (const word of c.words) if (text.includes(word)) hits.push({ label: c.label, suggest: c.suggest, keyword: word });
  }
  return hits;
}

/** The worst hit decides: risky over review over pass, the first category in the list among equals. */
function verdict(hits: Hit[]): { suggest: Suggest; label: number } {
  const worst = hits.find((h) => h.suggest === 'risky') ?? hits.find((h) => h.suggest === 'review');
  return worst ? { suggest: worst.suggest, label: worst.label } : { suggest: 'pass', label: PASS_LABEL };
}

export function msgSecCheck(p: Record<string, unknown>): WxJson {
  const content = p.content;
  if (typeof content !== 'string' || content === '') return wxFail(WX.ARGUMENT_INVALID, 'argument invalid! content is empty');
  if ([...content].length > MAX_CHARS) return wxFail(WX.ARGUMENT_INVALID, 'argument invalid! content exceed max length');
  const hits = scan(content);
  const result = verdict(hits);

  if (p.version === undefined || p.version === 1) {
    return result.suggest === 'risky' ? wxFail(WX.RISKY_CONTENT, 'risky content') : wxOk();
  }
  if (p.version !== 2) return wxFail(WX.ARGUMENT_INVALID, 'argument invalid! version invalid');
  if (typeof p.openid !== 'string' || p.openid === '') return wxFail(WX.INVALID_OPENID, 'invalid openid');
  if (typeof p.scene !== 'number' || ![1, 2, 3, 4].includes(p.scene)) return wxFail(WX.ARGUMENT_INVALID, 'argument invalid! scene invalid');

  const detail: Record<string, unknown>[] = [
    { strategy: 'content_model', errcode: 0, suggest: result.suggest, label: result.label, prob: result.suggest === 'pass' ? 0 : 90 },
    ...hits.map((h) => ({
      strategy: 'keyword',
      errcode: 0,
      suggest: h.suggest,
      label: h.label,
      level: h.suggest === 'risky' ? 90 : 60,
      keyword: h.keyword,
    })),
  ];
  return wxOk({ result, detail, trace_id: rid() });
}
