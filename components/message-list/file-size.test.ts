import { expect } from '@esm-bundle/chai';
import { formatSize } from './file-size.ts';

describe('formatSize', () => {
  it('says bytes, kB or MB, one decimal below ten, in the reader’s language', () => {
    expect(formatSize(512, 'en')).to.equal('512 byte');
    expect(formatSize(1536, 'en')).to.equal('1.5 kB');
    expect(formatSize(250 * 1024, 'en')).to.equal('250 kB');
    expect(formatSize(12 * 1024 * 1024, 'en')).to.equal('12 MB');
    expect(formatSize(2.5 * 1024 * 1024, 'de')).to.equal('2,5 MB');
  });
});
