/**
 * 内容安全: free text that other people will read (a help request, a notice) goes through WeChat's
 * `security.msgSecCheck` (v2) before anything is stored. The port hides the SDK; `verdictOf` turns WeChat's answer
 * into a decision, pure. `risky` blocks; `review` passes (WeChat only flags it); a check that could not run is
 * reported as such so each caller decides whether to fail closed.
 */

/** cloud.openapi.security.msgSecCheck as the SDK answers it (v2: `result { suggest, label }`). */
export interface MsgSecCheck {
  (params: { content: string; version: 2; scene: 1 | 2 | 3 | 4; openid: string }): Promise<unknown>;
}

export type Verdict = { kind: 'pass' } | { kind: 'rejected'; label: number; reason: string } | { kind: 'unavailable' };

/** WeChat's labels, in the words a person can act on. */
const LABELS: Record<number, string> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
};

export function verdictOf(answer: unknown): Verdict {
  const result = (answer as { result?: { suggest?: unknown; label?: unknown } } | null)?.result;
  if (!result || typeof result.suggest !== 'string') return { kind: 'unavailable' };
  if (result.suggest !== 'risky') return { kind: 'pass' };
  const label = typeof result.label === 'number' ? result.label : 21000;
  return { kind: 'rejected', label, reason: LABELS[label] ?? '其他' };
}

/** WeChat's scene numbers: 2 is a comment / post others read (the help requests and notices here). */
export const SCENE_POST = 2 as const;

/** Runs the check; a failing call (network, quota) is `unavailable`, never an exception. */
export async function checkText(check: MsgSecCheck, content: string, openid: string): Promise<Verdict> {
  try {
    return verdictOf(await check({ content, version: 2, scene: SCENE_POST, openid }));
  } catch {
    return { kind: 'unavailable' };
  }
}
