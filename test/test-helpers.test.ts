/** The shared test helpers in test/helpers/ answer what the tests that use them assume. */
import { upTo } from './helpers/requirement-sets';

describe('upTo: a host with ExcelApi up to a version', () => {
  it.each([
    ['1.9', '1.1', true],
    ['1.9', '1.9', true],
    ['1.9', '1.10', false],
    ['1.10', '1.9', true],
    ['1.9', '2.0', false],
    ['1.9', '2.1', false],
    ['2.0', '1.9', true],
    ['2.1', '1.17', true],
    ['2.1', '2.1', true],
    ['2.1', '2.2', false],
    ['10.0', '2.1', true],
    ['2.1', '10.0', false],
  ])('a host up to %s has %s: %p', (host, asked, has) => {
    expect(upTo(host)('ExcelApi', asked)).toBe(has);
  });

  it('has no other requirement set', () => {
    expect(upTo('1.9')('WordApi', '1.1')).toBe(false);
  });
});
