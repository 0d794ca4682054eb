/**
 * A recording stand-in for Office.js proxy objects, for tests with office-addin-mock: every
 * property set and method call on the object tree is logged as a line ("sheet(X).getRange("A1").values=[[1]]"),
 * and an object passed as an argument is logged by its path.
 */
const paths = new WeakMap<object, string>();

export function sink(log: string[], path: string): any {
  const proxy = new Proxy(function () {}, {
    get: (_t, key) => (key === 'then' ? undefined : sink(log, `${path}.${String(key)}`)),
    set: (_t, key, value) => {
      log.push(`${path}.${String(key)}=${JSON.stringify(value)}`);
      return true;
    },
    apply: (_t, _this, args) => {
      const call = `${path}(${args.map((a) => paths.get(a) ?? JSON.stringify(a)).join(',')})`;
      log.push(call);
      return sink(log, call);
    },
  });
  paths.set(proxy, path);
  return proxy;
}
