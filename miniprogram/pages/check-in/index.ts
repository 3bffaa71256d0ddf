/**
 * 健康打卡: for oneself or an isolated family member — temperature, symptoms, an optional note. One submit = one
 * request id, reused when the person retries after a failure (the first try may have been recorded before the
 * network dropped); a changed form is a new submit. Between windows the server's message says when the next opens.
 * After a check-in is the natural moment to ask 「下次提醒我」 (a subscribe message for the next window).
 *
 * Staff open it on someone's behalf from 今日打卡: `?residentId=…&name=…&label=…&behalf=1` — they say whether they
 * asked at the door or by phone.
 */
import { instanceState } from '../../behaviors/instanceState';
import { loadable, type LoadedView } from '../../behaviors/loadable';
import {
  METHOD_OPTIONS,
  SYMPTOM_OPTIONS,
  emptyCheckInForm,
  isFever,
  temperatureOptions,
  toCheckInRequest,
  toCheckInResult,
  toIsolationCard,
  validateCheckIn,
  type CheckInForm,
  type CheckInResult,
  type IsolationCard,
} from '../../presenters/checkIn';
import { errorMessage, showDone, showError } from '../../services/feedback';
import { fetchMyIsolations, fetchSubscriptions, recordSubscriptions, submitCheckIn, type Symptom } from '../../services/health';
import { askSubscribe } from '../../services/subscribe';
import { AppError, createSubmitKey } from '../../transport/index';
import type { PickerConfirmEvent, ValueEvent } from '../../types/events';
import { phoneCall } from '../../behaviors/phoneCall';
import { queryValue } from '../../behaviors/query';

const OUTSIDE_WINDOW = 'CHECKIN.OUTSIDE_WINDOW';

const local = instanceState(() => ({
  submitKey: createSubmitKey(),
  subscribeKey: createSubmitKey(),
}));

Component({
  behaviors: [loadable, phoneCall],
  data: {
    onBehalf: false,
    behalfName: '',
    behalfLabel: '',
    members: [] as IsolationCard[],
    memberOptions: [] as { label: string; value: string }[],
    selected: null as IsolationCard | null,

    form: emptyCheckInForm(),
    temperatureText: '36.5',
    fever: false,
    errors: {} as Record<string, string>,
    temperatureOptions: temperatureOptions(),
    temperaturePickerVisible: false,
    symptomOptions: SYMPTOM_OPTIONS,
    methodOptions: METHOD_OPTIONS,

    submitting: false,
    /** The server's 「不在打卡时间」 message, shown above the button. */
    closedMessage: '',
    result: null as CheckInResult | null,
    subscribing: false,
    subscribed: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      if (query.behalf === '1' && query.residentId) {
        this.setData({
          onBehalf: true,
          behalfName: queryValue(query, 'name'),
          behalfLabel: queryValue(query, 'label'),
          form: emptyCheckInForm(query.residentId),
        });
        wx.setNavigationBarTitle({ title: '代为打卡' });
      }
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      if (this.data.onBehalf) return { empty: false, data: {} };
      const members = (await fetchMyIsolations()).map(toIsolationCard);
      const current = members.find((m) => m.residentId === this.data.form.residentId) ?? members[0] ?? null;
      const data: Record<string, unknown> = {
        members,
        memberOptions: members.map((m) => ({ label: `${m.name}（${m.label}）`, value: m.residentId })),
        selected: current,
      };
      if (current && current.residentId !== this.data.form.residentId) {
        data.form = { ...this.data.form, residentId: current.residentId };
      }
      return { empty: members.length === 0, data };
    },

    /** Every change to what would be submitted makes it a new submit (a new request id). */
    patchForm(patch: Partial<CheckInForm>, extra: Record<string, unknown> = {}): void {
      const form = { ...this.data.form, ...patch };
      const errors = { ...this.data.errors };
      for (const key of Object.keys(patch)) delete errors[key];
      local(this).submitKey.renew();
      this.setData({ form, errors, closedMessage: '', ...extra });
    },

    onMemberChange(e: ValueEvent<string>): void {
      const selected = this.data.members.find((m) => m.residentId === e.detail.value) ?? null;
      this.patchForm({ residentId: e.detail.value }, { selected });
    },

    onOpenTemperature(): void {
      this.setData({ temperaturePickerVisible: true });
    },

    onTemperaturePicked(e: PickerConfirmEvent): void {
      const temperature = Number(e.detail.value[0]);
      this.setData({ temperaturePickerVisible: false });
      if (!Number.isFinite(temperature)) return;
      this.patchForm({ temperature }, { temperatureText: temperature.toFixed(1), fever: isFever(temperature) });
    },

    onTemperatureClose(): void {
      this.setData({ temperaturePickerVisible: false });
    },

    onSymptomsChange(e: ValueEvent<Symptom[]>): void {
      this.patchForm({ symptoms: e.detail.value ?? [] });
    },

    onNoteChange(e: ValueEvent<string>): void {
      this.patchForm({ note: e.detail.value ?? '' });
    },

    onMethodChange(e: ValueEvent<'door' | 'phone'>): void {
      this.patchForm({ method: e.detail.value });
    },

    async onSubmit(): Promise<void> {
      if (this.data.submitting) return;
      const errors = validateCheckIn(this.data.form, this.data.onBehalf);
      const first = Object.values(errors)[0];
      if (first) {
        this.setData({ errors });
        wx.showToast({ title: first, icon: 'none', duration: 2500 });
        return;
      }
      const key = local(this).submitKey;
      this.setData({ submitting: true, errors: {}, closedMessage: '' });
      try {
        const view = await submitCheckIn(toCheckInRequest(this.data.form, this.data.onBehalf), key.requestId);
        key.renew();
        this.setData({ submitting: false, result: toCheckInResult(view) });
      } catch (err) {
        const closed = err instanceof AppError && err.code === OUTSIDE_WINDOW;
        this.setData({ submitting: false, closedMessage: closed ? errorMessage(err) : '' });
        showError(err);
      }
    },

    /** 「下次提醒我」: WeChat's own prompt, then the answer recorded so the reminder can be sent. */
    async onSubscribe(): Promise<void> {
      if (this.data.subscribing) return;
      this.setData({ subscribing: true });
      try {
        const templates = await fetchSubscriptions();
        const ids = templates.filter((t) => t.key === 'checkInReminder').map((t) => t.templateId);
        const accepted = await askSubscribe(ids);
        const key = local(this).subscribeKey;
        await recordSubscriptions(ids, accepted, key.requestId);
        key.renew();
        this.setData({ subscribing: false, subscribed: accepted.length > 0 });
        if (accepted.length) showDone('下次打卡前会提醒您');
        else wx.showToast({ title: '没有开启提醒，记得按时打卡', icon: 'none', duration: 2500 });
      } catch (err) {
        this.setData({ subscribing: false });
        showError(err);
      }
    },

    /** Another check-in (another family member, or a correction): back to the form. */
    onAnother(): void {
      this.setData({ result: null, subscribed: false });
      if (!this.data.onBehalf) void this.reloadView();
    },

    onHistory(): void {
      wx.navigateTo({ url: `/pages/check-in-history/index?residentId=${this.data.form.residentId}` });
    },

    onDone(): void {
      if (this.data.onBehalf) wx.navigateBack({ delta: 1 });
      else wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
