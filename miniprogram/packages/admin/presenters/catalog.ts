/** 物资目录 (社区管理员): the catalog by category, and the item form's checks. Pure. */
import type { CatalogCategory, CatalogItemInput, CatalogItemView } from '../../../../typings/contract/supply';

export const CATEGORY_OPTIONS: { label: string; value: CatalogCategory }[] = (
  ['蔬菜', '肉蛋', '粮油', '奶品', '药品', '日用', '其他'] as const
).map((c) => ({ label: c, value: c }));

export interface CatalogRow {
  itemId: string;
  name: string;
  /** 奶品 · ¥3.50 / 盒 · 整箱 12 盒 */
  meta: string;
  available: boolean;
}

export function catalogRow(i: CatalogItemView): CatalogRow {
  return {
    itemId: i.itemId,
    name: i.name,
    meta: [
      i.category,
      i.priceFen !== undefined ? `¥${(i.priceFen / 100).toFixed(2)} / ${i.unit}` : `时价 / ${i.unit}`,
      i.casePack > 1 ? `整箱 ${i.casePack} ${i.unit}` : '',
      i.loose ? '散装称重' : '',
    ]
      .filter(Boolean)
      .join(' · '),
    available: i.available,
  };
}

/** What the form holds, as typed. */
export interface ItemForm {
  itemId: string;
  name: string;
  unit: string;
  /** 元, as typed: '3.5'; '' for 时价. */
  price: string;
  /** '' or '1' for sold singly. */
  casePack: string;
  category: CatalogCategory;
  loose: boolean;
  available: boolean;
}

export const emptyItemForm = (): ItemForm => ({
  itemId: '',
  name: '',
  unit: '',
  price: '',
  casePack: '',
  category: '蔬菜',
  loose: false,
  available: true,
});

export const formOf = (i: CatalogItemView): ItemForm => ({
  itemId: i.itemId,
  name: i.name,
  unit: i.unit,
  price: i.priceFen !== undefined ? String(i.priceFen / 100) : '',
  casePack: i.casePack > 1 ? String(i.casePack) : '',
  category: i.category,
  loose: i.loose,
  available: i.available,
});

/** The input for catalog.save, or the problems per field. */
export function toItemInput(communityId: string, f: ItemForm): { input?: CatalogItemInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = f.name.trim();
  const unit = f.unit.trim();
  if (!name) errors.name = '请填写物资名称';
  else if (Array.from(name).length > 30) errors.name = '名称最多 30 个字';
  if (!unit) errors.unit = '请填写单位，如 斤、盒、袋';
  else if (Array.from(unit).length > 4) errors.unit = '单位最多 4 个字';
  let priceFen: number | undefined;
  if (f.price.trim()) {
    const yuan = Number(f.price.trim());
    if (!/^\d+(\.\d{1,2})?$/.test(f.price.trim()) || !Number.isFinite(yuan) || yuan > 10000)
      errors.price = '价格请填 0 到 10000 元，最多两位小数';
    else priceFen = Math.round(yuan * 100);
  }
  let casePack = 1;
  if (f.casePack.trim()) {
    casePack = Number(f.casePack.trim());
    if (!Number.isInteger(casePack) || casePack < 1 || casePack > 1000) errors.casePack = '整箱规格请填 1 到 1000 的整数';
  }
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      communityId,
      ...(f.itemId ? { itemId: f.itemId } : {}),
      name,
      unit,
      ...(priceFen !== undefined ? { priceFen } : {}),
      casePack,
      category: f.category,
      available: f.available,
      loose: f.loose,
    },
  };
}
