/**
 * Call buttons: a page adds `behaviors: [phoneCall]` and binds `bindtap="onCall" data-phone="{{phone}}"`.
 * One place decides what a tap on a number does (call through the device service, toast on failure).
 */
import { callPhone } from '../services/device';
import { showError } from '../services/feedback';
import type { DatasetEvent } from '../types/events';

export const phoneCall = Behavior({
  methods: {
    async onCall(e: DatasetEvent<{ phone?: string }>): Promise<void> {
      const phone = e.currentTarget.dataset.phone;
      if (!phone) return;
      try {
        await callPhone(phone);
      } catch (err) {
        showError(err);
      }
    },
  },
});
