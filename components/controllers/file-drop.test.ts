import { expect } from '@esm-bundle/chai';
import { FileDrop } from './file-drop.ts';

/** An element standing in for the panel: a host with an inner area. */
function setUp(accepts?: (event: DragEvent) => boolean) {
  const host = Object.assign(document.createElement('div'), {
    updates: 0,
    addController(this: { controller?: FileDrop }, controller: FileDrop) {
      this.controller = controller;
    },
    removeController() {},
    requestUpdate(this: { updates: number }) {
      this.updates++;
    },
    updateComplete: Promise.resolve(true),
  });
  const inner = host.appendChild(document.createElement('p'));
  document.body.append(host);
  const dropped: string[][] = [];
  const drop = new FileDrop(host, { onDrop: (files) => dropped.push(files.map((f) => f.name)), accepts });
  drop.hostConnected();
  return { host, inner, drop, dropped };
}

function drag(target: EventTarget, type: string, ...files: File[]): DragEvent {
  const data = new DataTransfer();
  if (files.length) for (const file of files) data.items.add(file);
  else data.setData('text/plain', 'words');
  const event = new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true, composed: true });
  target.dispatchEvent(event);
  return event;
}

const file = (name: string) => new File(['x'], name, { type: 'text/plain' });

describe('FileDrop', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows the hint while files are over the element and its children, and hands over the dropped files', () => {
    const { host, inner, drop, dropped } = setUp();
    const a = file('a.txt');
    expect(drag(host, 'dragenter', a).defaultPrevented).to.equal(true);
    expect(drop.hint).to.equal(true);
    drag(inner, 'dragenter', a);
    drag(host, 'dragleave', a);
    expect(drop.hint).to.equal(true);
    // (A synthetic drag's dropEffect stays 'none': only the taking of the event can be checked.)
    expect(drag(inner, 'dragover', a).defaultPrevented).to.equal(true);
    expect(drag(inner, 'drop', a, file('b.txt')).defaultPrevented).to.equal(true);
    expect(dropped).to.deep.equal([['a.txt', 'b.txt']]);
    expect(drop.hint).to.equal(false);
    expect(host.updates).to.equal(2);
  });

  it('hides the hint when the files leave', () => {
    const { host, inner, drop } = setUp();
    drag(host, 'dragenter', file('a'));
    drag(inner, 'dragenter', file('a'));
    drag(host, 'dragleave', file('a'));
    drag(inner, 'dragleave', file('a'));
    expect(drop.hint).to.equal(false);
  });

  it('leaves drags without files to the browser', () => {
    const { host, drop, dropped } = setUp();
    expect(drag(host, 'dragenter').defaultPrevented).to.equal(false);
    expect(drag(host, 'dragover').defaultPrevented).to.equal(false);
    expect(drag(host, 'drop').defaultPrevented).to.equal(false);
    expect([drop.hint, dropped]).to.deep.equal([false, []]);
  });

  it('ignores drags the host does not accept, and stops listening when the host leaves', () => {
    let open = false;
    const { host, drop, dropped } = setUp(() => open);
    expect(drag(host, 'dragenter', file('a')).defaultPrevented).to.equal(false);
    drag(host, 'drop', file('a'));
    expect([drop.hint, dropped]).to.deep.equal([false, []]);
    open = true;
    drag(host, 'dragenter', file('a'));
    expect(drop.hint).to.equal(true);
    drop.hostDisconnected();
    expect(drop.hint).to.equal(false);
    drag(host, 'drop', file('a'));
    expect(dropped).to.deep.equal([]);
  });
});
