/**
 * The only run-time globals `src/shared` may use: they exist in Node and in the browser alike. The shared check
 * (tsconfig.shared.json) compiles shared code against ES2023 and these, so a DOM or Node API there fails the build.
 */
declare class URL {
  constructor(url: string, base?: string)
  readonly protocol: string
}
