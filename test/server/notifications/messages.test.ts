import { checkTemplateData } from '../../../emulator/openapi/keywords';
import { abnormalAlert, checkInReminder, clip, missedAlert, name, type Message } from '../../../server/notifications/messages';
import { TEMPLATE_KEYS, templateId, templateKeyOf, templateRegistry, TEMPLATES } from '../../../server/notifications/templates';

/** What WeChat (and the emulator) would answer: null when the message is acceptable. */
const wechatSays = (m: Message) => checkTemplateData(m.data, TEMPLATES[m.template].keywords);
const closedAt = Date.parse('2026-11-22T21:00:00+08:00');

describe('subscribe messages within WeChat’s limits', () => {
  it('fits every keyword, even with long names and many people', () => {
    const long = '欧阳长长长长长长长长长长长长名字';
    for (const m of [
      checkInReminder({ names: [long, '周母'], slot: 'pm', closedAt }),
      checkInReminder({ names: ['周返乡'], slot: 'am', closedAt }),
      abnormalAlert({
        name: long,
        label: '12-2-2401',
        temperature: 39.2,
        symptoms: ['fever', 'cough', 'fatigue', 'soreThroat', 'diarrhoea', 'smellTasteLoss', 'other'],
        at: closedAt,
      }),
      abnormalAlert({ name: 'Anna Maria 2', label: '3-1-301', temperature: 37.3, symptoms: [], at: closedAt }),
      missedAlert({ buildingName: '吉星新苑东区十二号楼等3栋楼', count: 128, slot: 'pm', closedAt, escalated: true }),
    ]) {
      expect(wechatSays(m)).toBeNull();
      expect(Object.keys(m.data).sort()).toEqual([...TEMPLATES[m.template].keywords].sort());
    }
  });

  it('says what happened in words a person reads at a glance', () => {
    expect(checkInReminder({ names: ['周返乡', '周母'], slot: 'pm', closedAt }).data).toEqual({
      thing1: { value: '周返乡等2人下午未打卡' },
      time2: { value: '2026-11-22 21:00' },
      thing3: { value: '请联系楼道长补录体温' },
    });
    expect(abnormalAlert({ name: '周返乡', label: '3-1-301', temperature: 37.8, symptoms: ['cough'], at: closedAt }).data).toEqual({
      name1: { value: '周返乡' },
      thing2: { value: '3-1-301 体温37.8℃' },
      thing3: { value: '咳嗽' },
      time4: { value: '2026-11-22 21:00' },
    });
    expect(missedAlert({ buildingName: '3号楼', count: 2, slot: 'am', closedAt, escalated: false }).data.thing1).toEqual({
      value: '3号楼2人上午未打卡',
    });
  });

  it('cuts text with an ellipsis, counting characters as people do', () => {
    expect(clip('一二三四五', 5)).toBe('一二三四五');
    expect(clip('一二三四五六', 5)).toBe('一二三四…');
    expect(clip('😀😀😀', 2)).toBe('😀…');
    expect(name('王1').value).toBe('王');
  });

  it('the emulator refuses what WeChat would (the check above can fail)', () => {
    expect(
      checkTemplateData(
        { thing1: { value: '一'.repeat(21) }, time2: { value: '2026-11-22 21:00' }, thing3: { value: 'x' } },
        TEMPLATES.missedAlert.keywords,
      ),
    ).toMatch(/exceed max length/);
  });
});

describe('template ids', () => {
  it('come from the deployment’s environment, with local ids otherwise', () => {
    expect(templateId('abnormalAlert', {})).toBe('local-abnormal-alert');
    expect(templateId('abnormalAlert', { SHOUWANG_TMPL_ABNORMAL_ALERT: ' AbC-123 ' })).toBe('AbC-123');
    expect(templateKeyOf('AbC-123', { SHOUWANG_TMPL_ABNORMAL_ALERT: 'AbC-123' })).toBe('abnormalAlert');
    expect(templateKeyOf('nope', {})).toBeUndefined();
    // Each feature adds its own templates; these are the ones the health and help functions send.
    const registry = templateRegistry({});
    expect(registry).toMatchObject({
      'local-checkin-reminder': ['thing1', 'time2', 'thing3'],
      'local-abnormal-alert': ['name1', 'thing2', 'thing3', 'time4'],
      'local-missed-alert': ['thing1', 'time2', 'thing3'],
      'local-help-alert': ['thing1', 'thing2', 'time3', 'thing4'],
    });
    // One local id per template: no two templates share one.
    expect(Object.keys(registry)).toHaveLength(TEMPLATE_KEYS.length);
  });
});
