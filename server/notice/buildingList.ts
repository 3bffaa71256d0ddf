/**
 * A list of buildings written the way people write it in the group: "3-27, 30", "3号楼、5栋", "１２－１５，２０".
 * Pure: the text and the community's building numbers in, the numbers it names (or a message a person can act on) out.
 *
 * A range names the buildings that exist between its ends; both ends must exist (communities often skip 4 or 13,
 * so "3-5" without a 4号楼 is 3 and 5). A range written backwards ("27-3") or a building the community does not have
 * is refused rather than guessed at.
 */

export type BuildingListResult = { ok: true; numbers: string[] } | { ok: false; message: string };

/** Full-width digits and punctuation as the Chinese keyboard types them, turned into their ASCII twins. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const SEPARATORS = /[,，、;；\s]+/;
/** Hyphen, en and em dashes, the minus sign, tildes, 至 and 到 all mean "through". */
const DASH = '(?:-|‐|‑|–|—|−|~|〜|至|到)';
const RANGE = new RegExp(`^(.+?)${DASH}(.+)$`);
/** "3 - 5" is one range, not three pieces. */
const SPACED_DASH = new RegExp(`\\s*${DASH}\\s*`, 'g');
/** 3号楼, 3栋, 3幢, 3# → 3 */
const SUFFIX = /(?:号楼|号|栋|幢|楼|#)$/;

const clean = (piece: string) => piece.trim().replace(SUFFIX, '').trim();

function compareNumbers(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) && na !== nb ? na - nb : a.localeCompare(b, 'zh');
}

/** "1–6、8号楼" for messages: what the community does have. */
export function describeNumbers(numbers: readonly string[]): string {
  const sorted = [...new Set(numbers)].sort(compareNumbers);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && /^\d+$/.test(sorted[j + 1]) && Number(sorted[j + 1]) === Number(sorted[j]) + 1) j++;
    parts.push(j > i + 1 ? `${sorted[i]}–${sorted[j]}` : j === i + 1 ? `${sorted[i]}、${sorted[j]}` : sorted[i]);
    i = j + 1;
  }
  return `${parts.join('、')}号楼`;
}

export function parseBuildingList(text: string, known: readonly string[]): BuildingListResult {
  const input = halfWidth(text).trim().replace(SPACED_DASH, '-');
  if (!input) return { ok: false, message: '请填写楼号，例如「3-5, 8」' };
  const exists = new Set(known);
  const chosen = new Set<string>();
  const unknown: string[] = [];
  for (const raw of input.split(SEPARATORS)) {
    if (!raw) continue;
    const range = RANGE.exec(raw);
    if (range) {
      const from = clean(range[1]).replace(/^0+(?=\d)/, '');
      const to = clean(range[2]).replace(/^0+(?=\d)/, '');
      if (!/^\d+$/.test(from) || !/^\d+$/.test(to)) {
        return { ok: false, message: `看不懂「${raw}」：范围请写成「3-27」这样的两个楼号` };
      }
      if (Number(from) > Number(to)) return { ok: false, message: `「${raw}」写反了：从小号写到大号，应为「${to}-${from}」` };
      const missingEnds = [from, to].filter((n) => !exists.has(n));
      if (missingEnds.length) {
        unknown.push(...missingEnds);
        continue;
      }
      for (const n of known) if (/^\d+$/.test(n) && Number(n) >= Number(from) && Number(n) <= Number(to)) chosen.add(n);
      continue;
    }
    const n = clean(raw).replace(/^0+(?=\d)/, '');
    if (!/^[A-Za-z0-9]+$/.test(n)) return { ok: false, message: `看不懂「${raw}」，请写成「3-5, 8」这样的楼号` };
    if (!exists.has(n)) unknown.push(n);
    else chosen.add(n);
  }
  if (unknown.length) {
    const names = [...new Set(unknown)].map((n) => `${n}号楼`).join('、');
    return { ok: false, message: `本社区没有${names}${known.length ? `（有 ${describeNumbers(known)}）` : ''}` };
  }
  if (!chosen.size) return { ok: false, message: '请填写楼号，例如「3-5, 8」' };
  return { ok: true, numbers: [...chosen].sort(compareNumbers) };
}
