/** "3-27, 30" as people write it: ranges, lists, full-width punctuation, suffixes; clear refusals for what cannot be meant. */
import { describeNumbers, parseBuildingList } from '../../../server/notice/buildingList';

const ONE_TO_30 = Array.from({ length: 30 }, (_, i) => String(i + 1));
const parse = (text: string, known: string[] = ONE_TO_30) => parseBuildingList(text, known);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe('parseBuildingList', () => {
  it('reads a range and a single building: "3-27, 30"', () => {
    expect(parse('3-27, 30')).toEqual({ ok: true, numbers: [...range(3, 27), '30'] });
  });

  it('accepts spaces anywhere and around the dash', () => {
    expect(parse('  3 - 5 ,8  ')).toEqual({ ok: true, numbers: ['3', '4', '5', '8'] });
    expect(parse('3 5 8')).toEqual({ ok: true, numbers: ['3', '5', '8'] });
  });

  it('accepts 全角 commas, 顿号, full-width digits and dashes, tildes, 至 and 到', () => {
    expect(parse('３－５，８、１０')).toEqual({ ok: true, numbers: ['3', '4', '5', '8', '10'] });
    expect(parse('3—5；7～9')).toEqual({ ok: true, numbers: ['3', '4', '5', '7', '8', '9'] });
    expect(parse('3至5')).toEqual({ ok: true, numbers: ['3', '4', '5'] });
    expect(parse('12到14')).toEqual({ ok: true, numbers: ['12', '13', '14'] });
    expect(parse('3–5')).toEqual({ ok: true, numbers: ['3', '4', '5'] });
  });

  it('accepts the words people put after the number: 号楼, 栋, 幢, #', () => {
    expect(parse('3号楼-5号楼, 8栋, 9幢, 10#')).toEqual({ ok: true, numbers: ['3', '4', '5', '8', '9', '10'] });
  });

  it('counts a building named twice once, and answers in number order', () => {
    expect(parse('8, 3-5, 4, 03')).toEqual({ ok: true, numbers: ['3', '4', '5', '8'] });
  });

  it('refuses a range written backwards, saying how to write it', () => {
    expect(parse('27-3')).toEqual({ ok: false, message: '「27-3」写反了：从小号写到大号，应为「3-27」' });
    expect(parse('3-5, 9－7')).toMatchObject({ ok: false, message: expect.stringContaining('应为「7-9」') });
  });

  it('refuses buildings the community does not have, naming them and what it does have', () => {
    expect(parse('3, 31, 40', range(1, 30))).toEqual({ ok: false, message: '本社区没有31号楼、40号楼（有 1–30号楼）' });
    expect(parse('3-7', ['1', '2', '3', '4', '5', '6'])).toEqual({ ok: false, message: '本社区没有7号楼（有 1–6号楼）' });
  });

  it('takes the buildings that exist inside a range whose ends exist (no 4号楼 is common)', () => {
    expect(parse('3-5', ['1', '2', '3', '5', '6'])).toEqual({ ok: true, numbers: ['3', '5'] });
  });

  it('refuses what it cannot read', () => {
    expect(parse('')).toEqual({ ok: false, message: '请填写楼号，例如「3-5, 8」' });
    expect(parse(' ，、 ')).toEqual({ ok: false, message: '请填写楼号，例如「3-5, 8」' });
    expect(parse('三号楼')).toMatchObject({ ok: false, message: '看不懂「三号楼」，请写成「3-5, 8」这样的楼号' });
    expect(parse('3-A')).toMatchObject({ ok: false, message: expect.stringContaining('看不懂「3-A」') });
    expect(parse('3--5')).toMatchObject({ ok: false });
  });

  it('describes a community’s buildings compactly', () => {
    expect(describeNumbers(['1', '2', '3', '4', '5', '6'])).toBe('1–6号楼');
    expect(describeNumbers(['3', '5'])).toBe('3、5号楼');
    expect(describeNumbers(['1', '2', '3', '7', '9', '10'])).toBe('1–3、7、9、10号楼');
  });
});
