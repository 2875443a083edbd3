/**
 * The environment for a build of the app: `env` with NODE_ENV=production. A build started from a test runner
 * inherits NODE_ENV=test, which Vite writes into the bundle, and React then ships its development build (larger,
 * and several times slower to render) into out/ — where `npm run web`, the e2e tests and the benchmarks use it.
 */
export function releaseBuildEnv(env) {
  return { ...env, NODE_ENV: 'production' }
}
