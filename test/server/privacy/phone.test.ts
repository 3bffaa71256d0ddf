import { maskPhone, normaliseMobile } from '../../../server/privacy/phone';

describe('phone numbers', () => {
  it.each([
    ['13812341234', '13812341234'],
    ['138 1234 1234', '13812341234'],
    ['+86-138-1234-1234', '13812341234'],
    ['8613812341234', '13812341234'],
    ['12812341234', null],
    ['1381234123', null],
    ['025-88886666', null],
    ['abc', null],
  ])('%s → %s', (input, out) => expect(normaliseMobile(input)).toBe(out));

  it('masks the middle four digits', () => expect(maskPhone('13812341234')).toBe('138****1234'));
});
