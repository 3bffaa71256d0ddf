/**
 * 我要求助: for one of the person's households (or, opened by staff with `?householdId=…&label=…`, on a household's
 * behalf) — a category from the grid, how urgent, who needs special care, what is needed, photos if they help.
 * 「危及生命」 reaches the 楼道长, the grid worker and the community at once. One submit = one request id, reused
 * when the person retries after a failure; a changed form is a new submit. Photos are uploaded once per pick.
 */
import { instanceState } from '../../behaviors/instanceState';
import { loadable, type LoadedView } from '../../behaviors/loadable';
import { queryValue } from '../../behaviors/query';
import {
  CATEGORY_OPTIONS,
  FLAG_OPTIONS,
  MAX_DESCRIPTION,
  URGENCY_OPTIONS,
  emptyHelpForm,
  helpDetailUrl,
  toHelpInput,
  validateHelp,
  withCategory,
  type HelpForm,
} from '../../presenters/help';
import { fieldErrorsOf, showError } from '../../services/feedback';
import { MAX_PHOTOS, choosePhotos, createHelpRequest, uploadPhotos, type HelpCategory, type VulnerableFlag } from '../../services/help';
import { fetchMyProfile } from '../../services/profile';
import { createSubmitKey } from '../../transport/index';
import type { DatasetEvent, ValueEvent } from '../../types/events';

const local = instanceState(() => ({
  submitKey: createSubmitKey(),
  /** temp path → fileID: a photo is uploaded once, however often the submit is retried. */
  uploaded: new Map<string, string>(),
}));

Component({
  behaviors: [loadable],
  data: {
    onBehalf: false,
    behalfLabel: '',
    householdOptions: [] as { label: string; value: string }[],
    form: emptyHelpForm(),
    errors: {} as Record<string, string>,
    categories: CATEGORY_OPTIONS,
    urgencyOptions: URGENCY_OPTIONS,
    flagOptions: FLAG_OPTIONS,
    maxDescription: MAX_DESCRIPTION,
    photos: [] as string[],
    maxPhotos: MAX_PHOTOS,
    submitting: false,
    result: null as { title: string; description: string; url: string } | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      if (query.householdId) {
        this.setData({ onBehalf: true, behalfLabel: queryValue(query, 'label'), form: emptyHelpForm(query.householdId) });
        wx.setNavigationBarTitle({ title: '代为求助' });
      }
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      if (this.data.onBehalf) return { empty: false, data: {} };
      const households = (await fetchMyProfile()).households;
      const options = households.map((h) => ({ label: `${h.label}${h.kind === 'proxy' ? '（代办）' : ''}`, value: h.householdId }));
      const current = options.find((o) => o.value === this.data.form.householdId) ?? options[0];
      return {
        empty: options.length === 0,
        data: { householdOptions: options, form: { ...this.data.form, householdId: current?.value ?? '' } },
      };
    },

    /** Every change to what would be submitted makes it a new submit (a new request id). */
    patchForm(next: HelpForm, touched: string[]): void {
      const errors = { ...this.data.errors };
      for (const key of touched) delete errors[key];
      local(this).submitKey.renew();
      this.setData({ form: next, errors });
    },

    onHouseholdChange(e: ValueEvent<string>): void {
      this.patchForm({ ...this.data.form, householdId: e.detail.value }, ['householdId']);
    },

    onCategory(e: DatasetEvent<{ value?: HelpCategory }>): void {
      const category = e.currentTarget.dataset.value;
      if (category) this.patchForm(withCategory(this.data.form, category), ['category', 'urgency']);
    },

    onUrgencyChange(e: ValueEvent<string>): void {
      this.patchForm({ ...this.data.form, urgency: String(e.detail.value) }, ['urgency']);
    },

    onFlagsChange(e: ValueEvent<VulnerableFlag[]>): void {
      this.patchForm({ ...this.data.form, flags: e.detail.value ?? [] }, ['flags']);
    },

    onDescriptionChange(e: ValueEvent<string>): void {
      this.patchForm({ ...this.data.form, description: e.detail.value ?? '' }, ['description']);
    },

    async onAddPhoto(): Promise<void> {
      const room = MAX_PHOTOS - this.data.photos.length;
      if (room <= 0) return;
      try {
        const picked = await choosePhotos(room);
        if (!picked.length) return;
        local(this).submitKey.renew();
        this.setData({ photos: [...this.data.photos, ...picked].slice(0, MAX_PHOTOS) });
      } catch (err) {
        showError(err);
      }
    },

    onRemovePhoto(e: DatasetEvent<{ index?: number }>): void {
      const index = Number(e.currentTarget.dataset.index);
      local(this).submitKey.renew();
      this.setData({ photos: this.data.photos.filter((_, i) => i !== index) });
    },

    async onSubmit(): Promise<void> {
      if (this.data.submitting) return;
      const errors = validateHelp(this.data.form);
      const first = Object.values(errors)[0];
      if (first) {
        this.setData({ errors });
        wx.showToast({ title: first, icon: 'none', duration: 2500 });
        return;
      }
      const state = local(this);
      const key = state.submitKey;
      this.setData({ submitting: true, errors: {} });
      try {
        const toUpload = this.data.photos.filter((p) => !state.uploaded.has(p));
        const ids = await uploadPhotos(this.data.form.householdId, toUpload);
        toUpload.forEach((p, i) => state.uploaded.set(p, ids[i]));
        const photos = this.data.photos.map((p) => state.uploaded.get(p) as string);
        const view = await createHelpRequest(toHelpInput(this.data.form, photos), key.requestId);
        key.renew();
        const told = view.alerts.map((a) => a.who).join('、');
        this.setData({
          submitting: false,
          result: {
            title: view.urgency === 1 ? '已发出紧急求助' : '求助已提交',
            description: told
              ? `已通知 ${told}。有人接单后您会在「我的求助」里看到。`
              : '已通知楼道长。有人接单后您会在「我的求助」里看到。',
            url: helpDetailUrl(view.helpRequestId),
          },
        });
      } catch (err) {
        this.setData({ submitting: false, errors: fieldErrorsOf(err) });
        showError(err);
      }
    },

    onViewRequest(): void {
      if (this.data.result) wx.redirectTo({ url: this.data.result.url });
    },

    onAnother(): void {
      local(this).submitKey.renew();
      this.setData({ result: null, form: emptyHelpForm(this.data.form.householdId), photos: [], errors: {} });
    },
  },
});
