import { field, optional, parseInput } from '../../../server/platform/validation';
import { AppError } from '../../../server/platform/errors';

const schema = field.object({
  name: field.string({ label: '姓名', max: 20 }),
  temperature: field.number({ label: '体温', min: 35, max: 42, decimals: 1, unit: '°C' }),
  symptoms: field.array(field.oneOf(['cough', 'fever'] as const, { label: '症状' }), { label: '症状', max: 2, unique: true }),
  note: optional(field.string({ label: '备注', max: 5 })),
});

function problem(data: unknown): AppError {
  try {
    parseInput(schema, data);
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('input validation at the edge', () => {
  const good = { name: ' 张三 ', temperature: 36.5, symptoms: ['cough'] };

  it('parses and trims valid input, leaving optional fields out', () => {
    expect(parseInput(schema, good)).toEqual({ name: '张三', temperature: 36.5, symptoms: ['cough'] });
    expect(parseInput(schema, { ...good, note: '好' })).toMatchObject({ note: '好' });
  });

  it.each([
    [{ ...good, temperature: 'abc' }, 'temperature', '体温必须是数字'],
    [{ ...good, temperature: 36.55 }, 'temperature', '体温最多保留 1 位小数'],
    [{ ...good, temperature: 34.9 }, 'temperature', '体温应在 35°C 到 42°C 之间'],
    [{ ...good, name: '   ' }, 'name', '请填写姓名'],
    [{ ...good, name: '张'.repeat(21) }, 'name', '姓名最多 20 个字，现在有 21 个字'],
    [{ ...good, symptoms: ['headache'] }, 'symptoms[0]', '症状不在可选范围内'],
    [{ ...good, symptoms: ['cough', 'cough'] }, 'symptoms', '症状有重复项'],
    [{ ...good, note: '123456' }, 'note', '备注最多 5 个字，现在有 6 个字'],
  ])('refuses %j at %s with a Chinese message', (data, path, message) => {
    const err = problem(data);
    expect(err.code).toBe('INPUT.INVALID');
    expect(err.fields?.[path]).toBe(message);
    expect(err.message).toBe(message);
  });

  it('refuses a payload that smuggles in an identity', () => {
    const err = problem({ ...good, openid: 'someone-else' });
    expect(err.code).toBe('INPUT.INVALID');
    expect(err.message).toContain('openid');
  });

  it('refuses non-objects', () => {
    expect(problem([1]).code).toBe('INPUT.INVALID');
    expect(problem('x').code).toBe('INPUT.INVALID');
  });

  it('counts characters as people do, an emoji being one', () => {
    const s = field.object({ t: field.string({ label: '标题', max: 2 }) });
    expect(parseInput(s, { t: '😷😷' })).toEqual({ t: '😷😷' });
  });
});
