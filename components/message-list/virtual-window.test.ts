import { expect } from '@esm-bundle/chai';
import { RowHeights, ViewPosition } from './virtual-window.ts';

const keys = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('RowHeights', () => {
  it('estimates unmeasured rows from the fallback, then from the average measured', () => {
    const rows = new RowHeights(50);
    rows.setKeys(keys(10));
    expect(rows.total).to.equal(500);
    expect(rows.measure('k0', 20)).to.equal(true);
    expect(rows.measure('k1', 40)).to.equal(true);
    expect(rows.measure('k1', 40.2), 'sub-pixel noise').to.equal(false);
    expect(rows.estimate).to.equal(30);
    expect(rows.offsetOf(2)).to.equal(60);
    expect(rows.total).to.equal(20 + 40 + 8 * 30);
  });

  it('finds the row at a position and the rows to render', () => {
    const rows = new RowHeights(10);
    rows.setKeys(keys(1000));
    expect(rows.indexAt(-5)).to.equal(0);
    expect(rows.indexAt(0)).to.equal(0);
    expect(rows.indexAt(9.9)).to.equal(0);
    expect(rows.indexAt(10)).to.equal(1);
    expect(rows.indexAt(1e9)).to.equal(999);
    expect(rows.range(5000, 100, 50)).to.deep.equal({ start: 495, end: 516 });
    expect(rows.range(9990, 100, 50)).to.deep.equal({ start: 994, end: 1000 });
    rows.setKeys([]);
    expect(rows.range(0, 100, 50)).to.deep.equal({ start: 0, end: 0 });
  });

  it('keeps an anchored position when rows are prepended or measured above it', () => {
    const rows = new RowHeights(10);
    rows.setKeys(keys(100));
    const anchor = rows.anchorAt(505)!;
    expect(anchor).to.deep.equal({ key: 'k50', delta: 5 });
    rows.setKeys([...keys(20, 'older'), ...keys(100)]);
    expect(rows.topOf(anchor)).to.equal(705);
    rows.measure('older0', 110); // and the estimate for the other rows follows it
    expect(rows.topOf(anchor))
      .to.equal(rows.offsetOf(70) + 5)
      .and.to.be.above(705);
    rows.setKeys(keys(5, 'other'));
    expect(rows.topOf(anchor), 'the row is gone').to.equal(undefined);
  });

  it('keeps measured heights across key changes and forgets them all on clear()', () => {
    const rows = new RowHeights(10);
    rows.setKeys(['a', 'b']);
    rows.measure('a', 100);
    rows.setKeys(['z', 'a', 'b']);
    expect(rows.offsetOf(2)).to.equal(200); // z estimated at the average (100), then a
    rows.clear();
    expect(rows.total).to.equal(30);
  });

  it('lays out 10,000 rows quickly', () => {
    const rows = new RowHeights(40);
    rows.setKeys(keys(10_000));
    const started = performance.now();
    for (let i = 0; i < 50; i++) {
      rows.measure(`k${i * 7}`, 30 + i);
      rows.range(i * 1000, 600, 300);
    }
    expect(performance.now() - started).to.be.below(100);
  });
});

describe('ViewPosition', () => {
  const setup = () => {
    const rows = new RowHeights(10);
    rows.setKeys(keys(100)); // 1000 px of rows below a 40 px notice, in a 200 px view
    return { rows, position: new ViewPosition(rows) };
  };
  const view = (scrollTop: number, scrollHeight = 1040) => ({ scrollTop, scrollHeight, clientHeight: 200 });

  it('follows the newest rows until the reader scrolls up', () => {
    const { rows, position } = setup();
    expect(position.restore(view(0), 40, 'k0')).to.equal(840);
    position.capture(view(820), 40, 'k0');
    expect(position.pinned, 'within 40 px of the bottom').to.equal(true);
    expect(position.viewTop(200, 0)).to.equal(800);
    position.capture(view(700), 40, 'k0');
    expect(position.pinned).to.equal(false);
    rows.setKeys([...keys(100), 'new']);
    expect(position.restore(view(700, 1050), 40, 'k0'), 'stays where the reader is').to.equal(700);
  });

  it('holds the anchored row in place when rows are prepended', () => {
    const { rows, position } = setup();
    position.capture(view(545), 40, 'k0'); // 5 px into k50
    rows.setKeys([...keys(30, 'older'), ...keys(100)]);
    position.rowsChanged();
    expect(position.restore(view(545, 1340), 40, 'older0')).to.equal(845);
  });

  it('keeps the very top in view for notices, then anchors on the first row', () => {
    const { rows, position } = setup();
    position.capture(view(0), 0, 'k0');
    expect(position.restore(view(0), 40, 'k0'), 'a notice appeared above').to.equal(0);
    rows.setKeys([...keys(30, 'older'), ...keys(100)]);
    expect(position.restore(view(0, 1340), 0, 'older0'), 'the notice went, older rows came').to.equal(300 - 40);
  });

  it('goes to the newest row when the anchored row is gone, and leaves a running jump alone', () => {
    const { rows, position } = setup();
    position.capture(view(300), 40, 'k0');
    rows.setKeys(keys(3, 'other'));
    position.rowsChanged();
    expect(position.pinned).to.equal(true);
  });

  it('leaves a smooth jump alone until it ends, or until the reader scrolls back up', () => {
    const { position } = setup();
    position.capture(view(100), 40, 'k0');
    position.startJump(100);
    position.capture(view(400), 40, 'k0');
    expect(position.restore(view(400), 40, 'k0')).to.equal(undefined);
    expect([position.endJump(), position.pinned]).to.deep.equal([true, true]);
    position.capture(view(100), 40, 'k0');
    position.startJump(100);
    position.capture(view(300), 40, 'k0');
    position.capture(view(250), 40, 'k0'); // the reader scrolls up mid-way
    expect([position.jumping, position.pinned, position.endJump()]).to.deep.equal([false, false, false]);
    expect(position.restore(view(250), 40, 'k0')).to.equal(250);
  });
});
