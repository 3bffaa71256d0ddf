/**
 * 物资目录 (社区管理员): every item of the community's catalog by category, in stock or not; 有货 / 缺货 with one
 * switch; a tap fills the form to change an item; the form adds one (name, unit, price, case-pack, category).
 */
import { instanceState } from '../../../../behaviors/instanceState';
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { queryValue } from '../../../../behaviors/query';
import { fieldErrorsOf, showDone, showError } from '../../../../services/feedback';
import type { CatalogItemView } from '../../../../services/supply';
import { createSubmitKey } from '../../../../transport/index';
import type { DatasetEvent, ValueEvent } from '../../../../types/events';
import { CATEGORY_OPTIONS, catalogRow, emptyItemForm, formOf, toItemInput, type CatalogRow, type ItemForm } from '../../presenters/catalog';
import { fetchWholeCatalog, saveCatalogItem } from '../../services/catalog';

const local = instanceState(() => ({ submitKey: createSubmitKey(), items: [] as CatalogItemView[] }));

Component({
  behaviors: [loadable],
  data: {
    communityId: '',
    rows: [] as CatalogRow[],
    form: emptyItemForm(),
    errors: {} as Record<string, string>,
    categories: CATEGORY_OPTIONS,
    looseOptions: [
      { label: '按件（盒、袋、瓶）', value: 'piece' },
      { label: '散装称重（可按半斤订）', value: 'loose' },
    ],
    availableOptions: [
      { label: '有货', value: 'yes' },
      { label: '缺货', value: 'no' },
    ],
    saving: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      this.setData({ communityId: queryValue(query, 'communityId') });
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const items = await fetchWholeCatalog(this.data.communityId);
      local(this).items = items;
      return { empty: false, data: { rows: items.map(catalogRow) } };
    },

    patch(form: ItemForm, field: string): void {
      local(this).submitKey.renew();
      const errors = { ...this.data.errors };
      delete errors[field];
      this.setData({ form, errors });
    },

    onField(e: DatasetEvent<{ field?: keyof ItemForm }> & ValueEvent<string>): void {
      const field = e.currentTarget.dataset.field;
      if (field) this.patch({ ...this.data.form, [field]: e.detail.value } as ItemForm, field);
    },

    onLoose(e: ValueEvent<string>): void {
      this.patch({ ...this.data.form, loose: e.detail.value === 'loose' }, 'loose');
    },

    onAvailableForm(e: ValueEvent<string>): void {
      this.patch({ ...this.data.form, available: e.detail.value === 'yes' }, 'available');
    },

    onEdit(e: DatasetEvent<{ id?: string }>): void {
      const item = local(this).items.find((i) => i.itemId === e.currentTarget.dataset.id);
      if (item) this.patch(formOf(item), '');
      wx.pageScrollTo({ scrollTop: 0, duration: 200 });
    },

    onNew(): void {
      this.patch(emptyItemForm(), '');
    },

    async save(form: ItemForm, done: string): Promise<void> {
      const { input, errors } = toItemInput(this.data.communityId, form);
      if (!input) {
        this.setData({ errors });
        wx.showToast({ title: Object.values(errors)[0], icon: 'none', duration: 2500 });
        return;
      }
      if (this.data.saving) return;
      const key = local(this).submitKey;
      this.setData({ saving: true });
      try {
        await saveCatalogItem(input, key.requestId);
        key.renew();
        showDone(done);
        this.setData({ form: emptyItemForm(), errors: {} });
        await this.reloadView();
      } catch (err) {
        this.setData({ errors: fieldErrorsOf(err) });
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },

    onSave(): void {
      void this.save(this.data.form, this.data.form.itemId ? '已保存' : '已上架');
    },

    /** 有货 / 缺货: the item as it is, with only that changed. */
    onAvailable(e: DatasetEvent<{ id?: string; available?: boolean }>): void {
      const item = local(this).items.find((i) => i.itemId === e.currentTarget.dataset.id);
      if (!item) return;
      const available = !!e.currentTarget.dataset.available;
      local(this).submitKey.renew();
      void this.save({ ...formOf(item), available }, available ? '已设为有货' : '已设为缺货');
    },
  },
});
