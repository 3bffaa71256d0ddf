import { missingColumns, planStructure, type SheetRow } from '../../../server/structure/structure';
import { readCsv } from '../../../server/structure/spreadsheet';

const rows = (...cells: Record<string, string>[]): SheetRow[] => cells.map((c, i) => ({ row: i + 2, cells: c }));

describe('reading a community spreadsheet', () => {
  it('turns one row per resident into grids, buildings, households and residents', () => {
    const plan = planStructure(
      'c1',
      rows(
        { 楼栋: '3号楼', 单元: '1单元', 房号: '301', 姓名: '陈大文', 手机号: '+86 139-1111-2222', 与户主关系: '户主' },
        { 楼栋: '3', 单元: '1', 房号: '301', 姓名: '林小美', 与户主关系: '妻子' },
        { 楼栋: '3栋', 单元: '2', 房号: '1202' },
      ),
    );
    expect(plan.problems).toEqual([]);
    expect(plan.grids.map((g) => g.name)).toEqual(['第一网格']);
    expect(plan.buildings).toHaveLength(1);
    expect(plan.households.map((h) => [h.label, h.floor])).toEqual([
      ['3-1-301', 3],
      ['3-2-1202', 12],
    ]);
    expect(plan.residents.map((r) => [r.name, r.relation, r.phone])).toEqual([
      ['陈大文', '本人', '13911112222'],
      ['林小美', '配偶', ''],
    ]);
  });

  it('gives the same ids for the same addresses, so a second import finds what the first made', () => {
    const a = planStructure('c1', rows({ 楼栋: '3', 单元: '1', 房号: '301', 姓名: '陈大文' }));
    const b = planStructure('c1', rows({ 楼栋: '3号楼', 单元: '1单元', 房号: '301', 姓名: '陈大文' }));
    expect(b.households[0]._id).toBe(a.households[0]._id);
    expect(b.residents[0]._id).toBe(a.residents[0]._id);
    expect(planStructure('c2', rows({ 楼栋: '3', 单元: '1', 房号: '301' })).households[0]._id).not.toBe(a.households[0]._id);
  });

  it('reports every unreadable row with its number and all its reasons', () => {
    const plan = planStructure(
      'c1',
      rows(
        { 楼栋: '三号楼', 单元: '1', 房号: '301' },
        { 楼栋: '3', 单元: '1', 房号: '30A', 手机号: '12345' },
        { 楼栋: '3', 单元: '1', 房号: '302', 与户主关系: '邻居', 姓名: '某' },
        { 楼栋: '', 单元: '', 房号: '' },
        { 楼栋: '3', 单元: '1', 房号: '303', 手机号: '13900001111' },
      ),
    );
    expect(plan.problems).toEqual([
      { row: 2, message: '楼栋「三号楼」应写成数字，如 3 或 3号楼' },
      { row: 3, message: '房号「30A」应为 3–4 位数字，如 301；手机号「12345」不是有效的大陆手机号；填写了手机号或关系，但缺少姓名' },
      { row: 4, message: expect.stringContaining('与户主关系「邻居」应为') },
      { row: 6, message: '填写了手机号或关系，但缺少姓名' },
    ]);
  });

  it('refuses a building that two rows put in different grids', () => {
    const plan = planStructure(
      'c1',
      rows({ 网格: '东', 楼栋: '3', 单元: '1', 房号: '301' }, { 网格: '西', 楼栋: '3', 单元: '1', 房号: '302' }),
    );
    expect(plan.problems).toEqual([{ row: 3, message: expect.stringContaining('只能属于一个网格') }]);
  });

  it('names the required columns a header lacks', () => {
    expect(missingColumns(['楼号', '单元号', '姓名'])).toEqual(['房号']);
    expect(missingColumns(['楼栋', '单元', '门牌号'])).toEqual([]);
  });
});

describe('CSV as Excel saves it', () => {
  it('reads UTF-8 with a BOM, quoted commas and newlines', () => {
    const rows = readCsv(Buffer.from('\uFEFF楼栋,单元,房号,姓名\n3,1,301,"陈, 大文"\n"3",1,302,"林\n小美"\n'));
    expect(rows).toEqual([
      { row: 2, cells: { 楼栋: '3', 单元: '1', 房号: '301', 姓名: '陈, 大文' } },
      { row: 3, cells: { 楼栋: '3', 单元: '1', 房号: '302', 姓名: '林\n小美' } },
    ]);
  });

  it('reads GBK, as Excel on a Chinese Windows saves it', () => {
    // "楼栋,单元,房号\r\n3,1,301\r\n" in GBK
    const gbk = Buffer.from('c2a5b6b02cb5a5d4aa2cb7bfbac50d0a332c312c3330310d0a', 'hex');
    expect(readCsv(gbk)).toEqual([{ row: 2, cells: { 楼栋: '3', 单元: '1', 房号: '301' } }]);
  });
});
