import { expect } from '@esm-bundle/chai';
import compose from './koa-compose.ts';

type Next = () => Promise<unknown>;

describe("koa-compose for the build's xmpp.js middleware", () => {
  it('runs the middleware in order around next, nested lists flattened, then the final next', async () => {
    const calls: string[] = [];
    const step = (name: string) => async (context: unknown, next: Next) => {
      calls.push(`${name} in`);
      await next();
      calls.push(`${name} out`);
    };
    await compose([step('a'), [step('b'), [step('c')]]])({}, () => {
      calls.push('end');
      return Promise.resolve();
    });
    expect(calls).to.deep.equal(['a in', 'b in', 'c in', 'end', 'c out', 'b out', 'a out']);
  });

  it('passes the context and the value through, and stops where next is not called', async () => {
    const context = { n: 0 };
    const composed = compose([
      (c: typeof context, next: Next) => next().then(() => c.n * 10),
      (c: typeof context) => {
        c.n += 1;
        return 'stopped';
      },
      () => {
        throw new Error('never reached');
      },
    ]);
    expect(await composed(context)).to.equal(10);
  });

  it('rejects what a middleware throws, a second next(), and refuses anything but functions', async () => {
    const boom = new Error('boom');
    const thrown = await compose([
      () => {
        throw boom;
      },
    ])({}).catch((error: unknown) => error);
    expect(thrown).to.equal(boom);
    const twice = await compose([(_: unknown, next: Next) => next().then(() => next())])({}).catch((error: Error) => error.message);
    expect(twice).to.equal('next() called multiple times');
    expect(() => compose('no')).to.throw(TypeError, 'Middleware stack must be an array!');
    expect(() => compose([() => undefined, 42])).to.throw(TypeError, 'Middleware must be composed of functions!');
  });
});
