/** The environment for a build of the app: `env` with NODE_ENV=production (see release-build-env.mjs). */
export function releaseBuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv
