/**
 * 求助详情 (`?helpRequestId=…`), for the household and for staff: where it stands (提交 → 接单 → 解决), who was told
 * and when (微信消息 or 待办), its history. Staff call the household and 接单 (if someone was quicker, the message
 * says who), then 标记解决 with what was done; the household or staff may cancel it. Each tap = one request id,
 * reused on retry.
 */
import { instanceState } from '../../behaviors/instanceState';
import { loadable, type LoadedView } from '../../behaviors/loadable';
import { phoneCall } from '../../behaviors/phoneCall';
import { toHelpDetail, type HelpDetail } from '../../presenters/help';
import { fieldErrorsOf, showDone, showError } from '../../services/feedback';
import { acceptHelpRequest, cancelHelpRequest, fetchHelpRequest, resolveHelpRequest, type HelpRequestView } from '../../services/help';
import { AppError, createSubmitKey } from '../../transport/index';
import type { ValueEvent } from '../../types/events';

const TAKEN = 'HELP.ALREADY_TAKEN';

const local = instanceState(() => ({ key: createSubmitKey() }));

Component({
  behaviors: [loadable, phoneCall],
  data: {
    helpRequestId: '',
    detail: null as HelpDetail | null,
    busy: false,
    /** Someone else took it first: their name, shown above the actions. */
    takenMessage: '',
    /** 'resolve' | 'cancel' while its note dialog is open. */
    dialog: '',
    note: '',
    noteError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      this.setData({ helpRequestId: query.helpRequestId ?? '' });
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const view = await fetchHelpRequest(this.data.helpRequestId);
      return { empty: false, data: { detail: toHelpDetail(view) } };
    },

    show(view: HelpRequestView): void {
      local(this).key.renew();
      this.setData({ detail: toHelpDetail(view), busy: false, dialog: '', note: '', noteError: '' });
    },

    async onAccept(): Promise<void> {
      if (this.data.busy) return;
      this.setData({ busy: true, takenMessage: '' });
      try {
        this.show(await acceptHelpRequest(this.data.helpRequestId, local(this).key.requestId));
        showDone('已接单，请尽快联系');
      } catch (err) {
        this.setData({ busy: false });
        showError(err);
        if (err instanceof AppError && err.code === TAKEN) {
          local(this).key.renew();
          this.setData({ takenMessage: err.message });
          void this.reloadView();
        }
      }
    },

    onOpenResolve(): void {
      this.setData({ dialog: 'resolve', note: '', noteError: '' });
    },

    onOpenCancel(): void {
      this.setData({ dialog: 'cancel', note: '', noteError: '' });
    },

    onNoteChange(e: ValueEvent<string>): void {
      local(this).key.renew();
      this.setData({ note: e.detail.value ?? '', noteError: '' });
    },

    onDialogClose(): void {
      if (!this.data.busy) this.setData({ dialog: '' });
    },

    async onDialogConfirm(): Promise<void> {
      if (this.data.busy) return;
      const note = this.data.note.trim();
      const resolving = this.data.dialog === 'resolve';
      if (resolving && !note) {
        this.setData({ noteError: '请写明怎么处理的，例如：药已送到门口' });
        return;
      }
      this.setData({ busy: true });
      const key = local(this).key;
      try {
        const view = resolving
          ? await resolveHelpRequest(this.data.helpRequestId, note, key.requestId)
          : await cancelHelpRequest(this.data.helpRequestId, note, key.requestId);
        this.show(view);
        showDone(resolving ? '已标记解决' : '已取消求助');
      } catch (err) {
        const fields = fieldErrorsOf(err);
        this.setData({ busy: false, noteError: fields.note ?? fields.reason ?? '' });
        showError(err);
      }
    },
  },
});
