/** 输入任命码: the appointee types the code the 网格员 or 社区管理员 gave them; the role is theirs from then on. */
import type { StaffRole } from '../../../typings/contract/community';
import { acceptedText, inviteCodeProblem } from '../../presenters/appointment';
import { saveActiveRole } from '../../services/activeRole';
import { errorMessage, fieldErrorsOf, showError } from '../../services/feedback';
import { acceptAppointment } from '../../services/profile';
import type { ValueEvent } from '../../types/events';

Component({
  data: {
    code: '',
    error: '',
    submitting: false,
    accepted: '',
    acceptedRole: '' as StaffRole | '',
  },
  methods: {
    onCodeChange(e: ValueEvent<string>): void {
      this.setData({ code: (e.detail.value ?? '').toUpperCase(), error: '' });
    },

    async onSubmit(): Promise<void> {
      if (this.data.submitting) return;
      const problem = inviteCodeProblem(this.data.code);
      if (problem) {
        this.setData({ error: problem });
        wx.showToast({ title: problem, icon: 'none', duration: 2500 });
        return;
      }
      this.setData({ submitting: true, error: '' });
      try {
        const grant = await acceptAppointment(this.data.code);
        this.setData({ submitting: false, accepted: acceptedText(grant), acceptedRole: grant.role });
      } catch (err) {
        // A wrong, used, expired or revoked code is about this field: say it there too.
        this.setData({ submitting: false, error: fieldErrorsOf(err).inviteCode ?? errorMessage(err) });
        showError(err);
      }
    },

    onToWorkbench(): void {
      if (this.data.acceptedRole) saveActiveRole(this.data.acceptedRole);
      wx.switchTab({ url: '/pages/me/index' });
    },
  },
});
