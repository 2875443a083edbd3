/**
 * The members `K` of an Electron API, typed from electron 45's own `electron.d.ts`: a double that declares a
 * member Electron does not have, or takes other arguments than Electron's, fails the type check. Electron's
 * event-emitting objects (the app, windows, web contents: what a chaining `this` return gives back) cannot be
 * doubled whole, so a method returning one may return anything; object-valued members only need to exist.
 */
export type Double<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => infer R ? (...args: A) => Loose<R> : unknown
}

type Loose<R> = R extends NodeJS.EventEmitter ? unknown : R extends readonly (infer E)[] ? Loose<E>[] : R
