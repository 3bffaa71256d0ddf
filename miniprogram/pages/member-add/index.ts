/**
 * 添加家人: registers a family member who has no smartphone (an elderly parent), so the 楼道长 knows they live
 * there and can reach them. Their phone is optional.
 */
import type { Relation } from '../../../typings/contract/community';
import { instanceState } from '../../behaviors/instanceState';
import { compactErrors, mobileProblem, nameProblem, relationOptions } from '../../presenters/person';
import { fieldErrorsOf, showDone, showError } from '../../services/feedback';
import { addHouseholdMember } from '../../services/household';
import type { PickerConfirmEvent, ValueEvent } from '../../types/events';
import { queryValue } from '../../behaviors/query';

const local = instanceState(() => ({ householdId: '' }));

Component({
  data: {
    form: { name: '', relation: '' as Relation | '', phone: '' },
    errors: {} as Record<string, string>,
    relationOptions: relationOptions(),
    relationPickerVisible: false,
    submitting: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      local(this).householdId = queryValue(query, 'householdId');
    },

    patch(field: 'name' | 'relation' | 'phone', value: string): void {
      const errors = { ...this.data.errors };
      delete errors[field];
      this.setData({ [`form.${field}`]: value, errors });
    },

    onNameChange(e: ValueEvent<string>): void {
      this.patch('name', e.detail.value);
    },

    onPhoneChange(e: ValueEvent<string>): void {
      this.patch('phone', e.detail.value);
    },

    onOpenRelations(): void {
      this.setData({ relationPickerVisible: true });
    },

    onRelationPicked(e: PickerConfirmEvent): void {
      this.setData({ relationPickerVisible: false });
      this.patch('relation', e.detail.value[0]);
    },

    onRelationPickerClose(): void {
      this.setData({ relationPickerVisible: false });
    },

    async onSubmit(): Promise<void> {
      if (this.data.submitting) return; // household.addMember takes no request id: one submit at a time
      const { name, relation, phone } = this.data.form;
      const errors = compactErrors({
        name: nameProblem(name),
        relation: relation ? '' : '请选择与户主关系',
        phone: mobileProblem(phone, true),
      });
      const first = Object.values(errors)[0];
      if (first) {
        this.setData({ errors });
        wx.showToast({ title: first, icon: 'none', duration: 2500 });
        return;
      }
      this.setData({ submitting: true, errors: {} });
      try {
        await addHouseholdMember(local(this).householdId, { name, relation: relation as Relation, phone });
        this.setData({ submitting: false });
        showDone(`已添加${name.trim()}`);
        wx.navigateBack({ delta: 1 });
      } catch (err) {
        this.setData({ submitting: false, errors: fieldErrorsOf(err) });
        showError(err);
      }
    },
  },
});
