/**
 * koa-compose 4 (which @xmpp/middleware runs its middleware through) as an ES module, for the
 * widget's build (see vite.config.ts): the package is CommonJS, which the bundler wraps in a
 * module object and interop helpers. Same behaviour: nested arrays are flattened, non-functions
 * refused, and each middleware's `next()` may be called once.
 */
type Middleware = (context: unknown, next: () => Promise<unknown>) => unknown;

function flatten(list: unknown[]): unknown[] {
  return list.reduce<unknown[]>((all, next) => all.concat(Array.isArray(next) ? flatten(next) : next), []);
}

export default function compose(middleware: unknown) {
  if (!Array.isArray(middleware)) throw new TypeError('Middleware stack must be an array!');
  const stack = flatten(middleware);
  for (const fn of stack) if (typeof fn !== 'function') throw new TypeError('Middleware must be composed of functions!');
  return (context: unknown, next?: Middleware): Promise<unknown> => {
    let index = -1; // the last middleware called
    const dispatch = (i: number): Promise<unknown> => {
      if (i <= index) return Promise.reject(new Error('next() called multiple times'));
      index = i;
      const fn = i === stack.length ? next : (stack[i] as Middleware | undefined);
      if (!fn) return Promise.resolve();
      try {
        return Promise.resolve(fn(context, dispatch.bind(null, i + 1)));
      } catch (error) {
        return Promise.reject(error); // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors -- as koa-compose: whatever was thrown
      }
    };
    return dispatch(0);
  };
}
