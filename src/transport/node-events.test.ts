import { expect } from '@esm-bundle/chai';
import { EventEmitter } from './node-events.ts';

describe("the build's EventEmitter (Node's rules, for xmpp.js and ltx)", () => {
  it('calls listeners in order with the arguments and the emitter as this, and says whether any listened', () => {
    const emitter = new EventEmitter();
    const calls: unknown[][] = [];
    emitter.on('x', function (this: unknown, ...args: unknown[]) {
      calls.push(['first', this === emitter, ...args]);
    });
    emitter.addListener('x', (...args: unknown[]) => calls.push(['second', ...args]));
    expect(emitter.emit('x', 1, 2)).to.equal(true);
    expect(emitter.emit('y')).to.equal(false);
    expect(calls).to.deep.equal([
      ['first', true, 1, 2],
      ['second', 1, 2],
    ]);
    expect(emitter.listenerCount('x')).to.equal(2);
  });

  it('runs a once listener once, and removes it by the function given', () => {
    const emitter = new EventEmitter();
    let heard = 0;
    const listener = () => (heard += 1);
    emitter.once('x', listener);
    emitter.emit('x');
    emitter.emit('x');
    expect(heard).to.equal(1);
    emitter.once('x', listener);
    expect(emitter.listeners('x')).to.deep.equal([listener]);
    emitter.off('x', listener);
    emitter.emit('x');
    expect(heard).to.equal(1);
    expect(emitter.listenerCount('x')).to.equal(0);
  });

  it('removes the last registration of a listener only, and leaves the current emit as it was', () => {
    const emitter = new EventEmitter();
    const calls: string[] = [];
    const a = () => calls.push('a');
    const b = () => {
      calls.push('b');
      emitter.removeListener('x', c);
    };
    const c = () => calls.push('c');
    emitter.on('x', a).on('x', b).on('x', c).on('x', a);
    emitter.emit('x');
    expect(calls, 'c still runs in the emit that removed it').to.deep.equal(['a', 'b', 'c', 'a']);
    emitter.removeListener('x', a);
    calls.length = 0;
    emitter.emit('x');
    expect(calls).to.deep.equal(['a', 'b']);
    emitter.removeAllListeners('x');
    expect(emitter.emit('x')).to.equal(false);
  });

  it('throws an error nobody listens to, and hands it to a listener otherwise', () => {
    const emitter = new EventEmitter();
    const error = new Error('broken');
    expect(() => emitter.emit('error', error)).to.throw(error);
    expect(() => emitter.emit('error', { message: 'odd' }))
      .to.throw('Unhandled error. (odd)')
      .with.property('context')
      .that.deep.equals({ message: 'odd' });
    const heard: unknown[] = [];
    emitter.on('error', (e: unknown) => heard.push(e));
    expect(emitter.emit('error', error)).to.equal(true);
    expect(heard).to.deep.equal([error]);
  });

  it('is a base class, as xmpp.js extends it', () => {
    class Socket extends EventEmitter {
      readonly name = 'socket';
    }
    const socket = new Socket();
    let heard = '';
    socket.on('data', function (this: Socket) {
      heard = this.name;
    });
    socket.emit('data');
    expect(heard).to.equal('socket');
    expect(() => socket.on('data', 'not a function' as never)).to.throw(TypeError);
  });
});
